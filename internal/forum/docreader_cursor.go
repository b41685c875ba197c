package forum

import (
	"strconv"
	"unicode/utf8"
)

// readList reads an array of objects into *s: null leaves nil, [] an empty
// slice, a null element a zero element — Unmarshal's rules.
func readList[T any](r *docReader, s *[]T, elem func(*T) bool) bool {
	if r.null() {
		*s = nil
		return true
	}
	if !r.byte('[') {
		return false
	}
	out := make([]T, 0, 8)
	for first := true; !r.byte(']'); first = false {
		if !first && !r.byte(',') {
			return false
		}
		var v T
		if !r.null() && !elem(&v) {
			return false
		}
		out = append(out, v)
	}
	*s = out
	return true
}

// docReader is a cursor over canonical JSON. s is b as one string: a
// string member with no escapes is a slice of it, not an allocation of its
// own (a submission has hundreds), and a document's strings live and die
// together anyway.
type docReader struct {
	b []byte
	s string
	i int
}

func (r *docReader) byte(c byte) bool {
	if r.i < len(r.b) && r.b[r.i] == c {
		r.i++
		return true
	}
	return false
}

func (r *docReader) null() bool {
	if len(r.b)-r.i >= 4 && string(r.b[r.i:r.i+4]) == "null" {
		r.i += 4
		return true
	}
	return false
}

// object reads an object, calling member for each key with the cursor on
// its value. null is no object at all, and changes nothing.
func (r *docReader) object(member func(key string) bool) bool {
	if r.null() {
		return true
	}
	if !r.byte('{') {
		return false
	}
	for first := true; !r.byte('}'); first = false {
		if !first && !r.byte(',') {
			return false
		}
		var key string
		if !r.str(&key) || !r.byte(':') || !member(key) {
			return false
		}
	}
	return true
}

// str reads a string (or null, which changes nothing) into *s.
func (r *docReader) str(s *string) bool {
	if r.null() {
		return true
	}
	if !r.byte('"') {
		return false
	}
	start := r.i
	for r.i < len(r.b) && r.b[r.i] != '"' && r.b[r.i] != '\\' {
		r.i++
	}
	if r.i < len(r.b) && r.b[r.i] == '"' {
		*s = r.s[start:r.i]
		r.i++
		return true
	}
	buf := append([]byte(nil), r.b[start:r.i]...)
	for r.i < len(r.b) {
		c := r.b[r.i]
		r.i++
		switch {
		case c == '"':
			if !utf8.Valid(buf) {
				return false
			}
			*s = string(buf)
			return true
		case c != '\\':
			buf = append(buf, c)
		case r.i >= len(r.b):
			return false
		default:
			e := r.b[r.i]
			r.i++
			switch e {
			case '"', '\\':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u': // canonical form escapes only controls: \u00xx
				if r.i+4 > len(r.b) || r.b[r.i] != '0' || r.b[r.i+1] != '0' {
					return false
				}
				v, err := strconv.ParseUint(string(r.b[r.i+2:r.i+4]), 16, 8)
				if err != nil || v >= 0x20 {
					return false
				}
				buf = append(buf, byte(v))
				r.i += 4
			default:
				return false
			}
		}
	}
	return false
}

// number returns the whole number at the cursor (canonical: no fraction,
// no exponent, at most 15 digits, so it fits an int64).
func (r *docReader) number() (int64, bool) {
	start := r.i
	if r.i < len(r.b) && r.b[r.i] == '-' {
		r.i++
	}
	for r.i < len(r.b) && r.b[r.i] >= '0' && r.b[r.i] <= '9' {
		r.i++
	}
	n, err := strconv.ParseInt(string(r.b[start:r.i]), 10, 64)
	return n, err == nil && r.i-start <= 16
}

func (r *docReader) int(p *int) bool {
	if r.null() {
		return true
	}
	n, ok := r.number()
	if !ok || int64(int(n)) != n { // an int too small for it: Unmarshal refuses
		return false
	}
	*p = int(n)
	return true
}

func (r *docReader) int64(p *int64) bool {
	if r.null() {
		return true
	}
	n, ok := r.number()
	if ok {
		*p = n
	}
	return ok
}

// skip passes over any canonical value.
func (r *docReader) skip() bool {
	if r.i >= len(r.b) {
		return false
	}
	switch r.b[r.i] {
	case '"':
		var s string
		return r.str(&s)
	case '{':
		return r.object(func(string) bool { return r.skip() })
	case '[':
		r.i++
		for first := true; !r.byte(']'); first = false {
			if (!first && !r.byte(',')) || !r.skip() {
				return false
			}
		}
		return true
	case 't':
		return r.word("true")
	case 'f':
		return r.word("false")
	case 'n':
		return r.null()
	}
	_, ok := r.number()
	return ok
}

func (r *docReader) word(w string) bool {
	if len(r.b)-r.i >= len(w) && string(r.b[r.i:r.i+len(w)]) == w {
		r.i += len(w)
		return true
	}
	return false
}
