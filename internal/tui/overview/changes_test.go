package overview

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func overviewOn(t testing.TB, db *store.DB, w, h int) Model {
	t.Helper()
	m, cmd := New(tuitest.Common(t, db, false, w, h)).SetSize(w, h).Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	return m
}

// reload is what the app does when the overview comes back into view.
func reload(t testing.TB, m Model) Model {
	t.Helper()
	m, cmd := m.Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	return m
}

// exportNow records an export of the content as it stands.
func exportNow(t testing.TB, db *store.DB) {
	t.Helper()
	if _, err := db.Export(context.Background(), pcnjson.Build(tuitest.Now(), "pcnvoice test"), nil); err != nil {
		t.Fatal(err)
	}
}

// TestOverviewSaysWhatChanged: the Export line counts the changes since
// the last export; D lists them as diff does; esc comes back. An export
// of the content clears it; an edit put back says there is nothing new.
func TestOverviewSaysWhatChanged(t *testing.T) {
	ctx := context.Background()
	db := tuitest.HistoryDB(t)
	m := overviewOn(t, db, 80, 24)
	v := tuitest.Strip(m.View())
	for _, want := range []string{"revision 4, 2026-11-10 09:00 UTC · changed since", "1 service changed status, 3 notes added — D for details"} {
		if !strings.Contains(v, want) {
			t.Errorf("overview lacks %q:\n%s", want, v)
		}
	}

	m = tuitest.Press(t, m, "D")
	v = tuitest.Strip(m.View())
	for _, want := range []string{"What changed since revision 4 (2026/27 Q3, exported 2026-11-10 09:00 UTC)",
		"Services\n  Population health management: amber → red", "Workload notes\n  added: 2026-11-12", "1–6 of 6 lines"} {
		if !strings.Contains(v, want) {
			t.Errorf("details lack %q:\n%s", want, v)
		}
	}
	if got := len(strings.Split(m.View(), "\n")); got != 24 {
		t.Errorf("details are %d lines, want 24", got)
	}
	m = tuitest.Press(t, m, "j", "j")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "3–6 of 6 lines") || strings.Contains(v, "Population health") {
		t.Errorf("j did not scroll:\n%s", v)
	}
	m = tuitest.Press(t, m, "G", "k", "g")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "1–6 of 6") {
		t.Errorf("g is not the top:\n%s", v)
	}
	m = tuitest.Press(t, m, "esc")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Period      2026/27 Q3") {
		t.Errorf("esc did not come back:\n%s", v)
	}

	// A service edited elsewhere in the app: the overview, reloaded, counts it.
	ss, _ := db.Services(ctx)
	for _, s := range ss {
		if s.Key == "ehch" {
			now := s
			now.Status = domain.Red
			if err := db.UpdateService(ctx, s, now, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	m = reload(t, m)
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "2 services changed status, 3 notes added") {
		t.Errorf("after a second status change:\n%s", v)
	}

	exportNow(t, db)
	m = reload(t, m)
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "revision 5, 2026-11-18 09:00 UTC · no changes since") {
		t.Errorf("after an export:\n%s", v)
	}
	if v := tuitest.Strip(tuitest.Press(t, m, "D").View()); !strings.Contains(v, "Nothing changed: the content is as it was exported.") {
		t.Errorf("details with nothing changed:\n%s", v)
	}

	st, _ := db.Statement(ctx)
	db.SetStatement(ctx, st+" And more.")
	db.SetStatement(ctx, st)
	m = reload(t, m)
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "edited since, but as exported") {
		t.Errorf("after an edit put back:\n%s", v)
	}
}

// TestOverviewNeverExported: D says there is nothing to compare with.
func TestOverviewNeverExported(t *testing.T) {
	m := overviewOn(t, tuitest.DB(t, true), 80, 24)
	v := tuitest.Strip(tuitest.Press(t, m, "D").View())
	if !strings.Contains(v, "Nothing exported yet, so nothing to compare with") {
		t.Errorf("details:\n%s", v)
	}
	if v := tuitest.Strip(tuitest.Press(t, m, "D", "esc").View()); !strings.Contains(v, "never exported") {
		t.Errorf("back:\n%s", v)
	}
}

// TestChangesViewFitsAnySize: the details fill the window exactly, from
// 1×1 up, with a long list of changes.
func TestChangesViewFitsAnySize(t *testing.T) {
	ctx := context.Background()
	db := tuitest.HistoryDB(t)
	for i := range 200 {
		if _, err := db.SaveNote(ctx, domain.Note{Category: "it", Severity: 2, Date: "2026-11-17", Text: fmt.Sprintf("Note %d: %s", i, strings.Repeat("word ", i%30))}); err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range [][2]int{{1, 1}, {2, 3}, {10, 5}, {40, 10}, {80, 24}, {200, 60}} {
		m := overviewOn(t, db, size[0], size[1])
		m = tuitest.Press(t, m, "D", "pgdown", "j", "G", "pgup")
		lines := strings.Split(m.View(), "\n")
		if len(lines) != size[1] {
			t.Errorf("%d×%d: %d lines", size[0], size[1], len(lines))
		}
		for _, l := range lines {
			if w := len([]rune(tuitest.Strip(l))); w > size[0] {
				t.Errorf("%d×%d: a line %d wide: %q", size[0], size[1], w, tuitest.Strip(l))
			}
		}
	}
}

// TestLoadChangesIsDiff: the overview's lines are the change model's, so
// they cannot disagree with `pcnvoice diff`.
func TestLoadChangesIsDiff(t *testing.T) {
	ctx := context.Background()
	db := tuitest.HistoryDB(t)
	c, err := loadChanges(ctx, db, config.Default())
	if err != nil || !c.exported || len(c.lines) != 6 || c.lines[0] != "Services" || c.summary != "1 service changed status, 3 notes added" {
		t.Fatalf("%+v %v", c, err)
	}
}
