package services

import (
	"context"
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func screen(t testing.TB) (Model, *store.DB) { return tuitest.Screen(t, New) }

func stored(t testing.TB, db *store.DB, key string) domain.Service {
	t.Helper()
	ss, err := db.Services(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		if s.Key == key {
			return s
		}
	}
	t.Fatalf("no service %s", key)
	return domain.Service{}
}

// TestListedInCatalogueOrder: the screen lists services as the catalogue
// does, the order the papers and the forum pack use (SPEC §5).
func TestListedInCatalogueOrder(t *testing.T) {
	m, _ := screen(t)
	cat := config.Default()
	var keys []string
	for _, r := range m.Rows() {
		keys = append(keys, r.s.Key)
	}
	if len(keys) < 2 {
		t.Fatalf("only %d services listed", len(keys))
	}
	if !slices.IsSortedFunc(keys, cat.CompareServices) {
		t.Errorf("services listed as %v, not in the catalogue's order", keys)
	}
}

// TestCycleStatus: each press moves one step, saved in the order pressed
// even when the saves finish after all the presses.
func TestCycleStatus(t *testing.T) {
	for _, tc := range []struct {
		presses int
		want    domain.Status
	}{{1, domain.Amber}, {2, domain.Red}, {3, domain.NotStarted}, {4, domain.Green}} {
		m, db := screen(t)
		r, _ := m.Selected()
		key := r.s.Key
		if r.s.Status != domain.Green {
			t.Fatalf("demo's first service is %s, want green", r.s.Status)
		}
		var cmds []tea.Cmd
		for p := 0; p < tc.presses; p++ {
			var cmd tea.Cmd
			m, cmd = m.Update(tuitest.Key("s"))
			cmds = append(cmds, cmd)
		}
		if r, _ := m.Selected(); r.s.Status != tc.want {
			got := r.s.Status
			t.Errorf("%d presses show %s, want %s", tc.presses, got, tc.want)
		}
		for j := len(cmds) - 1; j >= 0; j-- {
			tuitest.Run(t, cmds[j])
		}
		if got := stored(t, db, key).Status; got != tc.want {
			t.Errorf("%d presses stored %s, want %s", tc.presses, got, tc.want)
		}
	}
}

func TestEditNoteAndStatus(t *testing.T) {
	m, db := screen(t)
	m, _ = tuitest.Drive(t, m, tuitest.Keys("j", "space")...) // the second service, one step on
	r, _ := m.Selected()
	key, status := r.s.Key, r.s.Status
	m, _ = tuitest.Drive(t, m, tuitest.Keys("enter", "right", "tab", " Reviewed in November.", "ctrl+s")...)
	s := stored(t, db, key)
	if r, _ := m.Selected(); s.Status != status.Next() || s.Note != r.s.Note || len(s.Note) == 0 {
		t.Errorf("saved %+v", s)
	}
	if m.Editing() {
		t.Error("form still open after ctrl+s")
	}
}
