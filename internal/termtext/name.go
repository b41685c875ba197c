package termtext

import (
	"strconv"
	"unicode/utf8"
)

// Name returns a file name (or any short text from outside that a message
// quotes) as it may be shown: unchanged when every character in it is a
// printable one, else Go-quoted with the rest escaped visibly —
// "map\x1b]52;c;…\aRED.csv" — so the person can still tell which file was
// meant and the terminal is sent no control. Sanitize alone would delete
// the controls, and two hostile names could then read the same. Names
// holding a tab, line break, bidi control, zero-width or other invisible
// character, or bytes that are not UTF-8, are quoted.
func Name(s string) string {
	if Printable(s) {
		return s
	}
	return strconv.Quote(s)
}

// Printable reports whether every character of s is printable (letters,
// marks, numbers, punctuation, symbols and the ASCII space) and s is valid
// UTF-8: text that needs no quoting to be shown as it is.
func Printable(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !strconv.IsPrint(r) {
			return false
		}
		i += size
	}
	return true
}
