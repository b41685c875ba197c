package practices

import (
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// Column widths; the name takes what is left.
const (
	codeW  = 8
	sizeW  = 10
	shareW = 7
)

// View draws the form when open, else the table of the visible rows only.
func (m Model) View() string {
	if m.editing {
		return m.form.View()
	}
	st, w := m.com.Styles, m.com.Width
	if !m.loaded {
		return st.Subtle.Render("loading…")
	}
	var b strings.Builder
	head := st.Title.Render("Practices") + st.Subtle.Render(fmt.Sprintf("  %s · population %s",
		common.Plural(len(m.rows), "practice", "practices"), common.Thousands(m.pop)))
	if f := m.filter.View(w / 2); f != "" {
		head = common.Truncate(head, w-w/2-2) + "  " + f
	}
	b.WriteString(common.Truncate(head, w) + "\n")
	if len(m.rows) == 0 {
		b.WriteString("\n" + common.Truncate("No member practices yet: press a to add one, or quit and", w) + "\n" +
			common.Truncate("`pcnvoice import` the NHS practice map (gp-reg-pat-prac-map.csv).", w))
		return b.String()
	}
	nameW := max(w-2-codeW-sizeW-shareW-3, 8)
	b.WriteString(st.Header.Render("  "+common.Fit("Code", codeW)+" "+common.Fit("Name", nameW)+" "+
		common.FitRight("List size", sizeW)+" "+common.FitRight("Share", shareW)) + "\n")
	start, end := m.cur.Window()
	for j := start; j < end; j++ {
		r := m.rows[m.shown[j]]
		line := common.Fit(r.code, codeW) + " " + common.Fit(r.name, nameW) + " " +
			common.FitRight(r.size, sizeW) + " " + common.FitRight(r.share, shareW)
		if j == m.cur.Index() {
			b.WriteString(st.Marker.Render("▸ ") + st.Selected.Render(line) + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
	}
	if len(m.shown) == 0 {
		b.WriteString(st.Subtle.Render("  no practice matches the filter") + "\n")
	}
	b.WriteString("\n")
	if r, ok := m.selected(); ok && m.confirm {
		b.WriteString(m.com.Confirm("Delete " + r.code + " " + common.Truncate(r.name, 30) + "?"))
	}
	return b.String()
}
