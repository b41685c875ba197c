// Package wording writes figures the way NHS papers and the app's screens
// write them: list sizes with thousands separators, counts with the noun
// they count. The terminal, the board papers, the command line and the
// change summaries all say "41,230" and "1 note" alike because they all
// ask here.
package wording

import (
	"strconv"
	"strings"
)

// Thousands writes n with comma separators: 41230 → "41,230".
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	b := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		b = append(b, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// Plural writes "1 note" or "3 notes" (and "1,204 notes").
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Thousands(int64(n)) + " " + many
}

// List joins items as a sentence does: "A", "A and B", "A, B and C".
func List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Ordinal writes 1 as "1st", 2 as "2nd", 11 as "11th": a place in a
// ranking.
func Ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
