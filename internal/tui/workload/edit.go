package workload

import (
	"context"
	"errors"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// The form's fields, in order.
const (
	fCategory = iota
	fSeverity
	fDate
	fText
)

// openForm opens the form on r: a new note (ID 0) or one to edit.
func (m *Model) openForm(r row) {
	var cats []form.Option
	known := false
	for _, e := range m.com.Config.Categories {
		cats = append(cats, form.Option{Value: e.Key, Label: termtext.Line(e.Name)})
		known = known || e.Key == r.n.Category
	}
	if !known && r.n.Category != "" { // a forum's own category: keep it on offer
		cats = append(cats, form.Option{Value: r.n.Category, Label: r.cat})
	}
	var sevs []form.Option
	for _, s := range []domain.Severity{domain.Low, domain.Medium, domain.High} {
		sevs = append(sevs, form.Option{Value: strconv.Itoa(int(s)), Label: strconv.Itoa(int(s)) + " " + s.String()})
	}
	title := "New workload note"
	if r.n.ID != 0 {
		title = "Edit the note of " + r.date
	}
	m.form = form.New(m.com.Styles, m.com.Keys, title,
		form.Choice("Category", cats, r.n.Category),
		form.Choice("Severity", sevs, strconv.Itoa(int(r.n.Severity))).WithHint("1 low · 2 medium · 3 high"),
		form.Text("Date", termtext.Line(r.n.Date), checkDate).WithHint("YYYY-MM-DD"),
		form.Area("Text", r.full, 8, func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("say what the pressure is")
			}
			return nil
		}),
	).SetSize(m.com.Width, m.com.Height)
	m.editID, m.editing = r.n.ID, true
}

func checkDate(v string) error {
	if !domain.ValidDate(strings.TrimSpace(v)) {
		return errors.New("a date is written YYYY-MM-DD, e.g. 2026-11-18")
	}
	return nil
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
	sev, _ := strconv.Atoi(m.form.Value(fSeverity))
	n := domain.Note{
		ID:       m.editID,
		Category: m.form.Value(fCategory),
		Severity: domain.Severity(sev),
		Date:     strings.TrimSpace(m.form.Value(fDate)),
		Text:     strings.TrimSpace(m.form.Value(fText)),
	}
	db := m.com.DB
	return m.com.Writer.Do(tag, "note saved", func(ctx context.Context) (any, error) {
		return db.SaveNote(ctx, n)
	})
}

// startJump clears what would hide the note (a filter, a form, a question)
// and asks the next load to select it.
func (m Model) startJump(j common.JumpMsg) Model {
	m.filter = m.filter.Clear()
	m.editing, m.confirm = false, false
	m.want, m.jump = j.ID, &j
	return m
}

// land finishes a jump once the notes are loaded: applyFilter has selected
// the note; its editor opens on the text, unless the session is read-only.
func (m *Model) land() tea.Cmd {
	j := m.jump
	if j == nil {
		return nil
	}
	m.jump = nil
	r, ok := m.selected()
	if !ok || r.n.ID != j.ID {
		return common.NoticeCmd("that note is no longer there: it was changed or deleted")
	}
	if j.Edit && !m.com.ReadOnly {
		m.openForm(r)
		m.form = m.form.FocusField(fText)
	}
	return nil
}
