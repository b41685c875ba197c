package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

func TestHighNotesNewestFirst(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	for i, n := range []domain.Note{
		{Category: "it", Severity: domain.High, Date: "2026-10-01", Text: "old high"},
		{Category: "it", Severity: domain.Low, Date: "2026-11-20", Text: "new low"},
		{Category: "it", Severity: domain.High, Date: "2026-11-02", Text: "new high"},
		{Category: "it", Severity: domain.High, Date: "2026-11-02", Text: "newer high, same day"},
	} {
		if _, err := d.SaveNote(ctx, n); err != nil {
			t.Fatalf("note %d: %v", i, err)
		}
	}
	got, err := d.HighNotes(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, n := range got {
		texts = append(texts, n.Text)
	}
	if want := "[newer high, same day new high]"; fmt.Sprint(texts) != want {
		t.Errorf("HighNotes(2) = %v, want %s", texts, want)
	}
	if got, _ := d.HighNotes(ctx, 0); len(got) != 0 {
		t.Errorf("HighNotes(0) gave %d notes", len(got))
	}
}

func TestSetUpSeedsServicesOnce(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	p := domain.Period{Year: 2026, Quarter: 4}
	active := []domain.Service{{Key: "ehch", Name: "Enhanced health in care homes"}, {Key: "cvd-prevention", Name: "CVD"}}
	if err := d.SetUp(ctx, domain.PCN{Code: " u51234 ", Name: "Test PCN", ICS: "An ICS"}, p, active); err != nil {
		t.Fatal(err)
	}
	s, err := d.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.PCN.Code != "U51234" || s.Period != p || len(s.Services) != 2 || s.Services[0].Status != domain.NotStarted {
		t.Errorf("after SetUp: code %q period %v services %+v", s.PCN.Code, s.Period, s.Services)
	}
	if err := d.SetUp(ctx, domain.PCN{Code: "X1", Name: "bad"}, p, nil); err == nil {
		t.Error("SetUp took a malformed PCN code")
	}
	if pcn, _ := d.PCN(ctx); pcn.Code != "U51234" {
		t.Errorf("a refused SetUp changed the PCN to %q", pcn.Code)
	}
}

func TestRemoveRestorePracticeKeepsPostcode(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.SavePractice(ctx, domain.Practice{ODSCode: "N81002", Name: "Bridge St", ListSize: 9000}); err != nil {
		t.Fatal(err)
	}
	// Postcodes come from NHS imports; set one directly as an import would.
	if _, err := d.db.Exec("UPDATE practices SET postcode = 'TS18 1HU' WHERE ods_code = 'N81002'"); err != nil {
		t.Fatal(err)
	}
	seen := domain.Practice{ODSCode: "N81002", Name: "Bridge St", ListSize: 9000}
	dp, err := d.RemovePractice(ctx, seen)
	if err != nil {
		t.Fatal(err)
	}
	if ps, _ := d.Practices(ctx); len(ps) != 0 {
		t.Fatalf("practice not removed: %+v", ps)
	}
	if _, err := d.RemovePractice(ctx, seen); !errors.Is(err, ErrGone) {
		t.Errorf("removing twice: %v, want ErrGone", err)
	}
	if err := d.RestorePractice(ctx, dp); err != nil {
		t.Fatal(err)
	}
	pcs, _ := d.PracticePostcodes(ctx)
	ps, _ := d.Practices(ctx)
	if len(ps) != 1 || ps[0] != dp.Practice || len(pcs) != 1 || pcs[0] != "TS18 1HU" {
		t.Errorf("restored %+v with postcodes %v", ps, pcs)
	}
	if err := d.RestorePractice(ctx, dp); !errors.Is(err, ErrConflict) {
		t.Errorf("restoring over an existing practice: %v, want ErrConflict", err)
	}
}
