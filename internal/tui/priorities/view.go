package priorities

import (
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// minDetail is the least height of the selected priority's ask and rationale
// below the list; a taller window gives it more (common.DetailHeight).
const minDetail = 6

// Column widths; the title takes what is left.
const (
	rankW  = 4
	themeW = 24
)

// View draws the form when open, else the ranked list and the selected
// priority's ask and rationale.
func (m Model) View() string {
	if m.editing {
		return m.form.View()
	}
	st, w := m.com.Styles, m.com.Width
	if !m.loaded {
		return st.Subtle.Render("loading…")
	}
	var b strings.Builder
	head := st.Title.Render("Priorities") + st.Subtle.Render("  "+common.Plural(len(m.rows), "priority", "priorities")+", first is most important")
	if f := m.filter.View(w / 2); f != "" {
		head = common.Truncate(head, w-w/2-2) + "  " + f
	}
	b.WriteString(common.Truncate(head, w) + "\n")
	if len(m.rows) == 0 {
		b.WriteString("\n" + common.Truncate("No priorities yet: press a to add your first ask of the ICS.", w))
		return b.String()
	}
	tw := min(themeW, max(w/4, 10))
	titleW := max(w-2-rankW-1-tw-1, 8)
	b.WriteString(st.Header.Render("  "+common.FitRight("Rank", rankW)+" "+common.Fit("Title", titleW)+" Theme") + "\n")
	start, end := m.cur.Window()
	for j := start; j < end; j++ {
		r := m.rows[m.shown[j]]
		line := common.FitRight(fmt.Sprintf("%d.", r.p.Rank), rankW) + " " + common.Fit(r.title1, titleW) + " "
		if j == m.cur.Index() {
			b.WriteString(st.Marker.Render("▸ ") + st.Selected.Render(line) + common.Truncate(r.theme, tw) + "\n")
		} else {
			b.WriteString("  " + line + st.Subtle.Render(common.Truncate(r.theme, tw)) + "\n")
		}
	}
	if len(m.shown) == 0 {
		b.WriteString(st.Subtle.Render("  no priority matches the filter") + "\n")
	}
	i, ok := m.selected()
	switch {
	case ok && m.confirm:
		b.WriteString(m.com.Confirm("Delete priority "+common.Truncate(m.rows[i].title1, 30)+"?") + "\n")
	default:
		b.WriteString(st.Subtle.Render(strings.Repeat("─", w)) + "\n")
	}
	if ok {
		b.WriteString(m.detail(m.rows[i]))
	}
	return b.String()
}

// detail is the ask and the rationale, wrapped, half the lines each (the
// ask first: it is what the board is asked to do).
func (m Model) detail(r row) string {
	st, w := m.com.Styles, m.com.Width
	const lab = "Why  "
	ask := r.ask
	if ask == "" {
		ask = st.Subtle.Render("no ask yet: press enter to write one")
	}
	lines := common.DetailHeight(m.com.Height, minDetail)
	askLines := common.Wrap(ask, w-len(lab), lines/2)
	ratLines := common.Wrap(r.rationale, w-len(lab), lines-len(askLines))
	var out []string
	for k, l := range askLines {
		prefix := "     "
		if k == 0 {
			prefix = st.Label.Render("Ask  ")
		}
		out = append(out, prefix+l)
	}
	if r.rationale != "" {
		for k, l := range ratLines {
			prefix := "     "
			if k == 0 {
				prefix = st.Label.Render(lab)
			}
			out = append(out, prefix+l)
		}
	}
	return strings.Join(out, "\n")
}
