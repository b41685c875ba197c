package pcnjson

import (
	"context"
	"slices"
)

// MaxDepth is how deeply objects and arrays may nest. A pcnvoice file
// nests five deep at most (a pack's embedded submissions' lists of
// objects); the cap keeps a hostile file from exhausting the stack.
const MaxDepth = 64

// canonicaliser turns JSON text into its RFC 8785 (JCS) canonical form in
// one pass, writing straight into out and sorting each object's members in
// place, and refuses whatever is not I-JSON (RFC 7493): a member name twice
// in one object (compared after unescaping), a lone surrogate or a
// noncharacter, a number beyond ±(2^53−1), nesting deeper than MaxDepth.
// It is the one canonicaliser: decode, digest and encode all go through it,
// and it is tested against encoding/json and gowebpki/jcs, which it
// replaced, byte for byte.
//
// Its buffers are kept across reset, so one per worker serves a merge of
// thousands of files.
type canonicaliser struct {
	src []byte
	pos int
	out []byte
	// members is a stack of the members of the objects being written;
	// scratch is room for reordering one object's members.
	members []member
	scratch []byte
	// top is the outermost object's members as finally written.
	top []member
	// path is where the cursor is, for naming the member at fault.
	path []step
	// ctx, checked every checkEvery bytes, stops a long run.
	ctx       context.Context
	nextCheck int
}

// checkEvery is how many bytes pass between looks at the context: a 256
// MiB pack is canonicalised in well under a second per 100 MiB, so a
// request to stop is seen within milliseconds.
const checkEvery = 1 << 20

// member is one object member already written to out[start:end] as
// "key":value, with its key decoded for sorting.
type member struct {
	key        []byte // decoded; may point into src
	start, end int
}

// step is one level of the path to the cursor: a member name in an
// object, or an index (from 0) in an array.
type step struct {
	key   []byte
	index int // -1 in an object
}

// reset readies c for src, keeping its buffers. src must be valid UTF-8
// (infile.Text has made sure of it, or Canonicalise has checked).
func (c *canonicaliser) reset(ctx context.Context, src []byte) {
	*c = canonicaliser{src: src, out: c.out[:0], members: c.members[:0], scratch: c.scratch[:0],
		top: c.top[:0], path: c.path[:0], ctx: ctx, nextCheck: checkEvery}
	if cap(c.out) < len(src) {
		c.out = make([]byte, 0, len(src))
	}
}

// run canonicalises the one JSON value that is the whole of c.src. Its
// errors are *problem.
func (c *canonicaliser) run() error {
	if err := c.value(1); err != nil {
		return err
	}
	if c.space(); c.pos != len(c.src) {
		if startsValue(c.src[c.pos]) {
			return &problem{syntax: true, msg: "more than one value in the file"}
		}
		return c.unexpected()
	}
	return nil
}

// take hands over the canonical form: c keeps no reference to it.
func (c *canonicaliser) take() []byte {
	out := c.out
	c.out = nil
	return out
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

// value writes the value at the cursor; depth counts the containers it
// would be in (the outermost value's is 1).
func (c *canonicaliser) value(depth int) error {
	c.space()
	if c.pos >= len(c.src) {
		return c.unexpected()
	}
	if c.pos >= c.nextCheck {
		c.nextCheck = c.pos + checkEvery
		if c.ctx != nil && c.ctx.Err() != nil {
			return c.ctx.Err()
		}
	}
	switch b := c.src[c.pos]; {
	case b == '{' || b == '[':
		if depth > MaxDepth {
			return c.fault("nested more than %d levels deep: not a pcnvoice file", MaxDepth)
		}
		if b == '{' {
			return c.object(depth)
		}
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
	if len(c.src)-c.pos < len(word) || string(c.src[c.pos:c.pos+len(word)]) != word {
		return c.unexpected()
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
	c.path = append(c.path, step{})
	at := len(c.path) - 1
	for i := 0; ; i++ {
		c.path[at].index = i
		if err := c.value(depth + 1); err != nil {
			return err
		}
		c.space()
		if c.pos >= len(c.src) {
			return c.unexpected()
		}
		switch c.src[c.pos] {
		case ',':
			c.pos++
			c.out = append(c.out, ',')
		case ']':
			c.pos++
			c.out = append(c.out, ']')
			c.path = c.path[:at]
			return nil
		default:
			return c.unexpected()
		}
	}
}

// object writes members in input order, then, if their names are not
// already in order, rewrites them sorted by UTF-16 code units.
func (c *canonicaliser) object(depth int) error {
	c.pos++ // {
	c.out = append(c.out, '{')
	c.space()
	if c.pos < len(c.src) && c.src[c.pos] == '}' {
		c.pos++
		c.out = append(c.out, '}')
		if depth == 1 {
			c.top = c.top[:0]
		}
		return nil
	}
	base := len(c.members)
	c.path = append(c.path, step{index: -1})
	at := len(c.path) - 1
	start := len(c.out)
	for {
		c.space()
		if c.pos >= len(c.src) || c.src[c.pos] != '"' {
			return c.unexpected()
		}
		m := member{start: len(c.out)}
		key, err := c.str()
		if err != nil {
			if p, ok := err.(*problem); ok && !p.syntax {
				// The fault is in a name, not in the previous member's value.
				p.path, p.msg = formatPath(c.path[:at]), "a member name "+p.msg
			}
			return err
		}
		m.key = key
		c.path[at].key = key
		c.space()
		if c.pos >= len(c.src) || c.src[c.pos] != ':' {
			return c.unexpected()
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
			return c.unexpected()
		}
		if c.src[c.pos] == '}' {
			c.pos++
			break
		}
		if c.src[c.pos] != ',' {
			return c.unexpected()
		}
		c.pos++
		c.out = append(c.out, ',')
	}
	ms := c.members[base:]
	if sortMembers(ms) {
		c.reorder(ms, start, depth)
	}
	for i := 1; i < len(ms); i++ {
		if string(ms[i].key) == string(ms[i-1].key) {
			c.path[at].key = ms[i].key
			return c.fault("named twice in one object (I-JSON forbids it; RFC 8785 gives such a file no canonical form): export the file again")
		}
	}
	if depth == 1 {
		c.top = c.top[:0]
		pos := start
		for _, m := range ms {
			n := m.end - m.start
			c.top = append(c.top, member{key: m.key, start: pos, end: pos + n})
			pos += n + 1 // and the comma
		}
	}
	c.out = append(c.out, '}')
	c.members = c.members[:base]
	c.path = c.path[:at]
	return nil
}

// reorder rewrites the members ms, written from out[start:], in their
// (now sorted) order.
func (c *canonicaliser) reorder(ms []member, start, depth int) {
	if depth == 1 {
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
		return
	}
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

// sortMembers sorts ms by name and reports whether they were out of
// order. Objects are small (a submission's have two to seven members), so
// an insertion sort, which is also the check that they are in order,
// beats a general sort; a large object gets the general one.
func sortMembers(ms []member) bool {
	if len(ms) > 16 {
		cmpKey := func(a, b member) int { return compareKeys(a.key, b.key) }
		if slices.IsSortedFunc(ms, cmpKey) {
			return false
		}
		slices.SortFunc(ms, cmpKey)
		return true
	}
	moved := false
	for i := 1; i < len(ms); i++ {
		m := ms[i]
		j := i
		for j > 0 && compareKeys(ms[j-1].key, m.key) > 0 {
			ms[j] = ms[j-1]
			j--
		}
		if j != i {
			ms[j] = m
			moved = true
		}
	}
	return moved
}

// topMember returns the canonical "key":value of the outermost object's
// member named key, and whether there is one.
func (c *canonicaliser) topMember(key string) (member, bool) {
	for _, m := range c.top {
		if string(m.key) == key {
			return m, true
		}
	}
	return member{}, false
}

// startsValue reports whether b can begin a JSON value.
func startsValue(b byte) bool {
	switch {
	case b == '{', b == '[', b == '"', b == '-', b == 't', b == 'f', b == 'n':
		return true
	}
	return b >= '0' && b <= '9'
}
