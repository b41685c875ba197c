package report

// The workforce parts of the papers (SPEC §4, §5): the submission's table
// of additional roles and the forum's ICS-wide picture, in Markdown here
// and in HTML through templates/workforce.tmpl. They are kept apart from
// the rest of the papers so that the two can change without meeting.

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// workforceView is a submission's workforce arranged for reading.
type workforceView struct {
	Reported bool
	Rows     []wteRow // biggest shortfall first, as services are worst first
	Total    wteRow
	Line     string // the totals in a sentence
	More     string // with no role listed, what that means for the forum
}

// wteRow is one role (or the total) with its figures in words.
type wteRow struct {
	Name                        string
	InPost, Planned, Recruiting string // "2.6"
	Fill                        string // "65%", or "–" with nothing planned
	Note                        string
	in, planned, recruiting     domain.WTE
}

func newWTERow(name string, in, planned, recruiting domain.WTE, note string) wteRow {
	return wteRow{Name: name, InPost: in.Text(), Planned: planned.Text(), Recruiting: recruiting.Text(),
		Fill: fill(in, planned), Note: note, in: in, planned: planned, recruiting: recruiting}
}

// fill is in post as a share of planned, "65%", or "–" with nothing planned.
func fill(in, planned domain.WTE) string {
	if p, ok := domain.Percent(in, planned); ok {
		return strconv.FormatInt(p, 10) + "%"
	}
	return "–"
}

// newWorkforceView arranges d's workforce, with names from cfg's roles.
func newWorkforceView(d *pcnjson.Document, cfg *config.Config) workforceView {
	v := workforceView{Reported: d.Workforce != nil}
	for _, r := range d.Roles() {
		v.Rows = append(v.Rows, newWTERow(clean(config.Name(cfg.Roles, r.Key)), r.InPost, r.Planned, r.Recruiting, clean(r.Note)))
	}
	slices.SortFunc(v.Rows, func(a, b wteRow) int {
		return cmp.Or(cmp.Compare(b.planned-b.in, a.planned-a.in), cmp.Compare(b.planned, a.planned), cmp.Compare(a.Name, b.Name))
	})
	t := domain.Totals(d.Roles())
	v.Total = newWTERow("All roles", t.InPost, t.Planned, t.Recruiting, "")
	switch {
	case !v.Reported:
		v.Line = "The PCN did not report its workforce this period."
		v.More = "The forum leaves it out of its workforce figures, rather than count it as having no additional-role staff."
	case len(v.Rows) == 0:
		v.Line = "The PCN reports no additional-role staff."
		v.More = "The forum counts it, and its registered patients, in its workforce figures with none in post."
	default:
		v.Line = fmt.Sprintf("%s across %s", domain.FillLine(t.InPost, t.Planned), countWord(len(v.Rows), "additional role", "additional roles"))
		if t.Recruiting > 0 {
			v.Line += "; " + t.Recruiting.Text() + " WTE being recruited"
		}
		v.Line += "."
	}
	return v
}

// Chart is the submission's workforce chart: each role's WTE in post,
// being recruited and still to fill, against its plan.
func (v workforceView) Chart() template.HTML {
	bars := make([]wteBar, len(v.Rows))
	for i, r := range v.Rows {
		bars[i] = wteBar{Label: r.Name, InPost: r.in, Planned: r.planned, Recruiting: r.recruiting}
	}
	return wteChart("Additional-role staff: WTE in post, being recruited and still to fill, against plan", bars)
}

func mdWorkforce(b *strings.Builder, v *view) {
	w := v.Workforce
	b.WriteString("\n## Workforce: additional roles\n\n")
	b.WriteString(MarkdownCell(w.Line) + "\n")
	if w.More != "" {
		b.WriteString("\n" + MarkdownCell(w.More) + "\n")
	}
	if len(w.Rows) == 0 {
		return
	}
	b.WriteString("\nWhole-time equivalents (WTE); the biggest shortfall against plan first.\n\n")
	rows := make([][]string, 0, len(w.Rows)+1)
	for _, r := range w.Rows {
		rows = append(rows, []string{MarkdownCell(r.Name), r.InPost, r.Planned, r.Recruiting, r.Fill, MarkdownCell(r.Note)})
	}
	t := w.Total
	rows = append(rows, []string{"**All roles**", "**" + t.InPost + "**", "**" + t.Planned + "**", "**" + t.Recruiting + "**", "**" + t.Fill + "**", ""})
	b.WriteString(MarkdownTable([]string{"Role", "In post", "Planned", "Recruiting", "Filled", "What is behind it"}, "lrrrrl", rows))
}

// forumWorkforceView is the pack's workforce arranged for a board paper.
type forumWorkforceView struct {
	Reporting    int
	Population   int64
	NotReporting []string
	Rows         []forumWTERow // biggest shortfall first
	Total        forumWTERow
	Gaps         []string // "Care coordinator (3.5 WTE short)"
	Line         string   // the totals in a sentence
	More         string   // with no PCN reporting, what would change that
}

type forumWTERow struct {
	Name                             string
	PCNs                             string // how many list the role, "12"
	InPost, Planned, Recruiting, Gap string
	Fill                             string
	InPostPer, PlannedPer            string // WTE per 10,000 patients, "0.58"
	in, planned, recruiting          domain.WTE
}

func newForumWTERow(name string, pcns int, f pcnjson.WorkforceFigures) forumWTERow {
	per := func(v *float64) string {
		if v == nil {
			return "–"
		}
		return strconv.FormatFloat(*v, 'f', 2, 64)
	}
	return forumWTERow{Name: name, PCNs: thousandsOf(pcns), InPost: f.InPost.Text(), Planned: f.Planned.Text(), Recruiting: f.Recruiting.Text(),
		Gap: f.Gap.Text(), Fill: fill(domain.WTE(f.InPost), domain.WTE(f.Planned)), InPostPer: per(f.InPostPer10000), PlannedPer: per(f.PlannedPer10000),
		in: domain.WTE(f.InPost), planned: domain.WTE(f.Planned), recruiting: domain.WTE(f.Recruiting)}
}

func newForumWorkforceView(p *pcnjson.Pack) forumWorkforceView {
	w := p.Workforce
	v := forumWorkforceView{Reporting: w.Reporting, Population: w.Population, NotReporting: refs(w.NotReporting)}
	names := map[string]string{}
	for _, r := range w.Roles {
		names[r.Role] = clean(r.Name)
		v.Rows = append(v.Rows, newForumWTERow(clean(r.Name), r.PCNs, r.Figures))
	}
	slices.SortFunc(v.Rows, func(a, b forumWTERow) int {
		return cmp.Or(cmp.Compare(b.planned-b.in, a.planned-a.in), cmp.Compare(b.planned, a.planned), cmp.Compare(a.Name, b.Name))
	})
	v.Total = newForumWTERow("All roles", w.Reporting, w.Totals)
	for _, key := range w.Gaps {
		for _, r := range w.Roles {
			if r.Role == key {
				v.Gaps = append(v.Gaps, fmt.Sprintf("%s (%s WTE short)", names[key], r.Figures.Gap.Text()))
			}
		}
	}
	if w.Reporting == 0 {
		v.Line = "No PCN reported its workforce, so this pack has no workforce figures."
		v.More = "A PCN reports it in its submission once its clinical director fills in pcnvoice's Workforce section " +
			"(each additional role's WTE in post, planned and being recruited); a PCN that has not is never counted as having no staff."
		return v
	}
	v.Line = fmt.Sprintf("Across the %s that reported, %s; %s WTE being recruited.",
		countThousands(w.Reporting, "PCN", "PCNs"), domain.FillLine(domain.WTE(w.Totals.InPost), domain.WTE(w.Totals.Planned)), w.Totals.Recruiting.Text())
	if len(v.Gaps) > 0 {
		v.Line += " Biggest gaps: " + strings.Join(v.Gaps, "; ") + "."
	}
	return v
}

// Reach says whom the figures are over: the reporting PCNs and their
// patients, and who is left out.
func (v forumWorkforceView) Reach() string {
	s := fmt.Sprintf("%s reported their workforce, serving %s registered patients: every figure here is over them, and “per 10,000” means per 10,000 of their patients.",
		countThousands(v.Reporting, "PCN", "PCNs"), wording.Thousands(v.Population))
	if n := len(v.NotReporting); n > 0 {
		s += fmt.Sprintf(" %s did not report it and %s left out, not counted as having no staff: %s.",
			countThousands(n, "PCN", "PCNs"), map[bool]string{true: "is", false: "are"}[n == 1], strings.Join(v.NotReporting, ", "))
	}
	return s
}

// Chart is the forum's workforce chart, one bar per role.
func (v forumWorkforceView) Chart() template.HTML {
	bars := make([]wteBar, len(v.Rows))
	for i, r := range v.Rows {
		bars[i] = wteBar{Label: r.Name, InPost: r.in, Planned: r.planned, Recruiting: r.recruiting}
	}
	return wteChart("Additional-role staff across the reporting PCNs: WTE in post, being recruited and still to fill, against plan", bars)
}

// summaryLine is the executive summary's workforce sentence, "" when no
// PCN reported.
func (v forumWorkforceView) summaryLine() string {
	if v.Reporting == 0 {
		return ""
	}
	s := fmt.Sprintf("Workforce: %s across the %s that reported", domain.FillLine(v.Total.in, v.Total.planned), countThousands(v.Reporting, "PCN", "PCNs"))
	if len(v.Gaps) > 0 {
		s += "; biggest gap: " + v.Gaps[0]
	}
	s += "."
	if n := len(v.NotReporting); n > 0 {
		s += fmt.Sprintf(" %s did not report.", countThousands(n, "PCN", "PCNs"))
	}
	return s
}

func mdForumWorkforce(b *strings.Builder, v *forumView) {
	w := v.Workforce
	b.WriteString("\n## Workforce: additional roles\n\n")
	if w.Reporting == 0 {
		b.WriteString(MarkdownCell(w.Line) + "\n\n" + MarkdownCell(w.More) + "\n")
		return
	}
	b.WriteString(MarkdownCell(w.Reach()) + "\n\n" + MarkdownCell(w.Line) + "\n\n")
	if len(w.Rows) == 0 {
		return
	}
	rows := make([][]string, 0, len(w.Rows)+1)
	for _, r := range w.Rows {
		rows = append(rows, []string{MarkdownCell(r.Name), r.PCNs, r.InPost, r.Planned, r.Recruiting, r.Gap, r.Fill, r.InPostPer, r.PlannedPer})
	}
	t := w.Total
	bold := func(s string) string { return "**" + s + "**" }
	rows = append(rows, []string{bold("All roles"), bold(t.PCNs), bold(t.InPost), bold(t.Planned), bold(t.Recruiting), bold(t.Gap), bold(t.Fill), bold(t.InPostPer), bold(t.PlannedPer)})
	b.WriteString(MarkdownTable([]string{"Role", "PCNs", "In post", "Planned", "Recruiting", "Gap", "Filled", "In post per 10,000", "Planned per 10,000"},
		"lrrrrrrrr", rows))
}
