package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/export"
	"github.com/pcnvoice/pcnvoice/internal/tui/forumview"
	"github.com/pcnvoice/pcnvoice/internal/tui/overview"
	"github.com/pcnvoice/pcnvoice/internal/tui/practices"
	"github.com/pcnvoice/pcnvoice/internal/tui/priorities"
	"github.com/pcnvoice/pcnvoice/internal/tui/services"
	"github.com/pcnvoice/pcnvoice/internal/tui/workforce"
	"github.com/pcnvoice/pcnvoice/internal/tui/workload"
)

// buildSections lists the sections in tab order (SPEC §10): adding a
// section is adding a line here.
func buildSections(com common.Common) []entry {
	return []entry{
		{"Overview", wrap(overview.New(com))},
		{"Practices", wrap(practices.New(com))},
		{"Services", wrap(services.New(com))},
		{"Workforce", wrap(workforce.New(com))},
		{"Workload", wrap(workload.New(com))},
		{"Priorities", wrap(priorities.New(com))},
		{"Export", wrap(export.New(com))},
		{"Forum", wrap(forumview.New(com))},
	}
}

// entry is a section and its name in the tab bar.
type entry struct {
	title string
	s     section
}

// section is what the root needs of a screen, whatever its concrete type.
type section interface {
	update(tea.Msg) tea.Cmd
	focus() tea.Cmd
	setSize(w, h int)
	View() string
	Capturing() bool
	// browses reports that the screen uses msg, an editing key such as
	// enter, only to look: a read-only session lets it through.
	browses(tea.KeyMsg) bool
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// holder adapts a screen of concrete type S (whose Update returns S) to
// section, keeping the latest S.
type holder[S common.Screen[S]] struct{ s S }

func wrap[S common.Screen[S]](s S) *holder[S] { return &holder[S]{s: s} }

func (h *holder[S]) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	h.s, cmd = h.s.Update(msg)
	return cmd
}

func (h *holder[S]) focus() tea.Cmd {
	var cmd tea.Cmd
	h.s, cmd = h.s.Focus()
	return cmd
}

func (h *holder[S]) setSize(w, hgt int) { h.s = h.s.SetSize(w, hgt) }

// View draws the screen.
func (h *holder[S]) View() string { return h.s.View() }

// Capturing reports whether the screen has the keyboard.
func (h *holder[S]) Capturing() bool { return h.s.Capturing() }

// browser is a screen that uses some editing keys (enter) only to move
// about, so that they work in a read-only session.
type browser interface{ Browses(tea.KeyMsg) bool }

func (h *holder[S]) browses(msg tea.KeyMsg) bool {
	b, ok := any(h.s).(browser)
	return ok && b.Browses(msg)
}

// ShortHelp is the screen's keys for the help bar.
func (h *holder[S]) ShortHelp() []key.Binding { return h.s.ShortHelp() }

// FullHelp is all the screen's keys.
func (h *holder[S]) FullHelp() [][]key.Binding { return h.s.FullHelp() }

// current is the screen that gets keys: setup on first run, else the active
// section; nil while starting.
func (m *Model) current() section {
	switch m.phase {
	case settingUp:
		return m.setup
	case ready:
		return m.sections[m.active].s
	}
	return nil
}

// switchTo makes section i (wrapping round) the active one and lets it
// reload.
func (m *Model) switchTo(i int) tea.Cmd {
	n := len(m.sections)
	m.active = (i%n + n) % n
	m.showHelp = false
	return m.sections[m.active].s.focus()
}

// jump hands msg to its section, which notes the record to select, then
// switches there: the switch reloads the section, and the record is
// selected when the load arrives.
func (m *Model) jump(msg common.JumpMsg) tea.Cmd {
	if m.phase != ready || msg.Section < 0 || msg.Section >= len(m.sections) {
		return nil
	}
	cmd := m.sections[msg.Section].s.update(msg)
	return tea.Batch(cmd, m.switchTo(msg.Section))
}

// broadcast gives msg to every screen.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, e := range m.sections {
		cmds = append(cmds, e.s.update(msg))
	}
	if m.setup != nil {
		cmds = append(cmds, m.setup.update(msg))
	}
	return tea.Batch(cmds...)
}

// resize gives every screen the content area: the window less the tab bar
// (two lines), the status line and the help line.
func (m *Model) resize() {
	w, h := max(m.width, 1), max(m.height-m.chrome(), 1)
	for _, e := range m.sections {
		e.s.setSize(w, h)
	}
	if m.setup != nil {
		m.setup.setSize(w, h)
	}
	m.help.Width = w
}
