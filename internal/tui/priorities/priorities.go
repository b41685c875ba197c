// Package priorities is section 6: the PCN's ranked asks of the ICS board.
// K/J (or shift+↑/↓) move the selected priority; the store keeps ranks
// 1..n with no gaps. Add, edit and delete (with undo) as elsewhere: the
// list itself is listscreen's.
package priorities

import (
	"context"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/listscreen"
)

// Model is the priorities screen.
type Model = listscreen.Screen[row, int64]

// row is one priority as stored (p, for saving) and as drawn.
type row struct {
	p              domain.Priority
	title, theme   string
	title1         string // title on one line
	ask, rationale string // with line breaks, sanitised
	hay            string
}

// New returns the priorities screen; Focus loads it.
func New(com common.Common) Model {
	km := com.Keys
	return listscreen.New(com, listscreen.Spec[row, int64]{
		Title: "Priorities", One: "priority", Many: "priorities",
		FilterHint:  "title, theme or ask",
		Empty:       "No priorities yet: press a to add your first ask of the ICS.",
		DetailLines: minDetail,
		Load:        load(com),
		Key:         func(r row) int64 { return r.p.ID },
		Hay:         func(r row) string { return r.hay },
		// A priority another program only moved is still the one the user
		// saw: the store checks its content, not its rank.
		Same:    func(a, b row) bool { a.p.Rank, b.p.Rank = 0, 0; return a.p == b.p },
		Record:  func(r row) any { return r.p },
		Label:   func(r row) string { return "priority “" + common.Truncate(r.title1, 30) + "”" },
		Summary: func([]row) string { return "first is most important" },
		Columns: columns,
		Row:     drawRow(com),
		Detail:  detail(com),
		Form:    func(r row, adding bool, _ []row) form.Model { return openForm(com, r, adding) },
		Writes:  writes(com.DB),
		Jump: func(j common.JumpMsg) (int64, int, bool) {
			return j.ID, map[string]int{"title": fTitle, "ask": fAsk, "rationale": fRationale}[j.Field], j.ID != 0
		},
		Actions: []listscreen.Action[row, int64]{
			{Key: km.MoveUp, Show: km.Reorder, Do: func(m *Model) tea.Cmd { return move(m, -1) }},
			{Key: km.MoveDown, Do: func(m *Model) tea.Cmd { return move(m, +1) }},
		},
	})
}

func load(com common.Common) func(context.Context) ([]row, int64, error) {
	return func(ctx context.Context) ([]row, int64, error) {
		ps, v, err := com.DB.PrioritiesAt(ctx)
		rows := make([]row, len(ps))
		for i, p := range ps {
			rows[i] = newRow(com.Config, p)
		}
		return rows, v, err
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

// move swaps the selected priority with its neighbour at once on screen,
// and queues the same swap for the store, which makes it only if both are
// still where the user saw them.
func move(m *Model, delta int) tea.Cmd {
	if m.Filtered() {
		return common.NoticeCmd("clear the filter (esc) to reorder")
	}
	r, ok := m.Selected()
	rows := m.Rows()
	i := slices.IndexFunc(rows, func(x row) bool { return x.p.ID == r.p.ID })
	j := i + delta
	if !ok || i < 0 || j < 0 || j >= len(rows) {
		return nil
	}
	a, b := rows[i], rows[j]
	rows = slices.Clone(rows)
	rows[i], rows[j] = b, a
	rows[i].p.Rank, rows[j].p.Rank = a.p.Rank, b.p.Rank
	m.Show(rows)
	db := m.Common().DB
	return m.Write(a, "", func(ctx context.Context) (string, error) {
		return "", db.SwapPriorities(ctx, a.p, b.p)
	})
}
