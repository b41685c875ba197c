package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// cliHistoryDB makes a database holding the demo with its history: four
// revisions (2025/26 Q4 to 2026/27 Q3), and since the last, population
// health gone red and three notes written.
func cliHistoryDB(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pcnvoice.db")
	db, err := store.Open(context.Background(), path, store.Options{Create: true, Period: "2026/27 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.Seed(context.Background(), db, config.Default(), cliClock, "pcnvoice test"); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCLIHistory: every export, newest first, with its period, time,
// digest and counts; JSON likewise; -o picks JSON by extension; an empty
// history and a missing database say so.
func TestCLIHistory(t *testing.T) {
	db := cliHistoryDB(t)
	r := cliRun(t, nil, "--db", db, "history")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"Riverside Health PCN (U99001): 4 exports, newest first",
		"Revision 4 · 2026/27 Q3 · exported 2026-11-10 16:00 UTC\n  Services: 4 green · 4 amber · 1 red · 1 not started\n  9 notes (2 high) · 5 priorities\n" +
			"  Workforce: 13.7 of 19.0 planned WTE in post (72%)\n  sha256:",
		"Revision 1 · 2025/26 Q4 · exported 2026-03-18 17:00 UTC\n  Services: 3 green · 3 amber · 1 not started\n  9 notes (4 high) · 4 priorities\n" +
			"  Workforce: 16.1 of 19.0 planned WTE in post (85%)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("history lacks %q:\n%s", want, r.stdout)
		}
	}
	if i, j := strings.Index(r.stdout, "Revision 4"), strings.Index(r.stdout, "Revision 3"); i < 0 || j < i {
		t.Errorf("not newest first:\n%s", r.stdout)
	}
	for _, l := range strings.Split(r.stdout, "\n") {
		if len([]rune(l)) > 80 && !strings.HasPrefix(l, "  sha256:") {
			t.Errorf("line wider than 80 columns: %q", l)
		}
	}

	j := cliRun(t, nil, "--db", db, "history", "--json")
	var h struct {
		PCN     struct{ Code string }
		Exports []struct {
			Revision   int
			Period     string
			ExportedAt string `json:"exported_at"`
			Digest     string
			Services   struct{ Total, Green, Amber, Red int }
			Workload   struct{ Notes, High int }
			Priorities int
			Workforce  *struct {
				InPost     float64 `json:"in_post"`
				Planned    float64
				Recruiting float64
			}
		}
	}
	if err := json.Unmarshal([]byte(j.stdout), &h); err != nil || j.code != 0 {
		t.Fatalf("history --json: exit %d %v: %s", j.code, err, j.stdout)
	}
	if h.PCN.Code != "U99001" || len(h.Exports) != 4 {
		t.Fatalf("history --json: %+v", h)
	}
	e := h.Exports[0]
	if e.Revision != 4 || e.Period != "2026/27 Q3" || e.ExportedAt != "2026-11-10T16:00:00Z" || !strings.HasPrefix(e.Digest, "sha256:") ||
		e.Services.Total != 10 || e.Services.Red != 1 || e.Workload.Notes != 9 || e.Workload.High != 2 || e.Priorities != 5 ||
		e.Workforce == nil || e.Workforce.InPost != 13.7 || e.Workforce.Planned != 19 || e.Workforce.Recruiting != 3.5 {
		t.Errorf("newest export: %+v", e)
	}
	if !strings.Contains(r.stdout, e.Digest) {
		t.Error("the text and the JSON name different digests")
	}

	out := filepath.Join(t.TempDir(), "history.json")
	if r := cliRun(t, nil, "--db", db, "history", "-o", out); r.code != 0 {
		t.Fatalf("-o: exit %d %s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(out); string(data) != j.stdout {
		t.Errorf("-o history.json is not history --json:\n%s", data)
	}

	if r := cliRun(t, nil, "--db", cliDemoDB(t), "history"); r.code != 0 || !strings.Contains(r.stdout, "has exported nothing yet") {
		t.Errorf("no exports: exit %d %q %s", r.code, r.stdout, r.stderr)
	}
	if r := cliRun(t, nil, "--db", cliDemoDB(t), "history", "--json"); r.code != 0 || !strings.Contains(r.stdout, `"exports": []`) {
		t.Errorf("no exports, JSON: exit %d %q", r.code, r.stdout)
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if r := cliRun(t, nil, "--db", missing, "history"); r.code != 1 || !strings.Contains(r.stderr, "no database at "+missing) {
		t.Errorf("missing database: exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("history made a database")
	}
}

// TestCLIHistoryKeepsEveryExport: history lists an export recorded by
// export itself, and the one after it, at once.
func TestCLIHistoryKeepsEveryExport(t *testing.T) {
	db := cliDemoDB(t)
	dir := t.TempDir()
	if r := cliRun(t, nil, "--db", db, "export", "-o", filepath.Join(dir, "1.json")); r.code != 0 {
		t.Fatal(r.stderr)
	}
	withDB(t, db, func(d *store.DB) {
		if _, err := d.SaveNote(context.Background(), domain.Note{Category: "it", Severity: 3, Date: "2026-11-17", Text: "Server down."}); err != nil {
			t.Fatal(err)
		}
	})
	if r := cliRun(t, nil, "--db", db, "export", "-o", filepath.Join(dir, "2.json")); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := cliRun(t, nil, "--db", db, "history")
	if !strings.Contains(r.stdout, "2 exports") || !strings.Contains(r.stdout, "13 notes (5 high)") || !strings.Contains(r.stdout, "12 notes (4 high)") {
		t.Errorf("history:\n%s", r.stdout)
	}
}

func withDB(t testing.TB, path string, fn func(*store.DB)) {
	t.Helper()
	d, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	fn(d)
}

// TestHistoryWorkforceWords: a submission that did not report its
// workforce says so, never "0 WTE"; one that reported no staff says that.
func TestHistoryWorkforceWords(t *testing.T) {
	for _, tc := range []struct {
		roles *[]domain.Role
		want  string
	}{
		{nil, "  Workforce: not reported\n"},
		{&[]domain.Role{}, "  Workforce: no additional-role staff\n"},
		{&[]domain.Role{{Key: "paramedic", InPost: 60, Planned: 100}}, "  Workforce: 0.6 of 1.0 planned WTE in post (60%)\n"},
	} {
		s := demo.Snapshot(config.Default(), cliClock)
		s.Workforce, s.WorkforceReported = nil, tc.roles != nil
		if tc.roles != nil {
			s.Workforce = *tc.roles
		}
		rec, err := pcnjson.Build(cliClock, "pcnvoice test")(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		e := historyOf(rec)
		if got := formatHistory(historyJSON{Exports: []historyEntry{e}}); !strings.Contains(got, tc.want) {
			t.Errorf("history:\n%s\nlacks %q", got, tc.want)
		}
		if (e.Workforce == nil) != (tc.roles == nil) {
			t.Errorf("JSON workforce %+v for %v", e.Workforce, tc.roles)
		}
	}
}
