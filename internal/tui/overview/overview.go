// Package overview is section 1: where the PCN stands at a glance — who it
// is, the period, services by status, the newest high-severity notes, the
// top priorities and whether anything changed since the last export.
package overview

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// highShown is how many high-severity notes the overview reads: more than
// fit at 80×24, enough for a tall window.
const highShown = 8

// Model is the overview screen.
type Model struct {
	com    common.Common
	seq    int
	loaded bool
	data   data
	form   form.Model
	// editing is the open form: the statement, or moving on to a new period.
	editing formKind
	// was is the statement as the user last saw it stored: when the form
	// opened, or, once told another program changed it, as the next load
	// (retake) has it. A save changes only that.
	was    string
	retake bool
	jump   bool // open the statement once loaded (a finding in it)
	// details shows what changed since the last export, from line offset.
	details bool
	offset  int
}

type formKind int

const (
	noForm formKind = iota
	statementForm
	periodForm
)

// data is what the overview draws, sanitised once when loaded.
type data struct {
	// version is the database's, read before the rest: what the user saw
	// is at least this new, so a move on refused for a change since is
	// never one the user did see.
	version int64
	sum     store.Summary
	pcn     domain.PCN
	high    []note
	top     []priority
	prios   int
	// statement is sanitised with its line breaks, as the form edits it;
	// stored is as stored, which a save must find unchanged.
	statement, stored string
	changes           changes // since the last export (changes.go)
}

type note struct{ date, category, text string }

type priority struct {
	rank         int
	title, theme string
}

// loadedMsg carries a load's result; seq drops answers to older loads.
type loadedMsg struct {
	seq  int
	data data
	err  error
}

// New returns the overview; Focus loads it.
func New(com common.Common) Model { return Model{com: com} }

// Focus reloads: the other screens may have changed what it sums up.
func (m Model) Focus() (Model, tea.Cmd) {
	m.seq++
	return m, loadCmd(m.com, m.seq)
}

func loadCmd(com common.Common, seq int) tea.Cmd {
	return func() tea.Msg {
		d, err := load(com.Ctx, com.DB, com.Config)
		return loadedMsg{seq: seq, data: d, err: err}
	}
}

func load(ctx context.Context, db *store.DB, cfg *config.Config) (data, error) {
	var d data
	var err error
	if d.version, err = db.Version(ctx); err != nil {
		return d, err
	}
	if d.sum, err = db.Summary(ctx); err != nil {
		return d, err
	}
	if d.sum.PCN != nil {
		p := *d.sum.PCN
		for _, s := range []*string{&p.Code, &p.Name, &p.ICS, &p.Place, &p.ClinicalDirector} {
			*s = termtext.Line(*s)
		}
		d.pcn = p
	}
	high, err := db.HighNotes(ctx, highShown)
	if err != nil {
		return d, err
	}
	for _, n := range high {
		d.high = append(d.high, note{
			date:     termtext.Line(n.Date),
			category: termtext.Line(config.Name(cfg.Categories, n.Category)),
			text:     termtext.Line(n.Text),
		})
	}
	ps, err := db.Priorities(ctx)
	if err != nil {
		return d, err
	}
	st, err := db.Statement(ctx)
	if err != nil {
		return d, err
	}
	d.statement, d.stored = termtext.Sanitize(st), st
	if d.changes, err = loadChanges(ctx, db, cfg); err != nil {
		return d, err
	}
	d.prios = len(ps)
	for _, p := range ps {
		d.top = append(d.top, priority{rank: p.Rank, title: termtext.Line(p.Title), theme: termtext.Line(config.Name(cfg.Themes, p.Theme))})
	}
	return d, nil
}

// Update takes loaded data and edits the statement.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		if msg.err != nil {
			return m, common.ErrCmd(msg.err)
		}
		m.data, m.loaded = msg.data, true
		m.offset = max(min(m.offset, len(m.data.changes.lines)-1), 0)
		if m.retake {
			m.was, m.retake = m.data.stored, false
		}
		m.land()
	case common.JumpMsg:
		m.jump, m.editing, m.details = true, noForm, false
	case tea.KeyMsg:
		return m.key(msg)
	case common.SavedMsg[statementSaved]:
		return m.statementSaved(msg)
	case common.SavedMsg[movedOn]:
		return m.movedOn(msg)
	case common.Saved:
		// Anything saved anywhere may change the summary; reload quietly
		// once the burst of writes is done.
		if w := msg.Written(); w.Pending == 0 && w.Err == nil {
			return m.Focus()
		}
	}
	return m, nil
}

// SetSize records the drawing area.
func (m Model) SetSize(w, h int) Model {
	m.com.SetSize(w, h)
	m.form = m.form.SetSize(w, h)
	return m
}

// Capturing is true while a form is open.
func (m Model) Capturing() bool { return m.editing != noForm }
