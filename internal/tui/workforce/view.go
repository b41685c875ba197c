package workforce

import (
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// minDetail is the least height of the selected line's detail below the
// list: its figures in words and its note.
const minDetail = 4

// Column widths; the role's name takes what is left.
const (
	wteW  = 7            // "1000.0"
	recW  = 10           // "Recruiting"
	barW  = 10           // the fill bar's cells
	fillW = barW + 1 + 5 // the bar, a space, "100%"
)

func nameWidth(w int) int { return max(w-(1+wteW+1+wteW+1+recW+1+fillW), 8) }

func columns(w int) string {
	return common.Fit("Role", nameWidth(w)) + " " + common.FitRight("In post", wteW) + " " + common.FitRight("Planned", wteW) + " " +
		common.FitRight("Recruiting", recW) + " " + common.Fit("Filled", fillW)
}

// bar is in post as a share of planned in barW cells, full ones for what
// is filled: the figure beside it says it in numbers, so the bar reads
// without colour too.
func bar(in, planned domain.WTE) string {
	p, ok := domain.Percent(in, planned)
	if !ok {
		return strings.Repeat(" ", barW)
	}
	n := int(min((p*barW+50)/100, barW))
	return strings.Repeat("█", n) + strings.Repeat("░", barW-n)
}

// drawRow draws a role in w cells — name, the three figures, the fill bar
// and its percentage — or the line saying what was reported.
func drawRow(com common.Common) func(row, int, bool) string {
	st := com.Styles
	return func(r row, w int, selected bool) string {
		if r.state != aRole {
			line := common.Truncate(r.name, w)
			if selected {
				return st.Selected.Render(line)
			}
			return st.Subtle.Render(line)
		}
		text := common.Fit(r.name, nameWidth(w)) + " " + common.FitRight(r.r.InPost.Text(), wteW) + " " +
			common.FitRight(r.r.Planned.Text(), wteW) + " " + common.FitRight(r.r.Recruiting.Text(), recW) + " "
		fill := common.Fit(r.fill, 5)
		b := st.Marker.Render(bar(r.r.InPost, r.r.Planned))
		if selected {
			return st.Selected.Render(text) + b + st.Selected.Render(" "+fill)
		}
		return text + b + " " + fill
	}
}

// detail is the selected line in words: the figures ("2.6 of 4.0 planned
// WTE in post (65%) · 1.4 recruiting") and the note; for the line that is
// not a role, what it means and what to press.
func detail(com common.Common) func(row, int, int) string {
	return func(r row, w, h int) string {
		var text string
		switch r.state {
		case notReported:
			text = "Your workforce is not reported: the submission leaves it out, and the forum leaves your PCN out of its workforce figures " +
				"rather than count it as having none. Press a to add an additional role (WTE in post, planned and being recruited), " +
				"or n if the PCN has no additional-role staff."
		case noStaff:
			text = "You report that the PCN has no additional-role staff: the submission says so, and the forum counts your PCN with none. " +
				"Press a to add a role, or d to take this back (not reported)."
		default:
			text = r.name + ": " + domain.FillLine(r.r.InPost, r.r.Planned)
			if r.r.Recruiting > 0 {
				text += " · " + r.r.Recruiting.Text() + " WTE being recruited"
			}
			if r.full != "" {
				text += "\n" + r.full
			}
		}
		return strings.Join(common.Wrap(text, w, h), "\n")
	}
}
