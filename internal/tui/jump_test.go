package tui_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// withFindings puts patient data in one record of every kind the guard
// reads. The notes share a date and category, so only their text tells
// them apart: the one at fault is workload[1] in the submission's order,
// which is not its place on the Workload screen (newest first).
func withFindings(t testing.TB, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	for _, text := range []string{"A clean note about the lift.", "Patient 943 476 5919 waited six weeks."} {
		if _, err := db.SaveNote(ctx, domain.Note{Category: "other", Severity: domain.Low, Date: "2026-04-01", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetStatement(ctx, "One patient, DOB 12/03/1941, waited longest."); err != nil {
		t.Fatal(err)
	}
	ps, _ := db.Priorities(ctx)
	p := ps[2]
	p.Ask = "Fund a room; ask Mrs Jones at 401 023 2137 for the keys."
	if _, err := db.SavePriority(ctx, p); err != nil {
		t.Fatal(err)
	}
	ss, _ := db.Services(ctx)
	s := ss[0]
	s.Note = "Reviewed Mr Smith, NHS 943 476 5919, in clinic."
	if err := db.SaveService(ctx, s); err != nil {
		t.Fatal(err)
	}
	rs, _, _ := db.Workforce(ctx)
	for _, r := range rs {
		if r.Key == "paramedic" {
			now := r
			now.Note = "Saw 943 476 5919 at home; second post on hold."
			if err := db.UpdateRole(ctx, r, now, false); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestJumpToFieldLandsOnTheRecord: enter on a finding opens the editor on
// the very record it is in, whatever order the section lists records in.
func TestJumpToFieldLandsOnTheRecord(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	db := tuitest.DB(t, true)
	withFindings(t, db)
	for _, tc := range []struct {
		name  string
		pick  string // text of the finding's row on the Export screen
		want  []string
		focus string // the form's focused line
	}{
		{"statement", "Your statement", []string{"Your statement to the forum", "DOB 12/03/1941"}, "▸ Statement"},
		{"note", "Note of 2026-04-01", []string{"Edit the note of 2026-04-01", "Patient 943 476 5919 waited"}, "▸ Text"},
		{"priority", "Priority 3 ask", []string{"Edit priority 3", "ask Mrs Jones"}, "▸ Ask"},
		{"service", "Service note", []string{"Reviewed Mr Smith"}, "▸ Note"},
		{"role", "Workforce note · Paramedic", []string{"Edit the Paramedic line", "Saw 943 476 5919 at home"}, "▸ Note"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := app(t, db, tui.Options{}, 100, 30)
			m, _ = press(t, m, "7")
			for range 20 {
				if strings.Contains(selectedLine(m.View()), tc.pick) {
					break
				}
				m, _ = press(t, m, "j")
			}
			if !strings.Contains(selectedLine(m.View()), tc.pick) {
				t.Fatalf("no finding %q:\n%s", tc.pick, tuitest.Strip(m.View()))
			}
			m, _ = press(t, m, "enter")
			v := tuitest.Strip(m.View())
			for _, w := range append(tc.want, tc.focus) {
				if !strings.Contains(v, w) {
					t.Errorf("after enter the view lacks %q:\n%s", w, v)
				}
			}
		})
	}
}

// selectedLine is the line of the view with the ▸ marker.
func selectedLine(view string) string {
	for _, l := range strings.Split(tuitest.Strip(view), "\n") {
		if strings.HasPrefix(l, "▸") {
			return l
		}
	}
	return ""
}

// TestJumpInReadOnlySessionOnlyShows: enter still goes to the record, but
// no editor opens.
func TestJumpInReadOnlySessionOnlyShows(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	db := tuitest.DB(t, true)
	withFindings(t, db)
	m := app(t, db, tui.Options{ReadOnly: true}, 100, 30)
	m, _ = press(t, m, "7", "j", "enter") // the second finding: in a service's note
	v := tuitest.Strip(m.View())
	if !strings.Contains(v, "Services  10 services · 4 green") || !strings.Contains(selectedLine(v), "Reviewed Mr Smith") || strings.Contains(v, "[ Save ]") {
		t.Errorf("read-only jump:\n%s", v)
	}
}

// TestBlockedExportFromTheApp: x on a blocked export asks; n writes and
// records nothing; x then y exports, as --allow-pii does.
func TestBlockedExportFromTheApp(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	db := tuitest.DB(t, true)
	withFindings(t, db)
	m := app(t, db, tui.Options{}, 80, 24)
	m, _ = press(t, m, "7", "x")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Export anyway?") || !strings.Contains(v, "blocks export") {
		t.Fatalf("no question:\n%s", v)
	}
	m, _ = press(t, m, "n")
	recs, _ := db.Exports(context.Background())
	if left, _ := os.ReadDir(home); len(left) != 0 || len(recs) != 0 {
		t.Fatalf("declined: files %v, %d revisions", left, len(recs))
	}
	m, _ = press(t, m, "x", "y")
	recs, _ = db.Exports(context.Background())
	if left, _ := os.ReadDir(home); len(left) != 1 || len(recs) != 1 {
		t.Fatalf("confirmed: files %v, %d revisions", left, len(recs))
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "despite the guard") {
		t.Errorf("the override is not said:\n%s", v)
	}
}
