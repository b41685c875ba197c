package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// oldSubmission is the demo PCN as pcnvoice exported it before workforce
// existed (main at 1292aca, SOURCE_DATE_EPOCH=1795000000): a file with no
// workforce member, as every forum already holds.
const oldSubmission = "testdata/riverside-before-workforce.json"

// TestCLIRestoreOldFileKeepsWorkforceNotReported: a file without workforce
// restores as "not reported" — into a new database, and over one that had
// reported it — and exports again as the very same file: no zeros invented,
// no new revision.
func TestCLIRestoreOldFileKeepsWorkforceNotReported(t *testing.T) {
	old, err := os.ReadFile(oldSubmission)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, db string }{
		{"into a new database", filepath.Join(t.TempDir(), "fresh.db")},
		{"over a reported workforce", cliDemoDB(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := cliRun(t, nil, "--db", tc.db, "import", oldSubmission)
			if r.code != 0 || !strings.Contains(r.stdout, "workforce not reported") {
				t.Fatalf("import: exit %d: %s%s", r.code, r.stdout, r.stderr)
			}
			if r := cliRun(t, nil, "--db", tc.db, "status"); !strings.Contains(r.stdout, "Workforce: not reported") {
				t.Errorf("status:\n%s", r.stdout)
			}
			if r := cliRun(t, nil, "--db", tc.db, "status", "--json"); !strings.Contains(r.stdout, `"workforce": null`) ||
				!strings.Contains(r.stdout, `"changed_since_export": false`) {
				t.Errorf("status --json:\n%s", r.stdout)
			}
			r = cliRun(t, nil, "--db", tc.db, "export")
			if r.code != 0 || r.stdout != string(old) {
				t.Errorf("exporting the restored file again (exit %d) gives another file:\n%s", r.code, r.stdout)
			}
		})
	}
}

// TestCLIWorkforceRoundTrip: the demo's workforce goes out in the file,
// sorted by role with its figures as typed, and an import of that file
// gives a database that exports it byte for byte.
func TestCLIWorkforceRoundTrip(t *testing.T) {
	db := cliDemoDB(t)
	out := filepath.Join(t.TempDir(), "riverside.json")
	if r := cliRun(t, nil, "--db", db, "export", "-o", out); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	file, _ := os.ReadFile(out)
	text := string(file)
	at := func(s string) int { return strings.Index(text, s) }
	if at(`"role": "care-coordinator"`) < 0 || at(`"wte_in_post": 2.6`) < 0 || at(`"wte_recruiting": 1.4`) < 0 ||
		!(at(`"role": "care-coordinator"`) < at(`"role": "clinical-pharmacist"`) && at(`"role": "clinical-pharmacist"`) < at(`"role": "paramedic"`)) {
		t.Fatalf("the file's workforce is not the demo's, sorted by role:\n%s", text)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	if r := cliRun(t, nil, "--db", fresh, "import", out); r.code != 0 || !strings.Contains(r.stdout, "9 additional roles") {
		t.Fatalf("import: %s%s", r.stdout, r.stderr)
	}
	if r := cliRun(t, nil, "--db", fresh, "export"); r.stdout != text {
		t.Errorf("import then export gave another file")
	}
	if r := cliRun(t, nil, "--db", fresh, "status"); !strings.Contains(r.stdout, "Workforce: 13.7 of 19.0 planned WTE in post (72%) · 3.5 recruiting") {
		t.Errorf("status after the round trip:\n%s", r.stdout)
	}
}

// TestCLINewDatabaseDoesNotReportWorkforce: a director who never opened
// the Workforce section has not said "no staff", so a new database's
// export leaves the member out; saying "none" writes [] as a new revision.
func TestCLINewDatabaseDoesNotReportWorkforce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := store.Open(ctx, path, store.Options{Create: true, Period: "2026/27 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SetUp(ctx, domain.PCN{Code: "U51234", Name: "Brook PCN"}, domain.Period{Year: 2026, Quarter: 3}, nil); err != nil {
		t.Fatal(err)
	}
	first := cliRun(t, nil, "--db", path, "export")
	if first.code != 0 || strings.Contains(first.stdout, `"workforce"`) {
		t.Fatalf("a new database's export (exit %d) writes workforce:\n%s", first.code, first.stdout)
	}
	if err := db.ReportNoStaff(ctx); err != nil {
		t.Fatal(err)
	}
	second := cliRun(t, nil, "--db", path, "export")
	if !strings.Contains(second.stdout, `"workforce": []`) || !strings.Contains(second.stdout, `"revision": 2`) {
		t.Errorf("after saying none, the export is not revision 2 with workforce []:\n%s", second.stdout)
	}
}
