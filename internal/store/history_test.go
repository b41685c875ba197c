package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// record stores an export of revision rev for period, its document naming both.
func record(t testing.TB, d *DB, rev int, period string) {
	t.Helper()
	_, err := d.Export(context.Background(), func(domain.Snapshot, *domain.ExportRecord) (domain.ExportRecord, error) {
		return domain.ExportRecord{Revision: rev, ExportedAt: fmt.Sprintf("2026-01-%02dT00:00:00Z", rev), Period: period,
			Digest: fmt.Sprint("sha256:", rev), ContentHash: "h", Document: []byte(fmt.Sprintf(`{"r":%d}`, rev))}, nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
}

// TestHistoryQueries: every export newest first; one revision by number;
// each period's last export, newest period first, with periods compared
// as quarters (an imported file's "2026/27 q2" is Q2); the previous
// period's last export.
func TestHistoryQueries(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if h, err := d.ExportHistory(ctx); err != nil || len(h) != 0 {
		t.Fatalf("empty history: %v %v", h, err)
	}
	if r, err := d.PreviousPeriodExport(ctx, domain.Period{Year: 2026, Quarter: 3}); err != nil || r != nil {
		t.Fatalf("no previous period: %v %v", r, err)
	}
	for i, p := range []string{"2025/26 Q4", "2026/27 Q1", "2026/27 Q1", "2026/27 q2", "2026/27 Q2", "2026/27 Q3", "2026/27 Q2"} {
		record(t, d, i+1, p)
	}
	h, err := d.ExportHistory(ctx)
	if err != nil || len(h) != 7 || h[0].Revision != 7 || h[6].Revision != 1 || string(h[0].Document) != `{"r":7}` {
		t.Fatalf("history %v %v", h, err)
	}
	r, err := d.ExportRevision(ctx, 4)
	if err != nil || r == nil || r.Period != "2026/27 q2" || string(r.Document) != `{"r":4}` || r.Digest != "sha256:4" {
		t.Fatalf("revision 4: %+v %v", r, err)
	}
	if r, err := d.ExportRevision(ctx, 9); err != nil || r != nil {
		t.Fatalf("revision 9: %+v %v", r, err)
	}
	revs := func(rs []domain.ExportRecord) []int {
		var out []int
		for _, r := range rs {
			out = append(out, r.Revision)
		}
		return out
	}
	for _, tc := range []struct {
		n    int
		want []int
	}{{0, []int{6, 7, 3, 1}}, {2, []int{6, 7}}, {4, []int{6, 7, 3, 1}}, {9, []int{6, 7, 3, 1}}} {
		got, err := d.PeriodExports(ctx, tc.n)
		if err != nil || fmt.Sprint(revs(got)) != fmt.Sprint(tc.want) {
			t.Errorf("PeriodExports(%d) = %v %v, want %v", tc.n, revs(got), err, tc.want)
		}
	}
	for _, tc := range []struct {
		p    domain.Period
		want int // 0: none
	}{{domain.Period{Year: 2026, Quarter: 4}, 6}, {domain.Period{Year: 2026, Quarter: 3}, 7}, {domain.Period{Year: 2026, Quarter: 2}, 3},
		{domain.Period{Year: 2026, Quarter: 1}, 1}, {domain.Period{Year: 2025, Quarter: 4}, 0}} {
		r, err := d.PreviousPeriodExport(ctx, tc.p)
		got := 0
		if r != nil {
			got = r.Revision
		}
		if err != nil || got != tc.want {
			t.Errorf("PreviousPeriodExport(%s) = %d %v, want %d", tc.p, got, err, tc.want)
		}
	}
}

// TestSinceExport: the content and the newest export, read together.
func TestSinceExport(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	s, last, err := d.SinceExport(ctx)
	if err != nil || last != nil || s.Period.String() != "2026/27 Q3" {
		t.Fatalf("%+v %v %v", s, last, err)
	}
	record(t, d, 1, "2026/27 Q3")
	record(t, d, 2, "2026/27 Q3")
	if _, last, err = d.SinceExport(ctx); err != nil || last == nil || last.Revision != 2 || string(last.Document) != `{"r":2}` {
		t.Fatalf("%+v %v", last, err)
	}
}
