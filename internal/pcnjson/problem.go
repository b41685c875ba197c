package pcnjson

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a problem with a file from outside: which file, which member
// (e.g. "workload[3].severity"; empty for the whole file) and what is wrong.
type Error struct {
	File   string
	Member string
	Msg    string
}

// Error gives one line: "file: member: message".
func (e *Error) Error() string {
	if e.Member == "" {
		return e.File + ": " + e.Msg
	}
	return e.File + ": " + e.Member + ": " + e.Msg
}

// problem is why the canonicaliser refused its input: a syntax error (at
// a byte offset), or text that is JSON but not I-JSON (at a member path).
type problem struct {
	syntax bool
	offset int
	path   string
	msg    string
}

// Error gives the path, when there is one, and the message.
func (p *problem) Error() string {
	if p.path != "" {
		return p.path + ": " + p.msg
	}
	return p.msg
}

// in turns p into an *Error naming file.
func (p *problem) in(file string) *Error {
	if p.syntax {
		return &Error{File: file, Msg: "not valid JSON (" + p.msg + "); was it cut short when saved or emailed?"}
	}
	return &Error{File: file, Member: p.path, Msg: p.msg}
}

// fault is a problem with the value at the cursor's path.
func (c *canonicaliser) fault(format string, args ...any) *problem {
	return &problem{path: c.pathString(), msg: fmt.Sprintf(format, args...)}
}

// unexpected is a syntax error at the cursor.
func (c *canonicaliser) unexpected() *problem {
	if c.pos >= len(c.src) {
		return &problem{syntax: true, offset: c.pos, msg: "it ends too early"}
	}
	return &problem{syntax: true, offset: c.pos, msg: fmt.Sprintf("unexpected %s at byte %d", quoteByte(c.src, c.pos), c.pos)}
}

// quoteByte shows the character at src[i] for a message: quoted, and as
// an escape if it is not printable.
func quoteByte(src []byte, i int) string {
	r := rune(src[i])
	if r >= 0x80 {
		r, _ = utf8.DecodeRune(src[i:])
	}
	return strconv.QuoteRune(r)
}

// pathString names the cursor's place as the file names it:
// "workload[3].text", "pcn.code". A member name that is not a plain word
// is quoted, so that a dot in a name cannot pass for a level.
func (c *canonicaliser) pathString() string {
	return formatPath(c.path)
}

func formatPath(path []step) string {
	var b strings.Builder
	for _, s := range path {
		switch {
		case s.index >= 0:
			fmt.Fprintf(&b, "[%d]", s.index)
		case plainName(s.key):
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.Write(s.key)
		default:
			b.WriteString("[" + strconv.Quote(string(s.key)) + "]")
		}
	}
	return b.String()
}

// plainName reports whether a member name can stand in a path unquoted.
func plainName(k []byte) bool {
	if len(k) == 0 {
		return false
	}
	for _, b := range k {
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-') {
			return false
		}
	}
	return true
}
