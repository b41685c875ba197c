package forum

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gowebpki/jcs"
)

// canonical returns the RFC 8785 (JCS) canonical form of the JSON value in
// src, byte for byte what jcs.Transform gives (a differential fuzz test
// holds it to that). It exists for speed: a forum pack's digest covers
// every embedded submission, and jcs.Transform builds a tree and writes
// strings a byte at a time, which made it a third of a 1,250-file merge.
// This one writes straight into the output and sorts members in place.
// Anything it is unsure of — deep nesting, keys outside the Basic
// Multilingual Plane — it hands to jcs.Transform, so it is never the only
// judge of an odd input.
func canonical(src []byte) ([]byte, error) {
	c := canonicaliser{src: src, out: make([]byte, 0, len(src))}
	err := c.run()
	if errors.Is(err, errUnsure) {
		return jcs.Transform(src)
	}
	if err != nil {
		return nil, err
	}
	return c.out, nil
}

var (
	errSyntax = errors.New("not valid JSON")
	errUnsure = errors.New("outside the fast canonicaliser's subset")
)

// maxDepth bounds nesting on the fast path; deeper input goes to jcs.
const maxDepth = 64

type canonicaliser struct {
	src     []byte
	pos     int
	out     []byte
	members []member // scratch for objects, reused as a stack
	scratch []byte   // scratch for reordering an object's members
	// For fastDecode: the outermost object's members as finally written;
	// whether any key anywhere is not lowercase ASCII; and whether any
	// number was written other than as it stood in the text.
	top                     []member
	otherKeys, otherNumbers bool
}

// member is one object member already written to out[start:end] as
// "key":value, with its key decoded for sorting.
type member struct {
	key        []byte // decoded; may point into src
	start, end int
}

// reset readies c for src, keeping its buffers.
func (c *canonicaliser) reset(src []byte) {
	*c = canonicaliser{src: src, out: c.out[:0], members: c.members[:0], scratch: c.scratch[:0], top: c.top[:0]}
	if cap(c.out) < len(src) {
		c.out = make([]byte, 0, len(src))
	}
}

// run canonicalises the one JSON value that is the whole of c.src.
func (c *canonicaliser) run() error {
	if err := c.value(0); err != nil {
		return err
	}
	if c.space(); c.pos != len(c.src) {
		return errSyntax
	}
	return nil
}

func (c *canonicaliser) space() {
	for c.pos < len(c.src) {
		switch c.src[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

func (c *canonicaliser) value(depth int) error {
	if depth > maxDepth {
		return errUnsure
	}
	c.space()
	if c.pos >= len(c.src) {
		return errSyntax
	}
	switch b := c.src[c.pos]; {
	case b == '{':
		return c.object(depth)
	case b == '[':
		return c.array(depth)
	case b == '"':
		_, err := c.str()
		return err
	case b == 't':
		return c.literal("true")
	case b == 'f':
		return c.literal("false")
	case b == 'n':
		return c.literal("null")
	default:
		return c.number()
	}
}

func (c *canonicaliser) literal(word string) error {
	if !bytes.HasPrefix(c.src[c.pos:], []byte(word)) {
		return errSyntax
	}
	c.pos += len(word)
	c.out = append(c.out, word...)
	return nil
}

func (c *canonicaliser) array(depth int) error {
	c.pos++ // [
	c.out = append(c.out, '[')
	c.space()
	if c.pos < len(c.src) && c.src[c.pos] == ']' {
		c.pos++
		c.out = append(c.out, ']')
		return nil
	}
	for {
		if err := c.value(depth + 1); err != nil {
			return err
		}
		c.space()
		if c.pos >= len(c.src) {
			return errSyntax
		}
		switch c.src[c.pos] {
		case ',':
			c.pos++
			c.out = append(c.out, ',')
		case ']':
			c.pos++
			c.out = append(c.out, ']')
			return nil
		default:
			return errSyntax
		}
	}
}

// object writes members in input order, then, if their keys are not
// already in order, rewrites them sorted by UTF-16 code units. For keys
// within the Basic Multilingual Plane that is the byte order of their
// UTF-8, which is all pcnvoice's keys; others go to jcs.
func (c *canonicaliser) object(depth int) error {
	c.pos++ // {
	c.out = append(c.out, '{')
	base := len(c.members)
	defer func() { c.members = c.members[:base] }()
	c.space()
	if c.pos < len(c.src) && c.src[c.pos] == '}' {
		c.pos++
		c.out = append(c.out, '}')
		return nil
	}
	start := len(c.out)
	for {
		c.space()
		if c.pos >= len(c.src) || c.src[c.pos] != '"' {
			return errSyntax
		}
		m := member{start: len(c.out)}
		key, err := c.str()
		if err != nil {
			return err
		}
		for _, b := range key {
			if b >= 0xF0 { // a 4-byte sequence: UTF-16 order differs from UTF-8's
				return errUnsure
			}
			if b >= 'A' && b <= 'Z' || b >= 0x80 {
				c.otherKeys = true
			}
		}
		m.key = key
		c.space()
		if c.pos >= len(c.src) || c.src[c.pos] != ':' {
			return errSyntax
		}
		c.pos++
		c.out = append(c.out, ':')
		if err := c.value(depth + 1); err != nil {
			return err
		}
		m.end = len(c.out)
		c.members = append(c.members, m)
		c.space()
		if c.pos >= len(c.src) {
			return errSyntax
		}
		if c.src[c.pos] == '}' {
			c.pos++
			break
		}
		if c.src[c.pos] != ',' {
			return errSyntax
		}
		c.pos++
		c.out = append(c.out, ',')
	}
	ms := c.members[base:]
	cmpKey := func(a, b member) int { return bytes.Compare(a.key, b.key) }
	if !slices.IsSortedFunc(ms, cmpKey) {
		slices.SortFunc(ms, cmpKey)
		if depth == 0 {
			// The outermost object is all of out: write it sorted into
			// scratch and swap, one copy of the document instead of two.
			if cap(c.scratch) < len(c.out) {
				c.scratch = make([]byte, 0, len(c.out))
			}
			sorted := append(c.scratch[:0], c.out[:start]...)
			for i, m := range ms {
				if i > 0 {
					sorted = append(sorted, ',')
				}
				sorted = append(sorted, c.out[m.start:m.end]...)
			}
			c.out, c.scratch = sorted, c.out
		} else {
			c.scratch = append(c.scratch[:0], c.out[start:]...)
			body := c.scratch
			c.out = c.out[:start]
			for i, m := range ms {
				if i > 0 {
					c.out = append(c.out, ',')
				}
				c.out = append(c.out, body[m.start-start:m.end-start]...)
			}
		}
	}
	for i := 1; i < len(ms); i++ {
		if bytes.Equal(ms[i].key, ms[i-1].key) {
			return errors.New("duplicate key " + strconv.Quote(string(ms[i].key)))
		}
	}
	if depth == 0 {
		c.top = c.top[:0]
		at := start
		for _, m := range ms {
			n := m.end - m.start
			c.top = append(c.top, member{key: m.key, start: at, end: at + n})
			at += n + 1 // and the comma
		}
	}
	c.out = append(c.out, '}')
	return nil
}

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
