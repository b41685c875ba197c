package overview

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// The statement is the director's own words to the forum. It lives on the
// overview because it speaks for the whole PCN, and because the Export
// section's guard can point at it: a finding there must lead somewhere the
// text can be put right.

// key handles the overview's keys: enter edits the statement, n moves on
// to the next period.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	km := m.com.Keys
	switch {
	case m.editing != noForm:
		return m.updateForm(msg)
	case !m.loaded:
	case m.details:
		return m.changesKey(msg)
	case key.Matches(msg, km.Changes):
		m.openChanges()
	case key.Matches(msg, km.StatementEdit):
		m.openStatement()
	case key.Matches(msg, km.NewPeriod) && m.data.pcn.Code != "":
		m.openPeriod()
	}
	return m, nil
}

func (m *Model) openStatement() {
	m.form = form.New(m.com.Styles, m.com.Keys, "Your statement to the forum (your own words, no patient details)",
		form.Area("Statement", m.data.statement, 12, nil).WithLimit(8000),
	).SetSize(m.com.Width, m.com.Height)
	m.editing, m.was, m.retake = statementForm, m.data.stored, false
}

func (m Model) updateForm(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.form, cmd = m.form.Update(msg)
	switch m.form.State() {
	case form.Cancelled:
		m.editing = noForm
	case form.Submitted:
		kind := m.editing
		m.editing = noForm
		if kind == periodForm {
			return m, m.moveOn()
		}
		return m, m.saveStatement()
	}
	return m, cmd
}

// statementSaved is the statement save's result; its error is the form's
// to show, not the banner's.
type statementSaved struct {
	err  error
	text string
	form form.Model
}

// GuardFields is the statement just saved, for the patient-data guard.
func (s statementSaved) GuardFields() []pii.Field {
	return []pii.Field{{Path: "your statement", Text: s.text}}
}

// Refused reports that the store did not save it.
func (s statementSaved) Refused() bool { return s.err != nil }

// saveStatement saves the statement if it is still as the user last saw
// it (m.was).
func (m *Model) saveStatement() tea.Cmd {
	text, was, db, f := strings.TrimSpace(m.form.Value(0)), m.was, m.com.DB, m.form
	m.data.statement = text
	// The notice goes through Do, as every section's saves do, so that the
	// root shows the guard's warning in its place when the text holds
	// patient data (a notice sent after would clear it).
	return common.Do(m.com.Writer, "statement saved", func(ctx context.Context) (statementSaved, error) {
		return statementSaved{err: db.UpdateStatement(ctx, was, text, false), text: text, form: f}, nil
	})
}

// statementSaved reopens the form, saying why, when the store refused it.
func (m Model) statementSaved(msg common.SavedMsg[statementSaved]) (Model, tea.Cmd) {
	err := msg.Value.err
	m, load := m.Focus()
	switch {
	case err == nil:
		return m, load
	case m.editing != noForm:
		return m, tea.Batch(load, common.ErrCmd(err))
	}
	problem := common.ErrText(err)
	if errors.Is(err, store.ErrChanged) {
		problem = "another program changed your statement while you had it open: ctrl+s saves yours all the same, esc drops yours"
		m.retake = true
	}
	m.form = msg.Value.form.Reopen(problem).SetSize(m.com.Width, m.com.Height)
	m.editing, m.was, m.retake = statementForm, m.data.stored, false
	return m, load
}

// land finishes a jump from the Export section once loaded: the statement
// opens for editing, unless the session is read-only.
func (m *Model) land() {
	if m.jump && !m.com.ReadOnly {
		m.openStatement()
	}
	m.jump = false
}

// ShortHelp is the keys that work now.
func (m Model) ShortHelp() []key.Binding {
	if m.editing != noForm {
		return m.form.ShortHelp()
	}
	if m.details {
		return m.changesHelp()
	}
	return []key.Binding{m.com.Keys.StatementEdit, m.com.Keys.NewPeriod, m.com.Keys.Changes}
}

// FullHelp is every key of the screen.
func (m Model) FullHelp() [][]key.Binding {
	if m.editing != noForm {
		return m.form.FullHelp()
	}
	if m.details {
		return [][]key.Binding{m.com.Keys.Nav(), {m.com.Keys.Back}}
	}
	return [][]key.Binding{{m.com.Keys.StatementEdit, m.com.Keys.NewPeriod, m.com.Keys.Changes}}
}
