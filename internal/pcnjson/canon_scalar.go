package pcnjson

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxSafe is the largest whole number a JSON number carries exactly
// (2^53−1): I-JSON's bound, and what an independent checker in any
// language reads back as the same number.
const maxSafe = 1<<53 - 1

// str reads a string at c.pos, writes it in canonical form and returns it
// decoded. Canonical strings escape only '"', '\\' and controls below
// U+0020 (\b \t \n \f \r by name, the rest as \u00xx); everything else,
// '/', DEL and U+2028 included, is written as itself.
func (c *canonicaliser) str() ([]byte, error) {
	c.pos++ // "
	// Fast path: no escapes and nothing to escape, the common case.
	for i := c.pos; i < len(c.src); i++ {
		b := c.src[i]
		if plainByte[b] {
			continue
		}
		switch {
		case b == '"':
			s := c.src[c.pos:i]
			c.out = append(c.out, '"')
			c.out = append(c.out, s...)
			c.out = append(c.out, '"')
			c.pos = i + 1
			return s, nil
		case b == '\\' || b < 0x20:
			return c.slowStr()
		case b >= 0xEF:
			if r := noncharAt(c.src, i); r != 0 {
				return nil, c.nonchar(r)
			}
		}
	}
	return nil, &problem{syntax: true, offset: len(c.src), msg: "it ends too early"}
}

// plainByte marks the bytes a string's fast path copies without a second
// look: not a quote, backslash or control, and not a lead byte that may
// begin a noncharacter (EF, F0–F4).
var plainByte = func() (t [256]bool) {
	for b := 0x20; b < 0xEF; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// slowStr reads a string with escapes (or a raw control, which is an
// error) from c.pos, just after the opening quote.
func (c *canonicaliser) slowStr() ([]byte, error) {
	dec := make([]byte, 0, 64)
	for {
		if c.pos >= len(c.src) {
			return nil, c.unexpected()
		}
		b := c.src[c.pos]
		switch {
		case b == '"':
			c.pos++
			c.writeString(dec)
			return dec, nil
		case b < 0x20:
			return nil, c.unexpected()
		case b != '\\':
			if b >= 0xEF {
				if r := noncharAt(c.src, c.pos); r != 0 {
					return nil, c.nonchar(r)
				}
			}
			dec = append(dec, b)
			c.pos++
			continue
		}
		if c.pos+1 >= len(c.src) {
			c.pos++
			return nil, c.unexpected()
		}
		e := c.src[c.pos+1]
		c.pos += 2
		switch e {
		case '"', '\\', '/':
			dec = append(dec, e)
		case 'b':
			dec = append(dec, '\b')
		case 'f':
			dec = append(dec, '\f')
		case 'n':
			dec = append(dec, '\n')
		case 'r':
			dec = append(dec, '\r')
		case 't':
			dec = append(dec, '\t')
		case 'u':
			r, err := c.escapedRune()
			if err != nil {
				return nil, err
			}
			dec = utf8.AppendRune(dec, r)
		default:
			c.pos--
			return nil, c.unexpected()
		}
	}
}

// escapedRune reads the XXXX of \uXXXX at c.pos, and the second half of a
// surrogate pair after it.
func (c *canonicaliser) escapedRune() (rune, error) {
	r, ok := c.hex4()
	if !ok {
		return 0, c.unexpected()
	}
	if !utf16.IsSurrogate(r) {
		if isNonchar(r) {
			return 0, c.nonchar(r)
		}
		return r, nil
	}
	if r >= 0xDC00 || c.pos+1 >= len(c.src) || c.src[c.pos] != '\\' || c.src[c.pos+1] != 'u' {
		return 0, c.fault("holds a lone UTF-16 surrogate (\\u%04x), which is not a character: export the file again", r)
	}
	c.pos += 2
	lo, ok := c.hex4()
	if !ok {
		return 0, c.unexpected()
	}
	if lo < 0xDC00 || lo > 0xDFFF {
		return 0, c.fault("holds a lone UTF-16 surrogate (\\u%04x), which is not a character: export the file again", r)
	}
	r = utf16.DecodeRune(r, lo)
	if isNonchar(r) {
		return 0, c.nonchar(r)
	}
	return r, nil
}

func (c *canonicaliser) hex4() (rune, bool) {
	if c.pos+4 > len(c.src) {
		c.pos = len(c.src)
		return 0, false
	}
	var r rune
	for k, b := range c.src[c.pos : c.pos+4] {
		switch {
		case b >= '0' && b <= '9':
			r = r<<4 | rune(b-'0')
		case b >= 'a' && b <= 'f':
			r = r<<4 | rune(b-'a'+10)
		case b >= 'A' && b <= 'F':
			r = r<<4 | rune(b-'A'+10)
		default:
			c.pos += k
			return 0, false
		}
	}
	c.pos += 4
	return r, true
}

func (c *canonicaliser) nonchar(r rune) *problem {
	return c.fault("holds U+%04X, a Unicode noncharacter, which I-JSON forbids: remove it and export the file again", r)
}

// isNonchar reports whether r is one of Unicode's 66 noncharacters.
func isNonchar(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE
}

// noncharAt returns the noncharacter that starts at s[i], or 0. s is valid
// UTF-8 and s[i] at least 0xEF: every noncharacter is written EF B7 90–AF
// (U+FDD0–FDEF), EF BF BE–BF (U+FFFE, U+FFFF) or, in the other planes,
// four bytes ending xF BF BE–BF.
func noncharAt(s []byte, i int) rune {
	switch b := s[i]; {
	case b == 0xEF:
		if s[i+1] == 0xB7 && s[i+2] >= 0x90 && s[i+2] <= 0xAF || s[i+1] == 0xBF && s[i+2] >= 0xBE {
			r, _ := utf8.DecodeRune(s[i:])
			return r
		}
	case b >= 0xF0:
		if s[i+1]&0x0F == 0x0F && s[i+2] == 0xBF && s[i+3] >= 0xBE {
			r, _ := utf8.DecodeRune(s[i:])
			return r
		}
	}
	return 0
}

const hexDigits = "0123456789abcdef"

// writeString writes s, decoded text, as a canonical JSON string.
func (c *canonicaliser) writeString(s []byte) {
	c.out = appendString(c.out, s)
}

func appendString(out, s []byte) []byte {
	out = append(out, '"')
	for _, b := range s {
		switch {
		case b == '"' || b == '\\':
			out = append(out, '\\', b)
		case b >= 0x20:
			out = append(out, b)
		case b == '\b':
			out = append(out, '\\', 'b')
		case b == '\t':
			out = append(out, '\\', 't')
		case b == '\n':
			out = append(out, '\\', 'n')
		case b == '\f':
			out = append(out, '\\', 'f')
		case b == '\r':
			out = append(out, '\\', 'r')
		default:
			out = append(out, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
		}
	}
	return append(out, '"')
}

// number writes a number as ECMAScript prints it, refusing one beyond
// ±(2^53−1). Whole numbers written plainly (every count, size and rank in
// a pcnvoice file) are copied as they stand; the rest are parsed and
// printed again.
func (c *canonicaliser) number() error {
	start := c.pos
	i := c.pos
	if i < len(c.src) && c.src[i] == '-' {
		i++
	}
	digits := i
	if i < len(c.src) && c.src[i] == '0' {
		i++
	} else {
		for i < len(c.src) && c.src[i] >= '0' && c.src[i] <= '9' {
			i++
		}
	}
	if i == digits {
		c.pos = i
		return c.unexpected()
	}
	intEnd := i
	if i < len(c.src) && c.src[i] == '.' {
		i++
		f := i
		for i < len(c.src) && c.src[i] >= '0' && c.src[i] <= '9' {
			i++
		}
		if i == f {
			c.pos = i
			return c.unexpected()
		}
	}
	if i < len(c.src) && (c.src[i] == 'e' || c.src[i] == 'E') {
		i++
		if i < len(c.src) && (c.src[i] == '+' || c.src[i] == '-') {
			i++
		}
		e := i
		for i < len(c.src) && c.src[i] >= '0' && c.src[i] <= '9' {
			i++
		}
		if i == e {
			c.pos = i
			return c.unexpected()
		}
	}
	c.pos = i
	text := c.src[start:i]
	if i == intEnd {
		// A plain whole number: canonical as written if it is safe, but
		// for "-0", which ECMAScript prints as 0.
		n := intEnd - digits
		if n < 16 || n == 16 && string(c.src[digits:intEnd]) <= "9007199254740991" {
			if string(text) == "-0" {
				text = text[1:]
			}
			c.out = append(c.out, text...)
			return nil
		}
		return c.tooBig(text)
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return c.unexpected() // cannot happen: the grammar is checked above
	}
	if err != nil || f > maxSafe || f < -maxSafe {
		return c.tooBig(text)
	}
	c.out = appendNumber(c.out, f)
	return nil
}

func (c *canonicaliser) tooBig(text []byte) *problem {
	shown := string(text)
	if len(shown) > 30 {
		shown = shown[:27] + "…"
	}
	return c.fault("%s is beyond ±(2^53−1), the largest whole number JSON carries exactly: not a figure pcnvoice writes", shown)
}
