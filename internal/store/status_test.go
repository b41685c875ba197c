package store

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// TestReadStatusAgreesWithSummary: the quick read status uses gives what
// Open and Summary give, at every stage of a database's life, and leaves
// nothing beside the file.
func TestReadStatusAgreesWithSummary(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	path := d.Path()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	check := func(stage string) {
		t.Helper()
		want, err := d.Summary(ctx)
		must(err)
		got, err := ReadStatus(ctx, path, Options{ReadOnlyOK: true})
		must(err)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ReadStatus\n%+v\nSummary\n%+v", stage, got, want)
		}
	}
	check("empty")
	must(d.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Riverside", ICS: "North", Place: "Town", ClinicalDirector: "Dr A"}))
	must(d.SetStatement(ctx, "We ask for rooms."))
	check("set up")
	must(d.SavePractice(ctx, domain.Practice{ODSCode: "A81001", Name: "Mill", ListSize: 100}))
	must(d.StartPeriod(ctx, domain.Period{Year: 2026, Quarter: 3}, []domain.Service{{Key: "ehch", Name: "EHCH"}, {Key: "smr", Name: "SMR"}}))
	must(d.SaveService(ctx, domain.Service{Key: "ehch", Name: "EHCH", Status: domain.Amber}))
	_, err := d.SaveNote(ctx, domain.Note{Category: "it", Severity: 3, Date: "2026-11-01", Text: "x"})
	must(err)
	_, err = d.SavePriority(ctx, domain.Priority{Theme: "estates", Title: "Rooms", Ask: "Fund rooms"})
	must(err)
	check("filled in")
	_, err = d.Export(ctx, func(domain.Snapshot, *domain.ExportRecord) (domain.ExportRecord, error) {
		return domain.ExportRecord{Revision: 1, ExportedAt: "2026-11-18T00:00:00Z", Period: "2026/27 Q3", Digest: "sha256:x", ContentHash: "h", Document: []byte("{}")}, nil
	}, nil)
	must(err)
	check("exported")
	_, err = d.SaveNote(ctx, domain.Note{Category: "it", Severity: 1, Date: "2026-11-05", Text: "y"})
	must(err)
	check("changed since")
	d.Close()
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("status left %s beside the database", suffix)
		}
	}
}

// TestReadStatusFallsBack: what the quick read does not handle itself —
// no database, an older schema — goes through Open, with its words and
// its upgrade.
func TestReadStatusFallsBack(t *testing.T) {
	ctx := context.Background()
	if _, err := ReadStatus(ctx, filepath.Join(t.TempDir(), "none.db"), Options{ReadOnlyOK: true}); err == nil {
		t.Error("no database, no error")
	}
	all, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := Open(ctx, path, Options{Create: true, Period: "2026/27 Q3", migrations: all[:1]})
	if err != nil {
		t.Fatal(err)
	}
	if err := old.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Old"}); err != nil {
		t.Fatal(err)
	}
	old.Close()
	s, err := ReadStatus(ctx, path, Options{ReadOnlyOK: true})
	if err != nil || s.PCN == nil || s.PCN.Name != "Old" {
		t.Fatalf("old schema: %+v, %v", s, err)
	}
	d, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if v, _ := d.userVersion(ctx); v != len(all) {
		t.Errorf("status did not bring the schema up to date: %d", v)
	}
}
