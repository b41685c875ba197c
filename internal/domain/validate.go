package domain

import (
	"fmt"
	"time"
)

// MaxListSize is the largest list size a practice may have (SPEC §4). The
// biggest practices in England hold about 100,000 patients; the bound is
// there so that no file or form can store a figure that overflows a sum.
const MaxListSize = 1_000_000

// FieldError names the member at fault, e.g. "workload[3].severity", and why.
type FieldError struct {
	Field string
	Msg   string
}

// Error gives "field: message".
func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

func fieldErr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// ValidDate reports whether s is a calendar date written YYYY-MM-DD.
func ValidDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// Validate checks a PCN's own fields; field names are prefixed with prefix
// ("pcn" in a submission).
func (p PCN) Validate(prefix string) error {
	if !ValidPCNCode(p.Code) {
		return fieldErr(prefix+".code", "%q is not a PCN code (U and five digits, e.g. U51234)", p.Code)
	}
	if p.Name == "" {
		return fieldErr(prefix+".name", "must not be empty")
	}
	if p.Population < 0 {
		return fieldErr(prefix+".population", "must not be negative")
	}
	return nil
}

// Validate checks a practice.
func (p Practice) Validate(prefix string) error {
	if !ValidPracticeCode(p.ODSCode) {
		return fieldErr(prefix+".ods_code", "%q is not a GP practice code (a letter and five digits, e.g. N81002)", p.ODSCode)
	}
	if p.ListSize < 0 || p.ListSize > MaxListSize {
		return fieldErr(prefix+".list_size", "must be a whole number from 0 to 1,000,000 (got %d)", p.ListSize)
	}
	return nil
}

// Validate checks a service.
func (s Service) Validate(prefix string) error {
	if s.Key == "" {
		return fieldErr(prefix+".key", "must not be empty")
	}
	if _, err := ParseStatus(string(s.Status)); err != nil {
		return fieldErr(prefix+".status", "%q is not a status (green, amber, red or not_started)", s.Status)
	}
	return nil
}

// Validate checks a workload note.
func (n Note) Validate(prefix string) error {
	if n.Category == "" {
		return fieldErr(prefix+".category", "must not be empty")
	}
	if !n.Severity.Valid() {
		return fieldErr(prefix+".severity", "must be 1 (low), 2 (medium) or 3 (high), got %d", int(n.Severity))
	}
	if !ValidDate(n.Date) {
		return fieldErr(prefix+".date", "%q is not a date written YYYY-MM-DD", n.Date)
	}
	return nil
}

// Validate checks a priority's own fields (not its rank among others).
func (p Priority) Validate(prefix string) error {
	if p.Theme == "" {
		return fieldErr(prefix+".theme", "must not be empty")
	}
	if p.Title == "" {
		return fieldErr(prefix+".title", "must not be empty")
	}
	return nil
}

// ValidateRanks checks that priorities, in order, are ranked 1..n with no gap
// or repeat.
func ValidateRanks(prefix string, ps []Priority) error {
	for i, p := range ps {
		if p.Rank != i+1 {
			return fieldErr(fmt.Sprintf("%s[%d].rank", prefix, i), "ranks must run 1, 2, 3 … with no gaps or repeats; expected %d, got %d", i+1, p.Rank)
		}
	}
	return nil
}
