package pii

import (
	"strings"
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

// maxSep bounds a separator run: groups further apart than eight spaces
// are separate numbers (a table's columns), not one written in groups.
const maxSep = 8

// isSep reports the bytes that separate digit groups in read text: spaces
// and tabs, dashes, dots and slashes (their Unicode look-alikes read as
// these).
func isSep(c byte) bool {
	return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '/'
}

// scanNHS finds NHS numbers. Digits are read as chains: groups of digits
// joined by one separator run each (see isSep and maxSep). Anything else
// — a letter, a comma, a line break — ends a chain, so "ref9434765919" is
// still read. In a chain, a candidate is:
//
//   - the whole chain, if it holds exactly ten digits, however grouped
//     ("94 3476 5919", "9 4 3 4 7 6 5 9 1 9", "943.476.5919");
//   - a single group of ten digits ("Case 3, 9434765919");
//   - three groups shaped 3-3-4, the NHS grouping ("Case 3 943 476 5919");
//   - consecutive groups of ten digits in all, joined by one kind of
//     separator, where the chain goes on (if it does) with another kind
//     ("1. 94 3476 5919": the dot ends the list number).
//
// A candidate passing the check blocks. A 3-3-4 one failing it warns (a
// mistyped NHS number is still one); others failing it are some other
// number. Whole chains that are telephone numbers are skipped (phone).
//
// The last rule is what keeps date ranges and lists of figures from
// reading as NHS numbers: "01/04/2026 - 31/03/2027" holds ten digits in a
// row of groups ("01/04/2026 - 31") only across two kinds of separator.
func scanNHS(out []Finding, groups []span, f Field) ([]Finding, []span) {
	s := f.Text
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		groups = groups[:0]
		for {
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			groups = append(groups, span{i, j})
			k := j
			for k < len(s) && k-j < maxSep && isSep(s[k]) {
				k++
			}
			if k == j || k >= len(s) || !isDigit(s[k]) {
				i = j
				break
			}
			i = k
		}
		out = nhsInChain(out, f, groups)
	}
	return out, groups
}

// chain is one chain of digit groups in a read text.
type chain struct {
	s      string
	groups []span
}

func (c chain) len(k int) int { return c.groups[k].end - c.groups[k].start }

// sep gives the kind of the separator before group k (k >= 1): '-' if it
// holds a dash, else '/' or '.' if it holds one, else ' '.
func (c chain) sep(k int) byte {
	run := c.s[c.groups[k-1].end:c.groups[k].start]
	for _, kind := range []byte{'-', '/', '.'} {
		if strings.IndexByte(run, kind) >= 0 {
			return kind
		}
	}
	return ' '
}

// digits copies the digits of groups a..b into buf.
func (c chain) digits(buf []byte, a, b int) []byte {
	buf = buf[:0]
	for k := a; k <= b; k++ {
		buf = append(buf, c.s[c.groups[k].start:c.groups[k].end]...)
	}
	return buf
}

// nhsInChain reports the candidates in one chain.
func nhsInChain(out []Finding, f Field, groups []span) []Finding {
	c := chain{f.Text, groups}
	total := 0
	for k := range groups {
		total += c.len(k)
	}
	if total < 10 || phone(c, total) {
		return out
	}
	last := len(groups) - 1
	var buf [16]byte
	report := func(a, b int, warn bool) bool {
		d := c.digits(buf[:0], a, b)
		valid := len(d) == 10 && ValidNHSNumber(string(d))
		if valid || warn {
			out = append(out, nhsFinding(f, span{groups[a].start, groups[b].end}, valid))
		}
		return valid
	}
	grouped := func(a int) bool { return a+2 <= last && c.len(a) == 3 && c.len(a+1) == 3 && c.len(a+2) == 4 }
	if total == 10 {
		report(0, last, grouped(0))
		return out
	}
	for a := 0; a <= last; {
		switch {
		case c.len(a) == 10:
			report(a, a, false)
			a++
		case grouped(a):
			report(a, a+2, true)
			a += 3
		default:
			if b, ok := c.evenWindow(a); ok && report(a, b, false) {
				a = b + 1
				continue
			}
			a++
		}
	}
	return out
}

// evenWindow finds the groups a..b (b > a) holding ten digits in all,
// joined by one kind of separator, with the chain going on (if at all)
// through another kind on both sides.
func (c chain) evenWindow(a int) (int, bool) {
	last := len(c.groups) - 1
	if a == last {
		return 0, false
	}
	kind := c.sep(a + 1)
	if a > 0 && c.sep(a) == kind {
		return 0, false
	}
	sum := c.len(a)
	for b := a + 1; b <= last && c.sep(b) == kind; b++ {
		sum += c.len(b)
		if sum == 10 {
			return b, b == last || c.sep(b+1) != kind
		}
		if sum > 10 {
			break
		}
	}
	return 0, false
}

// phone reports chains that are UK telephone numbers: eleven digits
// starting with 0 ("0161 943 4765", "07700 900123"), and international
// ones after +44 or 0044, including the national part after "+44 (0)".
// Their ten-digit national part would otherwise be read as an NHS number.
func phone(c chain, total int) bool {
	first := c.s[c.groups[0].start:c.groups[0].end]
	if total == 11 && first[0] == '0' {
		return true
	}
	before := strings.TrimRight(c.s[:c.groups[0].start], " \t")
	// A UK number is nine or ten digits after the country code, so only
	// chains that long are taken for one: "+4463070000" is no telephone
	// number, and 0044630700 is a valid NHS number.
	if strings.HasPrefix(first, "0044") && total >= 13 ||
		strings.HasPrefix(first, "44") && total >= 11 && strings.HasSuffix(before, "+") {
		return true
	}
	before, ok := strings.CutSuffix(before, "(0)")
	if !ok {
		return false
	}
	before = strings.TrimRight(before, " \t")
	if strings.HasSuffix(before, "0044") {
		return true
	}
	before, ok = strings.CutSuffix(before, "44")
	return ok && strings.HasSuffix(strings.TrimRight(before, " \t"), "+")
}

func nhsFinding(f Field, sp span, valid bool) Finding {
	m := maskNHS(f.Text[sp.start:sp.end])
	if valid {
		return newFinding(f, Block, KindNHSNumber, m, sp, "a valid NHS number (%q)")
	}
	return newFinding(f, Warn, KindNHSNumberInvalid, m, sp,
		"a number in NHS-number grouping that fails the check digit, maybe a mistyped NHS number (%q)")
}

// maskNHS keeps the first three and last two digits, enough for the user
// to recognise which number is meant but far from enough to identify a
// patient. Each separator run becomes one character of its kind (see
// chain.sep).
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
		j := i
		for j < len(s) && !isDigit(s[j]) {
			j++
		}
		b.WriteByte(chain{s, []span{{0, i}, {j, j}}}.sep(1))
		i = j
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
