package pii

import (
	"strings"
)

// Date styles recognised next to a date-of-birth keyword. Ranges are not
// checked ("31/02/1950" still blocks): next to "DOB" anything shaped like
// a date is meant as one. Any mix of "/", ".", "-" or spaces separates
// numbers (the text is read first, so every dash is "-" and every space
// " ").
//
//	numeric, day first:  12/03/1954  3/3/54  12-03-1954  12.3.54  01 02 1960
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
	spaceRE = `[ \t]{1,3}`
	sepRE   = `(?:[ \t]{0,2}[/.\-][ \t]{0,2}|[ \t]{1,3})`
	dateRE  = `\d{1,2}` + sepRE + `\d{1,2}` + sepRE + yearRE +
		`|\d{4}` + sepRE + `\d{1,2}` + sepRE + `\d{1,2}` +
		`|` + dayRE + sepRE + `(?:of` + spaceRE + `)?` + monthRE + `(?:,?` + spaceRE + `|` + sepRE + `)` + yearRE +
		`|` + monthRE + spaceRE + dayRE + `,?` + spaceRE + `\d{4}` +
		`|` + monthRE + `,?` + spaceRE + `\d{4}`
	// dobKeywordRE is every way of writing "date of birth" the guard
	// knows, once read (so "ＤＯＢ" is "DOB" and any dash is "-").
	dobKeywordRE = `(?:dob|d\.\s?o\.\s?b\.?|date[\s_-]{1,3}of[\s_-]{1,3}birth|birth[\s_-]{0,3}date|born)`
	// After the keyword may come a little punctuation and "on", "is" or
	// "was" ("born on 3 March 1950", "date of birth: 1954-03-12"), or
	// nothing at all ("DOB12/03/1954").
	dobGapRE = `\s{0,3}(?:[:=()\[\]\-.,;]\s{0,3}){0,2}(?:(?:on|is|was)\s{1,3})?(?:the\s{1,3})?`
	// Before the keyword, a date may stand with a bracket or a dash
	// between: "01/02/1960 (DOB)", "12 Mar 1954 - date of birth".
	dobGapBeforeRE = `\s{0,3}(?:[(\[,:;\-]\s{0,3}){0,2}`
)

// Windows for matchAt: each is longer than the longest possible match of
// its pattern (about 60 bytes for a date and its gap, 13 for an age).
const (
	dobWindow = 96
	ageWindow = 24
)

var (
	dobKeyword = lazyRegexp(`^(?i)` + dobKeywordRE)
	dobAfter   = lazyRegexp(`^(?i)` + dobGapRE + `(` + dateRE + `)\b`)
	dobBefore  = lazyRegexp(`^(?i)(` + dateRE + `)` + dobGapBeforeRE + `$`)
	dateWord   = lazyRegexp(`^(?i)(?:of|` + monthRE + `)$`)
	agePattern = lazyRegexp(`^(?i)aged[ \t]{1,3}(\d{1,3})\b`)
	// cohortPattern follows an age when it describes a group rather than a
	// person ("aged 65 and over", "aged 18-64", "aged 75+"), which is
	// ordinary board language and not patient data.
	cohortPattern = lazyRegexp(`^(?i)(?:\s*(?:years?|yrs?)\b)?\s*(?:\+|[-/]|to\b|plus\b|` +
		`(?:and|or)\s+(?:over|above|under|older|younger|more|less|\d))`)
)

// scanDOB reports dates of birth (Block): a date just after a keyword, or
// just before one other than "born". Keywords start a word with d or b.
func scanDOB(out []Finding, f Field) []Finding {
	s := f.Text
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c != 'd' && c != 'b' || !wordStart(s, i) || !mayBeKeyword(s[i:]) {
			continue
		}
		k := matchAt(dobKeyword(), s, i, 32)
		if k == nil || k[1] < len(s) && isLetter(s[k[1]]) {
			continue // not a keyword, or only the start of a word ("Dobson")
		}
		keyword := tidySpace(s[i:k[1]])
		if m := matchAt(dobAfter(), s, k[1], dobWindow); m != nil {
			match := keyword + " " + maskDate(tidySpace(s[m[2]:m[3]]))
			out = append(out, newFinding(f, Block, KindDOB, match, span{i, m[3]}, "a date of birth (%q)"))
			i = m[1] - 1
			continue
		}
		if strings.EqualFold(keyword, "born") {
			continue
		}
		if date, ok := dateBefore(s, i); ok {
			match := maskDate(tidySpace(s[date.start:date.end])) + " " + keyword
			out = append(out, newFinding(f, Block, KindDOB, match, span{date.start, k[1]}, "a date of birth (%q)"))
			i = k[1] - 1
		}
	}
	return out
}

// mayBeKeyword is a cheap first test for dobKeyword: most words starting
// with d or b ("data", "by") fail it without a regexp being run.
func mayBeKeyword(s string) bool {
	if len(s) < 2 {
		return false
	}
	switch s[1] | 0x20 {
	case 'o':
		return hasPrefixFold(s, "dob") || hasPrefixFold(s, "born")
	case '.':
		return s[0]|0x20 == 'd'
	case 'a':
		return hasPrefixFold(s, "date")
	case 'i':
		return hasPrefixFold(s, "birth")
	}
	return false
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix
// p, in any case.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if s[i]|0x20 != p[i] && s[i] != p[i] {
			return false
		}
	}
	return true
}

// dateBefore finds a date ending just before s[i], past the little gap
// dobGapBeforeRE allows. Every date ends with a digit and spans at most
// four tokens ("1st of February 1960"), each a number, a month's name or
// "of", so the pattern is tried, anchored, only from those few places,
// farthest first: a keyword after a long run of figures costs no more
// than one anywhere else.
func dateBefore(s string, i int) (span, bool) {
	end := i
	for end > 0 && i-end < 12 && strings.IndexByte(" \t\n\r([,:;-", s[end-1]) >= 0 {
		end--
	}
	if end == 0 || !isDigit(s[end-1]) {
		return span{}, false
	}
	var starts [4]int
	n := 0
	for j := end; n < len(starts); n++ {
		k := j
		for n > 0 && k > 0 && j-k < 4 && strings.IndexByte(" \t/.-,", s[k-1]) >= 0 {
			k--
		}
		t := k
		for t > 0 && (isDigit(s[t-1]) || isLetter(s[t-1])) {
			t--
		}
		if t == k || !dateToken(s[t:k]) {
			break
		}
		starts[n], j = t, t
	}
	for n--; n >= 0; n-- {
		if m := dobBefore().FindStringSubmatchIndex(s[starts[n]:i]); m != nil {
			return span{starts[n] + m[2], starts[n] + m[3]}, true
		}
	}
	return span{}, false
}

// dateToken reports the words a date is made of: a number (maybe
// ordinal, "1st"), a month's name or its abbreviation, or "of".
func dateToken(w string) bool {
	d := 0
	for d < len(w) && isDigit(w[d]) {
		d++
	}
	if d > 0 {
		switch strings.ToLower(w[d:]) {
		case "", "st", "nd", "rd", "th":
			return d <= 4
		}
		return false
	}
	return dateWord().MatchString(w)
}

// scanAges warns about ages ("aged 84"), clues to who a patient is, but
// not about cohorts ("aged 65 and over").
func scanAges(out []Finding, f Field) []Finding {
	s := f.Text
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != 'a' || !hasPrefixFold(s[i:], "aged") || !wordStart(s, i) {
			continue
		}
		m := matchAt(agePattern(), s, i, ageWindow)
		if m == nil || cohortPattern().MatchString(s[m[1]:min(len(s), m[1]+40)]) {
			continue
		}
		out = append(out, newFinding(f, Warn, KindAge, "aged "+s[m[2]:m[3]], span{i, m[1]},
			"an age (%q), a clue to who a patient is"))
		i = m[1] - 1
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
