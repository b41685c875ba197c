package form

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
	"github.com/pcnvoice/pcnvoice/internal/tui/styles"
)

// State says whether the user is still editing, saved, or cancelled.
type State int

// The states of a form.
const (
	Editing State = iota
	Submitted
	Cancelled
)

// Model is a form: a title, fields, and a Save button after the last field.
// The screen that embeds it checks State after each Update.
type Model struct {
	st     *styles.Styles
	km     *keys.KeyMap
	title  string
	fields []Field
	focus  int // len(fields) is the Save button
	state  State
	width  int
	height int
	// noCancel is for a form there is nothing to go back from (first run).
	noCancel bool
	submit   string // the button's label
	does     string // what ctrl+s does, for the hint: "saves"
	intro    string // lines under the title: what the form is about
	problem  string // a line under the title: why the last save was refused

	// ask, when set, is asked before the form submits; asking holds the
	// question waiting for y or n (the same for esc with changes).
	ask      func(Model) string
	asking   string
	onYes    State
	initials []string // the values the form opened with
}

// New builds a form with the first field focused.
func New(st *styles.Styles, km *keys.KeyMap, title string, fields ...Field) Model {
	m := Model{st: st, km: km, title: title, fields: fields, submit: "Save", does: "saves"}
	for i := range m.fields {
		m.fields[i].build(st, km)
		m.initials = append(m.initials, m.fields[i].Value())
	}
	m.setFocus(0)
	return m
}

// WithSubmit names the button ("Import") and what pressing it does
// ("imports"); it is "Save", "saves" unless said otherwise.
func (m Model) WithSubmit(label, does string) Model { m.submit, m.does = label, does; return m }

// WithIntro puts text under the title, wrapped: what the user should know
// before filling the form in.
func (m Model) WithIntro(text string) Model { m.intro = text; return m.SetSize(m.width, m.height) }

// WithProblem puts a problem under the title: why the database refused the
// last save, and what saving again will do. "" clears it.
func (m Model) WithProblem(text string) Model { m.problem = text; return m.SetSize(m.width, m.height) }

// WithQuestion has the form ask, when the user saves valid values, the
// question q returns (none when ""): y saves, n goes back to the fields.
// A note dated in the future asks whether that is meant.
func (m Model) WithQuestion(q func(Model) string) Model { m.ask = q; return m }

// Dirty reports whether any value differs from the one the form opened with.
func (m Model) Dirty() bool {
	for i, f := range m.fields {
		if f.Value() != m.initials[i] {
			return true
		}
	}
	return false
}

// WithoutCancel makes esc do nothing: for a form with nowhere to go back to.
func (m Model) WithoutCancel() Model {
	m.noCancel = true
	return m
}

// State reports Editing, Submitted or Cancelled.
func (m Model) State() State { return m.state }

// Value is field i's value (see Field.Value).
func (m Model) Value(i int) string { return m.fields[i].Value() }

// FocusField moves the focus to field i: a screen opening the form at the
// field a problem is in.
func (m Model) FocusField(i int) Model {
	if i >= 0 && i < len(m.fields) {
		m.setFocus(i)
	}
	return m
}

// Focused is the index of the focused field (len(fields) for Save).
func (m Model) Focused() int { return m.focus }

// SetSize fits the form to width × height, giving multi-line fields what
// height is left after the one-line ones.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	inputW := max(w-m.labelWidth(), 10)
	areas, fixed := 0, 6+len(m.topLines()) // title, blank, blank, button and a question's two more lines
	for _, f := range m.fields {
		if f.kind == areaKind {
			areas++
		} else {
			fixed++
		}
	}
	per := 0
	if areas > 0 {
		per = (h - fixed - 2) / areas // 2 spare lines for error messages
	}
	for i := range m.fields {
		f := &m.fields[i]
		switch f.kind {
		case textKind:
			f.input.Width = inputW - 1 // a cell for the cursor at the end
		case areaKind:
			f.area.SetWidth(inputW)
			f.area.SetHeight(min(max(per, 2), f.lines))
		}
	}
	return m
}

func (m Model) labelWidth() int {
	w := 0
	for _, f := range m.fields {
		w = max(w, ansi.StringWidth(f.label))
	}
	return w + 4 // marker and gaps
}

func (m *Model) setFocus(i int) {
	n := len(m.fields) + 1
	i = (i%n + n) % n
	if m.focus < len(m.fields) {
		f := &m.fields[m.focus]
		f.input.Blur()
		f.area.Blur()
	}
	m.focus = i
	if i < len(m.fields) {
		f := &m.fields[i]
		switch f.kind {
		case textKind:
			f.input.Focus()
		case areaKind:
			f.area.Focus()
		}
	}
}

// trySubmit saves when every field is valid, else shows every error and goes
// to the first field at fault.
func (m *Model) trySubmit() {
	first := -1
	for i := range m.fields {
		f := &m.fields[i]
		f.validate()
		f.touched = true
		if f.err != nil && first < 0 {
			first = i
		}
	}
	if first >= 0 {
		m.setFocus(first)
		return
	}
	if m.ask != nil {
		if q := m.ask(*m); q != "" {
			m.asking, m.onYes = q, Submitted
			return
		}
	}
	m.state = Submitted
}

// cancel leaves the form, asking first when that throws changes away.
func (m *Model) cancel() {
	if m.Dirty() {
		m.asking, m.onYes = "discard your changes?", Cancelled
		return
	}
	m.state = Cancelled
}

// answer takes the key that answers the question being asked: y does what
// the question offered, anything else goes back to the fields.
func (m *Model) answer(km tea.KeyMsg) {
	if key.Matches(km, m.km.Yes) {
		m.state = m.onYes
	}
	m.asking = ""
}

// Update handles a key: moving between fields, saving, cancelling, or
// editing the focused field.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || m.state != Editing {
		return m, nil
	}
	switch {
	case m.asking != "":
		m.answer(km)
		return m, nil
	case key.Matches(km, m.km.Save):
		m.trySubmit()
		return m, nil
	case key.Matches(km, m.km.Cancel) && !m.noCancel:
		m.cancel()
		return m, nil
	case key.Matches(km, m.km.NextField):
		m.setFocus(m.focus + 1)
		return m, nil
	case key.Matches(km, m.km.PrevField):
		m.setFocus(m.focus - 1)
		return m, nil
	}
	if m.focus == len(m.fields) { // the Save button
		switch {
		case key.Matches(km, m.km.FieldDown): // enter
			m.trySubmit()
		case key.Matches(km, m.km.FieldUp):
			m.setFocus(m.focus - 1)
		}
		return m, nil
	}
	f := &m.fields[m.focus]
	if f.kind != areaKind {
		switch {
		case key.Matches(km, m.km.FieldDown):
			m.setFocus(m.focus + 1)
			return m, nil
		case key.Matches(km, m.km.FieldUp):
			m.setFocus(m.focus - 1)
			return m, nil
		}
	}
	var cmd tea.Cmd
	switch f.kind {
	case textKind:
		f.input, cmd = f.input.Update(oneLine(km))
	case areaKind:
		f.area, cmd = f.area.Update(lineBreaks(km))
	case choiceKind:
		switch {
		case key.Matches(km, m.km.ChoiceLeft):
			f.pick(-1)
		case key.Matches(km, m.km.ChoiceRight):
			f.pick(+1)
		case km.Type == tea.KeyRunes && len(km.Runes) == 1:
			f.jump(km.Runes[0])
		}
	}
	if v := f.Value(); f.check != nil {
		f.err = f.check(v)
		f.touched = true
	}
	return m, cmd
}

// ShortHelp is the form's keys for the help bar.
func (m Model) ShortHelp() []key.Binding {
	if m.asking != "" {
		return []key.Binding{m.km.Yes, m.km.No}
	}
	save := m.km.Save
	save.SetHelp(save.Help().Key, strings.ToLower(m.submit))
	bs := []key.Binding{save, m.km.NextField}
	if !m.noCancel {
		bs = append(bs, m.km.Cancel)
	}
	if m.focus < len(m.fields) {
		switch m.fields[m.focus].kind {
		case choiceKind:
			bs = append(bs, m.km.ChoiceRight)
		case areaKind:
			bs = append(bs, m.km.Newline)
		}
	}
	return bs
}

// FullHelp is every key of the form.
func (m Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.km.Save, m.km.Cancel},
		{m.km.NextField, m.km.PrevField, m.km.FieldDown, m.km.FieldUp},
		{m.km.ChoiceLeft, m.km.ChoiceRight, m.km.Newline},
	}
}

// Reopen returns a submitted form to editing, its values kept, with the
// problem the database had with them (see WithProblem): how a screen lets
// the user correct, or save again, what was refused.
func (m Model) Reopen(problem string) Model {
	m.state = Editing
	return m.WithProblem(problem)
}

// lineBreaks makes every line break a text holds one "\n": text pasted
// from Windows (CRLF) or an old Mac (CR) would otherwise arrive as blank
// lines between its lines.
func lineBreaks(km tea.KeyMsg) tea.KeyMsg {
	if km.Type != tea.KeyRunes || !slices.Contains(km.Runes, '\r') {
		return km
	}
	s := strings.ReplaceAll(string(km.Runes), "\r\n", "\n")
	km.Runes = []rune(strings.ReplaceAll(s, "\r", "\n"))
	return km
}

// oneLine makes pasted line breaks spaces, for a one-line field.
func oneLine(km tea.KeyMsg) tea.KeyMsg {
	km = lineBreaks(km)
	if km.Type == tea.KeyRunes && slices.Contains(km.Runes, '\n') {
		km.Runes = []rune(strings.ReplaceAll(string(km.Runes), "\n", " "))
	}
	return km
}
