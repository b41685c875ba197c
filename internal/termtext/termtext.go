// Package termtext makes text that came from a file or a database safe to
// write to a terminal. It is the one sanitiser used at every display
// boundary: the TUI, plain status output and Markdown on stdout.
package termtext

import (
	"strings"
	"unicode/utf8"
)

// Sanitize removes terminal escape sequences (CSI, OSC, DCS and the like),
// then drops C0 controls other than newline and tab, DEL, C1 controls and
// Unicode bidirectional overrides and isolates, which can make text display
// in an order different from how it reads. Invalid UTF-8 becomes U+FFFD.
// Clean text is returned unchanged without allocating.
func Sanitize(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b { // ESC: skip the whole sequence, not just the byte
			i = skipEscape(s, i)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == 0x9b || r == 0x9d || r == 0x90 { // C1 CSI, OSC, DCS: skip their bodies too
			i = skipBody(s, i, r)
			continue
		}
		if drop(r) {
			continue
		}
		b.WriteRune(r) // RuneError for invalid bytes, by design
	}
	return b.String()
}

// Line sanitises s and folds it onto one line: newlines and tabs become
// spaces. For table cells and one-line summaries.
func Line(s string) string {
	s = Sanitize(s)
	if !strings.ContainsAny(s, "\n\t\r") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return cleanUTF8(s[i:])
		}
		if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

func cleanUTF8(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || drop(r) || r == 0x1b {
			return false
		}
	}
	return true
}

func drop(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e: // LRE RLE PDF LRO RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI RLI FSI PDI
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // LRM RLM ALM
		return true
	}
	return false
}

// skipEscape returns the index just past the escape sequence starting at s[i] == ESC.
func skipEscape(s string, i int) int {
	i++ // ESC
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[': // CSI: parameters and intermediates, then one final byte 0x40–0x7e
		i++
		for i < len(s) {
			c := s[i]
			i++
			if c >= 0x40 && c <= 0x7e {
				break
			}
		}
		return i
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to BEL or ST (ESC \)
		i++
		for i < len(s) {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			i++
		}
		return i
	default: // two-byte sequence (ESC c, ESC 7, ESC ( B …): drop the next byte too
		if s[i] >= 0x20 && s[i] < 0x7f {
			if s[i] >= 0x20 && s[i] <= 0x2f && i+1 < len(s) { // intermediate, then final
				return i + 2
			}
			return i + 1
		}
		return i
	}
}

// skipBody skips the body of a C1 CSI/OSC/DCS sequence.
func skipBody(s string, i int, intro rune) int {
	if intro == 0x9b {
		for i < len(s) {
			c := s[i]
			i++
			if c >= 0x40 && c <= 0x7e {
				break
			}
		}
		return i
	}
	for i < len(s) {
		if s[i] == 0x07 {
			return i + 1
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x9c { // C1 ST
			return i + size
		}
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
			return i + 2
		}
		i += size
	}
	return i
}
