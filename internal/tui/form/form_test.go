package form

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
	"github.com/pcnvoice/pcnvoice/internal/tui/styles"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func testForm() Model {
	notEmpty := func(v string) error {
		if v == "" {
			return errors.New("needed")
		}
		return nil
	}
	return New(styles.New(tuitest.Renderer(false)), keys.New(false), "Test",
		Choice("Pick", []Option{{"w", "Workforce"}, {"e", "Estates"}, {"d", "Data"}, {"dg", "Digital"}}, "e"),
		Text("Name", "", notEmpty),
		Area("Body", "", 4, nil),
	).SetSize(60, 20)
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(tuitest.Key(k))
	}
	return m
}

func TestChoice(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		want string
	}{
		{nil, "e"},
		{[]string{"right"}, "d"},
		{[]string{"left", "left"}, "dg"},
		{[]string{"d"}, "d"},
		{[]string{"d", "d"}, "dg"},
		{[]string{"D", "d", "d"}, "d"}, // case folded, wrapping round
		{[]string{"x"}, "e"},
	} {
		if got := press(testForm(), tc.keys...).Value(0); got != tc.want {
			t.Errorf("%v: picked %q, want %q", tc.keys, got, tc.want)
		}
	}
}

func TestErrorsShowOnceTouchedAndBlockSaving(t *testing.T) {
	m := testForm()
	if v := ansi.Strip(m.View()); strings.Contains(v, "needed") {
		t.Error("an untouched field shows its error")
	}
	m = press(m, "tab", "x", "backspace")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "✗ needed") {
		t.Errorf("a field emptied by typing shows no error:\n%s", v)
	}
	m = press(m, "tab", "ctrl+s")
	if m.State() != Editing || m.Focused() != 1 {
		t.Errorf("saving with an error: state %v, focus %d", m.State(), m.Focused())
	}
	m = press(m, "Ann", "enter", "line one", "enter", "line two", "tab")
	if m.Focused() != 3 {
		t.Fatalf("tab from the area went to %d, want the Save button", m.Focused())
	}
	m = press(m, "enter")
	if m.State() != Submitted || m.Value(1) != "Ann" || m.Value(2) != "line one\nline two" {
		t.Errorf("state %v, values %q %q", m.State(), m.Value(1), m.Value(2))
	}
}

func TestCancelAndWithoutCancel(t *testing.T) {
	if press(testForm(), "esc").State() != Cancelled {
		t.Error("esc did not cancel")
	}
	m := press(testForm().WithoutCancel(), "esc")
	if m.State() != Editing || strings.Contains(ansi.Strip(m.View()), "esc cancels") {
		t.Error("a form without cancel cancelled or offers esc")
	}
}

// TestRemoteReadsNoClipboard: ctrl+v in a text field pastes this
// machine's clipboard (a command that reads it); over SSH that machine is
// the server, whose clipboard is not the user's to read, and nothing is
// read. (A terminal's own paste still arrives, as a bracketed paste.)
func TestRemoteReadsNoClipboard(t *testing.T) {
	for _, remote := range []bool{false, true} {
		km := keys.New(false)
		if remote {
			km.Remote()
		}
		m := New(styles.New(tuitest.Renderer(false)), km, "Test", Text("Name", "", nil), Area("Body", "", 4, nil)).SetSize(60, 20)
		for field := range 2 {
			m = m.FocusField(field)
			_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlV})
			if (cmd != nil) == remote {
				t.Errorf("remote %v, field %d: ctrl+v reads the clipboard: %v", remote, field, cmd != nil)
			}
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("pasted"), Paste: true})
			if !strings.Contains(m.Value(field), "pasted") {
				t.Errorf("remote %v, field %d: a bracketed paste is not taken", remote, field)
			}
		}
	}
}
