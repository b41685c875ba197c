package services

import (
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// minDetail is the least height of the selected service's full note
// below the list; a taller window gives it more (common.DetailHeight).
const minDetail = 4

// statusW fits "● not started".
const statusW = 13

func nameWidth(w int) int { return min(max((w-statusW-2)/2, 12), 44) }

func columns(w int) string {
	return common.Fit("Status", statusW) + " " + common.Fit("Service", nameWidth(w)) + " Note"
}

// drawRow draws a service: its status in words and colour, name and note.
func drawRow(com common.Common) func(row, int, bool) string {
	st := com.Styles
	return func(r row, w int, selected bool) string {
		nameW := nameWidth(w)
		noteW := max(w-statusW-1-nameW-1, 0)
		status := st.Status(r.s.Status).Render(common.Fit(common.StatusDot(r.s.Status)+" "+r.s.Status.Word(), statusW))
		if selected {
			return status + " " + st.Selected.Render(common.Fit(r.name, nameW)) + " " + common.Truncate(r.note, noteW)
		}
		return status + " " + common.Fit(r.name, nameW) + " " + st.Subtle.Render(common.Truncate(r.note, noteW))
	}
}

// detail is the selected service's whole note, or how to write one.
func detail(com common.Common) func(row, int, int) string {
	return func(r row, w, h int) string {
		note := r.full
		if note == "" {
			note = com.Styles.Subtle.Render("no note: press enter to add one")
		}
		return strings.Join(common.Wrap(note, w, h), "\n")
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
			parts = append(parts, common.Plural(n[s], s.Word(), s.Word()))
		}
	}
	return strings.Join(parts, " · ")
}
