package pcnjson

import (
	"bytes"
	"fmt"
	"strconv"
)

// docReader is a cursor over canonical JSON, for readDocument. s is b as
// one string: a string member with no escapes is a slice of it, not an
// allocation of its own (a submission has hundreds), and a document's
// strings live and die together anyway.
type docReader struct {
	b []byte
	s string
	i int
	// list and index say where the cursor is, for naming a member at
	// fault without building a path for every member read: "workload"
	// and 3 in the fourth note, "pcn" and -1 in the PCN, "" at the top.
	list  string
	index int
	// err is the first value of the wrong type.
	err *Error
	// seen and bad mark the top-level members present and of the wrong
	// type, for the header check.
	seen, bad uint8
	// digestFrom and digestTo are the top-level digest member's place:
	// b[digestFrom:digestTo] is `"digest":"sha256:…"`.
	digestFrom, digestTo int
}

const (
	seenFormat uint8 = 1 << iota
	seenVersion
	seenDigest
)

func newDocReader(canon []byte) docReader {
	return docReader{b: canon, s: string(canon), index: -1}
}

// at names member field where the cursor is: "workload[3].text".
func (r *docReader) at(field string) string {
	switch {
	case r.list == "":
		return field
	case r.index < 0 && field == "":
		return r.list
	case r.index < 0:
		return r.list + "." + field
	case field == "":
		return fmt.Sprintf("%s[%d]", r.list, r.index)
	}
	return fmt.Sprintf("%s[%d].%s", r.list, r.index, field)
}

// wrongType records that field holds something other than want, and
// skips it.
func (r *docReader) wrongType(field, want string) bool {
	if r.err == nil {
		r.err = &Error{Member: r.at(field), Msg: "must be " + want + ", not " + r.kind()}
	}
	if r.list == "" {
		switch field {
		case "format":
			r.bad |= seenFormat
		case "version":
			r.bad |= seenVersion
		}
	}
	return r.skip()
}

// kind says what the value at the cursor is, for a message.
func (r *docReader) kind() string {
	if r.i >= len(r.b) {
		return "nothing"
	}
	switch r.b[r.i] {
	case '"':
		return "text"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "true or false"
	}
	end := r.i
	for end < len(r.b) && r.b[end] != ',' && r.b[end] != '}' && r.b[end] != ']' {
		end++
	}
	return "the number " + r.s[r.i:end]
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

// object reads the object at the cursor, calling member for each name
// with the cursor on its value and keyAt where the name's quote is.
func (r *docReader) object(member func(key string, keyAt int) bool) bool {
	if !r.byte('{') {
		return false
	}
	for first := true; !r.byte('}'); first = false {
		if !first && !r.byte(',') {
			return false
		}
		at := r.i
		var key string
		if !r.rawStr(&key) || !r.byte(':') || !member(key, at) {
			return false
		}
	}
	return true
}

// record reads an object held by field: null leaves it as it is.
func (r *docReader) record(field string, member func(key string) bool) bool {
	if r.null() {
		return true
	}
	if r.i >= len(r.b) || r.b[r.i] != '{' {
		return r.wrongType(field, "an object")
	}
	return r.object(func(key string, _ int) bool { return member(key) })
}

// readList reads an array of objects into *s: null leaves nil, [] an empty
// slice, a null element a zero element.
func readList[T any](r *docReader, name string, s *[]T, elem func(*T) bool) bool {
	if r.null() {
		*s = nil
		return true
	}
	if r.i >= len(r.b) || r.b[r.i] != '[' {
		return r.wrongType(name, "a list")
	}
	r.i++
	r.list = name
	out := make([]T, 0, 8)
	for i := 0; !r.byte(']'); i++ {
		if i > 0 && !r.byte(',') {
			return false
		}
		r.index = i
		var v T
		if !r.null() && !elem(&v) {
			return false
		}
		out = append(out, v)
	}
	r.list, r.index = "", -1
	*s = out
	return true
}

// str reads field's string (null changes nothing) into *s.
func (r *docReader) str(field string, s *string) bool {
	if r.null() {
		return true
	}
	if r.i >= len(r.b) || r.b[r.i] != '"' {
		return r.wrongType(field, "text")
	}
	return r.rawStr(s)
}

// rawStr reads the string at the cursor. Canonical strings escape only
// '"', '\\' and controls.
func (r *docReader) rawStr(s *string) bool {
	if !r.byte('"') {
		return false
	}
	start := r.i
	// The closing quote, and no escape before it: the common case, found
	// by two vectorised scans rather than one byte at a time.
	if n := bytes.IndexByte(r.b[start:], '"'); n >= 0 && bytes.IndexByte(r.b[start:start+n], '\\') < 0 {
		*s = r.s[start : start+n]
		r.i = start + n + 1
		return true
	}
	for r.i < len(r.b) && r.b[r.i] != '\\' {
		r.i++
	}
	buf := append([]byte(nil), r.b[start:r.i]...)
	for r.i < len(r.b) {
		c := r.b[r.i]
		r.i++
		switch {
		case c == '"':
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
				if r.i+4 > len(r.b) || r.s[r.i:r.i+2] != "00" {
					return false
				}
				v, err := strconv.ParseUint(r.s[r.i+2:r.i+4], 16, 8)
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

// whole reads the number at the cursor if it is a whole one. Canonical
// numbers within ±(2^53−1) — the canonicaliser allows no others — are
// written as plain digits exactly when they are whole.
func (r *docReader) whole() (n int64, ok bool) {
	start, neg := r.i, r.byte('-')
	for r.i < len(r.b) && r.b[r.i] >= '0' && r.b[r.i] <= '9' {
		n = n*10 + int64(r.b[r.i]-'0')
		r.i++
	}
	if r.i == start || r.i-start > 17 || (r.i < len(r.b) && (r.b[r.i] == '.' || r.b[r.i] == 'e')) {
		r.i = start
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

func (r *docReader) int(field string, p *int) bool {
	if r.null() {
		return true
	}
	n, ok := r.whole()
	if !ok || int64(int(n)) != n { // a fraction, or an int too small for it
		return r.wrongType(field, "a whole number")
	}
	*p = int(n)
	return true
}

func (r *docReader) int64(field string, p *int64) bool {
	if r.null() {
		return true
	}
	n, ok := r.whole()
	if !ok {
		return r.wrongType(field, "a whole number")
	}
	*p = n
	return true
}

// skip passes over any canonical value. It reads only b.
func (r *docReader) skip() bool {
	if r.i >= len(r.b) {
		return false
	}
	switch r.b[r.i] {
	case '"':
		return r.skipString()
	case '{':
		r.i++
		for first := true; !r.byte('}'); first = false {
			if (!first && !r.byte(',')) || !r.skipString() || !r.byte(':') || !r.skip() {
				return false
			}
		}
		return true
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
	for r.i < len(r.b) && r.b[r.i] != ',' && r.b[r.i] != '}' && r.b[r.i] != ']' {
		r.i++
	}
	return true
}

// skipString passes over the string at the cursor.
func (r *docReader) skipString() bool {
	if !r.byte('"') {
		return false
	}
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case '"':
			r.i++
			return true
		case '\\':
			r.i++
		}
		r.i++
	}
	return false
}

func (r *docReader) word(w string) bool {
	if len(r.b)-r.i >= len(w) && string(r.b[r.i:r.i+len(w)]) == w {
		r.i += len(w)
		return true
	}
	return false
}
