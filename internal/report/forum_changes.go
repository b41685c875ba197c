package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// forumChangesView is the pack's changes section arranged for a board
// paper, "What changed since <period>" (SPEC §5); nil when the pack has
// none. Every string is sanitised here, as the rest of forumView is.
type forumChangesView struct {
	Period   string
	Lead     string
	Notes    []string
	Themes   []themeMoveRow // this pack's order, then those that dropped out
	Services []serviceMoveRow
	AnyRed   int // services with a PCN that went red
	Joined   string
	Missing  string
	Workload []pairRow
	// Workforce is the totals then and now in a sentence, and per role.
	Workforce string
	Roles     []pairRow
	Summary   string // one sentence for the executive summary
}

type themeMoveRow struct {
	Name, Now, Then, Move string
	Class                 string // move-up, move-down, move-same, move-new, move-gone
}

type serviceMoveRow struct {
	Name, Then, Now        string
	Red                    string // "1 → 3"
	Worse, Better, WentRed string
	Compared               int
}

// pairRow is a row of figures then → now.
type pairRow struct {
	Name  string
	Cells []string // each "then → now"
}

func newForumChangesView(p *pcnjson.Pack) *forumChangesView {
	c := p.Changes
	if c == nil {
		return nil
	}
	v := &forumChangesView{Period: clean(c.Since.Period)}
	v.Lead = clean(fmt.Sprintf("Compared with the forum's pack for %s (%s, made %s), whose digest is %s.",
		c.Since.Period, countThousands(c.Since.PCNs, "PCN", "PCNs"), HumanTime(c.Since.GeneratedAt), c.Since.Digest))
	for _, n := range c.Notes {
		v.Notes = append(v.Notes, clean(n))
	}
	for _, m := range append(append([]pcnjson.ThemeMove{}, c.Themes...), c.Dropped...) {
		r := themeMoveRow{Name: clean(m.Name), Then: "–", Now: "–"}
		if m.Position > 0 {
			r.Now = wording.Ordinal(m.Position)
		}
		if m.Previous != nil {
			r.Then = wording.Ordinal(*m.Previous)
		}
		switch m.Change {
		case "up":
			r.Move, r.Class = "▲ up "+strconv.Itoa(m.Movement), "move-up"
		case "down":
			r.Move, r.Class = "▼ down "+strconv.Itoa(-m.Movement), "move-down"
		case "same":
			r.Move, r.Class = "= same", "move-same"
		case "new":
			r.Move, r.Class = "new", "move-new"
		default:
			r.Move, r.Class = "dropped out", "move-gone"
		}
		v.Themes = append(v.Themes, r)
	}
	for _, s := range c.Services {
		r := serviceMoveRow{Name: clean(s.Name), Compared: s.Compared,
			Then: clean(StatusCountLine(statusCounts(s.Then))), Now: clean(StatusCountLine(statusCounts(s.Now))),
			Red:   fmt.Sprintf("%s → %s", thousandsOf(s.Then.Red), thousandsOf(s.Now.Red)),
			Worse: ofCompared(s.Worse, s.Compared), Better: ofCompared(s.Better, s.Compared), WentRed: "–"}
		if len(s.WentRed) > 0 {
			r.WentRed = strings.Join(refs(s.WentRed), ", ")
			v.AnyRed++
		}
		v.Services = append(v.Services, r)
	}
	v.Joined = "none"
	if len(c.Joined) > 0 {
		v.Joined = fmt.Sprintf("%s: %s", countThousands(len(c.Joined), "PCN", "PCNs"), strings.Join(refs(c.Joined), ", "))
	}
	v.Missing = "none"
	switch {
	case len(c.Missing) == 0:
	case p.Anonymised:
		v.Missing = countThousands(len(c.Missing), "PCN", "PCNs") + " (not named: the pack is anonymised)"
	default:
		v.Missing = fmt.Sprintf("%s: %s", countThousands(len(c.Missing), "PCN", "PCNs"), strings.Join(refs(c.Missing), ", "))
	}
	for _, w := range c.Workload {
		f := func(x *pcnjson.WorkloadFigures) (int, int, int) {
			if x == nil {
				return 0, 0, 0
			}
			return x.Notes, x.High, x.PCNs
		}
		tn, th, tp := f(w.Then)
		nn, nh, np := f(w.Now)
		v.Workload = append(v.Workload, pairRow{Name: clean(w.Name), Cells: []string{pair(tn, nn), pair(th, nh), pair(tp, np)}})
	}
	wf := c.Workforce
	side := func(s pcnjson.WorkforceSide) string {
		if s.Reporting == 0 {
			return "no PCN reported it"
		}
		return fmt.Sprintf("%s, over the %s that reported", domain.FillLine(domain.WTE(s.Totals.InPost), domain.WTE(s.Totals.Planned)), countThousands(s.Reporting, "PCN", "PCNs"))
	}
	v.Workforce = clean(fmt.Sprintf("Then: %s. Now: %s.", side(wf.Then), side(wf.Now)))
	for _, r := range wf.Roles {
		fig := func(f *pcnjson.WorkforceFigures) (string, string) {
			if f == nil {
				return "–", "–"
			}
			return f.InPost.Text(), f.Planned.Text()
		}
		ti, tp := fig(r.Then)
		ni, np := fig(r.Now)
		v.Roles = append(v.Roles, pairRow{Name: clean(r.Name), Cells: []string{ti + " → " + ni, tp + " → " + np}})
	}
	v.Summary = v.summaryLine(c)
	return v
}

// summaryLine is the executive summary's sentence on what changed.
func (v *forumChangesView) summaryLine(c *pcnjson.Changes) string {
	var parts []string
	for i, m := range c.Themes {
		if m.Position == 1 && m.Change != "same" {
			parts = append(parts, fmt.Sprintf("%s is now first (%s)", v.Themes[i].Name, strings.TrimPrefix(strings.TrimPrefix(v.Themes[i].Move, "▲ "), "▼ ")))
			break
		}
	}
	if v.AnyRed > 0 {
		parts = append(parts, fmt.Sprintf("%s had a PCN go red", countWord(v.AnyRed, "service", "services")))
	}
	if n := len(c.Joined); n > 0 {
		parts = append(parts, countThousands(n, "PCN", "PCNs")+" joined")
	}
	if n := len(c.Missing); n > 0 {
		parts = append(parts, countThousands(n, "PCN", "PCNs")+" that sent last time did not")
	}
	if len(parts) == 0 {
		return clean(fmt.Sprintf("Since %s: the same first theme and no PCN newly off track.", c.Since.Period))
	}
	return clean(fmt.Sprintf("Since %s: %s.", c.Since.Period, strings.Join(parts, "; ")))
}

// ofCompared writes "2 of 4".
func ofCompared(n, of int) string {
	if of == 0 {
		return "–"
	}
	return thousandsOf(n) + " of " + thousandsOf(of)
}

// pair writes figures then and now: "2 → 3".
func pair(then, now int) string { return thousandsOf(then) + " → " + thousandsOf(now) }

func mdForumChanges(b *strings.Builder, v *forumView) {
	c := v.Changes
	if c == nil {
		return
	}
	fmt.Fprintf(b, "\n## What changed since %s\n\n", MarkdownCell(c.Period))
	b.WriteString(EscapeMarkdown(c.Lead) + "\n")
	for _, n := range c.Notes {
		b.WriteString("\n" + EscapeMarkdown(n) + "\n")
	}
	b.WriteString("\n### Themes\n\n")
	rows := make([][]string, 0, len(c.Themes))
	for _, t := range c.Themes {
		rows = append(rows, []string{MarkdownCell(t.Name), t.Now, t.Then, MarkdownCell(t.Move)})
	}
	b.WriteString(MarkdownTable([]string{"Theme", "Now", "Then", "Movement"}, "lrrl", rows))
	b.WriteString("\n### Services\n\n")
	b.WriteString("Worse and better count the PCNs in both packs whose status moved on the scale green, amber, red (a move to or from not started is neither); went red names those red now and not then.\n\n")
	rows = rows[:0]
	for _, s := range c.Services {
		rows = append(rows, []string{MarkdownCell(s.Name), s.Red, s.Worse, s.Better, MarkdownCell(s.WentRed)})
	}
	b.WriteString(MarkdownTable([]string{"Service", "PCNs red, then → now", "Worse", "Better", "Went red"}, "lrrrl", rows))
	b.WriteString("\n### PCNs\n\n")
	fmt.Fprintf(b, "- **Joined since:** %s.\n- **Sent last time, not this time:** %s.\n", MarkdownCell(c.Joined), MarkdownCell(c.Missing))
	if len(c.Workload) > 0 {
		b.WriteString("\n### Workload\n\n")
		rows = rows[:0]
		for _, w := range c.Workload {
			rows = append(rows, append([]string{MarkdownCell(w.Name)}, w.Cells...))
		}
		b.WriteString(MarkdownTable([]string{"Category", "Notes, then → now", "High severity", "PCNs raising it"}, "lrrr", rows))
	}
	b.WriteString("\n### Workforce\n\n" + EscapeMarkdown(c.Workforce) + "\n")
	if len(c.Roles) > 0 {
		b.WriteString("\n")
		rows = rows[:0]
		for _, r := range c.Roles {
			rows = append(rows, append([]string{MarkdownCell(r.Name)}, r.Cells...))
		}
		b.WriteString(MarkdownTable([]string{"Role", "WTE in post, then → now", "WTE planned, then → now"}, "lrr", rows))
	}
}
