package pcnjson

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

func build(t testing.TB, s domain.Snapshot) domain.ExportRecord {
	t.Helper()
	rec, err := Build(time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC), "pcnvoice test")(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestWorkforceRoundTrip: what a director reported travels exactly —
// figures as typed (0.6, 1.25, 3), roles sorted, a forum's own role kept —
// and "not reported" and "none" stay apart through a file and back.
func TestWorkforceRoundTrip(t *testing.T) {
	roles := []domain.Role{
		{Key: "paramedic", InPost: 60, Planned: 100, Note: "rotates with the ambulance trust"},
		{Key: "clinical-pharmacist", InPost: 300, Planned: 400, Recruiting: 125},
		{Key: "a-forums-own-role", InPost: 125},
	}
	for _, tc := range []struct {
		name     string
		reported bool
		roles    []domain.Role
		member   string // how the file writes it; "" for absent
	}{
		{"not reported", false, nil, ""},
		{"none", true, nil, `"workforce": []`},
		{"some", true, roles, `"role": "a-forums-own-role",`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sampleSnapshot()
			s.Workforce, s.WorkforceReported = tc.roles, tc.reported
			rec := build(t, s)
			has := bytes.Contains(rec.Document, []byte(`"workforce": `))
			if has != (tc.member != "") || tc.member != "" && !bytes.Contains(rec.Document, []byte(tc.member)) {
				t.Fatalf("file writes workforce as %v, want %q:\n%s", has, tc.member, rec.Document)
			}
			d, _, err := Decode("s.json", rec.Document)
			if err != nil {
				t.Fatal(err)
			}
			back := d.Snapshot()
			if back.WorkforceReported != tc.reported {
				t.Errorf("reported = %v after a round trip, want %v", back.WorkforceReported, tc.reported)
			}
			want := map[string]domain.Role{}
			for _, r := range tc.roles {
				want[r.Key] = r
			}
			got := map[string]domain.Role{}
			for i, r := range back.Workforce {
				got[r.Key] = r
				if i > 0 && back.Workforce[i-1].Key >= r.Key {
					t.Errorf("roles not sorted by key: %v", back.Workforce)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("roles came back as %+v, want %+v", back.Workforce, tc.roles)
			}
			again := build(t, back)
			if again.ContentHash != rec.ContentHash || !bytes.Equal(again.Document, rec.Document) {
				t.Errorf("exporting the file's own content again gives another file")
			}
		})
	}
	rec := build(t, func() domain.Snapshot { s := sampleSnapshot(); s.Workforce = roles; return s }())
	for _, figure := range []string{`"wte_in_post": 0.6`, `"wte_in_post": 1.25`, `"wte_planned": 1,`, `"wte_planned": 4,`, `"wte_recruiting": 1.25`} {
		if !bytes.Contains(rec.Document, []byte(figure)) {
			t.Errorf("the file does not write %s:\n%s", figure, rec.Document)
		}
	}
}

// TestNotReportedHashesAsBefore: a database that never reported its
// workforce has the content hash it had before workforce existed, so
// upgrading pcnvoice does not turn unchanged content into a new revision.
func TestNotReportedHashesAsBefore(t *testing.T) {
	s := sampleSnapshot()
	s.Workforce, s.WorkforceReported = nil, false
	d := FromSnapshot(s)
	before := struct {
		Period     string            `json:"period"`
		PCN        domain.PCN        `json:"pcn"`
		Practices  []domain.Practice `json:"practices"`
		Services   []domain.Service  `json:"services"`
		Workload   []domain.Note     `json:"workload"`
		Priorities []domain.Priority `json:"priorities"`
		Statement  string            `json:"statement"`
	}{d.Period, d.PCN, d.Practices, d.Services, d.Workload, d.Priorities, d.Statement}
	c, err := Canonical(before)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ContentHash(&d)
	if err != nil || got != DigestOf(c) {
		t.Errorf("content hash %s, want the old recipe's %s (%v)", got, DigestOf(c), err)
	}
	s.WorkforceReported = true
	none := FromSnapshot(s)
	if h, _ := ContentHash(&none); h == got {
		t.Error(`"none" hashes as "not reported": reporting it would not make a new revision`)
	}
}

// TestWorkforceFigureIsExact: the reader takes a WTE from the canonical
// form's digits, so every two-decimal figure from 0 to 1,000 comes back
// as the hundredths it was, and never through a float's rounding.
func TestWorkforceFigureIsExact(t *testing.T) {
	for w := domain.WTE(0); w <= domain.MaxWTE; w += 7 {
		c, err := Canonicalise([]byte(`{"x":` + w.String() + `}`))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.TrimSuffix(strings.TrimPrefix(string(c), `{"x":`), "}")
		got, err := wteOf(text)
		if err != nil || got != w {
			t.Fatalf("%s: canonical %s reads as %d, %v", w, text, got, err)
		}
	}
}
