package overview

import (
	"context"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func TestNextPeriodAsksThenMovesOn(t *testing.T) {
	db := tuitest.DB(t, true)
	m, cmd := New(tuitest.Common(t, db, false, 80, 24)).SetSize(80, 24).Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	before, _ := db.Services(context.Background())

	m, _ = tuitest.Drive(t, m, tuitest.Keys("n", "ctrl+s")...)
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Move on to 2026/27 Q4, keeping") {
		t.Fatalf("n did not ask:\n%s", v)
	}
	m, _ = tuitest.Drive(t, m, tuitest.Keys("n", "esc")...) // no, then leave the form
	if p, _ := db.Period(context.Background()); p.String() != "2026/27 Q3" {
		t.Fatalf("answering no moved the period to %s", p)
	}
	m, _ = tuitest.Drive(t, m, tuitest.Keys("n", "ctrl+s", "y")...)
	if p, _ := db.Period(context.Background()); p.String() != "2026/27 Q4" {
		t.Fatalf("period = %s, want 2026/27 Q4", p)
	}
	if after, _ := db.Services(context.Background()); len(after) < len(before) {
		t.Errorf("moving on dropped services: %d → %d", len(before), len(after))
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "2026/27 Q4") {
		t.Errorf("overview did not reload:\n%s", v)
	}
}

func TestNextPeriodRefusedReadOnly(t *testing.T) {
	db := tuitest.DB(t, true)
	m, cmd := New(tuitest.Common(t, db, true, 80, 24)).SetSize(80, 24).Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	m, _ = tuitest.Drive(t, m, tuitest.Keys("n", "y")...)
	if p, _ := db.Period(context.Background()); p.String() != "2026/27 Q3" {
		t.Errorf("a read-only session moved the period")
	}
	_ = m
}
