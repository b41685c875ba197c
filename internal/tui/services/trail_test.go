package services

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// TestTrail: each service's status in the last four exported periods,
// oldest first, each period's last export; "" where a period did not list
// the service; in short words in the list and in full in the detail.
func TestTrail(t *testing.T) {
	db := tuitest.HistoryDB(t)
	m := tuitest.ScreenOn(t, db, New)
	byKey := map[string]row{}
	for _, r := range m.Rows() {
		byKey[r.s.Key] = r
	}
	a, g, r, n := domain.Amber, domain.Green, domain.Red, domain.NotStarted
	for key, want := range map[string][]domain.Status{
		"population-health":   {a, a, a, a},
		"health-inequalities": {a, a, r, r},
		"ehch":                {a, g, g, g},
		"continuity-of-care":  {"", n, a, a},
	} {
		if got := byKey[key].trail; !slices.Equal(got, want) {
			t.Errorf("%s: trail %v, want %v", key, got, want)
		}
	}
	if p := byKey["ehch"].periods; strings.Join(p, ",") != "2025/26 Q4,2026/27 Q1,2026/27 Q2,2026/27 Q3" {
		t.Errorf("periods %v", p)
	}
	v := tuitest.Strip(tuitest.Press(t, m, "j", "j", "j", "j", "j").View())
	for _, want := range []string{
		"Last 4 exports",
		"● red         amb amb amb amb Population health mana…",
		"● amber        ·  n/s amb amb Continuity of care",
		"Exported: 2025/26 Q4 amber → 2026/27 Q1 amber → 2026/27 Q2 amber → 2026/27 Q3\namber · now red",
		"grn green · amb amber · red red · n/s not started · · not listed",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

// TestTrailKeptThroughCycle: a status changed with s keeps the trail; the
// change shows as "now", and the trail moves only with an export.
func TestTrailKeptThroughCycle(t *testing.T) {
	db := tuitest.HistoryDB(t)
	m := tuitest.ScreenOn(t, db, New)
	m = tuitest.Press(t, m, "s")
	sel, _ := m.Selected()
	if !slices.Equal(sel.trail, []domain.Status{domain.Amber, domain.Green, domain.Green, domain.Green}) || sel.s.Status != domain.Amber {
		t.Fatalf("after s: %v now %s", sel.trail, sel.s.Status)
	}
	if _, err := db.Export(context.Background(), pcnjson.Build(tuitest.Now(), "pcnvoice test"), nil); err != nil {
		t.Fatal(err)
	}
	// The export section's write, finished, reaches every screen.
	m, _ = tuitest.Drive(t, m, common.SavedMsg[int]{Write: common.Write{}})
	sel, _ = m.Selected()
	if !slices.Equal(sel.trail, []domain.Status{domain.Amber, domain.Green, domain.Green, domain.Amber}) {
		t.Errorf("after an export the trail is %v, want Q3's last export (amber) last", sel.trail)
	}
}

// TestTrailColumnFits: the list keeps to the window, and below 60
// columns drops the trail rather than squeeze the names.
func TestTrailColumnFits(t *testing.T) {
	db := tuitest.HistoryDB(t)
	m := tuitest.ScreenOn(t, db, New)
	for _, w := range []int{40, 59, 60, 61, 62, 80, 120} {
		m = m.SetSize(w, 20)
		v := tuitest.Strip(m.View())
		for _, l := range strings.Split(v, "\n") {
			if n := len([]rune(l)); n > w {
				t.Errorf("width %d: a line %d wide: %q", w, n, l)
			}
		}
		if has := strings.Contains(v, "amb amb amb"); has != (w >= trailFrom+2) {
			t.Errorf("width %d: trail shown %v", w, has)
		}
	}
}
