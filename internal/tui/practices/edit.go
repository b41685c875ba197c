package practices

import (
	"context"
	"errors"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// The form's fields, in order.
const (
	fCode = iota
	fName
	fSize
)

// openForm opens the add form, or the edit form for r.
func (m *Model) openForm(r row, edit bool) {
	title, size := "Add a member practice", ""
	m.editCode = ""
	if edit {
		title, size = "Edit "+r.code, strconv.FormatInt(r.p.ListSize, 10)
		m.editCode = r.p.ODSCode
	}
	m.form = form.New(m.com.Styles, m.com.Keys, title,
		form.Text("ODS code", r.code, m.checkCode).WithHint("a letter and five digits, e.g. N81002"),
		form.Text("Name", r.name, func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("give the practice's name")
			}
			return nil
		}),
		form.Text("List size", size, func(v string) error {
			_, err := parseSize(v)
			return err
		}).WithHint("registered patients"),
	).SetSize(m.com.Width, m.com.Height)
	m.editing = true
}

// checkCode wants a well-formed code that no other practice has: saving
// over another practice by mistyping a code would lose it.
func (m Model) checkCode(v string) error {
	code := domain.NormaliseCode(v)
	if !domain.ValidPracticeCode(code) {
		return errors.New("an ODS code is a letter and five digits, e.g. N81002")
	}
	if code == m.editCode {
		return nil
	}
	for _, r := range m.rows {
		if r.p.ODSCode == code {
			return errors.New(code + " is already a member practice")
		}
	}
	return nil
}

// parseSize reads a list size, allowing the thousands separators people
// copy from spreadsheets ("9,834").
func parseSize(v string) (int64, error) {
	v = strings.NewReplacer(",", "", " ", "", "_", "").Replace(v)
	if v == "" {
		return 0, errors.New("give the list size (registered patients), 0 if unknown")
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, errors.New("a list size is a whole number, 0 or more")
	}
	return n, nil
}

func (m Model) updateForm(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.form, cmd = m.form.Update(msg)
	switch m.form.State() {
	case form.Cancelled:
		m.editing, m.importing = false, false
	case form.Submitted:
		m.editing = false
		if m.importing {
			m.importing = false
			return m, m.importFile(m.form.Value(0))
		}
		return m, m.save()
	}
	return m, cmd
}

func (m *Model) save() tea.Cmd {
	size, _ := parseSize(m.form.Value(fSize)) // the form checked it
	p := domain.Practice{
		ODSCode:  domain.NormaliseCode(m.form.Value(fCode)),
		Name:     strings.TrimSpace(m.form.Value(fName)),
		ListSize: size,
	}
	db, old := m.com.DB, m.editCode
	m.want = p.ODSCode
	return m.com.Writer.Do(tag, "saved "+p.ODSCode, func(ctx context.Context) (any, error) {
		if old != "" && old != p.ODSCode {
			return nil, db.RenamePractice(ctx, old, p)
		}
		return nil, db.SavePractice(ctx, p)
	})
}
