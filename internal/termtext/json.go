package termtext

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// JSON returns JSON text b ready for a terminal: every character a terminal
// would act on rather than show — C0 controls (bar the tab, newline and
// carriage return that are JSON's own white space), DEL, C1 controls and
// the bidirectional controls that Sanitize drops — is written as a \u
// escape, and a byte that is not UTF-8 as \ufffd. In valid JSON such
// characters stand only inside strings, where the escape means the same
// character, so the result decodes to the same value (SPEC §3: JSON on a
// terminal is escaped, not stripped). It is no longer byte-for-byte the
// input, so files and pipes get the original; only what is shown passes
// through here. Clean input is returned as it is, without allocating.
func JSON(b []byte) []byte {
	i := 0
	for i < len(b) {
		if c := b[i]; c < utf8.RuneSelf {
			if jsonEscapeASCII(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 || drop(r) {
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
		c := b[i]
		if c < utf8.RuneSelf {
			if jsonEscapeASCII(c) {
				out = appendEscape(out, rune(c))
			} else {
				out = append(out, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			out = appendEscape(out, utf8.RuneError)
		case drop(r):
			out = appendEscape(out, r)
		default:
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

func jsonEscapeASCII(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f
}

func appendEscape(out []byte, r rune) []byte {
	return append(out, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}
