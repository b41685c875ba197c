package forum

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// workforce sums the additional-roles workforce across the PCNs that
// reported it (SPEC §5). A PCN whose submission has no workforce member
// did not report it: it is named, and left out of every figure — its
// population too, so the per-10,000 figures are over the patients of the
// PCNs whose staff are counted. Sums are of hundredths, exact.
func workforce(docs []*pcnjson.Document, opt Options, refs refs) pcnjson.Workforce {
	w := pcnjson.Workforce{NotReporting: []pcnjson.Ref{}, Roles: []pcnjson.WorkforceRole{}, Gaps: []string{}}
	type sum struct {
		pcns                        int
		inPost, planned, recruiting domain.WTETotal
	}
	byRole := map[string]*sum{}
	var all sum
	for _, d := range docs { // in code order
		if d.Workforce == nil {
			w.NotReporting = append(w.NotReporting, refs.of(d.PCN.Code))
			continue
		}
		w.Reporting++
		w.Population += d.PCN.Population
		for _, r := range *d.Workforce { // one line a role: Validate saw to it
			s := byRole[r.Key]
			if s == nil {
				s = &sum{}
				byRole[r.Key] = s
			}
			s.pcns++
			for _, t := range []*sum{s, &all} {
				t.inPost += domain.WTETotal(r.InPost)
				t.planned += domain.WTETotal(r.Planned)
				t.recruiting += domain.WTETotal(r.Recruiting)
			}
		}
	}
	w.Totals = figures(all.inPost, all.planned, all.recruiting, w.Population)
	for key, s := range byRole {
		w.Roles = append(w.Roles, pcnjson.WorkforceRole{Role: key, Name: name(opt.RoleNames, key), PCNs: s.pcns,
			Figures: figures(s.inPost, s.planned, s.recruiting, w.Population)})
	}
	slices.SortFunc(w.Roles, func(a, b pcnjson.WorkforceRole) int { return strings.Compare(a.Role, b.Role) })
	gaps := slices.Clone(w.Roles)
	slices.SortStableFunc(gaps, func(a, b pcnjson.WorkforceRole) int { return cmp.Compare(b.Figures.Gap, a.Figures.Gap) })
	for _, g := range gaps[:min(3, len(gaps))] {
		if g.Figures.Gap > 0 {
			w.Gaps = append(w.Gaps, g.Role)
		}
	}
	return w
}

// figures works out the rates from WTE sums over PCNs of pop registered
// patients, in whole numbers rounded half up before the one division
// that makes them decimals, so the same sums give the same figures on
// every machine.
func figures(inPost, planned, recruiting domain.WTETotal, pop int64) pcnjson.WorkforceFigures {
	f := pcnjson.WorkforceFigures{InPost: inPost, Planned: planned, Recruiting: recruiting, Gap: max(planned-inPost, 0)}
	if planned > 0 {
		f.FillRate = ratio(int64(inPost)*10000, int64(planned), 10000) // four decimals
	}
	if pop > 0 {
		// WTE per 10,000 patients is hundredths × 100 / pop; in hundredths
		// of a WTE (two decimals), hundredths × 10,000 / pop.
		f.InPostPer10000 = ratio(int64(inPost)*10000, pop, 100)
		f.PlannedPer10000 = ratio(int64(planned)*10000, pop, 100)
	}
	return f
}

// ratio is num ÷ den rounded half up to a whole number, then divided by
// scale: num and den are at most about 10^13 and 10^9 at national scale.
func ratio(num, den, scale int64) *float64 {
	v := float64((2*num+den)/(2*den)) / float64(scale)
	return &v
}

// workforceNote says how to read the workforce section.
func workforceNote(w pcnjson.Workforce) string {
	if w.Reporting == 0 {
		return "Workforce: no PCN reported its workforce (no submission has a workforce member), so the pack gives no workforce figures; a PCN that did not report is never counted as having no staff."
	}
	return fmt.Sprintf("Workforce: WTE of additional-role staff summed over the %d PCNs that reported their workforce (%d registered patients); "+
		"%d did not report it and are left out of every figure, not counted as having none. Fill rate is WTE in post ÷ WTE planned; "+
		"per 10,000 is WTE per 10,000 registered patients of the reporting PCNs; a gap is WTE planned less WTE in post.",
		w.Reporting, w.Population, len(w.NotReporting))
}
