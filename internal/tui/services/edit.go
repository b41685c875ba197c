package services

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
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
