// Package priorities is section 5: the PCN's ranked asks of the ICS board.
// K/J (or shift+↑/↓) move the selected priority; the store keeps ranks
// 1..n with no gaps. Add, edit and delete (with undo) as elsewhere.
package priorities

import (
	"context"
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

const tag = "priorities"

// row is one priority as stored (p, for saving) and as drawn.
type row struct {
	p              domain.Priority
	title, theme   string
	title1         string // title on one line
	ask, rationale string // with line breaks, sanitised
	hay            string
}

// Model is the priorities screen.
type Model struct {
	com    common.Common
	seq    int
	loaded bool
	rows   []row
	shown  []int
	cur    list.Cursor
	filter list.Filter

	form    form.Model
	editing bool
	edit    domain.Priority // the priority being edited; ID 0 when adding
	confirm bool
	undo    *domain.Priority
	want    int64
	jump    *common.JumpMsg // a finding to land on after the next load
}

type loadedMsg struct {
	seq  int
	rows []row
	err  error
}

// New returns the priorities screen; Focus loads it.
func New(com common.Common) Model {
	return Model{com: com, filter: list.NewFilter(com.Styles, com.Keys, "title, theme or ask")}
}

// Focus reloads the priorities.
func (m Model) Focus() (Model, tea.Cmd) {
	m.seq++
	com, seq := m.com, m.seq
	return m, func() tea.Msg {
		ps, err := com.DB.Priorities(com.Ctx)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		rows := make([]row, len(ps))
		for i, p := range ps {
			rows[i] = newRow(com.Config, p)
		}
		return loadedMsg{seq: seq, rows: rows}
	}
}

func newRow(cfg *config.Config, p domain.Priority) row {
	r := row{
		p: p, title: termtext.Sanitize(p.Title), title1: termtext.Line(p.Title),
		theme: termtext.Line(config.Name(cfg.Themes, p.Theme)),
		ask:   termtext.Sanitize(p.Ask), rationale: termtext.Sanitize(p.Rationale),
	}
	r.hay = strings.ToLower(r.title1 + " " + r.theme + " " + termtext.Line(p.Theme) + " " + termtext.Line(p.Ask) + " " + termtext.Line(p.Rationale))
	return r
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

func (m Model) selected() (int, bool) {
	if len(m.shown) == 0 {
		return 0, false
	}
	return m.shown[m.cur.Index()], true
}

func (m *Model) applyFilter() {
	keep := m.want
	if i, ok := m.selected(); ok && keep == 0 {
		keep = m.rows[i].p.ID
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
		if m.rows[i].p.ID == keep {
			m.cur.Select(j)
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
		m.rows, m.loaded = msg.rows, true
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
		if i, ok := m.selected(); ok && key.Matches(msg, km.Yes) {
			return m, m.delete(m.rows[i].p)
		}
		return m, nil
	case m.filter.Typing():
		var changed bool
		if m.filter, changed = m.filter.Update(msg); changed {
			m.applyFilter()
		}
		return m, nil
	// MoveUp/MoveDown before the moving-about keys: shift+↑ is not ↑.
	case key.Matches(msg, km.MoveUp):
		return m, m.move(-1)
	case key.Matches(msg, km.MoveDown):
		return m, m.move(+1)
	case m.cur.HandleKey(km, msg):
	case key.Matches(msg, km.Filter):
		m.filter = m.filter.Start()
	case key.Matches(msg, km.Back):
		m.filter = m.filter.Clear()
		m.applyFilter()
	case key.Matches(msg, km.Add):
		m.openForm(row{})
	case key.Matches(msg, km.Edit):
		if i, ok := m.selected(); ok {
			m.openForm(m.rows[i])
		}
	case key.Matches(msg, km.Delete):
		_, m.confirm = m.selected()
	case key.Matches(msg, km.Undo):
		return m, m.restore()
	}
	return m, nil
}

// move swaps the selected priority with its neighbour at once on screen,
// and queues the same move for the store, which renumbers the ranks.
func (m *Model) move(delta int) tea.Cmd {
	if m.filter.Query() != "" {
		return common.NoticeCmd("clear the filter (esc) to reorder")
	}
	i, ok := m.selected()
	j := i + delta
	if !ok || j < 0 || j >= len(m.rows) {
		return nil
	}
	m.rows[i], m.rows[j] = m.rows[j], m.rows[i]
	m.rows[i].p.Rank, m.rows[j].p.Rank = i+1, j+1
	m.cur.Select(j)
	p, db := m.rows[j].p, m.com.DB
	return m.com.Writer.Do(tag, "", func(ctx context.Context) (any, error) {
		return p.ID, db.MovePriority(ctx, p.ID, delta)
	})
}

func (m *Model) delete(p domain.Priority) tea.Cmd {
	m.undo = &p
	db := m.com.DB
	return m.com.Writer.Do(tag, "deleted priority "+termtext.Line(p.Title)+": press u to undo", func(ctx context.Context) (any, error) {
		return nil, db.DeletePriority(ctx, p.ID)
	})
}

// restore puts the deleted priority back at its old rank.
func (m *Model) restore() tea.Cmd {
	if m.undo == nil {
		return common.NoticeCmd("nothing to undo")
	}
	p, db := *m.undo, m.com.DB
	m.undo = nil
	return m.com.Writer.Do(tag, "priority restored", func(ctx context.Context) (any, error) {
		return db.SavePriority(ctx, p)
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
	bs := []key.Binding{km.Move, km.Reorder, km.Edit, km.Add, km.Delete}
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
	return [][]key.Binding{km.Nav(), {km.MoveUp, km.MoveDown}, {km.Edit, km.Add, km.Delete, km.Undo, km.Filter}}
}
