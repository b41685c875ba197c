package workload

import (
	"context"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func screen(t testing.TB) (Model, *store.DB) { return tuitest.Screen(t, New) }

var press = tuitest.Press[Model]

func notes(t testing.TB, db *store.DB) []domain.Note {
	t.Helper()
	ns, err := db.Notes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

func TestNavigateAndFilter(t *testing.T) {
	for _, tc := range []struct {
		name     string
		keys     []string
		shown    int
		selected string // the selected note's date
	}{
		{"newest first", nil, 12, "2026-11-16"},
		{"down twice", []string{"j", "down"}, 12, "2026-11-12"},
		{"past the end", []string{"G", "j", "j"}, 12, "2026-10-02"},
		{"back to top", []string{"G", "g"}, 12, "2026-11-16"},
		{"high severity", []string{"/", "sev:high", "enter"}, 4, "2026-11-16"},
		{"category by key", []string{"/", "cat:estates", "enter"}, 1, "2026-11-16"},
		{"category by name and a word", []string{"/", "workforce locum"}, 1, "2026-11-14"},
		{"low", []string{"/", "sev:low", "enter", "j"}, 3, "2026-10-16"},
		{"esc clears the filter", []string{"/", "sev:low", "enter", "esc"}, 12, "2026-10-31"},
		{"no match", []string{"/", "zzz"}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := screen(t)
			m = press(t, m, tc.keys...)
			if m.Shown() != tc.shown {
				t.Errorf("shown %d notes, want %d", m.Shown(), tc.shown)
			}
			r, ok := m.Selected()
			if got := r.n.Date; ok && got != tc.selected || !ok && tc.selected != "" {
				t.Errorf("selected %q, want %q", got, tc.selected)
			}
		})
	}
}

func TestAddNote(t *testing.T) {
	m, db := screen(t)
	// e jumps the category to Estates; 3 the severity to high; the date
	// defaults to today.
	m = press(t, m, "a", "e", "tab", "3", "tab", "tab", "Two rooms short", "enter", "at Mill Lane", "ctrl+s")
	if m.Editing() {
		t.Fatalf("form still open:\n%s", tuitest.Strip(m.View()))
	}
	ns := notes(t, db)
	if len(ns) != 13 {
		t.Fatalf("%d notes, want 13", len(ns))
	}
	n := ns[0] // newest first: today's
	want := domain.Note{ID: n.ID, Category: "estates", Severity: domain.High, Date: "2026-11-18", Text: "Two rooms short\nat Mill Lane"}
	if n != want {
		t.Errorf("saved %+v, want %+v", n, want)
	}
	if r, _ := m.Selected(); r.n.ID != n.ID {
		t.Errorf("the new note is not selected (selected %+v)", r.n)
	}
}

func TestAddNoteRefusesBadInput(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "a", "tab", "tab", "backspace", "backspace", "ctrl+s")
	v := tuitest.Strip(m.View())
	if !m.Editing() || !strings.Contains(v, "a date is written YYYY-MM-DD") || !strings.Contains(v, "say what the pressure is") {
		t.Errorf("a bad date and empty text were not refused:\n%s", v)
	}
	if len(notes(t, db)) != 12 {
		t.Error("a refused note was saved")
	}
	m = press(t, m, "esc", "y") // the date was changed: esc asks first
	if m.Editing() || len(notes(t, db)) != 12 {
		t.Error("esc did not cancel cleanly")
	}
}

func TestEditNote(t *testing.T) {
	m, db := screen(t)
	before := notes(t, db)[1]
	m = press(t, m, "j", "enter", "tab", "tab", "tab", " (updated)", "ctrl+s")
	after := notes(t, db)[1]
	if after.ID != before.ID || after.Text != before.Text+" (updated)" || after.Category != before.Category {
		t.Errorf("edit saved %+v from %+v", after, before)
	}
	if r, _ := m.Selected(); r.n.ID != before.ID {
		t.Error("the edited note is no longer selected")
	}
}

func TestDeleteAndUndo(t *testing.T) {
	m, db := screen(t)
	victim := notes(t, db)[2]
	m = press(t, m, "j", "j", "d", "n")
	if len(notes(t, db)) != 12 {
		t.Fatal("n deleted the note")
	}
	m = press(t, m, "d", "y")
	for _, n := range notes(t, db) {
		if n.ID == victim.ID {
			t.Fatal("y did not delete the note")
		}
	}
	m = press(t, m, "u")
	ns := notes(t, db)
	if len(ns) != 12 || ns[2] != victim {
		t.Errorf("undo gave %+v, want %+v back", ns[2], victim)
	}
	if r, _ := m.Selected(); r.n.ID != victim.ID {
		t.Error("the restored note is not selected")
	}
}
