package pii

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file is ScanJSON's reader: a small JSON tokenizer that hands every
// string, member name and number to walker.scan with the place it is at.

// maxDepth is how deeply arrays and objects may nest, as in encoding/json:
// every document that reaches the guard has been decoded by it already.
const maxDepth = 10000

// frame is one open object or array and where the walk is in it.
type frame struct {
	object bool
	name   string // the current member's name, in an object
	index  int    // the current item's index, in an array
}

// walker reads one JSON text. It keeps its own stack rather than
// recursing, so no nesting can exhaust the goroutine's stack.
type walker struct {
	src   string
	pos   int
	stack []frame
	sc    *scanner
	tmp   []Finding // one string's findings, before they are located
	found []located
	// more counts the findings past MaxFindings; moreLevel is the most
	// serious of them.
	more      int
	moreLevel Level
	scanned   int // strings scanned so far
}

// jsonError says what is wrong with the JSON at the walker's position.
type jsonError string

func (e jsonError) Error() string { return string(e) }

// walk reads the whole text: one value, and nothing after it but spaces.
func (w *walker) walk() error {
	for {
		w.space()
		if w.pos >= len(w.src) {
			return jsonError("a value is missing")
		}
		// A value.
		switch c := w.src[w.pos]; {
		case c == '{' || c == '[':
			if len(w.stack) == maxDepth {
				return jsonError("nested too deeply")
			}
			w.pos++
			w.space()
			if w.pos < len(w.src) && w.src[w.pos] == c+2 { // '}' or ']'
				w.pos++
				break
			}
			w.stack = append(w.stack, frame{object: c == '{'})
			if c == '{' {
				if err := w.member(); err != nil {
					return err
				}
			}
			continue
		case c == '"':
			s, err := w.str()
			if err != nil {
				return err
			}
			if !isDigest(s) {
				w.scan(s, false)
			}
		case c == '-' || isDigit(c):
			start := w.pos
			for w.pos < len(w.src) && strings.IndexByte("0123456789+-.eE", w.src[w.pos]) >= 0 {
				w.pos++
			}
			w.scan(w.src[start:w.pos], false)
		default:
			if err := w.literal(); err != nil {
				return err
			}
		}
		// After a value: the next item or member, or close containers.
		for {
			w.space()
			if len(w.stack) == 0 {
				if w.pos < len(w.src) {
					return jsonError("more than one value")
				}
				return nil
			}
			if w.pos >= len(w.src) {
				return jsonError("the text ends inside an object or array")
			}
			top := &w.stack[len(w.stack)-1]
			c := w.src[w.pos]
			w.pos++
			switch {
			case c == ',' && top.object:
				if err := w.member(); err != nil {
					return err
				}
			case c == ',':
				top.index++
			case c == '}' && top.object, c == ']' && !top.object:
				w.stack = w.stack[:len(w.stack)-1]
				continue
			default:
				w.pos--
				return jsonError(fmt.Sprintf("unexpected %q", c))
			}
			break
		}
	}
}

// member reads a member's name and colon, and scans the name.
func (w *walker) member() error {
	w.space()
	if w.pos >= len(w.src) || w.src[w.pos] != '"' {
		return jsonError("a member name is missing")
	}
	name, err := w.str()
	if err != nil {
		return err
	}
	w.stack[len(w.stack)-1].name = name
	w.scan(name, true)
	w.space()
	if w.pos >= len(w.src) || w.src[w.pos] != ':' {
		return jsonError("a colon is missing")
	}
	w.pos++
	return nil
}

func (w *walker) space() {
	for w.pos < len(w.src) {
		switch w.src[w.pos] {
		case ' ', '\t', '\n', '\r':
			w.pos++
		default:
			return
		}
	}
}

func (w *walker) literal() error {
	for _, lit := range []string{"true", "false", "null"} {
		if strings.HasPrefix(w.src[w.pos:], lit) {
			w.pos += len(lit)
			return nil
		}
	}
	return jsonError(fmt.Sprintf("unexpected %q", w.src[w.pos]))
}

// str reads the string at w.pos, unescaped as encoding/json does: a lone
// surrogate becomes U+FFFD. Bytes that are not UTF-8 are kept.
func (w *walker) str() (string, error) {
	start := w.pos + 1
	i := start
	for i < len(w.src) && w.src[i] != '"' && w.src[i] != '\\' {
		if w.src[i] < 0x20 {
			return "", jsonError("a control character inside a string")
		}
		i++
	}
	if i < len(w.src) && w.src[i] == '"' {
		w.pos = i + 1
		return w.src[start:i], nil // no escapes: the text itself
	}
	b := []byte(w.src[start:i])
	for i < len(w.src) {
		c := w.src[i]
		switch {
		case c == '"':
			w.pos = i + 1
			return string(b), nil
		case c < 0x20:
			w.pos = i
			return "", jsonError("a control character inside a string")
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(w.src) {
			break
		}
		e := w.src[i+1]
		if k := strings.IndexByte(`"\/bfnrt`, e); k >= 0 {
			b = append(b, "\"\\/\b\f\n\r\t"[k])
			i += 2
			continue
		}
		if e != 'u' {
			w.pos = i
			return "", jsonError("a bad escape inside a string")
		}
		r, ok := hex4(w.src, i+2)
		if !ok {
			w.pos = i
			return "", jsonError("a bad \\u escape inside a string")
		}
		i += 6
		if utf16.IsSurrogate(r) {
			if r2, ok := hex4(w.src, i+2); ok && strings.HasPrefix(w.src[i:], `\u`) {
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					r = d
					i += 6
				}
			}
		}
		b = utf8.AppendRune(b, r) // a lone surrogate appends U+FFFD
	}
	w.pos = len(w.src)
	return "", jsonError("the text ends inside a string")
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+4], 16, 16)
	return rune(v), err == nil
}
