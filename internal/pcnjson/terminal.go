package pcnjson

import (
	"unicode/utf8"
)

// ForTerminal returns JSON text b ready for a terminal: every character a
// terminal would act on rather than show — C0 controls (bar the tab,
// newline and carriage return that are JSON's own white space), DEL, C1
// controls, and the bidirectional controls that can make text read in an
// order other than the bytes' (SPEC §3) — written as a \u escape. In
// valid JSON such characters are only ever inside strings, where the
// escape means the same character, so the result decodes to the same
// value; but it is no longer canonical, which is why files stay as they
// are and only what goes to a terminal passes through here.
func ForTerminal(b []byte) []byte {
	i := 0
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if escapeForTerminal(r) {
			break
		}
		i += n
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	out = append(out, b[:i]...)
	for i < len(b) {
		r, n := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(b[i:])
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || escapeForTerminal(r) {
			out = append(out, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

// escapeForTerminal reports whether r, at or above DEL, is one a terminal
// must not be sent raw: DEL, a C1 control, or a bidirectional control
// (ALM, LRM, RLM, LRE…RLO, LRI…PDI).
func escapeForTerminal(r rune) bool {
	switch {
	case r == 0x7F, r >= 0x80 && r <= 0x9F:
		return true
	case r == 0x061C, r == 0x200E, r == 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
