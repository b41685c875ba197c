// Package practices is section 2: the member practices with their list
// sizes and each one's share of the PCN's population; add, edit and delete
// (with undo), checked as typed.
package practices

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/list"
)

const tag = "practices"

// row is one practice as loaded (p, for saving) and as drawn (sanitised).
type row struct {
	p          domain.Practice
	code, name string
	size       string
	share      string
	hay        string // lower-case text the filter searches
}

// Model is the practices screen.
type Model struct {
	com    common.Common
	seq    int
	loaded bool
	rows   []row
	shown  []int // indices into rows that pass the filter
	pop    int64
	cur    list.Cursor
	filter list.Filter

	form     form.Model
	editing  bool
	editCode string // the code being edited; "" when adding
	confirm  bool
	undo     *store.DeletedPractice
	// importing is true while the form asks for a file to import;
	// lastImport is the path given last, offered again.
	importing  bool
	lastImport string
	want       string // select this code after the next load
}

type loadedMsg struct {
	seq  int
	rows []row
	pop  int64
	err  error
}

// New returns the practices screen; Focus loads it.
func New(com common.Common) Model {
	return Model{com: com, filter: list.NewFilter(com.Styles, com.Keys, "code or name")}
}

// Focus reloads the practices.
func (m Model) Focus() (Model, tea.Cmd) {
	m.seq++
	com, seq := m.com, m.seq
	return m, func() tea.Msg {
		ps, err := com.DB.Practices(com.Ctx)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		pop := domain.Population(ps)
		rows := make([]row, len(ps))
		for i, p := range ps {
			r := row{p: p, code: termtext.Line(p.ODSCode), name: termtext.Line(p.Name), size: common.Thousands(p.ListSize), share: "–"}
			if pop > 0 {
				r.share = fmt.Sprintf("%.1f%%", float64(p.ListSize)*100/float64(pop))
			}
			r.hay = strings.ToLower(r.code + " " + r.name)
			rows[i] = r
		}
		return loadedMsg{seq: seq, rows: rows, pop: pop}
	}
}

// Capturing is true while the form, the filter or a y/n question is open.
func (m Model) Capturing() bool { return m.editing || m.confirm || m.filter.Typing() }

// SetSize fits the table and the form.
func (m Model) SetSize(w, h int) Model {
	m.com.SetSize(w, h)
	m.cur.SetHeight(h - 4) // heading, column names, blank, question line
	m.form = m.form.SetSize(w, h)
	return m
}

func (m Model) selected() (row, bool) {
	if len(m.shown) == 0 {
		return row{}, false
	}
	return m.rows[m.shown[m.cur.Index()]], true
}

// applyFilter recomputes the shown rows, keeping the selected practice
// selected when it still shows.
func (m *Model) applyFilter() {
	keep := m.want
	if r, ok := m.selected(); ok && keep == "" {
		keep = r.p.ODSCode
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
		if m.rows[i].p.ODSCode == keep {
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
		m.rows, m.pop, m.loaded = msg.rows, msg.pop, true
		m.applyFilter()
	case common.SavedMsg:
		if msg.Tag != tag {
			return m, nil
		}
		if dp, ok := msg.Value.(store.DeletedPractice); ok && msg.Err == nil {
			m.undo = &dp
		}
		var notice tea.Cmd
		if v, ok := msg.Value.(imported); ok && msg.Err == nil {
			notice = importNotice(v)
		}
		if msg.Pending == 0 {
			var load tea.Cmd
			m, load = m.Focus()
			return m, tea.Batch(load, notice)
		}
		return m, notice
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
			return m, m.delete(r)
		}
		return m, nil
	case m.filter.Typing():
		var changed bool
		if m.filter, changed = m.filter.Update(msg); changed {
			m.applyFilter()
		}
		return m, nil
	case m.cur.HandleKey(km, msg):
		return m, nil
	case key.Matches(msg, km.Filter):
		m.filter = m.filter.Start()
	case key.Matches(msg, km.Back):
		m.filter = m.filter.Clear()
		m.applyFilter()
	case key.Matches(msg, km.Add):
		m.openForm(row{}, false)
	case key.Matches(msg, km.Edit):
		if r, ok := m.selected(); ok {
			m.openForm(r, true)
		}
	case key.Matches(msg, km.Delete):
		_, m.confirm = m.selected()
	case key.Matches(msg, km.Undo):
		return m, m.restore()
	case key.Matches(msg, km.Import):
		m.openImport()
	}
	return m, nil
}

func (m *Model) delete(r row) tea.Cmd {
	db, code := m.com.DB, r.p.ODSCode
	return m.com.Writer.Do(tag, "deleted "+r.code+": press u to undo", func(ctx context.Context) (any, error) {
		return db.RemovePractice(ctx, code)
	})
}

func (m *Model) restore() tea.Cmd {
	if m.undo == nil {
		return common.NoticeCmd("nothing to undo")
	}
	dp, db := *m.undo, m.com.DB
	m.undo, m.want = nil, dp.Practice.ODSCode
	return m.com.Writer.Do(tag, "restored "+termtext.Line(dp.Practice.ODSCode), func(ctx context.Context) (any, error) {
		return nil, db.RestorePractice(ctx, dp)
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
	return append(bs, km.Import, km.Filter)
}

// FullHelp is every key of the screen.
func (m Model) FullHelp() [][]key.Binding {
	if m.editing {
		return m.form.FullHelp()
	}
	km := m.com.Keys
	return [][]key.Binding{km.Nav(), {km.Edit, km.Add, km.Delete, km.Undo, km.Import, km.Filter}}
}
