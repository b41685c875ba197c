package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is an NHS financial-year quarter, written "2026/27 Q3". The
// financial year runs 1 April to 31 March; Q1 is April–June.
type Period struct {
	// Year is the calendar year in which the financial year starts (2026 for 2026/27).
	Year int
	// Quarter is 1..4.
	Quarter int
}

// PeriodOf returns the quarter that contains t (in t's own location).
func PeriodOf(t time.Time) Period {
	m := int(t.Month())
	if m >= 4 {
		return Period{Year: t.Year(), Quarter: (m-4)/3 + 1}
	}
	return Period{Year: t.Year() - 1, Quarter: 4}
}

// ParsePeriod reads "2026/27 Q3". The second half of the year must follow the
// first, so "2026/28" is refused rather than guessed at.
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	fy, q, ok := strings.Cut(s, " ")
	if !ok {
		return Period{}, fmt.Errorf("period %q: want a financial-year quarter such as \"2026/27 Q3\"", s)
	}
	year, err := ParseFinancialYear(fy)
	if err != nil {
		return Period{}, fmt.Errorf("period %q: %w", s, err)
	}
	q = strings.TrimSpace(q)
	if len(q) != 2 || (q[0] != 'Q' && q[0] != 'q') || q[1] < '1' || q[1] > '4' {
		return Period{}, fmt.Errorf("period %q: quarter must be Q1, Q2, Q3 or Q4", s)
	}
	return Period{Year: year, Quarter: int(q[1] - '0')}, nil
}

// ParseFinancialYear reads "2026/27" and returns its starting calendar year.
func ParseFinancialYear(s string) (int, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok || len(a) != 4 || len(b) != 2 {
		return 0, fmt.Errorf("financial year %q: want the form 2026/27", s)
	}
	year, err1 := strconv.Atoi(a)
	next, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || year < 1948 || year > 9998 {
		return 0, fmt.Errorf("financial year %q: want the form 2026/27", s)
	}
	if next != (year+1)%100 {
		return 0, fmt.Errorf("financial year %q: %02d does not follow %d", s, next, year)
	}
	return year, nil
}

// FinancialYear returns the year part, "2026/27".
func (p Period) FinancialYear() string {
	return FinancialYearString(p.Year)
}

// FinancialYearString writes the financial year starting in year as "2026/27".
func FinancialYearString(year int) string {
	return fmt.Sprintf("%d/%02d", year, (year+1)%100)
}

// String writes the period as "2026/27 Q3".
func (p Period) String() string {
	return fmt.Sprintf("%s Q%d", p.FinancialYear(), p.Quarter)
}

// IsZero reports whether p was never set.
func (p Period) IsZero() bool { return p == Period{} }

// Next returns the following quarter.
func (p Period) Next() Period {
	if p.Quarter == 4 {
		return Period{Year: p.Year + 1, Quarter: 1}
	}
	return Period{Year: p.Year, Quarter: p.Quarter + 1}
}

// Before reports whether p comes before q.
func (p Period) Before(q Period) bool {
	return p.Year < q.Year || (p.Year == q.Year && p.Quarter < q.Quarter)
}
