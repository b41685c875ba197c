package pii

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// summarise renders findings as "kind@offset match" so tables can state
// what they expect compactly and failures show everything found.
func summarise(fs []Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s@%d %s", f.Kind, f.Offset, f.Match))
	}
	return out
}

// scanText scans one field and checks the invariants every finding must
// keep, whatever the text.
func scanText(tb testing.TB, text string, opt Options) []string {
	tb.Helper()
	fs := Scan([]Field{{Path: "f", Text: text}}, opt)
	checkInvariants(tb, text, fs)
	return summarise(fs)
}

type scanCase struct {
	name string
	text string
	want []string // summarise form; nil means no findings
}

// runScanCases runs a table of single-field cases.
func runScanCases(t *testing.T, cases []scanCase, opt Options) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := scanText(t, tc.text, opt)
			if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("Scan(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestScanOrderAndPaths(t *testing.T) {
	fields := []Field{
		{Path: "workload[0].text", Text: "Mrs Jones, DOB 12/03/1954, NHS 943 476 5919"},
		{Path: "workload[1].text", Text: "nothing to see"},
		{Path: "U51234 priorities[2].ask", Text: "TS18 1HU then 9434765919 and aged 84"},
	}
	got := Scan(fields, Options{})
	want := []string{
		`workload[0].text: a title and name ("Mrs J***"), perhaps a patient's`,
		`workload[0].text: a date of birth ("DOB **/**/1954")`,
		`workload[0].text: a valid NHS number ("943 *** **19")`,
		`U51234 priorities[2].ask: a full postcode ("TS18 ***") that is not a member practice's`,
		`U51234 priorities[2].ask: a valid NHS number ("943*****19")`,
		`U51234 priorities[2].ask: an age ("aged 84"), a clue to who a patient is`,
	}
	var lines []string
	for _, f := range got {
		lines = append(lines, f.String())
	}
	if !slices.Equal(lines, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !Blocking(got) {
		t.Error("Blocking = false, want true")
	}
	if got[0].Level != Warn || got[1].Level != Block {
		t.Errorf("levels = %v, %v; want warn, block", got[0].Level, got[1].Level)
	}
}

func TestScanDeterministic(t *testing.T) {
	text := strings.Repeat("Dr Who, 943-476-5919, M1 1AE, born 3rd Mar 1950; ", 20)
	fields := []Field{{Path: "a", Text: text}, {Path: "b", Text: text}}
	first := Scan(fields, Options{})
	for range 5 {
		if again := Scan(fields, Options{}); !slices.Equal(again, first) {
			t.Fatal("two scans of the same input differ")
		}
	}
	half := len(first) / 2
	for i := range half {
		a, b := first[i], first[half+i]
		if a.Path != "a" || b.Path != "b" || a.Offset != b.Offset || a.Match != b.Match {
			t.Fatalf("field b's findings differ from field a's at %d: %+v vs %+v", i, a, b)
		}
	}
}

func TestBlockingAndString(t *testing.T) {
	tests := []struct {
		name string
		fs   []Finding
		want bool
	}{
		{"none", nil, false},
		{"warn only", []Finding{{Level: Warn}, {Level: Warn}}, false},
		{"one block", []Finding{{Level: Warn}, {Level: Block}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Blocking(tc.fs); got != tc.want {
				t.Errorf("Blocking = %v, want %v", got, tc.want)
			}
		})
	}
	if s := (Finding{Message: "m"}).String(); s != "m" {
		t.Errorf("String without path = %q, want %q", s, "m")
	}
	if Warn.String() != "warn" || Block.String() != "block" || Level(7).String() != "level(7)" {
		t.Error("Level.String gives the wrong words")
	}
}

func TestScanEmptyAndOddText(t *testing.T) {
	runScanCases(t, []scanCase{
		{"empty", "", nil},
		{"invalid utf8 around a number", "\xff\xfe943 476 5919\xc3", []string{"nhs-number@2 943 *** **19"}},
		{"invalid utf8 before title", "\xffMrs Jones", []string{"title-name@1 Mrs J***"}},
		{"control chars", "\x00\x1b[31m9434765919\x07", []string{"nhs-number@6 943*****19"}},
		{"only separators", " - - \u00a0 \u2013 ", nil},
		{"lone digits", "1 2 3 4 5 6 7 8 9 0", nil},
	}, Options{})
	if got := Scan(nil, Options{}); got != nil {
		t.Errorf("Scan(nil) = %v, want nil", got)
	}
}

func BenchmarkScan(b *testing.B) {
	para := "The PCN saw 1,240 extra appointments in Q3 (Oct-Dec), up 12% on Q2. " +
		"Call 0161 943 4765 or see TS18 1HU for the hub. Dr Patel leads the " +
		"frailty MDT; patients aged 65 and over were invited on 12/03/2025. " +
		"Ref 2024-11-05 / 7 practices / 41,250 registered. "
	text := strings.Repeat(para, 50*1024/len(para)+1)
	fields := []Field{{Path: "workload[0].text", Text: text}}
	opt := Options{AllowedPostcodes: []string{"TS18 1HU"}}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(fields, opt)
	}
}

// BenchmarkScanAdversarial feeds ~300 KB of text built to defeat a naive
// scanner (near-matches at every position); time per byte should stay
// close to BenchmarkScan's.
func BenchmarkScanAdversarial(b *testing.B) {
	const size = 300 * 1024
	inputs := map[string]string{
		"digit chain":   strings.Repeat("943 ", size/4),
		"long run":      strings.Repeat("9", size),
		"dob keywords":  strings.Repeat("DOB born 12/03/", size/15),
		"titles":        strings.Repeat("Mr Mrs. Dr ", size/11),
		"postcode-ish":  strings.Repeat("SW1A 1", size/6),
		"aged cohorts":  strings.Repeat("aged 65 and ", size/12),
		"invalid utf-8": strings.Repeat("\xff\xe2\x80", size/3),
		// What reading and the newer rules bring: dates before keywords,
		// separator chains, other scripts' digits, invisible characters.
		"date before dob":   strings.Repeat("1 DOB ", size/6),
		"separator chain":   strings.Repeat("1-", size/2),
		"arabic digits":     strings.Repeat("\u0669 ", size/3),
		"zero-width spaces": strings.Repeat("9\u200b", size/4),
		"full-width text":   strings.Repeat("ＤＯＢ ０１/", size/15),
	}
	for _, name := range slices.Sorted(maps.Keys(inputs)) {
		text := inputs[name]
		b.Run(name, func(b *testing.B) {
			fields := []Field{{Path: "f", Text: text}}
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				Scan(fields, Options{})
			}
		})
	}
}
