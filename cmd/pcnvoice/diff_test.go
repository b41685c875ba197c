package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// diffJSON is what the tests read of `diff --json`.
type diffJSON struct {
	From, To struct {
		Source   string
		Period   string
		Revision int
	}
	Services []struct {
		Key, Change string
		Fields      []string
		Then, Now   *struct{ Status string }
	}
	Priorities []struct {
		Change string
		Fields []string
	}
	Workload struct {
		Added, Removed []struct{ Text string }
	}
	Practices        []json.RawMessage
	Workforce        []json.RawMessage
	StatementChanged bool `json:"statement_changed"`
}

// exportTo exports the database's content to a file in dir and returns it.
func exportTo(t testing.TB, db, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if r := cliRun(t, nil, "--db", db, "export", "-o", p); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	return p
}

// TestCLIDiff: every way of naming the two sides, in text and JSON.
func TestCLIDiff(t *testing.T) {
	db := cliHistoryDB(t)
	dir := t.TempDir()
	// Two files of another database, which diff compares with no database.
	other := cliDemoDB(t)
	q3 := exportTo(t, other, dir, "q3.json")
	withDB(t, other, func(d *store.DB) {
		ctx := context.Background()
		ss, _ := d.Services(ctx)
		for _, s := range ss {
			if s.Key == "ehch" {
				now := s
				now.Status = domain.Red
				if err := d.UpdateService(ctx, s, now, false); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	q3b := exportTo(t, other, dir, "q3b.json")
	noDB := filepath.Join(t.TempDir(), "none.db")

	tests := []struct {
		name     string
		args     []string
		want     []string // in the text, in this order
		from, to string   // JSON sources
	}{
		{"the last export against now", []string{"--db", db, "diff"},
			[]string{"Changes from revision 4 (2026/27 Q3, exported 2026-11-10 16:00 UTC) to the current content (2026/27 Q3):",
				"Services\n  Population health management: amber → red\n", "Workload notes\n  added: 2026-11-12 · Supervision of additional roles · medium"},
			"revision 4", "current content"},
		{"a revision against now", []string{"--db", db, "diff", "@3"},
			[]string{"Changes from revision 3 (2026/27 Q2, exported 2026-09-17 17:00 UTC) to the current content (2026/27 Q3):",
				"Period: 2026/27 Q2 → 2026/27 Q3", "Population health management: amber → red; note changed",
				"      was: Risk stratification tool bought; analyst post out to advert."},
			"revision 3", "current content"},
		{"two revisions", []string{"--db", db, "diff", "@1", "@2"},
			[]string{"Period: 2025/26 Q4 → 2026/27 Q1", "Enhanced health in care homes: amber → green; note changed",
				"Continuity of care: new, not started", "Priorities\n  new: 5. IT kit for PCN staff (Digital and IT)", "Statement: changed"},
			"revision 1", "revision 2"},
		{"the workforce per role", []string{"--db", db, "diff", "@2", "@3"},
			[]string{"Workforce\n  Care coordinator: in post 4.0 → 3.3, recruiting 0.0 → 0.7 WTE; note changed",
				"  Clinical pharmacist: in post 4.0 → 3.0, recruiting 0.0 → 1.0 WTE; note changed"},
			"revision 2", "revision 3"},
		{"a file against now", []string{"--db", other, "diff", q3},
			[]string{"Changes from " + q3 + " (U99001 revision 1, 2026/27 Q3, exported 2026-11-18 16:45 UTC) to the current content (2026/27 Q3):",
				"Enhanced health in care homes: green → red"},
			q3, "current content"},
		{"two files, no database", []string{"--db", noDB, "diff", q3, q3b},
			[]string{"Enhanced health in care homes: green → red"}, q3, q3b},
		{"a file against a revision", []string{"--db", db, "diff", q3, "@4"},
			[]string{"Population health management: red → amber"}, q3, "revision 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cliRun(t, nil, tt.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			at := 0
			for _, w := range tt.want {
				i := strings.Index(r.stdout[at:], w)
				if i < 0 {
					t.Fatalf("diff lacks %q (after byte %d):\n%s", w, at, r.stdout)
				}
				at += i
			}
			j := cliRun(t, nil, append(tt.args, "--json")...)
			var got diffJSON
			if err := json.Unmarshal([]byte(j.stdout), &got); err != nil || j.code != 0 {
				t.Fatalf("--json: exit %d %v: %s", j.code, err, j.stdout)
			}
			if got.From.Source != tt.from || got.To.Source != tt.to {
				t.Errorf("from %q to %q, want %q and %q", got.From.Source, got.To.Source, tt.from, tt.to)
			}
			if len(got.Services) == 0 || got.Workforce == nil || got.Practices == nil || got.Workload.Added == nil {
				t.Errorf("--json: %s", j.stdout)
			}
		})
	}
	if _, err := os.Stat(noDB); err == nil {
		t.Error("comparing two files made a database")
	}
}

// TestCLIDiffJSONMembers: the JSON has SPEC §14's members, and the
// default diff's changes in them.
func TestCLIDiffJSONMembers(t *testing.T) {
	db := cliHistoryDB(t)
	r := cliRun(t, nil, "--db", db, "diff", "--json")
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"from", "to", "services", "priorities", "workload", "practices", "workforce", "statement_changed"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("diff --json lacks %q", k)
		}
	}
	var got diffJSON
	json.Unmarshal([]byte(r.stdout), &got)
	if len(got.Services) != 1 || got.Services[0].Key != "population-health" || got.Services[0].Then.Status != "amber" ||
		got.Services[0].Now.Status != "red" || strings.Join(got.Services[0].Fields, ",") != "status" {
		t.Errorf("services: %+v", got.Services)
	}
	if len(got.Workload.Added) != 3 || len(got.Workload.Removed) != 0 || len(got.Priorities) != 0 || got.StatementChanged {
		t.Errorf("the rest: %s", r.stdout)
	}
	if got.From.Revision != 4 || got.To.Revision != 0 || got.To.Period != "2026/27 Q3" {
		t.Errorf("from %+v to %+v", got.From, got.To)
	}
}

// TestCLIDiffNothingChanged: one line, and status agrees: just exported,
// "up to date" and no changes; edits undone, status says changed since
// and diff says why there is nothing to show.
func TestCLIDiffNothingChanged(t *testing.T) {
	db := cliDemoDB(t)
	exportTo(t, db, t.TempDir(), "x.json")
	r := cliRun(t, nil, "--db", db, "diff")
	if r.code != 0 || r.stdout != "No changes from revision 1 (2026/27 Q3, exported 2026-11-18 16:45 UTC) to the current content (2026/27 Q3).\n" {
		t.Errorf("exit %d: %q", r.code, r.stdout)
	}
	if s := cliRun(t, nil, "--db", db, "status"); !strings.Contains(s.stdout, "up to date") {
		t.Errorf("status: %s", s.stdout)
	}
	withDB(t, db, func(d *store.DB) {
		ctx := context.Background()
		st, _ := d.Statement(ctx)
		if err := d.SetStatement(ctx, st+" More."); err != nil {
			t.Fatal(err)
		}
		if err := d.SetStatement(ctx, st); err != nil {
			t.Fatal(err)
		}
	})
	if s := cliRun(t, nil, "--db", db, "status"); !strings.Contains(s.stdout, "changed since (see `pcnvoice diff`)") {
		t.Errorf("status after an edit undone: %s", s.stdout)
	}
	r = cliRun(t, nil, "--db", db, "diff")
	if strings.Count(r.stdout, "\n") != 1 || !strings.Contains(r.stdout, "No changes from revision 1") ||
		!strings.Contains(r.stdout, "exporting again gives revision 1 again") {
		t.Errorf("after an edit undone: %q", r.stdout)
	}
	if r := cliRun(t, nil, "--db", db, "diff", "@1", "@1"); r.code != 0 || !strings.HasPrefix(r.stdout, "No changes from revision 1") ||
		strings.Contains(r.stdout, "again") {
		t.Errorf("@1 @1: %q", r.stdout)
	}
}

// TestCLIDiffErrors: each bad argument is one line naming it, with the
// usage errors pointing at diff's help; nothing is written.
func TestCLIDiffErrors(t *testing.T) {
	db := cliHistoryDB(t)
	dir := t.TempDir()
	good := exportTo(t, cliDemoDB(t), dir, "good.json")
	data, _ := os.ReadFile(good)
	tampered := filepath.Join(dir, "tampered.json")
	os.WriteFile(tampered, []byte(strings.Replace(string(data), "Riverside", "Riverbank", 1)), 0o600)
	notJSON := filepath.Join(dir, "notes.txt")
	os.WriteFile(notJSON, []byte("Dear forum,\n"), 0o600)
	pack := copyFixture(t, dir, "received/northgate-neighbourhood-pack.json", "pack.json")
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"three arguments", []string{"--db", db, "diff", "@1", "@2", "@3"}, 2, []string{"two submissions at most", "(see `pcnvoice diff --help`)"}},
		{"@0", []string{"--db", db, "diff", "@0"}, 2, []string{`"@0": write a revision`, "pcnvoice diff --help"}},
		{"@x", []string{"--db", db, "diff", "@x", good}, 2, []string{`"@x"`, "./@x", "pcnvoice diff --help"}},
		{"no such revision", []string{"--db", db, "diff", "@9"}, 1, []string{"@9: " + db + " has no revision 9; its history holds 4 revisions, 1 to 4"}},
		{"missing file", []string{"--db", db, "diff", filepath.Join(dir, "gone.json")}, 1, []string{filepath.Join(dir, "gone.json")}},
		{"tampered", []string{"--db", db, "diff", tampered}, 1, []string{tampered, "digest", "modified after export"}},
		{"not JSON", []string{"--db", db, "diff", notJSON, good}, 1, []string{notJSON, "not a JSON object"}},
		{"a pack", []string{"--db", db, "diff", pack}, 1, []string{pack, "format"}},
		{"a folder", []string{"--db", db, "diff", dir}, 1, []string{dir}},
		{"nothing exported", []string{"--db", cliDemoDB(t), "diff"}, 1, []string{"has exported nothing yet, so there is no last export"}},
		{"@1 with nothing exported", []string{"--db", cliDemoDB(t), "diff", "@1"}, 1, []string{"has exported nothing yet, so there is no revision"}},
		{"no database", []string{"--db", filepath.Join(dir, "none.db"), "diff", good}, 1, []string{"no database at"}},
		{"-o over an input", []string{"--db", db, "diff", good, "-o", good}, 1, []string{good}},
		{"-o over the database", []string{"--db", db, "diff", "-o", db}, 1, []string{db}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fileSum(t, good)
			r := cliRun(t, nil, tt.args...)
			if r.code != tt.code || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
				t.Fatalf("exit %d (want %d), stdout %q, stderr %q", r.code, tt.code, r.stdout, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
			if fileSum(t, good) != before {
				t.Error("an input changed")
			}
		})
	}
}

// TestCLIDiffToFile: -o writes the text, or JSON for a .json name.
func TestCLIDiffToFile(t *testing.T) {
	db := cliHistoryDB(t)
	dir := t.TempDir()
	for _, name := range []string{"changes.txt", "changes.json"} {
		out := filepath.Join(dir, name)
		if r := cliRun(t, nil, "--db", db, "diff", "@2", "-o", out); r.code != 0 || r.stdout != "" {
			t.Fatalf("exit %d %s", r.code, r.stderr)
		}
		data, _ := os.ReadFile(out)
		want := cliRun(t, nil, "--db", db, "diff", "@2").stdout
		if strings.HasSuffix(name, ".json") {
			want = cliRun(t, nil, "--db", db, "diff", "@2", "--json").stdout
		}
		if string(data) != want {
			t.Errorf("%s is not what stdout gets:\n%s", name, data)
		}
	}
}
