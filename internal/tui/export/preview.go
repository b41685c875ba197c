package export

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/styles"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// The preview is drawn here from the document, with the app's own styles
// and every piece of text sanitised, rather than by showing a rendered
// file: a paper's Markdown or HTML is not terminal text, and a file's
// bytes must never reach the terminal raw.

// drawPreview draws the preview if it is showing and its width or content
// changed: once per load and size, not once per frame.
func (m *Model) drawPreview() {
	if m.mode != previewing || !m.loaded {
		return
	}
	at := [2]int{m.com.Width, m.seq}
	if m.lines != nil && m.linesFor == at {
		return
	}
	m.lines, m.linesFor = previewLines(m.com.Styles, m.com.Config, &m.prev.Doc, m.com.Width), at
	m.pager.SetLen(len(m.lines))
}

// previewView is a heading with the revision-to-be and the scrolled text.
func (m Model) previewView() string {
	st, w := m.com.Styles, m.com.Width
	head := st.Title.Render("Preview") + "  " + m.revisionLine()
	if more := m.pager.More(); more > 0 {
		head = common.Truncate(head, w-12) + st.Subtle.Render(fmt.Sprintf("  ↓ %d more", more))
	}
	start, end := m.pager.Window()
	return common.Truncate(head, w) + "\n" + strings.Join(m.lines[start:end], "\n")
}

// previewLines is the submission as the forum will read it, w cells wide.
func previewLines(st *styles.Styles, cfg *config.Config, d *pcnjson.Document, w int) []string {
	var out []string
	add := func(s string) { out = append(out, common.Truncate(s, w)) }
	wrap := func(indent int, s string, style func(...string) string) {
		for _, l := range common.Wrap(termtext.Sanitize(s), max(w-indent, 1), 0) {
			out = append(out, strings.Repeat(" ", indent)+style(l))
		}
	}
	// labelled wraps s under a short label: "Ask  Fund a feasibility…".
	labelled := func(indent int, label, s string, style func(...string) string) {
		pad := strings.Repeat(" ", indent)
		for i, l := range common.Wrap(termtext.Sanitize(s), max(w-indent-5, 1), 0) {
			lead := pad + "     "
			if i == 0 {
				lead = pad + st.Label.Render(common.Fit(label, 5))
			}
			out = append(out, lead+style(l))
		}
	}
	line := termtext.Line
	add(st.Title.Render(line(d.PCN.Name)+" ("+line(d.PCN.Code)+")") + st.Subtle.Render(" · "+line(d.Period)))
	add(st.Subtle.Render(line(strings.Join(nonEmpty(d.PCN.ICS, d.PCN.Place, d.PCN.ClinicalDirector), " · "))))
	add(fmt.Sprintf("%s · population %s", wording.Plural(len(d.Practices), "practice", "practices"), wording.Thousands(d.PCN.Population)))

	add("")
	add(st.Label.Render("Statement"))
	if strings.TrimSpace(d.Statement) == "" {
		add(st.Subtle.Render("  (none)"))
	}
	wrap(2, d.Statement, st.Plain.Render)

	add("")
	add(st.Label.Render("Priorities") + st.Subtle.Render(" for the ICS board, in order"))
	for _, p := range d.Priorities {
		add(fmt.Sprintf("  %d. %s", p.Rank, st.Selected.Render(line(p.Title))) + st.Subtle.Render(" · "+line(config.Name(cfg.Themes, p.Theme))))
		labelled(5, "Ask", p.Ask, st.Plain.Render)
		if strings.TrimSpace(p.Rationale) != "" {
			labelled(5, "Why", p.Rationale, st.Subtle.Render)
		}
	}

	add("")
	add(st.Label.Render("Services") + st.Subtle.Render(" worst first"))
	services := slices.Clone(d.Services)
	slices.SortStableFunc(services, func(a, b domain.Service) int { return cmp.Compare(rag(a.Status), rag(b.Status)) })
	for _, s := range services {
		word := st.Status(s.Status).Render(common.Fit(common.StatusDot(s.Status)+" "+line(s.Status.Word()), 14))
		add("  " + word + " " + line(cmpOr(s.Name, s.Key)))
		wrap(17, s.Note, st.Subtle.Render)
	}

	add("")
	add(st.Label.Render("Workload") + st.Subtle.Render(" oldest first"))
	for _, n := range d.Workload {
		sev := st.Severity(n.Severity).Render(common.Fit(n.Severity.String(), 6))
		add("  " + line(n.Date) + "  " + sev + " " + line(config.Name(cfg.Categories, n.Category)))
		wrap(14, n.Text, st.Plain.Render)
	}

	add("")
	add(st.Label.Render("Practices"))
	for _, p := range d.Practices {
		add("  " + common.Fit(line(p.ODSCode), 8) + common.Fit(line(p.Name), max(w-22, 10)) + common.FitRight(wording.Thousands(p.ListSize), 10))
	}
	return out
}

// rag orders statuses worst first, as a board reads a RAG grid.
func rag(s domain.Status) int {
	switch s {
	case domain.Red:
		return 0
	case domain.Amber:
		return 1
	case domain.NotStarted:
		return 2
	case domain.Green:
		return 3
	}
	return 4
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
