package priorities

import (
	"context"
	"errors"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// The form's fields, in order.
const (
	fTheme = iota
	fTitle
	fAsk
	fRationale
)

// openForm opens the form on r: a new priority (ID 0) or one to edit.
func (m *Model) openForm(r row) {
	var themes []form.Option
	known := false
	for _, e := range m.com.Config.Themes {
		themes = append(themes, form.Option{Value: e.Key, Label: termtext.Line(e.Name)})
		known = known || e.Key == r.p.Theme
	}
	if !known && r.p.Theme != "" { // a forum's own theme: keep it on offer
		themes = append(themes, form.Option{Value: r.p.Theme, Label: r.theme})
	}
	title := "New priority (it joins at the bottom; move it with K/J)"
	if r.p.ID != 0 {
		title = "Edit priority " + strconv.Itoa(r.p.Rank)
	}
	m.form = form.New(m.com.Styles, m.com.Keys, title,
		form.Choice("Theme", themes, r.p.Theme),
		form.Text("Title", r.title1, func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("give the priority a short title")
			}
			return nil
		}),
		form.Area("Ask", r.ask, 5, nil).WithHint("what the ICS should do"),
		form.Area("Rationale", r.rationale, 5, nil),
	).SetSize(m.com.Width, m.com.Height)
	m.edit, m.editing = r.p, true
}

func (m Model) updateForm(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.form, cmd = m.form.Update(msg)
	switch m.form.State() {
	case form.Cancelled:
		m.editing = false
	case form.Submitted:
		m.editing = false
		return m, m.save()
	}
	return m, cmd
}

func (m *Model) save() tea.Cmd {
	p := m.edit
	p.Theme = m.form.Value(fTheme)
	p.Title = strings.TrimSpace(m.form.Value(fTitle))
	p.Ask = strings.TrimSpace(m.form.Value(fAsk))
	p.Rationale = strings.TrimSpace(m.form.Value(fRationale))
	if p.ID == 0 {
		p.Rank = 0 // the end of the list
	}
	db := m.com.DB
	return m.com.Writer.Do(tag, "priority saved", func(ctx context.Context) (any, error) {
		return db.SavePriority(ctx, p)
	})
}

// startJump clears what would hide the priority and asks the next load to
// select it.
func (m Model) startJump(j common.JumpMsg) Model {
	m.filter = m.filter.Clear()
	m.editing, m.confirm = false, false
	m.want, m.jump = j.ID, &j
	return m
}

// land finishes a jump once the priorities are loaded: the editor opens on
// the field at fault, unless the session is read-only.
func (m *Model) land() tea.Cmd {
	j := m.jump
	if j == nil {
		return nil
	}
	m.jump = nil
	i, ok := m.selected()
	if !ok || m.rows[i].p.ID != j.ID {
		return common.NoticeCmd("that priority is no longer there: it was changed or deleted")
	}
	if j.Edit && !m.com.ReadOnly {
		m.openForm(m.rows[i])
		m.form = m.form.FocusField(map[string]int{"title": fTitle, "ask": fAsk, "rationale": fRationale}[j.Field])
	}
	return nil
}
