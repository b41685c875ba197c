package pii

import (
	"strconv"
	"strings"
	"testing"
)

// checkInvariants holds for any text: findings are in offset order, point
// inside the text, carry a known kind and level, and never print anything
// that could be a whole NHS number.
func checkInvariants(tb testing.TB, text string, fs []Finding) {
	tb.Helper()
	for i, f := range fs {
		if f.Offset < 0 || f.Offset >= len(text) {
			tb.Fatalf("finding %d offset %d outside text of %d bytes", i, f.Offset, len(text))
		}
		if i > 0 && compareFindings(fs[i-1], f) > 0 && fs[i-1].Path == f.Path {
			tb.Fatalf("findings %d and %d out of order: %+v, %+v", i-1, i, fs[i-1], f)
		}
		if f.Match != "" && (text[f.Offset]|0x20) != (f.Match[0]|0x20) {
			tb.Fatalf("finding %d at %d does not start where its match does: %q vs %q",
				i, f.Offset, f.Match, text[f.Offset:])
		}
		if f.Level != Warn && f.Level != Block {
			tb.Fatalf("finding %d has level %d", i, f.Level)
		}
		if f.Kind == "" || f.Match == "" || !strings.Contains(f.Message, strconv.Quote(f.Match)) {
			tb.Fatalf("finding %d incomplete: %+v", i, f)
		}
		if longestDigitRun(f.Match) >= 10 || longestDigitRun(f.Message) >= 10 {
			tb.Fatalf("finding %d prints ten digits in a row: %+v", i, f)
		}
		isNHS := f.Kind == KindNHSNumber || f.Kind == KindNHSNumberInvalid
		if isNHS && strings.Count(f.Match, "*") != 5 {
			tb.Fatalf("finding %d shows an NHS number unmasked: %q", i, f.Match)
		}
	}
}

func longestDigitRun(s string) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

func FuzzScan(f *testing.F) {
	seeds := []struct{ text, allowed string }{
		{"", ""},
		{"943 476 5919", ""},
		{"943-476-5919 and 9434765919", ""},
		{"ref9434765919 19434765919 0161 9434765919", ""},
		{"+44 (0)161 943 4765, +44 161 943 4765", ""},
		{"000 000 0000 111 111 1111 987 654 4321 999 999 9999", ""},
		{"DOB 12/03/1954; born 3rd Mar 1950; date of birth: 1954-03-12; d.o.b. 12.3.54", ""},
		{"aged 84, aged 65 and over, aged 18-64", ""},
		{"TS18 1HU, ts181hu, SW1A 1AA, m1 1ae", "TS18 1HU"},
		{"Mrs Jones, Mr. O'Brien, Dr Smith-Jones, Dr who, Mrs", ""},
		{"943\u00a0476\u20135919 \xff\xfe\xc3", ""},
		{strings.Repeat("1 ", 200), ""},
	}
	for _, s := range seeds {
		f.Add(s.text, s.allowed)
	}
	f.Fuzz(func(t *testing.T, text, allowed string) {
		opt := Options{AllowedPostcodes: []string{allowed}}
		fields := []Field{{Path: "a", Text: text}, {Path: "b", Text: text}}
		fs := Scan(fields, opt)
		if len(fs)%2 != 0 {
			t.Fatalf("two identical fields gave an odd number of findings: %d", len(fs))
		}
		a, b := fs[:len(fs)/2], fs[len(fs)/2:]
		for i := range a {
			if a[i].Path != "a" || b[i].Path != "b" {
				t.Fatalf("findings not in field order: %+v", fs)
			}
			b[i].Path = "a"
			if a[i] != b[i] {
				t.Fatalf("same text, different findings: %+v vs %+v", a[i], b[i])
			}
		}
		checkInvariants(t, text, a)

		// Whatever surrounds it, a valid NHS number on its own line blocks.
		for _, probe := range []string{text + "\n943 476 5919", "9434765919\n" + text} {
			if !Blocking(Scan([]Field{{Text: probe}}, opt)) {
				t.Fatalf("no block for a valid NHS number in %q", probe)
			}
		}
	})
}
