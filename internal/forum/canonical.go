package forum

import (
	"bytes"
	"errors"
	"slices"
	"strconv"

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
