package tui_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// TestChangeShowsThenExportClearsIt drives the app: a status changed in
// Services is counted on the Overview at once and listed under D; an
// export from the Export section clears the Overview's line and moves the
// Services trail on, without leaving the app.
func TestChangeShowsThenExportClearsIt(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	db := tuitest.HistoryDB(t)
	m := app(t, db, tui.Options{}, 80, 24)
	m, _ = press(t, m, "3", "s", "1") // Enhanced health in care homes: green → amber
	v := tuitest.Strip(m.View())
	if !strings.Contains(v, "2 services changed status, 3 notes added — D for details") {
		t.Fatalf("the overview does not count the change:\n%s", v)
	}
	m, _ = press(t, m, "D")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Enhanced health in care homes: green → amber") {
		t.Fatalf("D does not list it:\n%s", v)
	}
	m, _ = press(t, m, "esc", "7", "x")
	recs, _ := db.Exports(context.Background())
	if len(recs) != 5 {
		t.Fatalf("%d revisions after x", len(recs))
	}
	m, _ = press(t, m, "1")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "revision 5, 2026-11-18 09:00 UTC · no changes since") {
		t.Errorf("after the export:\n%s", v)
	}
	m, _ = press(t, m, "3")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "amb grn grn amb Enhanced health") {
		t.Errorf("the trail did not move on:\n%s", v)
	}
}
