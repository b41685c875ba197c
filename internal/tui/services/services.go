// Package services is section 3: every service of the period with its
// status, in words and colour, and the director's note. A key cycles the
// status (green → amber → red → not started); enter edits the note.
package services

import (
	"context"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/list"
)

const tag = "services"

// row is one service as stored (s, for saving) and as drawn.
type row struct {
	s          domain.Service
	name, note string // one line each, sanitised
	full       string // the note with its line breaks, sanitised
	hay        string
}

// Model is the services screen.
type Model struct {
	com     common.Common
	seq     int
	loaded  bool
	rows    []row
	shown   []int
	cur     list.Cursor
	filter  list.Filter
	form    form.Model
	edit    int // the row being edited, while editing
	editing bool
	want    string          // select this key after the next load
	jump    *common.JumpMsg // a finding to land on after the next load
}

type loadedMsg struct {
	seq  int
	rows []row
	err  error
}

// New returns the services screen; Focus loads it.
func New(com common.Common) Model {
	return Model{com: com, filter: list.NewFilter(com.Styles, com.Keys, "name, status or note")}
}

// Focus reloads the services.
func (m Model) Focus() (Model, tea.Cmd) {
	m.seq++
	com, seq := m.com, m.seq
	return m, func() tea.Msg {
		ss, err := com.DB.Services(com.Ctx)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		rows := make([]row, len(ss))
		for i, s := range ss {
			rows[i] = newRow(s)
		}
		// By name, as people look for them; the store's key order reads
		// as random ("Supporting early cancer diagnosis" under e).
		slices.SortStableFunc(rows, func(a, b row) int {
			return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
		})
		return loadedMsg{seq: seq, rows: rows}
	}
}

func newRow(s domain.Service) row {
	name := s.Name
	if name == "" {
		name = s.Key
	}
	r := row{s: s, name: termtext.Line(name), note: termtext.Line(s.Note), full: termtext.Sanitize(s.Note)}
	r.hay = strings.ToLower(r.name + " " + s.Status.Word() + " " + r.note + " " + termtext.Line(s.Key))
	return r
}

// Capturing is true while the note form or the filter is open.
func (m Model) Capturing() bool { return m.editing || m.filter.Typing() }

// SetSize fits the list, the detail below it and the form.
func (m Model) SetSize(w, h int) Model {
	m.com.SetSize(w, h)
	m.cur.SetHeight(h - 2 - 1 - common.DetailHeight(h, minDetail))
	m.form = m.form.SetSize(w, h)
	return m
}

func (m Model) selected() (int, bool) {
	if len(m.shown) == 0 {
		return 0, false
	}
	return m.shown[m.cur.Index()], true
}

func (m *Model) applyFilter() {
	keep := m.want
	if i, ok := m.selected(); ok && keep == "" {
		keep = m.rows[i].s.Key
	}
	words := list.Words(m.filter.Query())
	m.shown = make([]int, 0, len(m.rows))
	for i, r := range m.rows {
		if list.Match(r.hay, words) {
			m.shown = append(m.shown, i)
		}
	}
	m.cur.SetLen(len(m.shown))
	for j, i := range m.shown {
		if m.rows[i].s.Key == keep {
			m.cur.Select(j)
		}
	}
	m.want = ""
}

// Update handles loads, saves and keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		if msg.err != nil {
			return m, common.ErrCmd(msg.err)
		}
		m.rows, m.loaded = msg.rows, true
		m.applyFilter()
		return m, m.land()
	case common.JumpMsg:
		return m.startJump(msg), nil
	case common.SavedMsg:
		if msg.Tag == tag && msg.Pending == 0 {
			return m.Focus()
		}
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	km := m.com.Keys
	switch {
	case m.editing:
		return m.updateForm(msg)
	case m.filter.Typing():
		var changed bool
		if m.filter, changed = m.filter.Update(msg); changed {
			m.applyFilter()
		}
		return m, nil
	case m.cur.HandleKey(km, msg):
	case key.Matches(msg, km.Filter):
		m.filter = m.filter.Start()
	case key.Matches(msg, km.Back):
		m.filter = m.filter.Clear()
		m.applyFilter()
	case key.Matches(msg, km.Cycle):
		if i, ok := m.selected(); ok {
			// Show the new status at once; the Writer saves in key order,
			// so three quick presses land on the third status.
			s := m.rows[i].s
			s.Status = s.Status.Next()
			m.rows[i] = newRow(s)
			return m, m.save(s, s.Name+": "+s.Status.Word())
		}
	case key.Matches(msg, km.Edit):
		if i, ok := m.selected(); ok {
			m.openForm(i)
		}
	}
	return m, nil
}

func (m *Model) save(s domain.Service, notice string) tea.Cmd {
	db := m.com.DB
	m.want = s.Key
	return m.com.Writer.Do(tag, termtext.Line(notice), func(ctx context.Context) (any, error) {
		return nil, db.SaveService(ctx, s)
	})
}

// ShortHelp is the keys that work now.
func (m Model) ShortHelp() []key.Binding {
	km := m.com.Keys
	switch {
	case m.editing:
		return m.form.ShortHelp()
	case m.filter.Typing():
		return m.filter.ShortHelp()
	}
	return []key.Binding{km.Move, km.Cycle, km.Edit, km.Filter}
}

// FullHelp is every key of the screen.
func (m Model) FullHelp() [][]key.Binding {
	if m.editing {
		return m.form.FullHelp()
	}
	km := m.com.Keys
	return [][]key.Binding{km.Nav(), {km.Cycle, km.Edit, km.Filter}}
}
