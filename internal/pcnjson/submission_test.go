package pcnjson

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gowebpki/jcs"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

func sampleSnapshot() domain.Snapshot {
	return domain.Snapshot{
		Period: domain.Period{Year: 2026, Quarter: 3},
		PCN:    domain.PCN{Code: "U51234", Name: "Riverside Health PCN", ICS: "North ICS", Place: "Riverside", ClinicalDirector: "Dr Asha Patel"},
		Practices: []domain.Practice{
			{ODSCode: "Y01002", Name: "Bridge Street Surgery", ListSize: 9000},
			{ODSCode: "A81001", Name: "Mill Lane", ListSize: 12000},
		},
		Services: []domain.Service{
			{Key: "ehch", Name: "Enhanced health in care homes", Status: domain.Amber, Note: "2 homes left"},
			{Key: "cvd-prevention", Name: "CVD", Status: domain.Green},
		},
		Notes: []domain.Note{
			{Category: "workforce", Severity: 3, Date: "2026-11-02", Text: "No room for the new pharmacist <urgent>"},
			{Category: "estates", Severity: 2, Date: "2026-10-01", Text: "Roof leak"},
		},
		Priorities: []domain.Priority{
			{Rank: 1, Theme: "estates", Title: "Rooms for ARRS staff", Ask: "Fund 4 clinical rooms", Rationale: "73% have no room"},
			{Rank: 2, Theme: "digital", Title: "Laptops", Ask: "IT budget for PCN staff"},
		},
		Workforce: []domain.Role{
			{Key: "clinical-pharmacist", InPost: 200, Planned: 300, Recruiting: 100, Note: "one post vacant since June"},
			{Key: "care-coordinator", InPost: 125, Planned: 300},
		},
		WorkforceReported: true,
		Statement:         "We are stretched.",
	}
}

func encodeSample(t testing.TB) ([]byte, domain.ExportRecord) {
	t.Helper()
	rec, err := Build(time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC), "pcnvoice test")(sampleSnapshot(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Document, rec
}

func TestBuildAndDecodeRoundTrip(t *testing.T) {
	b, rec := encodeSample(t)
	if rec.Revision != 1 || !strings.HasPrefix(rec.Digest, "sha256:") {
		t.Fatalf("record = %+v", rec)
	}
	d, _, err := Decode("s.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if d.PCN.Population != 21000 || d.Practices[0].ODSCode != "A81001" || d.Workload[0].Date != "2026-10-01" {
		t.Errorf("canonical order or population wrong: %+v", d)
	}
	if bytes.Contains(b, []byte(`\u003c`)) {
		t.Errorf("file escapes < for HTML; people read these files")
	}
	again := FromSnapshot(d.Snapshot())
	h1, _ := ContentHash(&again)
	if h1 != rec.ContentHash {
		t.Errorf("content hash changed across a round trip")
	}
}

func TestBuildRevisions(t *testing.T) {
	build := Build(time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC), "pcnvoice test")
	first, _ := build(sampleSnapshot(), nil)
	later := Build(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), "pcnvoice test")
	same, err := later(sampleSnapshot(), &first)
	if err != nil {
		t.Fatal(err)
	}
	if same.Revision != 1 || !bytes.Equal(same.Document, first.Document) {
		t.Errorf("unchanged content gave revision %d (or new bytes); want the same export back", same.Revision)
	}
	s := sampleSnapshot()
	s.Services[0].Status = domain.Green
	next, _ := later(s, &first)
	if next.Revision != 2 || next.Digest == first.Digest {
		t.Errorf("changed content: revision %d, want 2", next.Revision)
	}
	if _, err := build(domain.Snapshot{Period: s.Period}, nil); err != ErrNoPCN {
		t.Errorf("no PCN: err = %v", err)
	}
}

// mutate decodes the sample, applies f to its members, re-signs it (so only
// validation, not the digest, can object) and decodes again.
func mutate(t *testing.T, f func(m map[string]any), resign bool) error {
	t.Helper()
	b, _ := encodeSample(t)
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	f(m)
	if resign {
		delete(m, "digest")
		m["digest"] = refDigest(t, m)
	}
	out, _ := json.Marshal(m)
	_, _, err := Decode("pcn.json", out)
	return err
}

func TestDecodeRejects(t *testing.T) {
	at := func(m map[string]any, key string, i int) map[string]any {
		return m[key].([]any)[i].(map[string]any)
	}
	tests := []struct {
		name   string
		f      func(m map[string]any)
		resign bool
		want   string
	}{
		{"edited after export", func(m map[string]any) { m["statement"] = "changed" }, false, "digest: does not match"},
		{"no digest", func(m map[string]any) { delete(m, "digest") }, false, "digest: missing"},
		{"wrong format", func(m map[string]any) { m["format"] = "something.else" }, true, `format: "something.else" is not a pcnvoice format`},
		{"forum pack", func(m map[string]any) { m["format"] = "pcnvoice.forum" }, true, "format: is \"pcnvoice.forum\""},
		{"future version", func(m map[string]any) { m["version"] = 2 }, true, "version: 2 was written by a newer pcnvoice"},
		{"fraction version", func(m map[string]any) { m["version"] = 1.5 }, true, "version: must be a whole number from 1"},
		{"duplicate ranks", func(m map[string]any) { at(m, "priorities", 1)["rank"] = 1 }, true, "priorities[1].rank"},
		{"rank gap", func(m map[string]any) { at(m, "priorities", 1)["rank"] = 3 }, true, "priorities[1].rank"},
		{"unknown status", func(m map[string]any) { at(m, "services", 0)["status"] = "purple" }, true, "services[0].status"},
		{"negative list size", func(m map[string]any) { at(m, "practices", 0)["list_size"] = -5 }, true, "practices[0].list_size"},
		{"bad ods code", func(m map[string]any) { at(m, "practices", 1)["ods_code"] = "ZZ123" }, true, "practices[1].ods_code"},
		{"bad pcn code", func(m map[string]any) { m["pcn"].(map[string]any)["code"] = "X51234" }, true, "pcn.code"},
		{"population not sum", func(m map[string]any) { m["pcn"].(map[string]any)["population"] = 1 }, true, "pcn.population: is 1 but"},
		{"severity 4", func(m map[string]any) { at(m, "workload", 0)["severity"] = 4 }, true, "workload[0].severity"},
		{"bad date", func(m map[string]any) { at(m, "workload", 1)["date"] = "2026-13-01" }, true, "workload[1].date"},
		{"bad period", func(m map[string]any) { m["period"] = "2026 Q3" }, true, "period:"},
		{"revision 0", func(m map[string]any) { m["revision"] = 0 }, true, "revision:"},
		{"severity is text", func(m map[string]any) { at(m, "workload", 0)["severity"] = "high" }, true, "workload[0].severity: must be a whole number, not text"},
		{"rank is a fraction", func(m map[string]any) { at(m, "priorities", 1)["rank"] = 1.5 }, true, "priorities[1].rank: must be a whole number, not the number 1.5"},
		{"pcn is a list", func(m map[string]any) { m["pcn"] = []any{} }, true, "pcn: must be an object, not a list"},
		{"services is text", func(m map[string]any) { m["services"] = "none" }, true, "services: must be a list, not text"},
		{"a note is a number", func(m map[string]any) { m["workload"].([]any)[1] = 7 }, true, "workload[1]: must be an object, not the number 7"},
		{"list size over a million", func(m map[string]any) {
			at(m, "practices", 0)["list_size"] = 1_000_001
			m["pcn"].(map[string]any)["population"] = 1_009_001
		}, true, "practices[0].list_size: must be a whole number from 0 to 1,000,000"},
		{"format is a number", func(m map[string]any) { m["format"] = 1 }, true, "format: missing: not a pcnvoice file"},
		{"version missing", func(m map[string]any) { delete(m, "version") }, true, "version: missing"},
		// Workforce (SPEC §4): WTE numbers >= 0, at most two decimals, at
		// most 1,000; one line a role.
		{"negative WTE", func(m map[string]any) { at(m, "workforce", 0)["wte_in_post"] = -0.5 }, true,
			"workforce[0].wte_in_post: -0.5 is negative: a WTE is 0 or more"},
		{"three decimals", func(m map[string]any) { at(m, "workforce", 1)["wte_planned"] = json.Number("1.255") }, true,
			"workforce[1].wte_planned: 1.255 has more than two decimals: write WTE like 0.6, 1.25 or 3"},
		{"tiny fraction", func(m map[string]any) { at(m, "workforce", 1)["wte_planned"] = json.Number("1e-7") }, true,
			"workforce[1].wte_planned: 1e-7 has more than two decimals"},
		{"over 1,000", func(m map[string]any) { at(m, "workforce", 0)["wte_recruiting"] = json.Number("1000.01") }, true,
			"workforce[0].wte_recruiting: 1000.01 is over 1,000"},
		{"far over 1,000", func(m map[string]any) { at(m, "workforce", 0)["wte_planned"] = json.Number("9007199254740991") }, true,
			"workforce[0].wte_planned: 9007199254740991 is over 1,000"},
		{"WTE as text", func(m map[string]any) { at(m, "workforce", 0)["wte_in_post"] = "2" }, true,
			"workforce[0].wte_in_post: must be a number, not text"},
		{"WTE as true", func(m map[string]any) { at(m, "workforce", 1)["wte_recruiting"] = true }, true,
			"workforce[1].wte_recruiting: must be a number, not true or false"},
		{"workforce as text", func(m map[string]any) { m["workforce"] = "none" }, true, "workforce: must be a list, not text"},
		{"role missing", func(m map[string]any) { delete(at(m, "workforce", 0), "role") }, true, "workforce[0].role: must not be empty"},
		{"role twice", func(m map[string]any) { at(m, "workforce", 0)["role"] = "clinical-pharmacist" }, true,
			`workforce[1].role: "clinical-pharmacist" is listed twice`},
		{"duplicate practice", func(m map[string]any) {
			m["practices"] = append(m["practices"].([]any), m["practices"].([]any)[0])
			m["pcn"].(map[string]any)["population"] = 33000
		}, true, "listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mutate(t, tt.f, tt.resign)
			if err == nil {
				t.Fatalf("accepted; want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "pcn.json: ") || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q\nwant one line naming pcn.json and %q", err, tt.want)
			}
		})
	}
}

func TestDecodeRejectsBadFiles(t *testing.T) {
	good, _ := encodeSample(t)
	var le []byte
	for _, u := range utf16.Encode([]rune(string(good))) {
		le = append(le, byte(u), byte(u>>8))
	}
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "empty file"},
		{"whitespace", []byte("  \n"), "empty file"},
		{"array", []byte(`[{"format":"pcnvoice.submission"}]`), "not a JSON object"},
		{"truncated", good[:len(good)/2], "not valid JSON (it ends too early); was it cut short"},
		{"invalid utf8", append([]byte(`{"format":"`), 0xff, '"', '}'), "not valid UTF-8"},
		{"utf16 without bom", le, "UTF-16 without a byte-order mark"},
		{"two values", append(append([]byte{}, good...), good...), "more than one value"},
		{"no format", []byte(`{"version":1}`), "format: missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode("in.json", tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "in.json: ") {
				t.Errorf("err = %v, want one naming in.json and %q", err, tt.want)
			}
		})
	}
}

func TestDecodeAcceptsBOMAndUTF16(t *testing.T) {
	good, _ := encodeSample(t)
	bom := append([]byte{0xEF, 0xBB, 0xBF}, good...)
	le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(string(good))) {
		le = append(le, byte(u), byte(u>>8))
	}
	crlf := bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n"))
	for name, in := range map[string][]byte{"utf8 bom": bom, "utf16le bom": le, "crlf": crlf} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := Decode("in.json", in); err != nil {
				t.Error(err)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	good, _ := encodeSample(f)
	f.Add(good)
	f.Add([]byte(`{"format":"pcnvoice.submission","version":1}`))
	none := sampleSnapshot()
	none.Workforce = nil
	for _, s := range []domain.Snapshot{none, func() domain.Snapshot { none.WorkforceReported = false; return none }()} {
		rec, err := Build(time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC), "pcnvoice test")(s, nil)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(rec.Document)
	}
	f.Add([]byte(`[]`))
	f.Add([]byte{0xFF, 0xFE, '{', 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, _, err := Decode("fuzz.json", b)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error: %q", err)
			}
			return
		}
		// Anything accepted must re-encode to a file that decodes again,
		// to the same document: a workforce reported or not stays so,
		// its figures exact.
		out, err := Encode(d)
		if err != nil {
			t.Fatalf("accepted document does not re-encode: %v", err)
		}
		back, _, err := Decode("again.json", out)
		if err != nil {
			t.Fatalf("re-encoded document rejected: %v", err)
		}
		if !reflect.DeepEqual(back.Roles(), d.Roles()) || (back.Workforce == nil) != (d.Workforce == nil) {
			t.Fatalf("workforce %v became %v", d.Roles(), back.Roles())
		}
	})
}

// refDigest is the digest m should carry, worked out the second way: Go's
// encoder and gowebpki/jcs, not this package's canonicaliser.
func refDigest(tb testing.TB, m map[string]any) string {
	tb.Helper()
	raw, err := json.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := jcs.Transform(raw)
	if err != nil {
		tb.Fatal(err)
	}
	return DigestOf(c)
}
