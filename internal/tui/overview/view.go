package overview

import (
	"fmt"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// labelW is the width of the overview's left-hand labels.
const labelW = 12

// View draws the overview in the screen's height, giving what room is left
// after the fixed lines to the high-severity notes and the priorities.
func (m Model) View() string {
	if m.editing != noForm {
		return m.form.View()
	}
	if !m.loaded {
		return m.com.Styles.Subtle.Render("loading…")
	}
	if m.details {
		return m.changesView()
	}
	st, d, w := m.com.Styles, m.data, m.com.Width
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	field := func(label, value string) {
		add(st.Label.Render(common.Fit(label, labelW)) + common.Truncate(value, w-labelW))
	}

	add(st.Title.Render(common.Truncate(d.pcn.Name, w-10)) + "  " + st.Subtle.Render(d.pcn.Code))
	var who []string
	for _, s := range []string{d.pcn.ICS, d.pcn.Place, d.pcn.ClinicalDirector} {
		if s != "" {
			who = append(who, s)
		}
	}
	add(st.Subtle.Render(common.Truncate(strings.Join(who, " · "), w)))
	add("")
	period := d.sum.Period
	if m.behind() && !m.com.ReadOnly {
		period += " · it is now " + domain.PeriodOf(m.com.Now()).String() + ": press n to move on"
	}
	field("Period", period)
	practices := fmt.Sprintf("%s · population %s", wording.Plural(d.sum.Practices, "practice", "practices"), wording.Thousands(d.sum.Population))
	if d.sum.Practices == 0 {
		practices = "none yet: add them in Practices (2), or `pcnvoice import` the NHS practice map"
	}
	field("Practices", practices)
	add(st.Label.Render(common.Fit("Services", labelW)) + m.services(w-labelW))
	field("Workforce", m.workforce())

	notes := fmt.Sprintf("%s · %d high severity", wording.Plural(d.sum.Notes, "note", "notes"), d.sum.HighNotes)
	if d.sum.LatestNote != "" {
		notes += " · newest " + d.sum.LatestNote
	}
	if d.sum.Notes == 0 {
		notes = "no notes yet: add them in Workload (5)"
	}
	field("Workload", notes)
	highAt := len(lines)

	prios := wording.Plural(d.prios, "priority", "priorities") + " ranked"
	if d.prios == 0 {
		prios = "none yet: rank them in Priorities (6)"
	}
	field("Priorities", prios)
	topAt := len(lines)
	field("Statement", m.statement())
	exp := m.export(w - labelW)
	field("Export", exp[0])
	for _, l := range exp[1:] {
		field("", l)
	}

	// Share the spare height between notes and priorities; a list cut
	// short ends in "and N more", so nothing is dropped without a word.
	room := max(m.com.Height-len(lines), 0)
	tops := min(len(d.top), max(room/2, min(room, 1)))
	highs := min(len(d.high), max(room-tops, 0))
	var highLines, topLines []string
	catW := min(max(16, w/6), 26)
	titleW := min(w-labelW-2-20, 56)
	pad := strings.Repeat(" ", labelW)
	if highs < d.sum.HighNotes && highs > 0 {
		highs--
	}
	for _, n := range d.high[:highs] {
		sev := st.Severity(domain.High).Render("high")
		highLines = append(highLines, pad+n.date+"  "+sev+"  "+
			common.Fit(n.category, catW)+"  "+common.Truncate(n.text, w-labelW-20-catW))
	}
	if more := d.sum.HighNotes - highs; more > 0 && highs+1 <= room-tops {
		highLines = append(highLines, st.Subtle.Render(pad+common.Truncate(fmt.Sprintf("and %d more high-severity in Workload (5)", more), w-labelW)))
	}
	if tops < d.prios && tops > 0 {
		tops--
	}
	for _, p := range d.top[:tops] {
		topLines = append(topLines, pad+
			common.Fit(fmt.Sprintf("%d. %s", p.rank, p.title), titleW)+"  "+st.Subtle.Render(common.Truncate(p.theme, w-labelW-titleW-2)))
	}
	if more := d.prios - tops; more > 0 && tops > 0 {
		topLines = append(topLines, st.Subtle.Render(pad+common.Truncate(fmt.Sprintf("and %d more in Priorities (6)", more), w-labelW)))
	}
	out := append([]string{}, lines[:highAt]...)
	out = append(out, highLines...)
	out = append(out, lines[highAt:topAt]...)
	out = append(out, topLines...)
	out = append(out, lines[topAt:]...)
	return strings.Join(out, "\n")
}

// services is the status summary in words and colour: "10: 4 green · 3 amber …".
func (m Model) services(w int) string {
	s := m.data.sum
	if s.ServicesTotal == 0 {
		return common.Truncate("none this period", w)
	}
	var parts []string
	for _, st := range domain.Statuses {
		if n := s.Services[st]; n > 0 {
			parts = append(parts, m.com.Styles.Status(st).Render(fmt.Sprintf("%d %s", n, st.Word())))
		}
	}
	return common.Truncate(fmt.Sprintf("%d: ", s.ServicesTotal)+strings.Join(parts, " · "), w)
}

// workforce is the workforce totals in words and numbers, or what was
// reported.
func (m Model) workforce() string {
	s := m.data.sum
	switch {
	case s.Workforce == nil:
		return "not reported: fill it in in Workforce (4), or say there is none"
	case s.Roles == 0:
		return "none: the PCN has no additional-role staff"
	}
	line := domain.FillLine(s.Workforce.InPost, s.Workforce.Planned)
	if s.Workforce.Recruiting > 0 {
		line += " · " + s.Workforce.Recruiting.Text() + " recruiting"
	}
	return line
}

// statement is the statement's first words on one line, or how to write one.
func (m Model) statement() string {
	if s := strings.Join(strings.Fields(m.data.statement), " "); s != "" {
		return s
	}
	if m.com.ReadOnly {
		return m.com.Styles.Subtle.Render("none")
	}
	return m.com.Styles.Subtle.Render("none yet: press enter to write your words to the forum")
}

// export says when the PCN last exported and whether it changed since.
func (m Model) export(w int) []string {
	s := m.data.sum
	if s.LastExport == nil {
		return []string{common.Truncate("never exported: export it in section 7 before the forum", w)}
	}
	when := exportedAt(s.LastExport.ExportedAt)
	first := fmt.Sprintf("revision %d, %s · ", s.LastExport.Revision, when)
	return m.changedLines(first, w)
}

// exportedAt writes an export's RFC 3339 time as "2026-11-18 16:45 UTC".
func exportedAt(when string) string {
	if t, err := time.Parse(time.RFC3339, when); err == nil {
		return t.UTC().Format("2006-01-02 15:04 UTC")
	}
	return when
}
