package forum

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/change"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// What changed since last quarter (SPEC §5, merge --since PACK): each
// theme's position then and now, per service how many PCNs got worse or
// better and which went red, PCNs that joined or are missing, workload per
// category and workforce per role then and now.
//
// The comparison is with a baseline: what the previous pack published
// (its ranking, workload and workforce sections) and each PCN's statuses
// from the submissions it embedded. The pack keeps the baseline in its
// changes section, so that merging the pack again — alone, to render its
// papers, or with a late submission — compares with the same previous
// pack and gives the same changes, whatever order the inputs came in:
//   - given --since, the previous pack is the baseline;
//   - else, if the input packs that carry changes all compare with one
//     previous pack (the same digest), its baseline is taken again;
//   - if they compare with different ones, the pack has no changes
//     section, with a warning saying to give --since;
//   - with no input carrying changes, none.

// ErrSinceNotEarlier is Merge's error when the previous pack (--since) is
// for the same period as the pack or a later one.
var ErrSinceNotEarlier = errors.New("the previous pack is not for an earlier period")

// sinceSection works out the pack's changes section, nil when it has none.
func sinceSection(inputs []pcnjson.Input, p *pcnjson.Pack, docs []*pcnjson.Document, opt Options, r refs) (*pcnjson.Changes, []Warning, error) {
	now, err := domain.ParsePeriod(p.Period)
	if err != nil {
		return nil, nil, nil // a pack with no submissions has no period: nothing to compare
	}
	if prev := opt.Since; prev != nil {
		was, err := domain.ParsePeriod(prev.Period)
		if err != nil || !was.Before(now) {
			return nil, nil, fmt.Errorf("%w: it is for %s and this pack for %s; give the pack of a period before this one (last quarter's)", ErrSinceNotEarlier, prev.Period, p.Period)
		}
		since, base := baselineOf(prev)
		c := compare(since, base, p, docs, opt, r)
		var w []Warning
		for _, n := range c.Notes {
			w = append(w, warnf("%s", n))
		}
		return c, w, nil
	}
	carried := map[string]*pcnjson.Changes{}
	for _, in := range inputs {
		if in.Pack != nil && in.Pack.Changes != nil {
			carried[in.Pack.Changes.Since.Digest] = in.Pack.Changes
		}
	}
	switch len(carried) {
	case 0:
		return nil, nil, nil
	case 1:
		for _, c := range carried {
			was, err := domain.ParsePeriod(c.Since.Period)
			if err != nil || !was.Before(now) {
				return nil, []Warning{warnf("the input packs compare with a pack for %s, which is not before this pack's %s: this pack has no changes section; give --since with the previous period's pack", c.Since.Period, p.Period)}, nil
			}
			return compare(c.Since, c.Baseline, p, docs, opt, r), nil, nil
		}
	}
	digests := make([]string, 0, len(carried))
	for d := range carried {
		digests = append(digests, d)
	}
	slices.Sort(digests)
	return nil, []Warning{warnf("the input packs compare with %d different previous packs (%s): this pack has no changes section; give --since with the forum's previous pack", len(digests), list(digests, 4))}, nil
}

// baselineOf takes what the comparison needs of the previous pack.
func baselineOf(prev *pcnjson.Pack) (pcnjson.Since, pcnjson.Baseline) {
	since := pcnjson.Since{Period: prev.Period, GeneratedAt: prev.GeneratedAt, Digest: prev.Digest, Forum: prev.Forum.Name,
		Method: prev.Ranking.Method, Weight: prev.Ranking.Weight, PCNs: len(prev.Documents)}
	base := pcnjson.Baseline{
		Themes: slices.Clone(prev.Ranking.Order), PCNs: make([]pcnjson.BaselinePCN, 0, len(prev.Documents)),
		Workload: slices.Clone(prev.Workload),
		Workforce: pcnjson.BaselineForce{Reporting: prev.Workforce.Reporting, Totals: prev.Workforce.Totals,
			Roles: slices.Clone(prev.Workforce.Roles)},
	}
	for _, d := range prev.Documents {
		b := pcnjson.BaselinePCN{Code: d.PCN.Code, Name: d.PCN.Name, Services: make([]pcnjson.ServiceStatus, 0, len(d.Services))}
		for _, s := range d.Services {
			b.Services = append(b.Services, pcnjson.ServiceStatus{Key: s.Key, Status: s.Status})
		}
		base.PCNs = append(base.PCNs, b)
	}
	slices.SortFunc(base.PCNs, func(a, b pcnjson.BaselinePCN) int { return strings.Compare(a.Code, b.Code) })
	if base.Themes == nil {
		base.Themes = []pcnjson.Place{}
	}
	if base.Workload == nil {
		base.Workload = []pcnjson.Workload{}
	}
	if base.Workforce.Roles == nil {
		base.Workforce.Roles = []pcnjson.WorkforceRole{}
	}
	return since, base
}

// compare works out the changes of p, whose sections are made, since the
// baseline. docs are p's counted submissions, in code order.
func compare(since pcnjson.Since, base pcnjson.Baseline, p *pcnjson.Pack, docs []*pcnjson.Document, opt Options, r refs) *pcnjson.Changes {
	c := &pcnjson.Changes{Since: since, Baseline: base, Notes: []string{}}
	if since.Forum != "" && opt.Meeting.Name != "" && since.Forum != opt.Meeting.Name {
		c.Notes = append(c.Notes, fmt.Sprintf("The previous pack (%s) was made by %s, not %s: the changes compare what each counted, and PCNs in one only are listed as joined or missing.",
			since.Period, since.Forum, opt.Meeting.Name))
	}
	if since.Method != p.Ranking.Method || since.Weight != p.Ranking.Weight {
		c.Notes = append(c.Notes, fmt.Sprintf("The previous pack ranked themes by %s with %s weights, this one by %s with %s weights: the movements compare the two orders as each pack published them.",
			since.Method, since.Weight, p.Ranking.Method, p.Ranking.Weight))
	}
	c.Themes, c.Dropped = themeMoves(base.Themes, p.Ranking.Order, opt)
	c.Services = serviceMoves(base.PCNs, p.Services, docs, opt, r)
	c.Joined, c.Missing = pcnMoves(base.PCNs, docs, r)
	c.Workload = workloadMoves(base.Workload, p.Workload, opt)
	c.Workforce = workforceMoves(base.Workforce, p.Workforce, opt)
	return c
}

// themeMoves sets each theme now beside its position then, in this pack's
// order, and lists the themes ranked then and not now, in their old order.
func themeMoves(then, now []pcnjson.Place, opt Options) (moves, dropped []pcnjson.ThemeMove) {
	was := map[string]int{}
	for _, p := range then {
		if _, dup := was[p.Theme]; !dup {
			was[p.Theme] = p.Position
		}
	}
	is := map[string]bool{}
	moves = make([]pcnjson.ThemeMove, 0, len(now))
	for _, p := range now {
		is[p.Theme] = true
		m := pcnjson.ThemeMove{Theme: p.Theme, Name: p.Name, Position: p.Position, Change: "new"}
		if prev, ok := was[p.Theme]; ok {
			m.Previous, m.Movement = &prev, prev-p.Position
			switch {
			case m.Movement > 0:
				m.Change = "up"
			case m.Movement < 0:
				m.Change = "down"
			default:
				m.Change = "same"
			}
		}
		moves = append(moves, m)
	}
	dropped = []pcnjson.ThemeMove{}
	for _, p := range then {
		if !is[p.Theme] {
			is[p.Theme] = true
			prev := p.Position
			dropped = append(dropped, pcnjson.ThemeMove{Theme: p.Theme, Name: name(opt.ThemeNames, p.Theme), Previous: &prev, Change: "dropped"})
		}
	}
	return moves, dropped
}

// serviceMoves compares, per service, the statuses then (every PCN the
// previous pack counted) and now (this pack's services section), and, over
// the PCNs in both that listed the service both times, who moved.
func serviceMoves(then []pcnjson.BaselinePCN, now []pcnjson.Service, docs []*pcnjson.Document, opt Options, r refs) []pcnjson.ServiceMove {
	was := map[string]map[string]domain.Status{} // code → key → status
	counts := map[string]*pcnjson.StatusCounts{}
	var keys []string
	for _, pcn := range then {
		was[pcn.Code] = map[string]domain.Status{}
		for _, s := range pcn.Services {
			was[pcn.Code][s.Key] = s.Status
			if counts[s.Key] == nil {
				counts[s.Key] = &pcnjson.StatusCounts{}
				keys = append(keys, s.Key)
			}
			count(counts[s.Key], s.Status)
		}
	}
	byKey := map[string]*pcnjson.ServiceMove{}
	out := make([]pcnjson.ServiceMove, 0, len(now)+len(keys))
	for _, s := range now {
		out = append(out, pcnjson.ServiceMove{Key: s.Key, Name: s.Name, Now: s.Counts, WentRed: []pcnjson.Ref{}})
	}
	// Services listed last time and by no PCN now, after, in the
	// catalogue's order.
	slices.SortFunc(keys, func(a, b string) int { return compareOrder(opt.ServiceOrder, a, b) })
	for _, k := range keys {
		if !slices.ContainsFunc(now, func(s pcnjson.Service) bool { return s.Key == k }) {
			out = append(out, pcnjson.ServiceMove{Key: k, Name: name(opt.ServiceNames, k), WentRed: []pcnjson.Ref{}})
		}
	}
	for i := range out {
		byKey[out[i].Key] = &out[i]
		if c := counts[out[i].Key]; c != nil {
			out[i].Then = *c
		}
	}
	for _, d := range docs { // in code order, so WentRed is too
		prev, ok := was[d.PCN.Code]
		if !ok {
			continue
		}
		for _, s := range d.Services {
			st, ok := prev[s.Key]
			m := byKey[s.Key]
			if !ok || m == nil {
				continue
			}
			m.Compared++
			switch {
			case change.Worse(st, s.Status):
				m.Worse++
			case change.Better(st, s.Status):
				m.Better++
			}
			if s.Status == domain.Red && st != domain.Red {
				m.WentRed = append(m.WentRed, r.of(d.PCN.Code))
			}
		}
	}
	return out
}

func count(c *pcnjson.StatusCounts, s domain.Status) {
	switch s {
	case domain.Green:
		c.Green++
	case domain.Amber:
		c.Amber++
	case domain.Red:
		c.Red++
	case domain.NotStarted:
		c.NotStarted++
	}
}

// compareOrder orders keys as order lists them, others after, by key.
func compareOrder(order []string, a, b string) int {
	ia, ib := slices.Index(order, a), slices.Index(order, b)
	switch {
	case ia >= 0 && ib >= 0:
		return cmp.Compare(ia, ib)
	case ia >= 0:
		return -1
	case ib >= 0:
		return 1
	}
	return strings.Compare(a, b)
}

// pcnMoves lists the PCNs counted now and not then, and then and not now,
// each in code order.
func pcnMoves(then []pcnjson.BaselinePCN, docs []*pcnjson.Document, r refs) (joined, missing []pcnjson.Ref) {
	was := map[string]bool{}
	for _, p := range then {
		was[p.Code] = true
	}
	is := map[string]bool{}
	joined, missing = []pcnjson.Ref{}, []pcnjson.Ref{}
	for _, d := range docs {
		is[d.PCN.Code] = true
		if !was[d.PCN.Code] {
			joined = append(joined, r.of(d.PCN.Code))
		}
	}
	for _, p := range then { // sorted by code in the baseline
		if !is[p.Code] {
			label := p.Name
			if label == "" {
				label = p.Code
			}
			missing = append(missing, pcnjson.Ref{Label: label, Code: p.Code})
		}
	}
	return joined, missing
}

// workloadMoves sets each category's figures now beside then: this pack's
// categories in its order (most high-severity first), then those only
// last time, in that pack's order.
func workloadMoves(then, now []pcnjson.Workload, opt Options) []pcnjson.WorkloadMove {
	figures := func(w pcnjson.Workload) *pcnjson.WorkloadFigures {
		return &pcnjson.WorkloadFigures{Notes: w.Notes, High: w.High, PCNs: w.PCNs}
	}
	was := map[string]pcnjson.Workload{}
	for _, w := range then {
		was[w.Category] = w
	}
	out := make([]pcnjson.WorkloadMove, 0, len(now))
	is := map[string]bool{}
	for _, w := range now {
		is[w.Category] = true
		m := pcnjson.WorkloadMove{Category: w.Category, Name: w.Name, Now: figures(w)}
		if prev, ok := was[w.Category]; ok {
			m.Then = figures(prev)
		}
		out = append(out, m)
	}
	for _, w := range then {
		if !is[w.Category] {
			is[w.Category] = true
			out = append(out, pcnjson.WorkloadMove{Category: w.Category, Name: name(opt.CategoryNames, w.Category), Then: figures(w)})
		}
	}
	return out
}

// workforceMoves sets the workforce now beside then: the totals over the
// PCNs reporting each time, and per role, by role key.
func workforceMoves(then pcnjson.BaselineForce, now pcnjson.Workforce, opt Options) pcnjson.WorkforceMove {
	m := pcnjson.WorkforceMove{
		Then:  pcnjson.WorkforceSide{Reporting: then.Reporting, Totals: then.Totals},
		Now:   pcnjson.WorkforceSide{Reporting: now.Reporting, Totals: now.Totals},
		Roles: []pcnjson.RoleMove{},
	}
	byRole := map[string]*pcnjson.RoleMove{}
	var keys []string
	take := func(r pcnjson.WorkforceRole, then bool) {
		rm := byRole[r.Role]
		if rm == nil {
			rm = &pcnjson.RoleMove{Role: r.Role, Name: name(opt.RoleNames, r.Role)}
			if opt.RoleNames[r.Role] == "" && r.Name != "" {
				rm.Name = r.Name
			}
			byRole[r.Role] = rm
			keys = append(keys, r.Role)
		}
		f := r.Figures
		if then {
			rm.Then = &f
		} else {
			rm.Now = &f
		}
	}
	for _, r := range then.Roles {
		take(r, true)
	}
	for _, r := range now.Roles {
		take(r, false)
	}
	slices.Sort(keys)
	for _, k := range keys {
		m.Roles = append(m.Roles, *byRole[k])
	}
	return m
}
