package services

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// openForm edits row i's status and note.
func (m *Model) openForm(i int) {
	r := m.rows[i]
	var opts []form.Option
	for _, st := range domain.Statuses {
		opts = append(opts, form.Option{Value: string(st), Label: st.Label()})
	}
	m.form = form.New(m.com.Styles, m.com.Keys, r.name,
		form.Choice("Status", opts, string(r.s.Status)),
		form.Area("Note", r.full, 8, nil),
	).SetSize(m.com.Width, m.com.Height)
	m.edit, m.editing = i, true
}

func (m Model) updateForm(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.form, cmd = m.form.Update(msg)
	switch m.form.State() {
	case form.Cancelled:
		m.editing = false
	case form.Submitted:
		m.editing = false
		s := m.rows[m.edit].s
		s.Status = domain.Status(m.form.Value(0))
		s.Note = strings.TrimSpace(m.form.Value(1))
		m.rows[m.edit] = newRow(s)
		return m, m.save(s, "saved "+s.Name)
	}
	return m, cmd
}

// startJump clears the filter and the form and asks the next load to
// select the service.
func (m Model) startJump(j common.JumpMsg) Model {
	m.filter = m.filter.Clear()
	m.editing = false
	m.want, m.jump = j.Key, &j
	return m
}

// land finishes a jump once the services are loaded: the editor opens on
// the note, unless the session is read-only.
func (m *Model) land() tea.Cmd {
	j := m.jump
	if j == nil {
		return nil
	}
	m.jump = nil
	i, ok := m.selected()
	if !ok || m.rows[i].s.Key != j.Key {
		return common.NoticeCmd("that service is no longer there: it was changed or deleted")
	}
	if j.Edit && !m.com.ReadOnly {
		m.openForm(i)
		m.form = m.form.FocusField(1)
	}
	return nil
}
