package services

import (
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// minDetail is the least height of the selected service's full note
// below the list; a taller window gives it more (common.DetailHeight).
const minDetail = 4

// statusW fits "● not started".
const statusW = 13

// trailWidth is the trail column's width and the space after it, or 0
// when the row is too narrow for it.
func trailWidth(w int) int {
	if w < trailFrom {
		return 0
	}
	return trailW + 1
}

func nameWidth(w int) int { return min(max((w-statusW-trailWidth(w)-2)/2, 12), 44) }

func columns(w int) string {
	trail := ""
	if trailWidth(w) > 0 {
		trail = common.Fit("Last 4 exports", trailW) + " "
	}
	return common.Fit("Status", statusW) + " " + trail + common.Fit("Service", nameWidth(w)) + " Note"
}

// drawRow draws a service: its status in words and colour, the trail of
// its exported statuses when there is room, name and note.
func drawRow(com common.Common) func(row, int, bool) string {
	st := com.Styles
	return func(r row, w int, selected bool) string {
		nameW := nameWidth(w)
		noteW := max(w-statusW-1-trailWidth(w)-nameW-1, 0)
		status := st.Status(r.s.Status).Render(common.Fit(common.StatusDot(r.s.Status)+" "+r.s.Status.Word(), statusW)) + " "
		if trailWidth(w) > 0 {
			status += trailCell(com, r) + " "
		}
		if selected {
			return status + st.Selected.Render(common.Fit(r.name, nameW)) + " " + common.Truncate(r.note, noteW)
		}
		return status + common.Fit(r.name, nameW) + " " + st.Subtle.Render(common.Truncate(r.note, noteW))
	}
}

// detail is the selected service's exported statuses in words, then its
// whole note, or how to write one.
func detail(com common.Common) func(row, int, int) string {
	return func(r row, w, h int) string {
		note := r.full
		if note == "" {
			note = com.Styles.Subtle.Render("no note: press enter to add one")
		}
		trail := common.Wrap(trailText(r), w, 2)
		if len(r.periods) > 0 && trailWidth(w+2) > 0 && h > len(trail)+1 {
			trail = append(trail, com.Styles.Subtle.Render(common.Truncate(legend, w)))
		}
		lines := append(trail, common.Wrap(note, w, max(h-len(trail), 1))...)
		if len(lines) > h {
			lines = lines[:max(h, 0)]
		}
		return strings.Join(lines, "\n")
	}
}

// counts is "4 green · 3 amber · …" in words (the list shows the colours).
func counts(rows []row) string {
	n := map[domain.Status]int{}
	for _, r := range rows {
		n[r.s.Status]++
	}
	var parts []string
	for _, s := range domain.Statuses {
		if n[s] > 0 {
			parts = append(parts, wording.Plural(n[s], s.Word(), s.Word()))
		}
	}
	return strings.Join(parts, " · ")
}
