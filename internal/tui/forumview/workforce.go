package forumview

// The workforce view: the forum's additional-roles staff as the paper
// shows it (internal/report's workforce section) — every figure over the
// PCNs that reported their workforce, per role and in all, the biggest
// gaps, and the PCNs that did not report, named and left out of every
// figure rather than counted as having no staff.

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// workforce is the pack's workforce section, its names sanitised.
type workforce struct {
	reporting    int
	population   int64
	notReporting []string
	total        wteRow
	roles        []wteRow // the biggest shortfall first, as the paper's
	gaps         []string // "Care coordinator 2.5 WTE short", biggest first
}

// wteRow is one role across the forum, or all of them.
type wteRow struct {
	name string
	pcns int // the reporting PCNs that list it
	f    pcnjson.WorkforceFigures
}

func prepareWorkforce(w *pcnjson.Workforce) workforce {
	out := workforce{reporting: w.Reporting, population: w.Population,
		total: wteRow{name: "All roles", pcns: w.Reporting, f: w.Totals}}
	for _, r := range w.NotReporting {
		out.notReporting = append(out.notReporting, termtext.Line(r.Label))
	}
	names := map[string]string{}
	for _, r := range w.Roles {
		names[r.Role] = termtext.Line(r.Name)
		out.roles = append(out.roles, wteRow{name: names[r.Role], pcns: r.PCNs, f: r.Figures})
	}
	slices.SortStableFunc(out.roles, func(a, b wteRow) int {
		return cmp.Or(cmp.Compare(b.f.Planned-b.f.InPost, a.f.Planned-a.f.InPost), cmp.Compare(b.f.Planned, a.f.Planned), cmp.Compare(a.name, b.name))
	})
	for _, key := range w.Gaps {
		for _, r := range w.Roles {
			if r.Role == key {
				out.gaps = append(out.gaps, names[key]+" "+r.Figures.Gap.Text()+" WTE short")
				break
			}
		}
	}
	return out
}

// workforceLine is one submission's workforce in a line, for its view.
func workforceLine(doc *pcnjson.Document) string {
	rs := doc.Roles()
	switch {
	case doc.Workforce == nil:
		return "not reported: left out of the forum's figures"
	case len(rs) == 0:
		return "none: no additional-role staff"
	}
	t := domain.Totals(rs)
	s := domain.FillLine(t.InPost, t.Planned) + " across " + wording.Plural(len(rs), "role", "roles")
	if t.Recruiting > 0 {
		s += " · " + t.Recruiting.Text() + " recruiting"
	}
	return s
}

// The table's columns after the role's name: heading and width.
var wteCols = []struct {
	head string
	w    int
}{{"PCNs", 5}, {"In post", 8}, {"Planned", 8}, {"Recr.", 6}, {"Gap", 6}, {"Filled", 7}, {"In/10k", 7}, {"Plan/10k", 9}}

func (t *text) workforce() {
	st, w := t.m.com.Styles, t.m.d.workforce
	if w.reporting == 0 {
		t.wrap(0, "No PCN reported its workforce, so this pack has no workforce figures.", st.Plain.Render)
		t.add("")
		t.wrap(0, "A PCN reports it once its clinical director fills in the Workforce section (each additional role's WTE "+
			"in post, planned and being recruited); one that has not is never counted as having no staff.", st.Subtle.Render)
		t.notReporting()
		return
	}
	t.wrap(0, fmt.Sprintf("%s reported their workforce, serving %s registered patients: every figure is over them, "+
		"and /10k is WTE per 10,000 of their patients.", wording.Plural(w.reporting, "PCN", "PCNs"), wording.Thousands(w.population)), st.Subtle.Render)
	if n := len(w.notReporting); n > 0 {
		t.wrap(0, fmt.Sprintf("%s did not report it (named below).", wording.Plural(n, "PCN", "PCNs")), st.Subtle.Render)
	}
	t.add("")
	line := "Across them, " + domain.FillLine(domain.WTE(w.total.f.InPost), domain.WTE(w.total.f.Planned)) + "; " + w.total.f.Recruiting.Text() + " WTE being recruited."
	t.wrap(0, line, st.Plain.Render)
	if len(w.gaps) > 0 {
		t.add(st.Label.Render("Biggest gaps"))
		t.wrap(2, strings.Join(w.gaps, " · "), st.Plain.Render)
	}
	t.add("")
	if len(w.roles) == 0 {
		t.add("No additional-role staff reported.")
	} else {
		fixed := 2
		for _, c := range wteCols {
			fixed += c.w
		}
		nameW := min(max(t.w-fixed, 12), 40)
		head := "  " + common.Fit("Role", nameW)
		for _, c := range wteCols {
			head += common.FitRight(c.head, c.w)
		}
		t.add(st.Header.Render(head))
		for _, r := range w.roles {
			t.wteRow(r, nameW, st.Plain.Render)
		}
		t.add(st.Subtle.Render(strings.Repeat("─", t.w)))
		t.wteRow(w.total, nameW, st.Selected.Render)
		t.add("")
		t.wrap(2, "Biggest shortfall first. Recr. is being recruited; Gap is planned less in post; Filled is in post "+
			"of planned; In/10k and Plan/10k are WTE in post and planned per 10,000 patients.", st.Subtle.Render)
	}
	t.notReporting()
}

// wteRow adds a role's figures, its name wrapped under it when long.
func (t *text) wteRow(r wteRow, nameW int, style func(...string) string) {
	f := r.f
	cells := []string{strconv.Itoa(r.pcns), f.InPost.Text(), f.Planned.Text(), f.Recruiting.Text(), f.Gap.Text(),
		fillRate(domain.WTE(f.InPost), domain.WTE(f.Planned)), per10k(f.InPostPer10000), per10k(f.PlannedPer10000)}
	lines := common.Wrap(r.name, nameW, 0)
	row := "  " + common.Fit(lines[0], nameW)
	for i, c := range wteCols {
		row += common.FitRight(cells[i], c.w)
	}
	t.add(style(row))
	for _, l := range lines[1:] {
		t.add(style("  " + l))
	}
}

// notReporting names the PCNs left out of the figures.
func (t *text) notReporting() {
	w, st := t.m.d.workforce, t.m.com.Styles
	if len(w.notReporting) == 0 {
		return
	}
	t.add("")
	t.add(st.Label.Render("Not reporting") + st.Subtle.Render(" (left out of every figure, not counted as having no staff)"))
	t.names(w.notReporting)
}

// fillRate is in post as a share of planned, "38%", or "–" with nothing
// planned, as the paper writes it.
func fillRate(in, planned domain.WTE) string {
	if p, ok := domain.Percent(in, planned); ok {
		return strconv.FormatInt(p, 10) + "%"
	}
	return "–"
}

// per10k is a per-10,000 figure to two decimals, "–" when there is none
// (the reporting PCNs have no registered patients).
func per10k(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(*v, 'f', 2, 64)
}
