package workload

import (
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// minDetail is the least height of the selected note's full text
// below the list; a taller window gives it more (common.DetailHeight).
const minDetail = 4

// Column widths; the text takes what is left.
const (
	dateW   = 10
	sevW    = 6
	minCatW = 18 // at 80 columns; wider windows give it up to 28
)

// View draws the form when open, else the visible notes and the full text
// of the selected one. Only the rows in the window are drawn.
func (m Model) View() string {
	if m.editing {
		return m.form.View()
	}
	st, w := m.com.Styles, m.com.Width
	if !m.loaded {
		return st.Subtle.Render("loading…")
	}
	var b strings.Builder
	b.Grow(w * (m.cur.Height() + 8))
	count := fmt.Sprintf("  %s · %d high", common.Plural(len(m.rows), "note", "notes"), m.high)
	if len(m.shown) != len(m.rows) {
		count = fmt.Sprintf("  %d of %d notes", len(m.shown), len(m.rows))
	}
	head := st.Title.Render("Workload") + st.Subtle.Render(count)
	if f := m.filter.View(w / 2); f != "" {
		head = common.Truncate(head, w-w/2-2) + "  " + f
	}
	b.WriteString(common.Truncate(head, w) + "\n")
	if len(m.rows) == 0 {
		b.WriteString("\n" + common.Truncate("No workload notes yet: press a to record a pressure your practices report.", w))
		return b.String()
	}
	catW := min(max(minCatW, w/5), 28)
	textW := max(w-2-dateW-1-sevW-1-catW-1, 0)
	b.WriteString(st.Header.Render("  "+common.Fit("Date", dateW)+" "+common.Fit("Sev.", sevW)+" "+
		common.Fit("Category", catW)+" Note") + "\n")
	start, end := m.cur.Window()
	for j := start; j < end; j++ {
		r := &m.rows[m.shown[j]]
		sev := st.Severity(r.n.Severity).Render(common.Fit(r.n.Severity.String(), sevW))
		rest := common.Fit(r.cat, catW) + " " + common.Truncate(r.line, textW)
		if j == m.cur.Index() {
			b.WriteString(st.Marker.Render("▸ ") + st.Selected.Render(r.date) + " " + sev + " " + st.Selected.Render(rest) + "\n")
		} else {
			b.WriteString("  " + r.date + " " + sev + " " + rest + "\n")
		}
	}
	if len(m.shown) == 0 {
		b.WriteString(st.Subtle.Render("  no note matches the filter") + "\n")
	}
	r, ok := m.selected()
	switch {
	case ok && m.confirm:
		b.WriteString(m.com.Confirm(fmt.Sprintf("Delete the note of %s (%s)?", r.date, common.Truncate(r.cat, 20))) + "\n")
	default:
		b.WriteString(st.Subtle.Render(strings.Repeat("─", w)) + "\n")
	}
	if ok {
		b.WriteString(strings.Join(common.Wrap(r.full, w, common.DetailHeight(m.com.Height, minDetail)), "\n"))
	}
	return b.String()
}
