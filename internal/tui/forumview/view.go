package forumview

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// headLines is the screen's own heading: the pack's summary and the views.
const headLines = 2

// minDetail is the least height of the part below a list (a theme's asks,
// a PCN's first words).
const minDetail = 4

// View draws the heading and the current view.
func (m Model) View() string {
	if m.com.Remote && (m.shared.open || !m.opened) {
		return m.sharedView()
	}
	st, w := m.com.Styles, m.com.Width
	var b strings.Builder
	sum := "no pack open"
	if m.opened {
		how := fmt.Sprintf("%s, %s weights, top %d", m.d.method, m.d.weight, m.d.top)
		sum = fmt.Sprintf("%s · %s · %s patients · %s", m.d.period, wording.Plural(m.d.pcns, "PCN", "PCNs"), wording.Thousands(m.d.people), how)
		if len("Forum  ")+ansi.StringWidth(sum) > w { // the population is under coverage too
			sum = fmt.Sprintf("%s · %s · %s", m.d.period, wording.Plural(m.d.pcns, "PCN", "PCNs"), how)
		}
	}
	b.WriteString(common.Truncate(st.Title.Render("Forum")+"  "+st.Subtle.Render(sum), w) + "\n")
	switch {
	case m.typing:
		b.WriteString(m.input.View() + "\n")
	case m.loading != "":
		b.WriteString(st.Subtle.Render(common.Truncate("reading and merging "+m.loading+"…", w)) + "\n")
	case m.opened:
		b.WriteString(m.tabs() + "\n")
	default:
		b.WriteString("\n")
	}
	// The banner cuts a long error to one line; with no pack to show, the
	// whole of it fits here (with a pack, the banner alone keeps the list
	// where it was).
	if m.failed != "" && !m.opened && !m.typing {
		for _, l := range common.Wrap("Could not open it: "+m.failed, w, 0) {
			b.WriteString(st.ErrorBanner.Render(l) + "\n")
		}
		b.WriteString("\n")
	}
	switch {
	case !m.opened:
		b.WriteString(strings.Join(common.Wrap("No pack open. Press o and give a forum pack (.json), a submission, or a folder of the "+
			"submissions your forum received: they are merged here as `pcnvoice merge` would, with the method, weight and top "+
			"from your config's [forum] settings. Nothing is written.", w, 0), "\n"))
	case m.view == rankingView:
		b.WriteString(m.rankingView())
	case m.view == pcnsView:
		b.WriteString(m.pcnsView())
	default:
		start, end := m.pager.Window()
		b.WriteString(strings.Join(m.lines[start:end], "\n"))
	}
	return b.String()
}

// tabs names the views, the current one in brackets (and bold), so it
// shows without colour too.
func (m Model) tabs() string {
	st, km := m.com.Styles, m.com.Keys
	cur := m.view
	if cur == pcnView {
		cur = pcnsView
	}
	tabs := []struct{ k, name, short string }{
		{km.Ranking.Help().Key, "ranking", "rank"}, {km.Consensus.Help().Key, "consensus", "cons."},
		{km.Minority.Help().Key, "minority", "min."}, {km.ForumServices.Help().Key, "services", "serv."},
		{km.ForumWorkforce.Help().Key, "workforce", "staff"}, {km.ForumWorkload.Help().Key, "workload", "work"},
		{km.Coverage.Help().Key, "coverage", "cov."}, {km.PCNs.Help().Key, "PCNs", "PCNs"},
	}
	warn := ""
	if n := len(m.d.warnings); n > 0 {
		warn = "  " + st.Warn.Render(wording.Plural(n, "warning", "warnings"))
	}
	more := func(compact bool) string {
		n := m.pager.More()
		switch {
		case n == 0 || m.view == rankingView || m.view == pcnsView:
			return ""
		case compact:
			return st.Subtle.Render(fmt.Sprintf("  ↓%d", n))
		}
		return st.Subtle.Render(fmt.Sprintf("  ↓ %d more", n))
	}
	// short says whether a tab's name is shortened, by whether it is the
	// current one.
	line := func(short func(current bool) bool, compact bool) string {
		var b strings.Builder
		for i, t := range tabs {
			name := t.name
			if short(view(i) == cur) {
				name = t.short
			}
			if view(i) == cur {
				b.WriteString(st.Marker.Render("[" + t.k + " " + name + "]"))
			} else {
				b.WriteString(st.Subtle.Render(" " + t.k + " " + name + " "))
			}
		}
		return b.String() + warn + more(compact)
	}
	// Eight views' names do not fit 80 columns: then the others' names
	// are shortened, the current one's kept whole, then "↓ 12 more" is
	// "↓12", and in a narrower window every name is short; the keys stay.
	none, others, all := func(bool) bool { return false }, func(current bool) bool { return !current }, func(bool) bool { return true }
	for _, c := range []struct {
		short   func(bool) bool
		compact bool
	}{{none, false}, {others, false}, {others, true}, {all, false}, {all, true}} {
		if l := line(c.short, c.compact); ansi.StringWidth(l) <= m.com.Width {
			return l
		}
	}
	return common.Truncate(line(all, true), m.com.Width)
}

// rankingView is the forum's order with the other method's and the other
// weighting's beside it, and the asks under the selected theme.
func (m Model) rankingView() string {
	st, w, d := m.com.Styles, m.com.Width, m.d
	scoreHead, otherW := "Beats", "By pop."
	if d.method == "Borda" {
		scoreHead = "Points"
	}
	if d.weight == "population" {
		otherW = "Equal"
	}
	nameW := min(max(w-2-3-2-6-8-9-2-18, 12), 44)
	var b strings.Builder
	b.WriteString(st.Header.Render(common.Truncate("  "+common.FitRight("Pos", 3)+"  "+common.Fit("Theme", nameW)+
		common.FitRight(scoreHead, 6)+common.FitRight(d.other, 8)+common.FitRight(otherW, 9)+"  Note", w)) + "\n")
	start, end := m.rankCur.Window()
	for i := start; i < end; i++ {
		r := d.ranking[i]
		var note []string
		if r.inTop {
			note = append(note, "top "+strconv.Itoa(d.top))
		}
		if r.consensusYes {
			note = append(note, "consensus")
		}
		row := common.FitRight(strconv.Itoa(r.pos), 3) + "  " + common.Fit(r.name, nameW) + common.FitRight(r.score, 6) +
			common.FitRight(pos(r.otherMethod), 8) + common.FitRight(pos(r.otherWeight), 9) + "  " + strings.Join(note, " · ")
		if i == m.rankCur.Index() {
			b.WriteString(st.Marker.Render("▸ ") + st.Selected.Render(common.Truncate(row, w-2)) + "\n")
		} else {
			b.WriteString("  " + common.Truncate(row, w-2) + "\n")
		}
	}
	b.WriteString(st.Subtle.Render(strings.Repeat("─", w)) + "\n")
	// What the list leaves, which is more than its least when it is short.
	room := max(m.com.Height-headLines-2-(end-start), minDetail)
	var lines []string
	if d.disagree != "" {
		by := map[bool]string{true: "equal weights", false: "population"}[d.weight == "population"]
		text := fmt.Sprintf("The weightings disagree: by %s the top %d would be %s. Large PCNs would tip it.", by, d.top, d.disagree)
		if d.settlesTie > 0 {
			text = fmt.Sprintf("A tie for %s place: by %s it is settled, the top %d being %s.", wording.Ordinal(d.settlesTie), by, d.top, d.disagree)
		}
		for _, l := range common.Wrap(text, w, 2) {
			lines = append(lines, st.Warn.Render(l))
		}
	}
	if len(d.ranking) > 0 {
		r := d.ranking[m.rankCur.Index()]
		lines = append(lines, st.Label.Render(common.Truncate(fmt.Sprintf("Asks under %s (%d)", r.name, len(r.asks)), w)))
		for i, a := range r.asks {
			if len(lines) == room-1 && i < len(r.asks)-1 {
				lines = append(lines, st.Subtle.Render(common.Truncate(fmt.Sprintf("  … and %d more (p: each PCN's submission)", len(r.asks)-i), w)))
				break
			}
			lines = append(lines, common.Truncate("  "+st.Selected.Render(a.who)+" "+a.title+st.Subtle.Render(" — "+a.ask), w))
		}
	}
	return b.String() + strings.Join(lines, "\n")
}

func pos(p int) string {
	if p == 0 {
		return "–"
	}
	return strconv.Itoa(p)
}

// sigW is the width of the PCN list's signature column: "key not
// checked", the longest status, in full.
const sigW = 15

// pcnsView lists the counted submissions and the selected one's first
// priority and statement.
func (m Model) pcnsView() string {
	st, w := m.com.Styles, m.com.Width
	nameW := min(max(w-2-7-1-12-5-2-sigW, 10), 48)
	var b strings.Builder
	head := st.Header.Render("  " + common.Fit("Code", 7) + " " + common.Fit("PCN", nameW) +
		common.FitRight("Population", 12) + common.FitRight("Rev.", 5) + "  " + common.Fit("Signature", sigW))
	if f := m.filter.View(max(w-16-12, 24)); f != "" {
		head = st.Header.Render("  "+common.Fit("Code", 7)+" PCN  ") + f +
			st.Subtle.Render(fmt.Sprintf("  %d of %d", len(m.shown), len(m.d.subs)))
	}
	b.WriteString(common.Truncate(head, w) + "\n")
	start, end := m.pcnCur.Window()
	for i := start; i < end; i++ {
		r := m.d.subs[m.shown[i]]
		row := common.Fit(r.code, 7) + " " + common.Fit(r.name, nameW) + common.FitRight(wording.Thousands(r.population), 12) +
			common.FitRight(strconv.Itoa(r.revision), 5) + "  " + common.Fit(r.sig.Status, sigW)
		if i == m.pcnCur.Index() {
			b.WriteString(st.Marker.Render("▸ ") + st.Selected.Render(common.Truncate(row, w-2)) + "\n")
		} else {
			b.WriteString("  " + common.Truncate(row, w-2) + "\n")
		}
	}
	b.WriteString(st.Subtle.Render(strings.Repeat("─", w)) + "\n")
	r, ok := m.selected()
	if !ok {
		return b.String() + st.Subtle.Render(common.Truncate("no PCN matches the filter (esc clears it)", w))
	}
	var lines []string
	if len(r.priorities) > 0 {
		p := r.priorities[0]
		lines = append(lines, common.Truncate(st.Label.Render("First ask  ")+p.title+st.Subtle.Render(" · "+p.theme), w))
	}
	if s := strings.Join(strings.Fields(r.statement), " "); s != "" {
		room := max(m.com.Height-headLines-2-(end-start), minDetail)
		lines = append(lines, common.Wrap(s, w, max(room-len(lines)-1, 1))...)
	}
	lines = append(lines, st.Subtle.Render(common.Truncate("enter opens its priorities, services and statement", w)))
	return b.String() + strings.Join(lines, "\n")
}
