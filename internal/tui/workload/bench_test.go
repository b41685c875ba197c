package workload

import (
	"context"
	"fmt"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// manyNotes makes n notes with realistic lengths, newest first.
func manyNotes(n int) []domain.Note {
	cats := config.Default().Categories
	ns := make([]domain.Note, n)
	for i := range ns {
		ns[i] = domain.Note{
			ID: int64(n - i), Category: cats[i%len(cats)].Key, Severity: domain.Severity(i%3 + 1),
			Date: fmt.Sprintf("2026-%02d-%02d", 12-i/400%12, 28-i%28),
			Text: fmt.Sprintf("Note %d: same-day demand up again; two rooms short at Mill Lane and locum cover booked until the end of the quarter, which the ICB has not funded.", i),
		}
	}
	return ns
}

// BenchmarkKeystroke5000Notes is SPEC §12's bar on the screen alone: one
// j (update and redraw) with 5,000 notes must take well under 1 ms. The
// root's figure, with the tab bar and help, is BenchmarkKeystroke in
// internal/tui.
func BenchmarkKeystroke5000Notes(b *testing.B) {
	com := tuitest.Common(b, nil, false, 80, 20)
	rows := rowsOf(com.Config, manyNotes(5000))
	m, load := newModel(com, func(context.Context) ([]row, int64, error) { return rows, 1, nil }).SetSize(80, 20).Focus()
	m, _ = tuitest.Drive(b, m, tuitest.Run(b, load)...)
	j, top := tuitest.Key("j"), tuitest.Key("g")
	last := rows[len(rows)-1].n.ID
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := j
		if r, _ := m.Selected(); r.n.ID == last {
			k = top
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}
