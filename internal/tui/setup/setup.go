// Package setup is the first-run screen: a database with no PCN asks for the
// PCN's details, checking them as they are typed, or points to `pcnvoice
// import` for a director who has a file. Saving starts the period with its
// catalogue services.
package setup

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// DoneMsg tells the root the PCN is set up and the sections can open.
type DoneMsg struct{}

// The form's fields, in order.
const (
	fCode = iota
	fName
	fICS
	fPlace
	fDirector
	fPeriod
)

// Model is the setup screen.
type Model struct {
	com    common.Common
	form   form.Model
	saving bool
}

// New returns the setup form, its period set to period (the database's).
func New(com common.Common, period domain.Period) Model {
	f := form.New(com.Styles, com.Keys, "Set up your PCN",
		form.Text("PCN code", "", checkCode).WithHint("U and five digits"),
		form.Text("PCN name", "", required("the PCN's name")),
		form.Text("ICS", "", nil).WithHint("e.g. North Example ICS"),
		form.Text("Place", "", nil).WithHint("optional"),
		form.Text("Clinical director", "", nil).WithHint("optional"),
		form.Text("Period", period.String(), checkPeriod).WithHint("e.g. 2026/27 Q3"),
	).WithoutCancel()
	m := Model{com: com, form: f}
	return m.SetSize(com.Width, com.Height)
}

func checkCode(v string) error {
	if !domain.ValidPCNCode(domain.NormaliseCode(v)) {
		return errors.New("a PCN code is U and five digits, e.g. U51234")
	}
	return nil
}

func checkPeriod(v string) error {
	_, err := domain.ParsePeriod(v)
	return err
}

func required(what string) func(string) error {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("give " + what)
		}
		return nil
	}
}

// Focus does nothing: the form is ready.
func (m Model) Focus() (Model, tea.Cmd) { return m, nil }

// Capturing is true while the form is open: every key is typing.
func (m Model) Capturing() bool { return !m.com.ReadOnly && !m.saving }

// SetSize fits the form below the two lines of introduction.
func (m Model) SetSize(w, h int) Model {
	m.com.SetSize(w, h)
	m.form = m.form.SetSize(w, max(h-4, 1))
	return m
}

// Update runs the form and saves it when submitted.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.SavedMsg[setUp]:
		m.saving = false
		if err := msg.Value.err; err != nil {
			m.form = m.form.Reopen(common.ErrText(err))
			return m, nil
		}
		return m, tea.Batch(common.DoneCmd("%s", msg.Value.notice), func() tea.Msg { return DoneMsg{} })
	case tea.KeyMsg:
		if m.com.ReadOnly || m.saving {
			return m, nil
		}
		var cmd tea.Cmd
		m.form, cmd = m.form.Update(msg)
		switch m.form.State() {
		case form.Submitted:
			m.saving = true
			return m, m.save()
		}
		return m, cmd
	}
	return m, nil
}

func (m Model) save() tea.Cmd {
	v := func(i int) string { return strings.TrimSpace(m.form.Value(i)) }
	pcn := domain.PCN{
		Code: domain.NormaliseCode(v(fCode)), Name: v(fName), ICS: v(fICS),
		Place: v(fPlace), ClinicalDirector: v(fDirector),
	}
	period, _ := domain.ParsePeriod(v(fPeriod)) // the form checked it
	var active []domain.Service
	for _, e := range m.com.Config.ActiveServices(period.Year) {
		active = append(active, domain.Service{Key: e.Key, Name: e.Name, Status: domain.NotStarted})
	}
	db := m.com.DB
	notice := "PCN set up: " + period.String() + " started with " + wording.Plural(len(active), "service", "services")
	return common.Do(m.com.Writer, "", func(ctx context.Context) (setUp, error) {
		return setUp{err: db.SetUp(ctx, pcn, period, active), notice: notice}, nil
	})
}

// setUp is the setup's write's result: its error is shown in the form,
// which stays open to correct, rather than in the root's banner.
type setUp struct {
	err    error
	notice string
}

// Refused reports that the PCN was not set up.
func (s setUp) Refused() bool { return s.err != nil }

// View draws the introduction and the form.
func (m Model) View() string {
	st, w := m.com.Styles, m.com.Width
	if m.com.ReadOnly {
		return st.Title.Render("No PCN is set up in this database yet.") + "\n" +
			st.Subtle.Render(common.Truncate("This session is read-only: set it up from the machine that holds the database.", w))
	}
	intro := strings.Join(common.Wrap("First run: tell pcnvoice about your PCN (kept on this computer only).", w, 2), "\n")
	hint := strings.Join(common.Wrap("Have a file? Press ctrl+c, then `pcnvoice import FILE` with your last submission or the NHS practice map.", w, 2), "\n")
	body := m.form.View()
	if m.saving {
		body += "\n" + st.Notice.Render("saving…")
	}
	return intro + "\n" + st.Subtle.Render(hint) + "\n\n" + body
}

// ShortHelp is the form's keys.
func (m Model) ShortHelp() []key.Binding {
	if m.com.ReadOnly {
		return nil
	}
	return m.form.ShortHelp()
}

// FullHelp is the form's keys.
func (m Model) FullHelp() [][]key.Binding {
	if m.com.ReadOnly {
		return nil
	}
	return m.form.FullHelp()
}
