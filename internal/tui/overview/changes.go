package overview

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/change"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// What changed since the last export (SPEC §10, §14): the Overview's
// Export line counts it ("2 services changed status, 1 new priority — D
// for details") and D opens every change, one a line, as `pcnvoice diff`
// prints them: the same change model, so the two cannot disagree.

// changes is the comparison of the last export with the content now,
// made and sanitised in the load command.
type changes struct {
	exported bool   // the database has exported at all
	summary  string // "2 services changed status, …"; "" when nothing changed
	heading  string // "Since revision 4 (2026/27 Q3, exported 2026-11-10 16:00 UTC)"
	lines    []string
}

// loadChanges compares the newest export with the content now, both read
// in one snapshot.
func loadChanges(ctx context.Context, db *store.DB, cfg *config.Config) (changes, error) {
	var c changes
	s, last, err := db.SinceExport(ctx)
	if err != nil || last == nil || s.PCN.Code == "" {
		return c, err
	}
	was, _, err := pcnjson.Decode(fmt.Sprintf("revision %d", last.Revision), last.Document)
	if err != nil {
		return c, fmt.Errorf("read the last export to compare with: %w", err)
	}
	now := pcnjson.FromSnapshot(s)
	d := change.Diff(was, &now, change.Options{CompareServices: cfg.CompareServices})
	c.exported, c.summary = true, termtext.Line(d.Summary())
	c.heading = termtext.Line(fmt.Sprintf("What changed since revision %d (%s, exported %s)", last.Revision, was.Period, exportedAt(was.GeneratedAt)))
	c.lines = d.Lines(change.Names{
		Theme:    func(k string) string { return config.Name(cfg.Themes, k) },
		Category: func(k string) string { return config.Name(cfg.Categories, k) },
		Role:     func(k string) string { return config.Name(cfg.Roles, k) },
	})
	return c, nil
}

// openChanges shows the details, from the top.
func (m *Model) openChanges() {
	m.details, m.offset = true, 0
}

// changesKey moves about the details, or leaves them.
func (m Model) changesKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	km := m.com.Keys
	page := max(m.com.Height-2, 1)
	switch {
	case key.Matches(msg, km.Back), key.Matches(msg, km.Changes):
		m.details = false
	case key.Matches(msg, km.Down):
		m.offset++
	case key.Matches(msg, km.Up):
		m.offset--
	case key.Matches(msg, km.PageDown):
		m.offset += page
	case key.Matches(msg, km.PageUp):
		m.offset -= page
	case key.Matches(msg, km.Top):
		m.offset = 0
	case key.Matches(msg, km.Bottom):
		m.offset = len(m.data.changes.lines)
	}
	m.offset = max(min(m.offset, len(m.data.changes.lines)-1), 0)
	return m, nil
}

// changesView draws the details: a heading, then the changes from the
// scroll offset, each wrapped to the width, as many as fit. Only what
// shows is wrapped, so a long list (thousands of notes imported since
// the export) costs a screenful.
func (m Model) changesView() string {
	st, c, w, h := m.com.Styles, m.data.changes, m.com.Width, m.com.Height
	out := []string{st.Title.Render(common.Truncate(c.heading, w))}
	if len(c.lines) == 0 {
		msg := "Nothing changed: the content is as it was exported."
		if !c.exported {
			msg = "Nothing exported yet, so nothing to compare with: export it in the Export section first."
		}
		out = append(out, "", common.Truncate(msg, w))
	}
	for i := m.offset; i < len(c.lines) && len(out) < h-1; i++ {
		l := c.lines[i]
		indent := len(l) - len(strings.TrimLeft(l, " "))
		for j, part := range common.Wrap(strings.TrimLeft(l, " "), max(w-indent-2, 1), 0) {
			if len(out) >= h-1 {
				break
			}
			pad := strings.Repeat(" ", indent)
			if j > 0 {
				pad += "  "
			}
			if indent == 0 {
				part = st.Label.Render(part)
			}
			out = append(out, common.Truncate(pad+part, w))
		}
	}
	foot := "esc back"
	if len(c.lines) > 0 {
		foot = fmt.Sprintf("%d–%d of %d lines · ↑↓ pgup pgdn · esc back", m.offset+1, min(m.offset+h-2, len(c.lines)), len(c.lines))
	}
	for len(out) < h-1 {
		out = append(out, "")
	}
	out = append(out, st.Subtle.Render(common.Truncate(foot, w)))
	if h < len(out) {
		out = out[:max(h, 1)]
	}
	return strings.Join(out, "\n")
}

// changedLines are the Export field's lines after first (the revision
// and its time): whether anything changed since, and if so what, in one
// phrase cut to fit, and how to see it all.
func (m Model) changedLines(first string, w int) []string {
	s, c := m.data.sum, m.data.changes
	switch {
	case !s.ChangedSince:
		return []string{common.Truncate(first+"no changes since", w)}
	case c.summary == "":
		// Edited since, but back as it was: an export gives the same revision.
		return []string{common.Truncate(first+"edited since, but as exported", w)}
	}
	more := " — " + m.com.Keys.Changes.Help().Key + " for details"
	return []string{
		common.Truncate(first+m.com.Styles.Badge.Render("changed since"), w),
		common.Truncate(c.summary, w-ansi.StringWidth(more)) + more,
	}
}

// changesHelp is the details' keys for the help bar.
func (m Model) changesHelp() []key.Binding {
	km := m.com.Keys
	return []key.Binding{km.Move, km.Back}
}
