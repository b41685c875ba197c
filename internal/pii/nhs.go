package pii

import (
	"strings"
	"unicode/utf8"
)

// ValidNHSNumber reports whether digits is exactly ten ASCII digits passing
// the NHS Modulus 11 check: weights 10 down to 2 on the first nine digits,
// check = 11 - (sum mod 11), where 11 means 0 and 10 means no number can
// carry that prefix. Note that 0000000000 and 1111111111 pass: the guard
// treats them as NHS numbers, because a checker cannot know they are fake.
func ValidNHSNumber(digits string) bool {
	if len(digits) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 10; i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		if i < 9 {
			sum += int(c-'0') * (10 - i)
		}
	}
	check := 11 - sum%11
	switch check {
	case 11:
		check = 0
	case 10:
		return false
	}
	return int(digits[9]-'0') == check
}

// span is a byte range [start, end) of a text.
type span struct{ start, end int }

// scanNHS finds NHS-number-shaped digits. Digits are read as chains: runs
// of ASCII digits joined by short separators (spaces, at most one hyphen,
// or their Unicode look-alikes; see sepLen). Inside a chain, a candidate
// is a window of whole runs shaped 3-3-4 (NHS grouping; separators may be
// mixed) or a single run of exactly ten digits; a run longer than ten is
// some other number and never yields a window. Letters and other
// punctuation end a chain, so "ref9434765919" is still a candidate.
//
// Chains that look like telephone numbers are skipped: those after "+" or
// "(0)" (international format, "+44 161 943 4765") and those whose first
// run starts with 0 but is not itself a candidate (an area code, as in
// "0161 9434765919"). UK telephone numbers in domestic format are eleven
// digits grouped 5-6, 4-3-4 or 3-4-4, so they almost never fit 3-3-4 or a
// lone ten-digit run and need no further excuse.
//
// chain is scratch space returned for reuse, keeping Scan's allocations
// independent of the number of digit runs in the text.
func scanNHS(out []Finding, chain []span, f Field) ([]Finding, []span) {
	s := f.Text
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		chain = chain[:0]
		for {
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			chain = append(chain, span{i, j})
			n, _ := sepLen(s, j)
			if n == 0 || j+n >= len(s) || !isDigit(s[j+n]) {
				i = j
				break
			}
			i = j + n
		}
		out = nhsInChain(out, f, chain)
	}
	return out, chain
}

// nhsInChain reports the candidates in one chain of digit runs.
func nhsInChain(out []Finding, f Field, chain []span) []Finding {
	s := f.Text
	international := strings.HasSuffix(s[:chain[0].start], "+") ||
		strings.HasSuffix(s[:chain[0].start], "(0)") ||
		strings.HasSuffix(s[:chain[0].start], "(0) ")
	if international {
		return out
	}
	runLen := func(k int) int { return chain[k].end - chain[k].start }
	grouped := func(k int) bool {
		return k+2 < len(chain) && runLen(k) == 3 && runLen(k+1) == 3 && runLen(k+2) == 4
	}
	if s[chain[0].start] == '0' && !grouped(0) && runLen(0) != 10 {
		return out // an area code leads: a telephone number
	}
	for k := 0; k < len(chain); {
		switch {
		case grouped(k):
			sp := span{chain[k].start, chain[k+2].end}
			digits := s[chain[k].start:chain[k].end] + s[chain[k+1].start:chain[k+1].end] +
				s[chain[k+2].start:chain[k+2].end]
			if ValidNHSNumber(digits) {
				out = append(out, nhsFinding(f, sp, Block))
			} else {
				out = append(out, nhsFinding(f, sp, Warn))
			}
			k += 3
		case runLen(k) == 10:
			// Run together and failing the check is most likely some other
			// reference, so only a valid one is reported.
			if ValidNHSNumber(s[chain[k].start:chain[k].end]) {
				out = append(out, nhsFinding(f, chain[k], Block))
			}
			k++
		default:
			k++
		}
	}
	return out
}

func nhsFinding(f Field, sp span, level Level) Finding {
	m := maskNHS(f.Text[sp.start:sp.end])
	if level == Block {
		return newFinding(f, Block, KindNHSNumber, m, sp.start, "a valid NHS number (%q)")
	}
	return newFinding(f, Warn, KindNHSNumberInvalid, m, sp.start,
		"a number in NHS-number grouping that fails the check digit, maybe a mistyped NHS number (%q)")
}

// maskNHS keeps the first three and last two digits, enough for the user
// to recognise which number is meant but far from enough to identify a
// patient. Each separator becomes one ASCII space or hyphen.
func maskNHS(s string) string {
	var b strings.Builder
	d := 0
	for i := 0; i < len(s); {
		if isDigit(s[i]) {
			if d >= 3 && d <= 7 {
				b.WriteByte('*')
			} else {
				b.WriteByte(s[i])
			}
			d++
			i++
			continue
		}
		n, dash := sepLen(s, i)
		if n == 0 {
			n = 1 // cannot happen for a span scanNHS built; never loop forever
		}
		if dash {
			b.WriteByte('-')
		} else {
			b.WriteByte(' ')
		}
		i += n
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// maxSepRunes bounds a separator: groups further apart than "943 - 476"
// are separate numbers, not one written in groups.
const maxSepRunes = 3

// sepLen measures the digit-group separator at s[i]: up to maxSepRunes
// runes of spaces and tabs with at most one dash among them, as in
// "943 476 5919", "943-476-5919", "943 - 476 - 5919" or "943  476  5919".
// It returns the byte length (0 when there is none) and whether a dash
// was seen. No-break spaces and typographic dashes are included because
// numbers pasted from Word or a clinical system often carry them.
func sepLen(s string, i int) (n int, dash bool) {
	for runes := 0; runes < maxSepRunes && i+n < len(s); runes++ {
		c := s[i+n]
		if c == ' ' || c == '\t' {
			n++
			continue
		}
		if c == '-' && !dash {
			n, dash = n+1, true
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i+n:])
		switch {
		case r == '\u00a0' || r == '\u2009' || r == '\u202f': // no-break, thin, narrow no-break
			n += size
		case isDashRune(r) && !dash:
			n, dash = n+size, true
		default:
			return n, dash
		}
	}
	return n, dash
}

// isDashRune reports the dashes accepted between digit groups: ASCII
// hyphen, Unicode hyphen, non-breaking hyphen, figure dash and en dash.
func isDashRune(r rune) bool {
	return r == '-' || (r >= '\u2010' && r <= '\u2013')
}
