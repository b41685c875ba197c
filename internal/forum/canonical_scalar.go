package forum

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gowebpki/jcs"
)

// str reads a string at c.pos, writes it in canonical form and returns it
// decoded. Canonical strings escape only '"', '\\' and controls below
// U+0020 (\b \t \n \f \r by name, the rest as \u00xx); everything else,
// '/' and U+2028 included, is written as itself.
func (c *canonicaliser) str() ([]byte, error) {
	c.pos++ // "
	// Fast path: no escapes and nothing to escape, the common case.
	for i := c.pos; i < len(c.src); i++ {
		b := c.src[i]
		if b == '"' {
			s := c.src[c.pos:i]
			if !utf8.Valid(s) {
				return nil, errSyntax
			}
			c.out = append(c.out, '"')
			c.out = append(c.out, s...)
			c.out = append(c.out, '"')
			c.pos = i + 1
			return s, nil
		}
		if b == '\\' || b < 0x20 {
			break
		}
	}
	var dec []byte
	for {
		if c.pos >= len(c.src) {
			return nil, errSyntax
		}
		b := c.src[c.pos]
		switch {
		case b == '"':
			c.pos++
			if !utf8.Valid(dec) {
				return nil, errSyntax
			}
			c.writeString(dec)
			return dec, nil
		case b < 0x20:
			return nil, errSyntax
		case b != '\\':
			dec = append(dec, b)
			c.pos++
			continue
		}
		if c.pos+1 >= len(c.src) {
			return nil, errSyntax
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
			r, ok := c.hex4()
			if !ok {
				return nil, errSyntax
			}
			if utf16.IsSurrogate(r) {
				if r >= 0xDC00 || c.pos+1 >= len(c.src) || c.src[c.pos] != '\\' || c.src[c.pos+1] != 'u' {
					return nil, errSyntax // a lone or reversed surrogate: jcs refuses it too
				}
				c.pos += 2
				lo, ok := c.hex4()
				if !ok || lo < 0xDC00 || lo > 0xDFFF {
					return nil, errSyntax
				}
				r = utf16.DecodeRune(r, lo)
			}
			dec = utf8.AppendRune(dec, r)
		default:
			return nil, errSyntax
		}
	}
}

func (c *canonicaliser) hex4() (rune, bool) {
	if c.pos+4 > len(c.src) {
		return 0, false
	}
	var r rune
	for _, b := range c.src[c.pos : c.pos+4] {
		switch {
		case b >= '0' && b <= '9':
			r = r<<4 | rune(b-'0')
		case b >= 'a' && b <= 'f':
			r = r<<4 | rune(b-'a'+10)
		case b >= 'A' && b <= 'F':
			r = r<<4 | rune(b-'A'+10)
		default:
			return 0, false
		}
	}
	c.pos += 4
	return r, true
}

const hexDigits = "0123456789abcdef"

func (c *canonicaliser) writeString(s []byte) {
	c.out = append(c.out, '"')
	for _, b := range s {
		switch {
		case b == '"' || b == '\\':
			c.out = append(c.out, '\\', b)
		case b >= 0x20:
			c.out = append(c.out, b)
		case b == '\b':
			c.out = append(c.out, '\\', 'b')
		case b == '\t':
			c.out = append(c.out, '\\', 't')
		case b == '\n':
			c.out = append(c.out, '\\', 'n')
		case b == '\f':
			c.out = append(c.out, '\\', 'f')
		case b == '\r':
			c.out = append(c.out, '\\', 'r')
		default:
			c.out = append(c.out, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
		}
	}
	c.out = append(c.out, '"')
}

// number writes a number as ECMAScript prints it. Whole numbers of up to
// 15 digits (every count and population in a pack) print as written; the
// rest go through jcs.NumberToJSON, the reference formatting.
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
		return errSyntax
	}
	intEnd := i
	if i < len(c.src) && c.src[i] == '.' {
		i++
		f := i
		for i < len(c.src) && c.src[i] >= '0' && c.src[i] <= '9' {
			i++
		}
		if i == f {
			return errSyntax
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
			return errSyntax
		}
	}
	c.pos = i
	text := c.src[start:i]
	if i == intEnd && intEnd-digits <= 15 && string(text) != "-0" {
		c.out = append(c.out, text...)
		return nil
	}
	c.otherNumbers = true
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil {
		return errSyntax // out of range; jcs refuses it too
	}
	s, err := jcs.NumberToJSON(f)
	if err != nil {
		return err
	}
	c.out = append(c.out, s...)
	return nil
}
