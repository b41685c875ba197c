package termtext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Riverside Health PCN", "Riverside Health PCN"},
		{"newline and tab kept", "a\nb\tc", "a\nb\tc"},
		{"csi colour", "\x1b[31mred\x1b[0m", "red"},
		{"csi clear screen", "x\x1b[2Jy", "xy"},
		{"osc title bel", "\x1b]0;pwned\x07ok", "ok"},
		{"osc hyperlink st", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"dcs", "\x1bPq#0;2;0;0;0\x1b\\after", "after"},
		{"two-byte esc", "a\x1bcb", "ab"},
		{"charset esc", "a\x1b(Bb", "ab"},
		{"c0 controls", "a\x00b\x07c\x08d\re", "abcde"},
		{"del", "a\x7fb", "ab"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d0;t\u009cb", "ab"},
		{"bidi override", "abc\u202edcba", "abcdcba"},
		{"bidi isolate", "\u2066x\u2069", "x"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"trailing esc", "abc\x1b", "abc"},
		{"unterminated csi", "abc\x1b[31", "abc"},
		{"emoji and accents kept", "café ✓ 🩺", "café ✓ 🩺"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	if got := Line("a\n\tb  c\x1b[1m"); got != "a b c" {
		t.Errorf("Line = %q", got)
	}
}

func TestSanitizeCleanDoesNotAllocate(t *testing.T) {
	s := strings.Repeat("Clean text, café. ", 20)
	if n := testing.AllocsPerRun(100, func() { _ = Sanitize(s) }); n != 0 {
		t.Errorf("allocations = %v, want 0", n)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mred", "\x1b]0;t\x07", "\u202e", "a\xff", "\u009b1m", "\x1bP\x1b\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for _, r := range out {
			if r == 0x1b || (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) {
				t.Fatalf("control %U survived in %q", r, out)
			}
		}
		if Sanitize(out) != out {
			t.Fatalf("not idempotent: %q", s)
		}
	})
}
