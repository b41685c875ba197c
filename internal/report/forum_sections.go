package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// sections copies the pack's sections into the view, cleaned.
func (v *forumView) sections(p *pcnjson.Pack) {
	for _, c := range p.Consensus.Themes {
		v.Consensus = append(v.Consensus, consensusRow{
			Name: clean(c.Name), Position: c.Position, PCNs: c.Ballots,
			Share: Percent(int64(c.Ballots), int64(p.Consensus.Ballots)), PopShare: Percent(c.Population, p.Coverage.Population),
			SampleAsks: sampleAsks(p, c.Theme, 3),
		})
	}
	for _, m := range p.Minority {
		v.Minority = append(v.Minority, minorityRow{Name: clean(m.Name), Position: m.Position, PCNs: refs(m.PCNs)})
	}
	for _, s := range p.Services {
		v.Services = append(v.Services, serviceTally{Name: clean(s.Name), PCNs: s.PCNs, Counts: statusCounts(s.Counts), Red: refs(s.Red)})
		if s.Counts.Red > 0 {
			v.AnyRed++
		}
	}
	for _, w := range p.Workload {
		v.Workload = append(v.Workload, forumWorkloadRow{Name: clean(w.Name), Notes: w.Notes, High: w.High, PCNs: w.PCNs})
		v.WorkloadNotes += w.Notes
		v.WorkloadHigh += w.High
	}
	v.Missing = cleanAll(p.Coverage.Missing)
	v.NonMembers = refs(p.Coverage.NonMembers)
	positions := map[string]int{}
	for _, pl := range p.Ranking.Order {
		positions[pl.Theme] = pl.Position
	}
	for _, tq := range p.Quotes.Priorities {
		q := themeQuotes{Position: positions[tq.Theme], Name: clean(tq.Name)}
		for _, a := range tq.Asks {
			q.Asks = append(q.Asks, askRow{PCN: clean(a.PCN.Label), Rank: a.Rank, Title: clean(a.Title), Ask: clean(a.Ask)})
		}
		// Who put it first reads first; PCNs keep the pack's order within a rank.
		slices.SortStableFunc(q.Asks, func(a, b askRow) int { return cmp.Compare(a.Rank, b.Rank) })
		v.Quotes = append(v.Quotes, q)
	}
	for _, s := range p.Quotes.Statements {
		v.Statements = append(v.Statements, statementRow{PCN: clean(s.PCN.Label), Text: clean(s.Text)})
	}
	for _, e := range p.Submissions {
		row := submissionRow{Revision: e.Revision, Period: clean(e.Period), Exported: clean(exportDate(e.GeneratedAt)), Digest: clean(e.Digest)}
		if p.Anonymised {
			row.Label = clean(e.Label) // no code, name or population: they would undo the labels
		} else {
			row.Label, row.Code, row.Name, row.Population = clean(e.Name), clean(e.Code), clean(e.Name), e.Population
		}
		v.Submissions = append(v.Submissions, row)
	}
}

// exportDate writes an RFC 3339 time as its date, "18 Nov 2026": the
// appendix has a column, not a line, for it.
func exportDate(rfc3339 string) string {
	if len(rfc3339) >= 10 {
		if d := HumanDate(rfc3339[:10]); d != rfc3339[:10] {
			return d
		}
	}
	return rfc3339
}

// sampleAsks picks up to n asks made under theme to quote beside a
// recommendation: those the PCNs rank highest first, then in PCN order, so
// the choice is the PCNs' own and the same every time.
func sampleAsks(p *pcnjson.Pack, theme string, n int) []askRow {
	var asks []pcnjson.Ask
	for _, tq := range p.Quotes.Priorities {
		if tq.Theme == theme {
			asks = slices.Clone(tq.Asks)
		}
	}
	slices.SortStableFunc(asks, func(a, b pcnjson.Ask) int { return cmp.Compare(a.Rank, b.Rank) })
	var out []askRow
	seen := map[string]bool{}
	for _, a := range asks {
		ask := clean(a.Ask)
		if ask == "" {
			ask = clean(a.Title)
		}
		if ask == "" || seen[ask] { // the same words from two PCNs are quoted once
			continue
		}
		seen[ask] = true
		out = append(out, askRow{PCN: clean(a.PCN.Label), Rank: a.Rank, Title: clean(a.Title), Ask: ask})
		if len(out) == n {
			break
		}
	}
	return out
}

// recommendations drafts the paper's numbered recommendations: one SUPPORT
// per consensus theme (what two-thirds of the forum put near the top), then
// NOTEs for the minority voice, service delivery and workload, so the
// board hears what the forum agrees on and what it argues about.
func (v *forumView) recommendations(p *pcnjson.Pack) {
	for _, c := range v.Consensus {
		v.Recs = append(v.Recs, forumRec{
			Verb: "SUPPORT",
			Text: fmt.Sprintf("the forum's consensus on %s: %s of %s PCNs (%s), serving %s of the population covered, put it among their first %d priorities; it ranks %s of %d themes.",
				c.Name, thousandsOf(c.PCNs), thousandsOf(v.PCNs), c.Share, c.PopShare, v.Top, ordinal(c.Position), len(v.Ranked)),
			Asks: c.SampleAsks,
		})
	}
	if len(v.Minority) > 0 {
		var parts []string
		for _, m := range v.Minority {
			parts = append(parts, fmt.Sprintf("%s (first for %s)", m.Name, countThousands(len(m.PCNs), "PCN", "PCNs")))
		}
		v.Recs = append(v.Recs, forumRec{Verb: "NOTE", Text: "the minority voice: themes some PCNs put first that are not in the forum's top " +
			fmt.Sprint(v.Top) + ": " + strings.Join(parts, "; ") + "."})
	}
	if len(v.Services) > 0 {
		text := fmt.Sprintf("the service delivery position across %s: ", countThousands(v.PCNs, "PCN", "PCNs"))
		if worst := v.worstService(); worst != nil {
			text += fmt.Sprintf("%d of %d services have at least one PCN off track; most often %s (%s of %s PCNs red).",
				v.AnyRed, len(v.Services), worst.Name, thousandsOf(worst.Counts[2].Count), thousandsOf(worst.PCNs))
		} else {
			text += "no PCN reports a service off track."
		}
		v.Recs = append(v.Recs, forumRec{Verb: "NOTE", Text: text})
	}
	if len(v.Workload) > 0 {
		w := v.Workload[0] // most high-severity notes first
		v.Recs = append(v.Recs, forumRec{Verb: "NOTE", Text: fmt.Sprintf("the workload pressures reported: %s, %s high severity; most pressing %s (%s high-severity of %s notes, from %s).",
			countThousands(v.WorkloadNotes, "note", "notes"), thousandsOf(v.WorkloadHigh), w.Name, thousandsOf(w.High), thousandsOf(w.Notes), countThousands(w.PCNs, "PCN", "PCNs"))})
	}
}

// worstService is the service with the most PCNs red, or nil if none is.
func (v *forumView) worstService() *serviceTally {
	var worst *serviceTally
	for i := range v.Services {
		s := &v.Services[i]
		if s.Counts[2].Count > 0 && (worst == nil || s.Counts[2].Count > worst.Counts[2].Count) {
			worst = s
		}
	}
	return worst
}

// SupportBars are the theme-support chart's bars, in the forum's order:
// PCNs putting each theme first, and among their first N priorities
// after that.
func (v *forumView) SupportBars() []Bar {
	bars := make([]Bar, 0, len(v.Ranked))
	later := fmt.Sprintf("in their first %d, not first", v.Top)
	for _, r := range v.Ranked {
		bars = append(bars, Bar{Label: fmt.Sprintf("%d. %s", r.Position, r.Name), Segments: []Segment{
			{Name: "first choice", Value: int64(r.First), Class: SeverityClass(domain.High)},
			{Name: later, Value: int64(r.TopN - r.First), Class: SeverityClass(domain.Low)},
		}})
	}
	return bars
}

// ServiceBars are the service grid's chart: PCNs at each status, per service.
func (v *forumView) ServiceBars() []Bar {
	bars := make([]Bar, 0, len(v.Services))
	for _, s := range v.Services {
		var segs []Segment
		for _, c := range s.Counts {
			segs = append(segs, Segment{Name: c.Status.Word(), Value: int64(c.Count), Class: StatusClass(c.Status)})
		}
		bars = append(bars, Bar{Label: s.Name, Segments: segs})
	}
	return bars
}

// WorkloadBars are the workload chart's bars: notes per category, high
// severity first.
func (v *forumView) WorkloadBars() []Bar {
	bars := make([]Bar, 0, len(v.Workload))
	for _, w := range v.Workload {
		bars = append(bars, Bar{Label: w.Name, Segments: []Segment{
			{Name: "high", Value: int64(w.High), Class: SeverityClass(domain.High)},
			{Name: "medium or low", Value: int64(w.Notes - w.High), Class: SeverityClass(domain.Low)},
		}})
	}
	return bars
}
