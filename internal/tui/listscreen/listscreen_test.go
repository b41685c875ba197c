package listscreen

import (
	"context"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// TestAListOnlyToRead: a Spec with no form and no delete (as the forum's
// lists would be) moves and filters, and its editing keys do nothing or
// say why, never panic.
func TestAListOnlyToRead(t *testing.T) {
	rows := []string{"Consensus", "Minority", "Coverage"}
	build := func(com common.Common) Screen[string, string] {
		return New(com, Spec[string, string]{
			Title: "Forum", One: "view", Many: "views", NoDelete: "a forum pack is read, not edited",
			Load:    func(context.Context) ([]string, int64, error) { return rows, 1, nil },
			Key:     func(r string) string { return r },
			Hay:     strings.ToLower,
			Same:    func(a, b string) bool { return a == b },
			Label:   func(r string) string { return r },
			Record:  func(r string) any { return r },
			Columns: func(int) string { return "View" },
			Row:     func(r string, w int, _ bool) string { return common.Truncate(r, w) },
		})
	}
	s, _ := tuitest.Screen(t, build)
	s, msgs := tuitest.Drive(t, s, tuitest.Keys("j", "enter", "a", "u", "d")...)
	if r, _ := s.Selected(); r != "Minority" || s.Editing() || s.Capturing() {
		t.Errorf("selected %q, editing %v", r, s.Editing())
	}
	said := ""
	for _, m := range msgs {
		if n, ok := m.(common.NoticeMsg); ok {
			said += n.Text
		}
	}
	if !strings.Contains(said, "read, not edited") {
		t.Errorf("d said %q", said)
	}
	s = tuitest.Press(t, s, "/", "cov", "enter")
	v := tuitest.Strip(s.View())
	if !strings.Contains(v, "1 of 3 views") || !strings.Contains(v, "▸ Coverage") || strings.Contains(v, "enter edit") {
		t.Errorf("filtered view:\n%s", v)
	}
	if l := s.Listing(); l.Selected != 2 || len(l.Shown) != 1 || len(l.Records) != 3 {
		t.Errorf("listing %+v", l)
	}
}
