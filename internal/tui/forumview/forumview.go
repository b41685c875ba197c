// Package forumview is section 8: browse a forum's merged view. The user
// opens a forum pack, a submission or a folder of them; the screen merges
// them as `pcnvoice merge` would (method, weight and top from the config's
// [forum] settings) and shows the ranking beside the other method's with
// each theme's asks by rank, the consensus, the minority voice, the
// services, the workforce and the workload as the paper shows them, the
// coverage, and each PCN's submission.
// Nothing here writes: it is the same in a read-only session.
package forumview

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/list"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// view is which part of the pack shows.
type view int

const (
	rankingView view = iota
	consensusView
	minorityView
	servicesView  // the service grid, as the paper's
	workforceView // additional roles across the forum, as the paper's
	workloadView  // workload by category, as the paper's
	coverageView
	pcnsView
	pcnView // one PCN's submission, from pcnsView
)

// Model is the forum screen.
type Model struct {
	com     common.Common
	seq     int
	loading string // the path being read, while it is
	failed  string // why the last open failed, in full (the banner cuts it)
	opened  bool
	d       data
	view    view

	rankCur, pcnCur list.Cursor
	filter          list.Filter // the PCNs by code or name
	shown           []int       // the PCNs the filter lets through
	pager           list.Pager
	lines           []string // the text of a text view, drawn for linesFor
	linesFor        textKey

	input  textinput.Model
	typing bool
	last   string // the last path opened: kept in memory only
	// offered is set while the prompt holds the last path untouched, shown
	// selected: typing replaces it, as in any form a person has used, and
	// any other key (backspace, ←) starts editing it. Before, a path typed
	// after it was appended to it ("…/received/work/main/…/bad").
	offered bool

	shared picker // over SSH, the packs the user may open instead (shared.go)
}

// textKey is what a text view's lines depend on.
type textKey struct {
	view       view
	width, seq int
	pcn        int
}

// New returns the forum screen, with nothing open.
func New(com common.Common) Model {
	ti := textinput.New()
	ti.Prompt = "open: "
	ti.CharLimit = 1024
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.Cursor.Style = com.Styles.Cursor
	ti.Cursor.TextStyle, ti.TextStyle = com.Styles.Plain, com.Styles.Plain
	ti.PromptStyle = com.Styles.Label
	ti.PlaceholderStyle = com.Styles.Placeholder
	ti.Placeholder = "a forum pack (.json), a submission, or a folder of them"
	return Model{com: com, input: ti, filter: list.NewFilter(com.Styles, com.Keys, "code or name")}
}

// Focus does nothing: a pack is read when the user opens one, not on every
// visit (a forum's folder can take a while).
func (m Model) Focus() (Model, tea.Cmd) { return m, nil }

// Capturing is true while a path or a filter is typed.
func (m Model) Capturing() bool { return m.typing || m.filter.Typing() || m.shared.open }

// Browses reports that every key only looks here — enter opens a PCN's
// submission, s shows the services — since nothing here writes, so a
// read-only session refuses none of them as an edit.
func (m Model) Browses(tea.KeyMsg) bool { return true }

// SetSize fits the lists and the text views.
func (m Model) SetSize(w, h int) Model {
	m.com.SetSize(w, h)
	list := max(h-headLines-2-common.DetailHeight(h, minDetail), 1)
	m.rankCur.SetHeight(list)
	m.pcnCur.SetHeight(list)
	m.pager.SetHeight(max(h-headLines, 1))
	m.input.Width = max(w-len(m.input.Prompt)-1, 10)
	m.drawText()
	return m
}

// Update handles a merged pack arriving and keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loading, m.failed = "", ""
		if msg.err != nil {
			m.failed = common.ErrText(msg.err)
			return m, common.ErrCmd(msg.err)
		}
		m.d, m.opened = msg.data, true
		m.rankCur.SetLen(len(m.d.ranking))
		m.rankCur.Top()
		m.filter = m.filter.Clear()
		m.applyFilter()
		m.pcnCur.Top()
		if m.view == pcnView {
			m.view = pcnsView
		}
		m.drawText()
		n := len(m.d.warnings)
		return m, common.DoneCmd("merged %s for %s%s", wording.Plural(m.d.pcns, "PCN", "PCNs"), m.d.period,
			map[bool]string{true: "; " + wording.Plural(n, "warning", "warnings") + " under coverage (v)", false: ""}[n > 0])
	case listedMsg:
		m.shared = m.shared.listed(msg)
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	km := m.com.Keys
	switch {
	case m.com.Remote && (m.shared.open || key.Matches(msg, km.OpenPack)):
		return m.sharedKey(msg)
	case m.typing:
		return m.updatePath(msg)
	case m.filter.Typing():
		var changed bool
		if m.filter, changed = m.filter.Update(msg); changed {
			m.applyFilter()
		}
		return m, nil
	case key.Matches(msg, km.OpenPack):
		m.typing = true
		m.input.SetValue(m.last)
		m.input.Focus()
		m.input.CursorEnd()
		m.setOffered(m.last != "")
		return m, nil
	case !m.opened:
		return m, nil
	case m.view == pcnView && key.Matches(msg, km.Back):
		m.view = pcnsView
	case m.switchView(msg):
		m.drawText()
	case m.view == rankingView:
		m.rankCur.HandleKey(km, msg)
	case m.view == pcnsView:
		return m.pcnsKey(msg), nil
	default:
		m.pager.HandleKey(km, msg)
	}
	return m, nil
}

// pcnsKey handles the PCN list's keys: move, filter, open.
func (m Model) pcnsKey(msg tea.KeyMsg) Model {
	km := m.com.Keys
	switch {
	case m.pcnCur.HandleKey(km, msg):
	case key.Matches(msg, km.Filter):
		m.filter = m.filter.Start()
	case key.Matches(msg, km.Back):
		m.filter = m.filter.Clear()
		m.applyFilter()
	case key.Matches(msg, km.Open):
		if _, ok := m.selected(); ok {
			m.view = pcnView
			m.pager.Top()
			m.drawText()
		}
	}
	return m
}

// selected is the PCN under the cursor, if the filter leaves any.
func (m Model) selected() (pcnRow, bool) {
	if len(m.shown) == 0 {
		return pcnRow{}, false
	}
	return m.d.subs[m.shown[m.pcnCur.Index()]], true
}

// applyFilter keeps the PCNs whose code or name hold every word typed.
func (m *Model) applyFilter() {
	words := list.Words(m.filter.Query())
	m.shown = m.shown[:0]
	for i := range m.d.subs {
		if list.Match(m.d.subs[i].hay, words) {
			m.shown = append(m.shown, i)
		}
	}
	m.pcnCur.SetLen(len(m.shown))
}

// switchView moves to the view msg names, if it names one.
func (m *Model) switchView(msg tea.KeyMsg) bool {
	km := m.com.Keys
	for _, v := range []struct {
		b key.Binding
		v view
	}{{km.Ranking, rankingView}, {km.Consensus, consensusView}, {km.Minority, minorityView}, {km.ForumServices, servicesView},
		{km.ForumWorkforce, workforceView}, {km.ForumWorkload, workloadView}, {km.Coverage, coverageView}, {km.PCNs, pcnsView}} {
		if key.Matches(msg, v.b) {
			if m.view != v.v {
				m.pager.Top()
			}
			m.view = v.v
			return true
		}
	}
	return false
}

// updatePath edits the path: enter opens it, esc gives up.
func (m Model) updatePath(msg tea.KeyMsg) (Model, tea.Cmd) {
	km := m.com.Keys
	switch {
	case key.Matches(msg, km.Accept):
		m.typing = false
		m.input.Blur()
		m.setOffered(false)
		path := m.input.Value()
		if path == "" {
			return m, nil
		}
		m.last, m.loading = path, path
		m.seq++
		return m, openCmd(m.com, m.seq, path)
	case key.Matches(msg, km.Cancel):
		m.typing = false
		m.input.Blur()
		m.setOffered(false)
		return m, nil
	}
	if m.offered && (msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace) {
		m.input.SetValue("") // typed (or pasted) text replaces the offered path
	}
	m.setOffered(false)
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// setOffered marks the prompt's text as the offered last path, drawn
// selected, or as text being edited.
func (m *Model) setOffered(on bool) {
	m.offered = on
	m.input.TextStyle = m.com.Styles.Plain
	if on {
		m.input.TextStyle = m.com.Styles.Selected
	}
}

// ShortHelp is the keys that work now.
func (m Model) ShortHelp() []key.Binding {
	km := m.com.Keys
	switch {
	case m.shared.open:
		return m.sharedHelp()
	case m.com.Remote && m.com.ForumDir == "" && !m.opened:
		return nil
	case m.typing:
		return []key.Binding{km.Accept, km.Cancel}
	case m.filter.Typing():
		return m.filter.ShortHelp()
	case !m.opened:
		return []key.Binding{km.OpenPack}
	case m.view == pcnsView:
		return []key.Binding{km.Open, km.Move, km.Filter, km.Views, km.OpenPack}
	case m.view == pcnView:
		return []key.Binding{km.Move, km.Back, km.Views, km.OpenPack}
	}
	return []key.Binding{km.Move, km.Views, km.OpenPack}
}

// FullHelp is every key of the screen.
func (m Model) FullHelp() [][]key.Binding {
	km := m.com.Keys
	return [][]key.Binding{
		{km.OpenPack, km.Open, km.Filter, km.Back},
		{km.Ranking, km.Consensus, km.Minority, km.ForumServices, km.ForumWorkforce, km.ForumWorkload, km.Coverage, km.PCNs},
		km.Nav(),
	}
}
