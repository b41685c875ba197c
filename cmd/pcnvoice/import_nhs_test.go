package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/store"
)

const nhsFixtures = "../../testdata/nhs/"

func nhsPractices(t *testing.T, db string) map[string]int64 {
	t.Helper()
	d, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ps, err := d.Practices(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, p := range ps {
		out[p.ODSCode] = p.ListSize
	}
	return out
}

func TestCLIImportPracticeMapThenListSizes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "n.db")
	r := cliRun(t, nil, "--db", db, "import", nhsFixtures+"gp-reg-pat-prac-map.csv")
	if r.code != 1 || !strings.Contains(r.stderr, "--pcn") {
		t.Fatalf("map without --pcn on a new database: exit %d %s", r.code, r.stderr)
	}
	r = cliRun(t, nil, "--db", db, "import", "--pcn", "u99001", nhsFixtures+"gp-reg-pat-prac-map.csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"set up U99001 Riverside Health PCN", "added 6 practices: Y09101, Y09102, Y09103, Y09104, Y09105, Y09106", "10 services"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
	r = cliRun(t, nil, "--db", db, "import", nhsFixtures+"gp-reg-pat-prac-all.csv")
	if r.code != 0 || !strings.Contains(r.stdout, "5 practices updated") || !strings.Contains(r.stdout, "member practices: Y09106") {
		t.Fatalf("list sizes: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	ps := nhsPractices(t, db)
	if len(ps) != 6 || ps["Y09101"] != 9812 {
		t.Errorf("after list sizes: %v (non-members must not be added; Y09101 = 9,812)", ps)
	}
	r = cliRun(t, nil, "--db", db, "import", nhsFixtures+"gp-reg-pat-prac-all-2021.csv")
	if r.code != 0 || nhsPractices(t, db)["Y09101"] != 9540 {
		t.Errorf("old CCG_ headers: exit %d %s", r.code, r.stderr)
	}
	// The same map again: nothing new, and the name the director sees is kept.
	r = cliRun(t, nil, "--db", db, "import", nhsFixtures+"gp-reg-pat-prac-map.csv")
	if r.code != 0 || !strings.Contains(r.stdout, "no new practices") {
		t.Errorf("re-import: %s %s", r.stdout, r.stderr)
	}
}

func TestCLIImportEPCNWorkbookAndCSVAgree(t *testing.T) {
	for _, file := range []string{"ePCN.xlsx", "epcn-core-partners.csv"} {
		t.Run(file, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "e.db")
			r := cliRun(t, nil, "--db", db, "import", "--pcn", "U99001", nhsFixtures+file)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			ps := nhsPractices(t, db)
			if len(ps) != 6 {
				t.Errorf("%d practices, want the 6 current members: %v", len(ps), ps)
			}
			if _, ok := ps["Y09108"]; ok {
				t.Errorf("Y09108 left Riverside in 2022 but was added")
			}
			if !strings.Contains(r.stdout, "Riverside Health PCN") {
				t.Errorf("PCN name not tidied from ODS capitals: %s", r.stdout)
			}
		})
	}
}

func TestCLIImportNHSRefusals(t *testing.T) {
	db := cliDemoDB(t) // holds U99001 with practices Y99101…
	before := dbFingerprint(t, db)
	dir := t.TempDir()
	junk := filepath.Join(dir, "notes.txt")
	os.WriteFile(junk, []byte("Dear forum,\nplease find attached.\n"), 0o600)
	badSizes := filepath.Join(dir, "sizes.csv")
	os.WriteFile(badSizes, []byte("PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\r\n"+
		"GP_PRAC_PAT_LIST,2026-04-01,GP,16C,E38000247,Y99101,TS18 1HU,ALL,ALL,3747\r\n"+
		"GP_PRAC_PAT_LIST,2026-04-01,GP,16C,E38000247,Y99102,TS18 1HU,ALL,ALL,12a\r\n"), 0o600)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unrecognised lists kinds", []string{"import", junk}, 1, "practice–PCN map"},
		{"other PCN by flag", []string{"import", "--pcn", "U99002", nhsFixtures + "gp-reg-pat-prac-map.csv"}, 1, "this database holds U99001"},
		{"malformed --pcn", []string{"import", "--pcn", "X1", nhsFixtures + "gp-reg-pat-prac-map.csv"}, 2, "--pcn \"X1\""},
		{"bad row names file and row", []string{"import", badSizes}, 1, "sizes.csv: row 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cliRun(t, nil, append([]string{"--db", db}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit %d and one line with %q", r.code, r.stderr, tt.code, tt.want)
			}
		})
	}
	if dbFingerprint(t, db) != before {
		t.Errorf("a refused import changed the database")
	}
}
