package pii

import (
	"strings"
)

// Date styles recognised after a date-of-birth keyword. Ranges are not
// checked ("31/02/1950" still blocks): next to "DOB" anything shaped like
// a date is meant as one.
//
//	numeric, day first:  12/03/1954  3/3/54  12-03-1954  12.3.54
//	numeric, year first: 1954-03-12  1954/3/12
//	day and month name:  3 March 1950  3rd Mar 1950  3rd of March, 1950  12 Mar 54
//	clinical system:     12-Mar-1954  12-MAR-54  12/Mar/1954
//	month name first:    March 3, 1950  Mar 3rd 1950
//	month and year:      March 1950  Sept. 1950
//
// A year alone ("born in 1950") is not matched: "born" also starts
// sentences about services, and a year alone is not a date of birth.
const (
	monthRE = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|` +
		`aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?`
	dayRE   = `\d{1,2}(?:st|nd|rd|th)?`
	yearRE  = `(?:\d{4}|\d{2})`
	spaceRE = `[ \t\x{00a0}]{1,3}`
	dateRE  = `\d{1,2}/\d{1,2}/` + yearRE +
		`|\d{1,2}\.\d{1,2}\.` + yearRE +
		`|\d{1,2}-\d{1,2}-` + yearRE +
		`|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}` +
		`|\d{1,2}-` + monthRE + `-` + yearRE +
		`|\d{1,2}/` + monthRE + `/` + yearRE +
		`|` + dayRE + spaceRE + `(?:of` + spaceRE + `)?` + monthRE + `,?` + spaceRE + yearRE +
		`|` + monthRE + spaceRE + dayRE + `,?` + spaceRE + `\d{4}` +
		`|` + monthRE + `,?` + spaceRE + `\d{4}`
	// The keyword may be followed by a little punctuation and "on", "is"
	// or "was" ("born on 3 March 1950", "date of birth: 1954-03-12"), or
	// by nothing at all ("DOB12/03/1954").
	dobKeywordRE = `(dob|d\.\s?o\.\s?b\.?|date\s{1,3}of\s{1,3}birth|born)`
	dobGapRE     = `\s{0,3}(?:[:=(\-–]\s{0,3})?(?:(?:on|is|was)\s{1,3})?(?:the\s{1,3})?`
)

// Windows for matchAt: each is longer than the longest possible match of
// its pattern (about 80 bytes for a date of birth, 13 for an age).
const (
	dobWindow = 128
	ageWindow = 24
)

var (
	dobPattern = lazyRegexp(`^(?i)` + dobKeywordRE + dobGapRE + `(` + dateRE + `)\b`)
	agePattern = lazyRegexp(`^(?i)aged[ \t\x{00a0}]{1,3}(\d{1,3})\b`)
	// cohortPattern follows an age when it describes a group rather than a
	// person ("aged 65 and over", "aged 18-64", "aged 75+"), which is
	// ordinary board language and not patient data.
	cohortPattern = lazyRegexp(`^(?i)(?:\s*(?:years?|yrs?)\b)?\s*(?:\+|[-–/]|to\b|plus\b|` +
		`(?:and|or)\s+(?:over|above|under|older|younger|more|less|\d))`)
)

// scanDates reports dates of birth (Block) and ages (Warn). Matches start
// at a word beginning with d, b (dob, date of birth, born) or a (aged).
func scanDates(out []Finding, f Field) []Finding {
	s := f.Text
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if (c != 'd' && c != 'b' && c != 'a') || !wordStart(s, i) {
			continue
		}
		if c == 'a' {
			m := matchAt(agePattern(), s, i, ageWindow)
			if m == nil || cohortPattern().MatchString(s[m[1]:min(len(s), m[1]+40)]) {
				continue
			}
			out = append(out, newFinding(f, Warn, KindAge, "aged "+s[m[2]:m[3]], i,
				"an age (%q), a clue to who a patient is"))
			i = m[1] - 1
			continue
		}
		if m := matchAt(dobPattern(), s, i, dobWindow); m != nil {
			match := tidySpace(s[m[2]:m[3]]) + " " + maskDate(tidySpace(s[m[4]:m[5]]))
			out = append(out, newFinding(f, Block, KindDOB, match, i, "a date of birth (%q)"))
			i = m[1] - 1
		}
	}
	return out
}

// tidySpace turns each run of whitespace into one space so a match spread
// over lines or tabs prints on one line.
func tidySpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// maskDate hides the day and month digits of a date of birth but keeps the
// year and any month name ("12/03/1954" → "**/**/1954", "3 March 1950" →
// "* March 1950"), so a finding points at the right text without repeating
// a patient's birthday in a terminal or log.
func maskDate(d string) string {
	last := strings.LastIndexFunc(d, func(r rune) bool { return r < '0' || r > '9' })
	b := []byte(d)
	for i := 0; i <= last && i < len(b); i++ {
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = '*'
		}
	}
	return string(b)
}
