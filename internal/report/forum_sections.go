package report

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// sections copies the pack's sections into the view, cleaned.
func (v *forumView) sections(p *pcnjson.Pack) {
	for _, c := range p.Consensus.Themes {
		v.Consensus = append(v.Consensus, consensusRow{
			Name: clean(c.Name), Position: c.Position, PCNs: c.Ballots,
			Share: Percent(int64(c.Ballots), int64(p.Consensus.Ballots)), PopShare: Percent(c.Population, p.Coverage.Population),
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
	// Anonymised, a missing member is a number: its code beside the
	// labels would narrow down who the labels are.
	v.MissingN = len(p.Coverage.Missing)
	if !p.Anonymised {
		v.Missing = cleanAll(p.Coverage.Missing)
	}
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
