package forumview

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// drawText lays out the current text view (consensus, minority, coverage,
// a PCN's submission) for the width, once per change rather than per frame.
func (m *Model) drawText() {
	if !m.opened || m.view == rankingView || m.view == pcnsView {
		return
	}
	k := textKey{view: m.view, width: m.com.Width, seq: m.seq, pcn: m.pcnCur.Index()}
	if m.lines != nil && m.linesFor == k {
		return
	}
	t := text{m: m, w: m.com.Width}
	switch m.view {
	case consensusView:
		t.consensus()
	case minorityView:
		t.minority()
	case servicesView:
		t.services()
	case workforceView:
		t.workforce()
	case workloadView:
		t.workload()
	case coverageView:
		t.coverage()
	case pcnView:
		if r, ok := m.selected(); ok {
			t.pcn(r)
		}
	}
	m.lines, m.linesFor = t.out, k
	m.pager.SetLen(len(m.lines))
}

// text collects a view's lines.
type text struct {
	m   *Model
	w   int
	out []string
}

func (t *text) add(s string) { t.out = append(t.out, common.Truncate(s, t.w)) }

// wrap adds s wrapped under an indent, every line in style.
func (t *text) wrap(indent int, s string, style func(...string) string) {
	for _, l := range common.Wrap(s, max(t.w-indent, 1), 0) {
		t.out = append(t.out, strings.Repeat(" ", indent)+style(l))
	}
}

// labelled wraps s beside a short label: "Ask  Fund a same-day hub…".
func (t *text) labelled(indent int, label, s string) {
	pad := strings.Repeat(" ", indent)
	for i, l := range common.Wrap(s, max(t.w-indent-5, 1), 0) {
		lead := pad + "     "
		if i == 0 {
			lead = pad + t.m.com.Styles.Label.Render(common.Fit(label, 5))
		}
		t.out = append(t.out, lead+l)
	}
}

func (t *text) consensus() {
	st, c := t.m.com.Styles, t.m.d.consensus
	t.wrap(0, fmt.Sprintf("Themes in the first %d priorities of at least two-thirds of the ballots: %d of %d.", c.Top, c.Needed, c.Ballots), st.Subtle.Render)
	t.add("")
	if len(c.Themes) == 0 {
		t.add("No theme has two-thirds of the forum behind it.")
		return
	}
	nameW := min(max(t.w-2-3-2-12-14, 12), 40)
	t.add(st.Header.Render("  " + common.FitRight("Pos", 3) + "  " + common.Fit("Theme", nameW) + common.FitRight("Ballots", 12) + common.FitRight("Population", 14)))
	for _, th := range c.Themes {
		t.add("  " + common.FitRight(strconv.Itoa(th.Position), 3) + "  " + common.Fit(th.Name, nameW) +
			common.FitRight(fmt.Sprintf("%d of %d", th.Ballots, c.Ballots), 12) + common.FitRight(wording.Thousands(th.Population), 14))
	}
}

func (t *text) minority() {
	st, d := t.m.com.Styles, t.m.d
	t.wrap(0, fmt.Sprintf("Themes some PCN ranks first that are not in the forum's top %d, with the PCNs that hold them.", d.top), st.Subtle.Render)
	t.add("")
	if len(d.minority) == 0 {
		t.add("None: every PCN's first priority is in the forum's top.")
		return
	}
	for _, mn := range d.minority {
		t.add(st.Selected.Render(mn.name) + st.Subtle.Render(fmt.Sprintf("  position %d in the forum · first for %s", mn.pos, wording.Plural(len(mn.pcns), "PCN", "PCNs"))))
		t.names(mn.pcns)
	}
}

// services is the paper's service grid: each service in the catalogue's
// order, its name in full, the PCNs at each status in words and colour,
// and the PCNs off track.
func (t *text) services() {
	st, d := t.m.com.Styles, t.m.d
	t.wrap(0, "PCNs at each status, per service, in the catalogue's order.", st.Subtle.Render)
	t.add("")
	if len(d.services) == 0 {
		t.add("No services recorded.")
		return
	}
	statuses := []domain.Status{domain.Green, domain.Amber, domain.Red, domain.NotStarted}
	// Each count in words ("3 green") where the width allows; at 80
	// columns the name in full needs the room, and the column's heading
	// gives the word.
	cell, words := 15, true
	if t.w < 2+24+4*cell {
		cell, words = 8, false
	}
	nameW := max(t.w-2-4*cell, 16)
	head := "  " + common.Fit("Service", nameW)
	for _, s := range statuses {
		word := s.Word()
		if !words && s == domain.NotStarted {
			word = "not st."
		}
		head += common.FitRight(word, cell)
	}
	t.add(st.Header.Render(head))
	for _, sv := range d.services {
		name := sv.name
		if sv.pcns < d.pcns {
			name += fmt.Sprintf(" (%d of %d PCNs)", sv.pcns, d.pcns)
		}
		lines := common.Wrap(name, nameW, 0)
		row := "  " + common.Fit(lines[0], nameW)
		for i, s := range statuses {
			n := sv.counts[i]
			if n == 0 {
				row += st.Subtle.Render(common.FitRight("–", cell))
				continue
			}
			text := strconv.Itoa(n)
			if words {
				text += " " + s.Word()
			}
			row += st.Status(s).Render(common.FitRight(text, cell))
		}
		t.add(row)
		for _, l := range lines[1:] {
			t.add("  " + l)
		}
		if len(sv.red) > 0 {
			t.wrap(4, "off track: "+strings.Join(sv.red, ", "), st.Subtle.Render)
		}
	}
	if !words {
		t.add("")
		t.wrap(2, "Counts are PCNs; a wider window shows each in words.", st.Subtle.Render)
	}
}

// workload is the paper's workload table: notes per category across the
// forum, the high-severity ones and how many PCNs raised it, with a bar.
func (t *text) workload() {
	st, d := t.m.com.Styles, t.m.d
	notes, high := 0, 0
	for _, w := range d.workload {
		notes, high = notes+w.notes, high+w.high
	}
	t.wrap(0, fmt.Sprintf("%s across the forum, %d high severity; categories with the most high-severity notes first.", wording.Plural(notes, "note", "notes"), high), st.Subtle.Render)
	t.add("")
	if len(d.workload) == 0 {
		t.add("No workload notes.")
		return
	}
	most := 1
	for _, w := range d.workload {
		most = max(most, w.notes)
	}
	nameW := min(max(t.w-2-7-7-7-2-10, 12), 34)
	barW := max(t.w-2-nameW-7-7-7-2, 0)
	t.add(st.Header.Render("  " + common.Fit("Category", nameW) + common.FitRight("Notes", 7) + common.FitRight("High", 7) + common.FitRight("PCNs", 7)))
	for _, w := range d.workload {
		row := "  " + common.Fit(w.name, nameW) + common.FitRight(strconv.Itoa(w.notes), 7) +
			st.Severity(domain.High).Render(common.FitRight(strconv.Itoa(w.high), 7)) + common.FitRight(strconv.Itoa(w.pcns), 7)
		if barW >= 4 {
			n := w.notes * barW / most
			hi := w.high * barW / most
			row += "  " + st.Severity(domain.High).Render(strings.Repeat("█", hi)) + st.Subtle.Render(strings.Repeat("░", max(n-hi, 0)))
		}
		t.add(row)
	}
	if barW >= 4 {
		t.add("")
		t.add(st.Subtle.Render("  █ high severity  ░ medium or low"))
	}
}

func (t *text) coverage() {
	st, d := t.m.com.Styles, t.m.d
	c := d.coverage
	field := func(label, value string) { t.add(st.Label.Render(common.Fit(label, 13)) + value) }
	field("PCNs", strconv.Itoa(c.PCNs))
	field("Population", wording.Thousands(c.Population))
	if c.Members == 0 {
		field("Members", st.Subtle.Render("none listed ([forum] members in your config)"))
	} else {
		field("Members", fmt.Sprintf("%d in the forum's settings · %d sent · %d missing", c.Members, c.Members-len(c.Missing), len(c.Missing)))
		if len(c.Missing) > 0 {
			t.add(st.Label.Render("Missing"))
			t.wrap(2, strings.Join(c.Missing, " · "), st.Badge.Render)
		}
		if len(c.NonMembers) > 0 {
			var names []string
			for _, r := range c.NonMembers {
				names = append(names, r.Label)
			}
			t.add(st.Label.Render("Not members") + st.Subtle.Render(" (counted all the same)"))
			t.names(names)
		}
	}
	field("Read", fmt.Sprintf("%s (%s)", d.source, wording.Plural(d.files, "file", "files")))
	t.labelledWide(13, "Signatures", d.signed)
	if len(d.warnings) > 0 {
		t.add("")
		t.add(st.Warn.Render(wording.Plural(len(d.warnings), "warning", "warnings")))
		for _, w := range d.warnings {
			t.wrap(2, w, st.Plain.Render)
		}
	}
	t.add("")
	t.add(st.Label.Render("Submissions") + st.Subtle.Render(" counted, by code"))
	for _, s := range d.subs {
		digest := s.digest
		if len(digest) > 15 {
			digest = digest[:15] + "…"
		}
		t.add("  " + common.Fit(s.code, 7) + " " + common.Fit(s.name, min(max(t.w-2-8-8-18, 10), 48)) + common.FitRight("rev "+strconv.Itoa(s.revision), 8) + " " + st.Subtle.Render(digest))
	}
}

// pcn is one PCN's submission: its asks, its services in words and
// colour, its workload and workforce in numbers, and its statement.
func (t *text) pcn(r pcnRow) {
	st := t.m.com.Styles
	t.add(st.Title.Render(r.name) + st.Subtle.Render(fmt.Sprintf(" (%s) · revision %d · %s · %s patients", r.code, r.revision, r.period, wording.Thousands(r.population))))
	t.add("")
	t.add(st.Label.Render("Priorities"))
	for _, p := range r.priorities {
		t.add(fmt.Sprintf("  %d. %s", p.rank, st.Selected.Render(p.title)) + st.Subtle.Render(" · "+p.theme))
		t.labelled(5, "Ask", p.asks)
	}
	t.add("")
	t.add(st.Label.Render("Services"))
	for _, s := range r.services {
		t.add("  " + st.Status(s.status).Render(common.Fit(common.StatusDot(s.status)+" "+s.status.Word(), 14)) + " " + s.name)
	}
	t.add("")
	t.add(st.Label.Render("Workload") + fmt.Sprintf("  %s · %d high", wording.Plural(r.notes, "note", "notes"), r.high))
	t.add(st.Label.Render("Workforce") + "  " + r.workforce)
	t.add("")
	t.add(st.Label.Render("Statement"))
	if strings.TrimSpace(r.statement) == "" {
		t.add(st.Subtle.Render("  (none)"))
	}
	t.wrap(2, r.statement, st.Plain.Render)
	t.add("")
	t.labelledWide(11, "Signature", signatureWords(r.sig))
}

// names adds names joined by " · ", indented by two, packed into lines
// without splitting a name across two (a name wider than a line is cut).
func (t *text) names(names []string) {
	w := max(t.w-2, 1)
	line := ""
	for _, n := range names {
		n = common.Truncate(n, w)
		switch {
		case line == "":
			line = n
		case ansi.StringWidth(line)+3+ansi.StringWidth(n) <= w:
			line += " · " + n
		default:
			t.out = append(t.out, "  "+line)
			line = n
		}
	}
	if line != "" {
		t.out = append(t.out, "  "+line)
	}
}

// labelledWide wraps s beside a label of the given width.
func (t *text) labelledWide(width int, label, s string) {
	for i, l := range common.Wrap(s, max(t.w-width, 1), 0) {
		lead := strings.Repeat(" ", width)
		if i == 0 {
			lead = t.m.com.Styles.Label.Render(common.Fit(label, width))
		}
		t.out = append(t.out, lead+l)
	}
}

// signatureWords says what a PCN's signature is, in words: by whom and
// with which key, or why that is not known.
func signatureWords(s pcnjson.Signature) string {
	switch s.Status {
	case pcnjson.SigSigned:
		return "signed by a key the forum's roster lists for " + s.Principal + " · " + s.Fingerprint
	case pcnjson.SigKeyNotChecked:
		return "signed, key not checked (no roster in your config's [forum] allowed_signers) · " + s.Fingerprint
	}
	return "unsigned"
}
