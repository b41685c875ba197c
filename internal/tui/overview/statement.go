package overview

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// The statement is the director's own words to the forum. It lives on the
// overview because it speaks for the whole PCN, and because the Export
// section's guard can point at it: a finding there must lead somewhere the
// text can be put right.

const tag = "overview"

// key handles the overview's keys: enter edits the statement, n moves on
// to the next period.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.editing {
		return m.updateForm(msg)
	}
	if next, cmd, done := m.periodKey(msg); done {
		return next, cmd
	}
	if key.Matches(msg, m.com.Keys.StatementEdit) && m.loaded {
		m.openForm()
	}
	return m, nil
}

func (m *Model) openForm() {
	m.form = form.New(m.com.Styles, m.com.Keys, "Your statement to the forum (your own words, no patient details)",
		form.Area("Statement", m.data.statement, 12, nil).WithLimit(8000),
	).SetSize(m.com.Width, m.com.Height)
	m.editing = true
}

func (m Model) updateForm(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.form, cmd = m.form.Update(msg)
	switch m.form.State() {
	case form.Cancelled:
		m.editing = false
	case form.Submitted:
		m.editing = false
		text, db := strings.TrimSpace(m.form.Value(0)), m.com.DB
		m.data.statement = text
		return m, m.com.Writer.Do(tag, "statement saved", func(ctx context.Context) (any, error) {
			return nil, db.SetStatement(ctx, text)
		})
	}
	return m, cmd
}

// land finishes a jump from the Export section once loaded: the statement
// opens for editing, unless the session is read-only.
func (m *Model) land() {
	if m.jump && !m.com.ReadOnly {
		m.openForm()
	}
	m.jump = false
}

// ShortHelp is the keys that work now.
func (m Model) ShortHelp() []key.Binding {
	if m.editing {
		return m.form.ShortHelp()
	}
	if m.askPeriod {
		return []key.Binding{m.com.Keys.Yes, m.com.Keys.No}
	}
	return []key.Binding{m.com.Keys.StatementEdit, m.com.Keys.NewPeriod}
}

// FullHelp is every key of the screen.
func (m Model) FullHelp() [][]key.Binding {
	if m.editing {
		return m.form.FullHelp()
	}
	return [][]key.Binding{{m.com.Keys.StatementEdit, m.com.Keys.NewPeriod}}
}
