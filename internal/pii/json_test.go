package pii

import (
	"bytes"
	"encoding/json"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// leakyDoc is a submission-shaped document with patient data in every
// kind of place: names, keys, an unknown member, a member name, a number,
// and warnings in free text and in names (where only free text warns).
const leakyDoc = `{
  "format": "pcnvoice.submission",
  "pcn": {"code": "U12345", "name": "Riverside 943 476 5919 PCN", "clinical_director": "Dr Patel"},
  "practices": [
    {"ods_code": "Y00001", "name": "Hill Surgery", "list_size": 5000},
    {"ods_code": "Y00002", "name": "Mill Surgery TS18 1HU", "list_size": 5000},
    {"ods_code": "Y00003", "name": "Pt ９４３４７６５９１９ Surgery", "list_size": 5000}
  ],
  "services": [
    {"key": "ehch", "name": "Care homes", "status": "green", "note": "Mrs Jones at TS18 1HU"},
    {"key": "943-476-5919", "name": "born 1st February 1960", "status": "red", "note": ""}
  ],
  "workload": [{"category": "it", "date": "2026-04-01", "text": "aged 84, see M1 1AE"}],
  "priorities": [],
  "statement": "DOB\u00a001/02/1960",
  "zeta_unknown": [{"x": "943\u2009476\u20095919", "n": 9434765919, "DOB 01/02/1960": true}],
  "digest": "sha256:9434765919943476591994347659199434765919943476591994347659199434"
}`

func TestScanJSONPlaces(t *testing.T) {
	fs, err := ScanJSON("", []byte(leakyDoc), Options{AllowedPostcodes: []string{"M1 1AE"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Level.String()+" "+f.Path+": "+f.Kind+" "+f.Match)
	}
	want := []string{
		// Free text first, in the app's order, with every check.
		"block statement: dob DOB **/**/1960",
		"warn services[0].note: title-name Mrs J***",
		"warn services[0].note: postcode TS18 ***",
		"block services[1].key: nhs-number 943-***-**19",
		"block services[1].name: dob born *st February 1960",
		"warn workload[0].text: age aged 84",
		// Then the rest by name: names and keys block, never warn.
		"block pcn.name: nhs-number 943 *** **19",
		"block practices[2].name: nhs-number 943*****19",
		"block zeta_unknown[0][\"DOB ##/##/####\"] (member name): dob DOB **/**/1960",
		"block zeta_unknown[0].n: nhs-number 943*****19",
		"block zeta_unknown[0].x: nhs-number 943 *** **19",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Offsets are into the decoded string, as typed: the statement's date
	// starts after "DOB" and a two-byte no-break space.
	for _, f := range fs {
		if f.Path == "statement" && (f.Offset != 0 || f.Length != len("DOB\u00a001/02/1960")) {
			t.Errorf("statement finding at [%d, +%d)", f.Offset, f.Length)
		}
		if f.Path == "zeta_unknown[0].x" && (f.Offset != 0 || f.Length != len("943\u2009476\u20095919")) {
			t.Errorf("x finding at [%d, +%d)", f.Offset, f.Length)
		}
	}
}

// TestScanJSONPrefix: a merge names each PCN before the path.
func TestScanJSONPrefix(t *testing.T) {
	fs, err := ScanJSON("U40001", []byte(`{"statement": "NHS 943 476 5919"}`), Options{})
	if err != nil || len(fs) != 1 || fs[0].String() != `U40001 statement: a valid NHS number ("943 *** **19")` {
		t.Fatalf("got %v, %v", fs, err)
	}
}

// TestScanJSONOrderIsContent: the same content written in another member
// order, indented or escaped differently gives the same report.
func TestScanJSONOrderIsContent(t *testing.T) {
	first, err := ScanJSON("", []byte(leakyDoc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal([]byte(leakyDoc), &v); err != nil {
		t.Fatal(err)
	}
	compact, _ := json.Marshal(v) // members sorted by name, HTML escaped
	var ascii bytes.Buffer        // every character beyond ASCII written as \u escapes
	for _, r := range string(compact) {
		if r > 0x7e {
			ascii.WriteString(escapeRune(r))
			continue
		}
		ascii.WriteRune(r)
	}
	for name, doc := range map[string][]byte{"sorted": compact, "escaped": ascii.Bytes()} {
		again, err := ScanJSON("", doc, Options{})
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, doc)
		}
		if !slices.Equal(again, first) {
			t.Errorf("%s: the report changed with the encoding:\n%v\nvs\n%v", name, again, first)
		}
	}
}

// escapeRune writes r as JSON \u escapes (a surrogate pair beyond the BMP).
func escapeRune(r rune) string {
	const hex = "0123456789abcdef"
	one := func(v rune) string {
		return `\u` + string([]byte{hex[v>>12&15], hex[v>>8&15], hex[v>>4&15], hex[v&15]})
	}
	if r < 0x10000 {
		return one(r)
	}
	r -= 0x10000
	return one(0xd800+r>>10) + one(0xdc00+r&0x3ff)
}

func TestScanJSONEscapes(t *testing.T) {
	tests := []struct {
		name, doc string
		block     bool
	}{
		{"escaped no-break spaces", `{"a": "943\u00a0476\u00a05919"}`, true},
		{"escaped full-width digits", `{"a": "\uff19\uff14\uff13 476 5919"}`, true},
		{"escaped zero-width space in a name", `{"943\u200b476\u200b5919": 1}`, true},
		{"mathematical digits as surrogate pairs", `{"a": "` + escapeRune('𝟗') + `434765919"}`, true},
		{"escaped solidus", `{"a": "943\/476\/5919"}`, true},
		{"escaped line break ends the number", `{"a": "943 476\n5919"}`, false},
		{"lone surrogate between groups", `{"a": "943 476\ud8005919"}`, false},
		{"digest", `{"digest": "sha256:9434765919943476591994347659199434765919943476591994347659199434"}`, false},
		{"digest-like but typed", `{"digest": "sha256:9434765919"}`, true},
		{"number", `[9434765919]`, true},
		{"negative number", `[-9434765919]`, true},
		{"scalar document", `"943 476 5919"`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := ScanJSON("", []byte(tc.doc), Options{})
			if err != nil || Blocking(fs) != tc.block {
				t.Errorf("ScanJSON(%s) = %v, %v; want block %v", tc.doc, fs, err, tc.block)
			}
		})
	}
}

func TestScanJSONRefusesBadJSON(t *testing.T) {
	for _, doc := range []string{
		``, `{`, `{"a"}`, `{"a": }`, `{"a": 1,}`, `[1 2]`, `{"a": "x` + "\x01" + `"}`, `{"a": "\x"}`,
		`{"a": "\u12"}`, `{} {}`, `nul`, `{"a": [}`, `["x`, `{1: 2}`,
		strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1),
	} {
		if fs, err := ScanJSON("", []byte(doc), Options{}); err == nil {
			t.Errorf("ScanJSON(%.40q) = %v, nil; want an error", doc, fs)
		}
	}
	// As deep as encoding/json goes is fine, and a million brackets are
	// refused without exhausting the stack.
	deep := strings.Repeat("[", maxDepth) + `"9434765919"` + strings.Repeat("]", maxDepth)
	if fs, err := ScanJSON("", []byte(deep), Options{}); err != nil || !Blocking(fs) {
		t.Errorf("nesting %d deep: %v, %v", maxDepth, len(fs), err)
	}
	if _, err := ScanJSON("", bytes.Repeat([]byte("["), 1<<20), Options{}); err == nil {
		t.Error("a million brackets: no error")
	}
}

// TestScanJSONPathsHideWhatTheyPointAt: a member name with digits is
// written with its digits hidden, and nothing in it reaches a terminal.
func TestScanJSONPathsHideWhatTheyPointAt(t *testing.T) {
	doc := `{"NHS 9434765919 \u001b[31m": {"x": "943 476 5919"}, "name12": ["born 01/02/1960"]}`
	fs, err := ScanJSON("", []byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range fs {
		paths = append(paths, f.Path)
		if strings.ContainsAny(f.String(), "\x1b") || longestDigitRun(f.String()) >= 10 {
			t.Errorf("finding prints too much: %q", f.String())
		}
	}
	want := []string{
		`["NHS ########## [##m"] (member name)`,
		`["NHS ########## [##m"].x`,
		`name12[0]`,
	}
	if !slices.Equal(paths, want) {
		t.Errorf("paths %q, want %q", paths, want)
	}
}

// TestScanJSONBounds: however many findings a document holds and however
// deep, the report stays small and still blocks.
func TestScanJSONBounds(t *testing.T) {
	// 600 NHS numbers and a date of birth; the titles warn only in free text.
	many := "[" + strings.Repeat(`"Mrs Jones", "943 476 5919", `, 600) + `"DOB 01/02/1960"]`
	fs, err := ScanJSON("U1", []byte(many), Options{})
	if err != nil || len(fs) != MaxFindings+1 {
		t.Fatalf("%d findings, %v; want %d", len(fs), err, MaxFindings+1)
	}
	last := fs[len(fs)-1]
	if last.Kind != KindMore || last.Level != Block || !strings.HasPrefix(last.String(), "U1: 401 more findings (block at worst)") {
		t.Errorf("summary finding %+v", last)
	}

	depth := maxDepth
	deep := strings.Repeat(`{"a":[`, depth/2) + `"943 476 5919"` + strings.Repeat(`]}`, depth/2)
	fs, err = ScanJSON("", []byte(deep), Options{})
	if err != nil || len(fs) != 1 {
		t.Fatalf("deep: %v, %v", fs, err)
	}
	if p := fs[0].Path; !strings.HasPrefix(p, "a[0].a[0].a[0].a[0]…") || !strings.HasSuffix(p, "].a[0]") || len(p) > 100 {
		t.Errorf("deep path %q", p)
	}

	// A large hostile document: every string an NHS number, all of them
	// ten thousand levels deep. The cost stays in proportion to the file.
	hostile := strings.Repeat("[", depth) + strings.Repeat(`"9434765919",`, 300000) + `0` + strings.Repeat("]", depth)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fs, err = ScanJSON("", []byte(hostile), Options{})
	runtime.ReadMemStats(&after)
	if err != nil || len(fs) != MaxFindings+1 {
		t.Fatalf("hostile: %d findings, %v", len(fs), err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 20*uint64(len(hostile))+(16<<20) {
		t.Errorf("scanning %d bytes allocated %d MiB", len(hostile), alloc>>20)
	}
}
