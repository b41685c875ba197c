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

// View draws the form when open, else the visible services and the full
// note of the selected one.
func (m Model) View() string {
	if m.editing {
		return m.form.View()
	}
	st, w := m.com.Styles, m.com.Width
	if !m.loaded {
		return st.Subtle.Render("loading…")
	}
	var b strings.Builder
	head := st.Title.Render("Services") + st.Subtle.Render("  "+m.counts())
	if f := m.filter.View(w / 2); f != "" {
		head = common.Truncate(head, w-w/2-2) + "  " + f
	}
	b.WriteString(common.Truncate(head, w) + "\n")
	if len(m.rows) == 0 {
		b.WriteString("\n" + common.Truncate("No services this period. They are added when a period starts.", w))
		return b.String()
	}
	nameW := min(max((w-2-statusW-2)/2, 12), 44)
	noteW := max(w-2-statusW-1-nameW-1, 0)
	b.WriteString(st.Header.Render("  "+common.Fit("Status", statusW)+" "+common.Fit("Service", nameW)+" Note") + "\n")
	start, end := m.cur.Window()
	for j := start; j < end; j++ {
		r := m.rows[m.shown[j]]
		status := st.Status(r.s.Status).Render(common.Fit(common.StatusDot(r.s.Status)+" "+r.s.Status.Word(), statusW))
		rest := common.Fit(r.name, nameW) + " " + st.Subtle.Render(common.Truncate(r.note, noteW))
		if j == m.cur.Index() {
			b.WriteString(st.Marker.Render("▸ ") + status + " " + st.Selected.Render(common.Fit(r.name, nameW)) + " " + common.Truncate(r.note, noteW) + "\n")
		} else {
			b.WriteString("  " + status + " " + rest + "\n")
		}
	}
	if len(m.shown) == 0 {
		b.WriteString(st.Subtle.Render("  no service matches the filter") + "\n")
	}
	b.WriteString(st.Subtle.Render(strings.Repeat("─", w)) + "\n")
	if i, ok := m.selected(); ok {
		r := m.rows[i]
		note := r.full
		if note == "" {
			note = st.Subtle.Render("no note: press enter to add one")
		}
		b.WriteString(strings.Join(common.Wrap(note, w, common.DetailHeight(m.com.Height, minDetail)), "\n"))
	}
	return b.String()
}

// counts is "4 green · 3 amber · …" in words (the list shows the colours).
func (m Model) counts() string {
	n := map[domain.Status]int{}
	for _, r := range m.rows {
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
