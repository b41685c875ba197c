package pii

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fataler is what the checks need of a test: a *testing.T, or a *rapid.T
// in a property test.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkInvariants holds for any text: findings are in offset order, point
// at whole characters of the text, carry a known kind and level, never
// print anything that could be a whole NHS number, and report what the
// text they point at reads as.
func checkInvariants(tb fataler, text string, fs []Finding) {
	tb.Helper()
	for i, f := range fs {
		end := f.Offset + f.Length
		if f.Offset < 0 || f.Length <= 0 || end > len(text) {
			tb.Fatalf("finding %d at [%d, %d) outside text of %d bytes", i, f.Offset, end, len(text))
		}
		if utf8.ValidString(text) && (!utf8.RuneStart(text[f.Offset]) || end < len(text) && !utf8.RuneStart(text[end])) {
			tb.Fatalf("finding %d at [%d, %d) cuts a character of %q", i, f.Offset, end, text)
		}
		if i > 0 && compareFindings(fs[i-1], f) > 0 && fs[i-1].Path == f.Path {
			tb.Fatalf("findings %d and %d out of order: %+v, %+v", i-1, i, fs[i-1], f)
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
		checkPointsAt(tb, text[f.Offset:end], f)
	}
}

// checkPointsAt checks that the text a finding points at, read as the
// guard reads it, is what the finding reports.
func checkPointsAt(tb fataler, at string, f Finding) {
	tb.Helper()
	var sc scratch
	got := sc.read(at).s
	switch f.Kind {
	case KindNHSNumber, KindNHSNumberInvalid:
		d := onlyDigits(got)
		if len(d) != 10 || ValidNHSNumber(d) != (f.Kind == KindNHSNumber) {
			tb.Fatalf("%s finding points at %q (digits %q)", f.Kind, at, d)
		}
		if strings.Count(f.Match, "*") != 5 || onlyDigits(f.Match) != d[:3]+d[8:] {
			tb.Fatalf("NHS finding %q does not mask %q as first three and last two digits", f.Match, d)
		}
	case KindDOB:
		if !strings.HasSuffix(onlyDigits(got), onlyDigits(f.Match)) || !subsequence(letters(f.Match), letters(got)) {
			tb.Fatalf("date of birth finding %q points at %q", f.Match, at)
		}
		if strings.Count(f.Match, "*") == 0 && onlyDigits(f.Match) != "" && len(onlyDigits(f.Match)) > 4 {
			tb.Fatalf("date of birth finding %q shows the day or month", f.Match)
		}
	default:
		if got == "" || got[0]|0x20 != f.Match[0]|0x20 {
			tb.Fatalf("%s finding %q points at %q", f.Kind, f.Match, at)
		}
	}
}

func onlyDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func letters(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isLetter(s[i]) {
			b.WriteByte(s[i] | 0x20)
		}
	}
	return b.String()
}

// subsequence reports whether a's bytes appear in b in order.
func subsequence(a, b string) bool {
	for i := 0; i < len(b) && a != ""; i++ {
		if b[i] == a[0] {
			a = a[1:]
		}
	}
	return a == ""
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
		{"９４３ ٤٧٦ ५९१९, 943\u200b476\u00ad5919, 94 3476 5919, ＤＯＢ ０１/０２/１９６０", ""},
		{"01/02/1960 (DOB), birthdate: 1 Feb 1960, Q2 01/07/2025 - 30/09/2025", ""},
		{"e\u0301\u0301\u0301 \ufb01 \u2460\u2469 \u3371 \U0001d7d7", ""},
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
		// Every finding points at what it reports, masked.
		checkInvariants(t, text, a)

		// The text as read is UTF-8 and has no character reading should
		// have replaced.
		var sc scratch
		if read := sc.read(text).s; !utf8.ValidString(read) {
			t.Fatalf("%q reads as %q, not UTF-8", text, read)
		}
		for _, r := range sc.read(text).s {
			if r > 0x7e && (unicode.In(r, unicode.Nd, unicode.Zs, unicode.Pd, unicode.Cf, unicode.Cc) || invisible(r)) ||
				r < 0x20 && !isLineSpace(byte(r)) || r == 0x7f {
				t.Fatalf("%q reads as %q, which still holds %U", text, sc.read(text).s, r)
			}
		}

		// Whatever surrounds them, on their own lines a valid NHS number
		// and a date of birth block, and are found where they are.
		for _, probe := range []struct{ text, kind string }{
			{text + "\n943 476 5919", KindNHSNumber},
			{"９４３４７６５９１９\n" + text, KindNHSNumber},
			{text + "\nDOB 01/02/1960", KindDOB},
		} {
			found := false
			for _, f := range Scan([]Field{{Text: probe.text}}, opt) {
				found = found || f.Kind == probe.kind && f.Level == Block &&
					strings.Contains(probe.text[f.Offset:f.Offset+f.Length], "DOB 01/02/1960") == (probe.kind == KindDOB)
			}
			if !found {
				t.Fatalf("no %s found in %q", probe.kind, probe.text)
			}
		}
	})
}

// FuzzScanJSON checks ScanJSON's walk against encoding/json's: for any
// valid JSON, every string, member name and number encoding/json's
// tokenizer sees, scanned on its own, gives the findings that block
// (which do not depend on where a string is), and nothing else does.
// Bytes that are not UTF-8 are U+FFFD to both.
func FuzzScanJSON(f *testing.F) {
	f.Add([]byte(leakyDoc))
	f.Add([]byte(`{"a": "943\u00a0476\u00a05919", "943\u200b476\u200b5919": [1, -2.5e3, true, null, {}]}`))
	f.Add([]byte(`["\ud83d\ude00", "\ud800\u0041", "\udc00", "\u0000", "sha256:` + strings.Repeat("9", 64) + `"]`))
	f.Add([]byte("{\"a\":\"\xff\xfe 943 476 5919\"}"))
	f.Fuzz(func(t *testing.T, doc []byte) {
		fs, err := ScanJSON("", doc, Options{})
		if !json.Valid(doc) {
			return // refused or not, never a panic
		}
		if err != nil {
			t.Fatalf("ScanJSON refused valid JSON %q: %v", doc, err)
		}
		if len(fs) > MaxFindings {
			return // the rest only counted
		}
		var got, want []string
		for _, f := range fs {
			if f.Level == Block {
				got = append(got, f.Kind+" "+f.Match)
			}
		}
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			var s string
			switch v := tok.(type) {
			case string:
				s = v
			case json.Number:
				s = string(v)
			default:
				continue
			}
			if isDigest(s) {
				continue
			}
			for _, f := range ScanText("", s) {
				if f.Level == Block {
					want = append(want, f.Kind+" "+f.Match)
				}
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("ScanJSON(%q) blocks on\n%q\nencoding/json's strings on\n%q", doc, got, want)
		}
	})
}
