// Package workload is section 4: the workload notes, newest first, with a
// filter by category, severity and text; add, edit and delete (with undo).
// It stays quick with thousands of notes: text is sanitised and lower-cased
// once when loaded, and only the rows on screen are drawn.
package workload

import (
	"context"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/list"
)

const tag = "workload"

// row is one note as stored (n, for saving) and as drawn.
type row struct {
	n         domain.Note
	date, cat string
	line      string // the text on one line
	full      string // the text with its line breaks
	hay       string // lower-case: "cat:<key> <name> sev:<n> sev:<word> <date> <text>"
}

// Model is the workload screen.
type Model struct {
	com    common.Common
	seq    int
	loaded bool
	rows   []row
	shown  []int
	high   int
	cur    list.Cursor
	filter list.Filter

	form    form.Model
	editing bool
	editID  int64 // 0 when adding
	confirm bool
	undo    *domain.Note
	want    int64           // select this note after the next load
	jump    *common.JumpMsg // a finding to land on after the next load
}

type loadedMsg struct {
	seq  int
	rows []row
	err  error
}

// New returns the workload screen; Focus loads it.
func New(com common.Common) Model {
	return Model{com: com, filter: list.NewFilter(com.Styles, com.Keys, "words · cat:estates · sev:high · 2026-11")}
}

// Focus reloads the notes.
func (m Model) Focus() (Model, tea.Cmd) {
	m.seq++
	com, seq := m.com, m.seq
	return m, func() tea.Msg {
		ns, err := com.DB.Notes(com.Ctx)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		return loadedMsg{seq: seq, rows: rowsOf(com.Config, ns)}
	}
}

// rowsOf prepares notes for drawing and filtering: the work done once per
// load rather than once per frame.
func rowsOf(cfg *config.Config, ns []domain.Note) []row {
	rows := make([]row, len(ns))
	for i, n := range ns {
		r := row{
			n:    n,
			date: termtext.Line(n.Date),
			cat:  termtext.Line(config.Name(cfg.Categories, n.Category)),
			line: termtext.Line(n.Text),
			full: termtext.Sanitize(n.Text),
		}
		r.hay = strings.ToLower("cat:" + termtext.Line(n.Category) + " " + r.cat + " sev:" + strconv.Itoa(int(n.Severity)) +
			" sev:" + n.Severity.String() + " " + r.date + " " + r.line)
		rows[i] = r
	}
	return rows
}

// Capturing is true while the form, the filter or a y/n question is open.
func (m Model) Capturing() bool { return m.editing || m.confirm || m.filter.Typing() }

// SetSize fits the list, the detail below it and the form.
func (m Model) SetSize(w, h int) Model {
	m.com.SetSize(w, h)
	m.cur.SetHeight(h - 2 - 1 - common.DetailHeight(h, minDetail))
	m.form = m.form.SetSize(w, h)
	return m
}

func (m Model) selected() (row, bool) {
	if len(m.shown) == 0 {
		return row{}, false
	}
	return m.rows[m.shown[m.cur.Index()]], true
}

func (m *Model) applyFilter() {
	keep := m.want
	if r, ok := m.selected(); ok && keep == 0 {
		keep = r.n.ID
	}
	words := list.Words(m.filter.Query())
	m.shown = make([]int, 0, len(m.rows))
	for i := range m.rows {
		if list.Match(m.rows[i].hay, words) {
			m.shown = append(m.shown, i)
		}
	}
	m.cur.SetLen(len(m.shown))
	for j, i := range m.shown {
		if m.rows[i].n.ID == keep {
			m.cur.Select(j)
			break
		}
	}
	m.want = 0
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
		m.rows, m.loaded, m.high = msg.rows, true, 0
		for i := range m.rows {
			if m.rows[i].n.Severity == domain.High {
				m.high++
			}
		}
		m.applyFilter()
		return m, m.land()
	case common.JumpMsg:
		return m.startJump(msg), nil
	case common.SavedMsg:
		if msg.Tag != tag {
			return m, nil
		}
		if id, ok := msg.Value.(int64); ok && msg.Err == nil {
			m.want = id
		}
		if msg.Pending == 0 {
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
	case m.confirm:
		m.confirm = false
		if r, ok := m.selected(); ok && key.Matches(msg, km.Yes) {
			return m, m.delete(r.n)
		}
		return m, nil
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
	case key.Matches(msg, km.Add):
		m.openForm(row{n: domain.Note{Severity: domain.Medium, Date: m.com.Today()}})
	case key.Matches(msg, km.Edit):
		if r, ok := m.selected(); ok {
			m.openForm(r)
		}
	case key.Matches(msg, km.Delete):
		_, m.confirm = m.selected()
	case key.Matches(msg, km.Undo):
		return m, m.restore()
	}
	return m, nil
}

func (m *Model) delete(n domain.Note) tea.Cmd {
	m.undo = &n
	db := m.com.DB
	return m.com.Writer.Do(tag, "deleted the note of "+termtext.Line(n.Date)+": press u to undo", func(ctx context.Context) (any, error) {
		return nil, db.DeleteNote(ctx, n.ID)
	})
}

// restore saves the deleted note back with its old ID.
func (m *Model) restore() tea.Cmd {
	if m.undo == nil {
		return common.NoticeCmd("nothing to undo")
	}
	n, db := *m.undo, m.com.DB
	m.undo = nil
	return m.com.Writer.Do(tag, "note restored", func(ctx context.Context) (any, error) {
		return db.SaveNote(ctx, n)
	})
}

// ShortHelp is the keys that work now.
func (m Model) ShortHelp() []key.Binding {
	km := m.com.Keys
	switch {
	case m.editing:
		return m.form.ShortHelp()
	case m.confirm:
		return []key.Binding{km.Yes, km.No}
	case m.filter.Typing():
		return m.filter.ShortHelp()
	}
	bs := []key.Binding{km.Move, km.Edit, km.Add, km.Delete}
	if m.undo != nil {
		bs = append(bs, km.Undo)
	}
	return append(bs, km.Filter)
}

// FullHelp is every key of the screen.
func (m Model) FullHelp() [][]key.Binding {
	if m.editing {
		return m.form.FullHelp()
	}
	km := m.com.Keys
	return [][]key.Binding{km.Nav(), {km.Edit, km.Add, km.Delete, km.Undo, km.Filter}}
}
