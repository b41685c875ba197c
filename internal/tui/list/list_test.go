package list

import (
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func TestCursorWindow(t *testing.T) {
	var c Cursor
	c.SetHeight(5)
	c.SetLen(20)
	for _, tc := range []struct {
		do         func()
		index      int
		start, end int
	}{
		{func() {}, 0, 0, 5},
		{func() { c.Move(4) }, 4, 0, 5},
		{func() { c.Move(1) }, 5, 1, 6},
		{func() { c.Page(1) }, 9, 5, 10},
		{func() { c.Bottom() }, 19, 15, 20},
		{func() { c.Move(3) }, 19, 15, 20},
		{func() { c.Top() }, 0, 0, 5},
		{func() { c.Move(-1) }, 0, 0, 5},
		{func() { c.Select(12); c.SetLen(8) }, 7, 3, 8},
		{func() { c.SetHeight(20) }, 7, 0, 8},
		{func() { c.SetLen(0) }, 0, 0, 0},
	} {
		tc.do()
		start, end := c.Window()
		if c.Index() != tc.index || start != tc.start || end != tc.end {
			t.Errorf("index %d window [%d,%d), want %d [%d,%d)", c.Index(), start, end, tc.index, tc.start, tc.end)
		}
	}
}

func TestMatch(t *testing.T) {
	hay := "cat:estates estates and rooms sev:3 sev:high 2026-11-18 no room for the physio"
	for q, want := range map[string]bool{"": true, "sev:high": true, "Estates ROOM": true, "sev:low": false, "cat:it": false, "2026-11": true} {
		if got := Match(hay, Words(q)); got != want {
			t.Errorf("Match(%q) = %v", q, got)
		}
	}
}

func TestPager(t *testing.T) {
	var p Pager
	p.SetHeight(5)
	p.SetLen(12)
	km := keys.New(false)
	for _, tc := range []struct {
		key        string
		start, end int
	}{
		{"j", 1, 6}, {"pgdown", 5, 10}, {"G", 7, 12}, {"j", 7, 12}, {"k", 6, 11}, {"g", 0, 5}, {"k", 0, 5},
	} {
		if !p.HandleKey(km, tuitest.Key(tc.key)) {
			t.Fatalf("%s not handled", tc.key)
		}
		if s, e := p.Window(); s != tc.start || e != tc.end {
			t.Errorf("after %s: [%d,%d), want [%d,%d)", tc.key, s, e, tc.start, tc.end)
		}
	}
	if p.HandleKey(km, tuitest.Key("x")) {
		t.Error("x scrolled")
	}
	p.SetLen(3)
	if s, e := p.Window(); s != 0 || e != 3 || p.More() != 0 {
		t.Errorf("short text: [%d,%d), %d more", s, e, p.More())
	}
}
