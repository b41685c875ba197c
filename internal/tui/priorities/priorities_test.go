package priorities

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func screen(t testing.TB) (Model, *store.DB) { return tuitest.Screen(t, New) }

var press = tuitest.Press[Model]

// order is the stored titles' first words by rank, checking ranks run 1..n.
func order(t testing.TB, db *store.DB) string {
	t.Helper()
	ps, err := db.Priorities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := domain.ValidateRanks("priorities", ps); err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, p := range ps {
		s = append(s, p.Title[:4])
	}
	return fmt.Sprint(s)
}

const demoOrder = "[Room Fund Shar Stop IT k]"

func TestReorder(t *testing.T) {
	for _, tc := range []struct {
		name     string
		keys     []string
		want     string
		selected int // rank of the selected row afterwards
	}{
		{"J moves the first down", []string{"J"}, "[Fund Room Shar Stop IT k]", 2},
		{"shift+down too", []string{"shift+down"}, "[Fund Room Shar Stop IT k]", 2},
		{"K on the first does nothing", []string{"K"}, demoOrder, 1},
		{"J on the last does nothing", []string{"G", "J"}, demoOrder, 5},
		{"third up twice", []string{"j", "j", "K", "shift+up"}, "[Shar Room Fund Stop IT k]", 1},
		{"there and back", []string{"J", "J", "K", "K"}, demoOrder, 1},
		{"moving with a filter is refused", []string{"/", "data", "enter", "K"}, demoOrder, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, db := screen(t)
			m = press(t, m, tc.keys...)
			if got := order(t, db); got != tc.want {
				t.Errorf("stored %s, want %s", got, tc.want)
			}
			if r, _ := m.Selected(); r.p.Rank != tc.selected {
				t.Errorf("selected rank %d, want %d", r.p.Rank, tc.selected)
			}
		})
	}
}

// TestQuickMovesLandInOrder: keys pressed faster than the saves finish
// still end in the order the screen showed.
func TestQuickMovesLandInOrder(t *testing.T) {
	m, db := screen(t)
	var cmds []tea.Cmd
	for _, k := range []string{"J", "J", "J", "K"} {
		var cmd tea.Cmd
		m, cmd = m.Update(tuitest.Key(k))
		cmds = append(cmds, cmd)
	}
	for i := len(cmds) - 1; i >= 0; i-- { // run them back to front
		tuitest.Run(t, cmds[i])
	}
	if got := order(t, db); got != "[Fund Shar Room Stop IT k]" {
		t.Errorf("stored %s after J J J K", got)
	}
}

func TestAddEditDeleteUndo(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "a", "w", "tab", "Protected learning time", "tab", "Fund four afternoons a year", "ctrl+s")
	ps, _ := db.Priorities(context.Background())
	last := ps[len(ps)-1]
	if len(ps) != 6 || last.Rank != 6 || last.Theme != "workforce" || last.Title != "Protected learning time" || last.Ask != "Fund four afternoons a year" {
		t.Fatalf("added %+v", last)
	}
	if r, _ := m.Selected(); r.p.ID != last.ID {
		t.Error("the new priority is not selected")
	}

	m = press(t, m, "g", "enter", "tab", " now", "ctrl+s")
	if ps, _ := db.Priorities(context.Background()); ps[0].Title != "Rooms for additional-role staff now" || ps[0].Rank != 1 {
		t.Errorf("edit saved %+v", ps[0])
	}

	m = press(t, m, "j", "d", "y")
	if got := order(t, db); got != "[Room Shar Stop IT k Prot]" {
		t.Fatalf("after delete: %s", got)
	}
	press(t, m, "u")
	if got := order(t, db); got != "[Room Fund Shar Stop IT k Prot]" {
		t.Errorf("undo put it back as %s", got)
	}
}

func TestFormNeedsATitle(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "a", "ctrl+s")
	if !m.Editing() || order(t, db) != demoOrder {
		t.Error("a priority without a title was saved")
	}
}
