package workload

import (
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

func catWidth(w int) int { return min(max(minCatW, (w+2)/5), 28) }

func columns(w int) string {
	return common.Fit("Date", dateW) + " " + common.Fit("Sev.", sevW) + " " + common.Fit("Category", catWidth(w)) + " Note"
}

// drawRow draws a note in w cells: date, severity in words and colour,
// category and the text's first line.
func drawRow(com common.Common) func(row, int, bool) string {
	st := com.Styles
	return func(r row, w int, selected bool) string {
		catW := catWidth(w)
		textW := max(w-dateW-1-sevW-1-catW-1, 0)
		sev := st.Severity(r.n.Severity).Render(common.Fit(r.n.Severity.String(), sevW))
		rest := common.Fit(r.cat, catW) + " " + common.Truncate(r.line, textW)
		if selected {
			return st.Selected.Render(r.date) + " " + sev + " " + st.Selected.Render(rest)
		}
		return r.date + " " + sev + " " + rest
	}
}
