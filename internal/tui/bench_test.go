package tui_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// bigDB is the demo PCN with n workload notes, written in one transaction.
func bigDB(tb testing.TB, n int) *store.DB {
	tb.Helper()
	ctx := context.Background()
	snap := demo.Snapshot(config.Default(), tuitest.Now())
	cats := config.Default().Categories
	snap.Notes = make([]domain.Note, n)
	for i := range snap.Notes {
		snap.Notes[i] = domain.Note{
			Category: cats[i%len(cats)].Key, Severity: domain.Severity(i%3 + 1),
			Date: fmt.Sprintf("2026-%02d-%02d", 12-i/400%12, 28-i%28),
			Text: fmt.Sprintf("Note %d: same-day demand up again; two rooms short at Mill Lane and locum cover booked to the end of the quarter.", i),
		}
	}
	db, err := store.Open(ctx, filepath.Join(tb.TempDir(), "big.db"), store.Options{Create: true, Period: snap.Period.String()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Restore(ctx, snap, nil); err != nil {
		tb.Fatal(err)
	}
	return db
}

// BenchmarkKeystroke is SPEC §12's bar: one keystroke (j) on the Workload
// screen with 5,000 notes, through the root's Update and the whole View
// (tab bar, list, detail, help line), must stay under 1 ms.
func BenchmarkKeystroke(b *testing.B) {
	m := app(b, bigDB(b, 5000), tui.Options{}, 80, 24)
	m, _ = press(b, m, "5")
	j, top := tuitest.Key("j"), tuitest.Key("g")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := j
		if i%4999 == 4998 {
			k = top // stay within the list, so every j moves
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkStartup is the time to the first full frame: building the app,
// asking the database whether a PCN is set up, loading the overview, and
// drawing it. Bar: well under 100 ms.
func BenchmarkStartup(b *testing.B) {
	db := tuitest.DB(b, true)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := tui.New(context.Background(), tui.Options{DB: db, Renderer: tuitest.Renderer(false), Now: tuitest.Now})
		msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}}, tuitest.Run(b, m.Init())...)
		model, _ := tuitest.Drive[tea.Model](b, m, msgs...)
		_ = model.View()
	}
}

// TestStartupIsQuick holds the first frame to the bar with a wide margin
// for slow CI machines; the benchmark gives the real figure.
func TestStartupIsQuick(t *testing.T) {
	r := testing.Benchmark(BenchmarkStartup)
	if per := r.NsPerOp(); per > 100e6 {
		t.Errorf("startup to first frame took %.1f ms, want under 100 ms", float64(per)/1e6)
	}
}
