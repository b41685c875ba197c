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

func titleWidth(w int) int { return max(w-rankW-1-themeWidth(w)-1, 8) }

func themeWidth(w int) int { return min(themeW, max((w+2)/4, 10)) }

func columns(w int) string {
	return common.FitRight("Rank", rankW) + " " + common.Fit("Title", titleWidth(w)) + " Theme"
}

// drawRow draws a priority: its rank, title and theme.
func drawRow(com common.Common) func(row, int, bool) string {
	st := com.Styles
	return func(r row, w int, selected bool) string {
		line := common.FitRight(fmt.Sprintf("%d.", r.p.Rank), rankW) + " " + common.Fit(r.title1, titleWidth(w)) + " "
		if selected {
			return st.Selected.Render(line) + common.Truncate(r.theme, themeWidth(w))
		}
		return line + st.Subtle.Render(common.Truncate(r.theme, themeWidth(w)))
	}
}

// detail is the ask and the rationale, wrapped, half the lines each (the
// ask first: it is what the board is asked to do).
func detail(com common.Common) func(row, int, int) string {
	return func(r row, w, lines int) string { return detailOf(com, r, w, lines) }
}

func detailOf(com common.Common, r row, w, lines int) string {
	st := com.Styles
	const lab = "Why  "
	ask := r.ask
	if ask == "" {
		ask = st.Subtle.Render("no ask yet: press enter to write one")
	}
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
