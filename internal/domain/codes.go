// Package domain holds pcnvoice's nouns — PCNs, practices, services, workload
// notes, priorities and periods — and the rules that make them valid. It
// imports neither SQL nor Bubble Tea, so every layer can share it.
package domain

import (
	"regexp"
	"strings"
)

var (
	practiceCodeRe = regexp.MustCompile(`^[A-Z][0-9]{5}$`)
	pcnCodeRe      = regexp.MustCompile(`^U[0-9]{5}$`)
)

// NormaliseCode trims white space and upper-cases an NHS organisation code,
// the way codes arrive from spreadsheets and hand typing.
func NormaliseCode(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

// ValidPracticeCode reports whether s is a GP practice ODS code: one letter
// and five digits (Y-prefixed codes included). s must already be normalised.
func ValidPracticeCode(s string) bool { return practiceCodeRe.MatchString(s) }

// ValidPCNCode reports whether s is a PCN code: U and five digits. s must
// already be normalised.
func ValidPCNCode(s string) bool { return pcnCodeRe.MatchString(s) }
