// Package domain holds pcnvoice's nouns — PCNs, practices, services, workload
// notes, priorities and periods — and the rules that make them valid. It
// imports neither SQL nor Bubble Tea, so every layer can share it.
package domain

import "strings"

// NormaliseCode trims white space and upper-cases an NHS organisation code,
// the way codes arrive from spreadsheets and hand typing.
func NormaliseCode(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

// ValidPracticeCode reports whether s is a GP practice ODS code: one letter
// and five digits (Y-prefixed codes included). s must already be normalised.
func ValidPracticeCode(s string) bool {
	return len(s) == 6 && s[0] >= 'A' && s[0] <= 'Z' && digits(s[1:])
}

// ValidPCNCode reports whether s is a PCN code: U and five digits. s must
// already be normalised.
func ValidPCNCode(s string) bool { return len(s) == 6 && s[0] == 'U' && digits(s[1:]) }

// digits reports whether s is all ASCII digits. Checked by hand rather than
// with a regexp: every command, status over SSH included, links this
// package, and compiling patterns at start-up costs more than the check.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
