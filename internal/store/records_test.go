package store

import (
	"context"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

func TestPrioritiesStayContiguous(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	var ids []int64
	for _, title := range []string{"A", "B", "C", "D"} {
		id, err := d.SavePriority(ctx, domain.Priority{Theme: "workforce", Title: title})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	titles := func() string {
		ps, err := d.Priorities(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := domain.ValidateRanks("p", ps); err != nil {
			t.Fatalf("ranks broken: %v", err)
		}
		s := ""
		for _, p := range ps {
			s += p.Title
		}
		return s
	}
	steps := []struct {
		name string
		do   func() error
		want string
	}{
		{"initial", func() error { return nil }, "ABCD"},
		{"move C up", func() error { return d.MovePriority(ctx, ids[2], -1) }, "ACBD"},
		{"move A up at top is a no-op", func() error { return d.MovePriority(ctx, ids[0], -1) }, "ACBD"},
		{"move A down", func() error { return d.MovePriority(ctx, ids[0], +1) }, "CABD"},
		{"delete A", func() error { return d.DeletePriority(ctx, ids[0]) }, "CBD"},
		{"undo: A back at 2", func() error {
			_, err := d.SavePriority(ctx, domain.Priority{ID: ids[0], Rank: 2, Theme: "workforce", Title: "A"})
			return err
		}, "CABD"},
		{"edit keeps rank", func() error {
			_, err := d.SavePriority(ctx, domain.Priority{ID: ids[3], Rank: 99, Theme: "estates", Title: "D"})
			return err
		}, "CABD"},
		{"move D down at bottom is a no-op", func() error { return d.MovePriority(ctx, ids[3], +1) }, "CABD"},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := titles(); got != st.want {
			t.Fatalf("%s: order %s, want %s", st.name, got, st.want)
		}
	}
}

func TestSummaryAndChangedSinceExport(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	s, err := d.Summary(ctx)
	if err != nil || s.PCN != nil || s.Period != "2026/27 Q3" || !s.ChangedSince {
		t.Fatalf("empty summary = %+v, %v", s, err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(d.SavePCN(ctx, domain.PCN{Code: "u51234", Name: "Riverside"}))
	must(d.SavePractice(ctx, domain.Practice{ODSCode: "a81001", Name: "Mill", ListSize: 100}))
	must(d.SavePractice(ctx, domain.Practice{ODSCode: "A81002", Name: "Bridge", ListSize: 50}))
	must(d.SaveService(ctx, domain.Service{Key: "ehch", Name: "EHCH", Status: domain.Red}))
	must(d.StartPeriod(ctx, domain.Period{Year: 2026, Quarter: 3}, []domain.Service{{Key: "ehch", Name: "x"}, {Key: "cvd-prevention", Name: "CVD"}}))
	_, err = d.SaveNote(ctx, domain.Note{Category: "it", Severity: 3, Date: "2026-11-01", Text: "x"})
	must(err)
	_, err = d.SaveNote(ctx, domain.Note{Category: "it", Severity: 1, Date: "2026-11-05", Text: "y"})
	must(err)
	s, err = d.Summary(ctx)
	must(err)
	if s.PCN.Code != "U51234" || s.Practices != 2 || s.Population != 150 || s.Services[domain.Red] != 1 ||
		s.Services[domain.NotStarted] != 1 || s.ServicesTotal != 2 || s.HighNotes != 1 || s.LatestNote != "2026-11-05" {
		t.Fatalf("summary = %+v", s)
	}
	rec, err := d.Export(ctx, func(snap domain.Snapshot, last *domain.ExportRecord) (domain.ExportRecord, error) {
		return domain.ExportRecord{Revision: 1, ExportedAt: "2026-11-18T00:00:00Z", Period: "2026/27 Q3", Digest: "sha256:x", ContentHash: "h", Document: []byte("{}")}, nil
	}, nil)
	must(err)
	if s, _ = d.Summary(ctx); s.ChangedSince || s.LastExport == nil || s.LastExport.Revision != rec.Revision {
		t.Fatalf("after export: %+v", s)
	}
	must(d.SavePractice(ctx, domain.Practice{ODSCode: "A81002", Name: "Bridge", ListSize: 50})) // no change
	if s, _ = d.Summary(ctx); s.ChangedSince {
		t.Errorf("saving identical values counted as a change")
	}
	must(d.SavePractice(ctx, domain.Practice{ODSCode: "A81002", Name: "Bridge", ListSize: 51}))
	if s, _ = d.Summary(ctx); !s.ChangedSince {
		t.Errorf("an edit after export not noticed")
	}
}

func TestRestoreRefusesOtherPCN(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Mine"}); err != nil {
		t.Fatal(err)
	}
	snap := domain.Snapshot{Period: domain.Period{Year: 2026, Quarter: 3}, PCN: domain.PCN{Code: "U99999", Name: "Theirs"}}
	err := d.Restore(ctx, snap, &domain.ExportRecord{Revision: 1, Digest: "sha256:x", Document: []byte("{}")})
	if err == nil {
		t.Fatal("restore of another PCN accepted")
	}
	if p, _ := d.PCN(ctx); p.Name != "Mine" {
		t.Errorf("refused restore changed the PCN")
	}
}
