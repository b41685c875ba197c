package forum

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// services counts, per service key, the PCNs at each status and names the
// red ones, in the catalogue's order. A key's name is the config's, or else the name most PCNs gave
// it (ties to the first in byte order), so a forum's own keys read well.
func services(docs []*pcnjson.Document, opt Options, refs refs) []pcnjson.Service {
	byKey := map[string]*pcnjson.Service{}
	given := map[string]map[string]int{}
	for _, d := range docs {
		for _, s := range d.Services {
			t := byKey[s.Key]
			if t == nil {
				t = &pcnjson.Service{Key: s.Key, Red: []pcnjson.Ref{}}
				byKey[s.Key] = t
				given[s.Key] = map[string]int{}
			}
			given[s.Key][s.Name]++
			t.PCNs++
			switch s.Status {
			case domain.Green:
				t.Counts.Green++
			case domain.Amber:
				t.Counts.Amber++
			case domain.Red:
				t.Counts.Red++
				t.Red = append(t.Red, refs.of(d.PCN.Code))
			case domain.NotStarted:
				t.Counts.NotStarted++
			}
		}
	}
	out := make([]pcnjson.Service, 0, len(byKey))
	for key, t := range byKey {
		t.Name = opt.ServiceNames[key]
		if t.Name == "" {
			t.Name = mostGiven(given[key], key)
		}
		out = append(out, *t)
	}
	// The catalogue's order (SPEC §6), as every screen and paper shows
	// services; a forum's own keys after, by key.
	at := make(map[string]int, len(opt.ServiceOrder))
	for i, k := range opt.ServiceOrder {
		if _, dup := at[k]; !dup {
			at[k] = i
		}
	}
	slices.SortFunc(out, func(a, b pcnjson.Service) int {
		ia, okA := at[a.Key]
		ib, okB := at[b.Key]
		switch {
		case okA && okB:
			return cmp.Compare(ia, ib)
		case okA != okB:
			if okA {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out
}

func mostGiven(names map[string]int, fallback string) string {
	best, n := fallback, 0
	for name, k := range names {
		if name != "" && (k > n || (k == n && name < best)) {
			best, n = name, k
		}
	}
	return best
}

// workload counts notes and high-severity notes per category across the
// forum, and how many PCNs raised each. Most high-severity notes first:
// the board's eye goes to what hurts most.
func workload(docs []*pcnjson.Document, opt Options) []pcnjson.Workload {
	byCat := map[string]*pcnjson.Workload{}
	for _, d := range docs {
		raised := map[string]bool{}
		for _, n := range d.Workload {
			w := byCat[n.Category]
			if w == nil {
				w = &pcnjson.Workload{Category: n.Category, Name: name(opt.CategoryNames, n.Category)}
				byCat[n.Category] = w
			}
			w.Notes++
			if n.Severity == domain.High {
				w.High++
			}
			if !raised[n.Category] {
				raised[n.Category] = true
				w.PCNs++
			}
		}
	}
	out := make([]pcnjson.Workload, 0, len(byCat))
	for _, w := range byCat {
		out = append(out, *w)
	}
	slices.SortFunc(out, func(a, b pcnjson.Workload) int {
		return cmp.Or(cmp.Compare(b.High, a.High), cmp.Compare(b.Notes, a.Notes), strings.Compare(a.Category, b.Category))
	})
	return out
}

// coverage says how many PCNs and patients the pack speaks for and, when
// the forum's members are configured, who sent nothing and who is not a
// member (counted all the same: the chair decides, the pack shows it).
func coverage(docs []*pcnjson.Document, opt Options, refs refs) (pcnjson.Coverage, []Warning) {
	c := pcnjson.Coverage{PCNs: len(docs), Missing: []string{}, NonMembers: []pcnjson.Ref{}}
	sent := map[string]bool{}
	for _, d := range docs {
		c.Population += d.PCN.Population
		sent[d.PCN.Code] = true
	}
	if len(opt.Members) == 0 {
		return c, nil
	}
	members := map[string]bool{}
	for _, m := range opt.Members {
		members[m] = true
	}
	c.Members = len(members)
	for m := range members {
		if !sent[m] {
			c.Missing = append(c.Missing, m)
		}
	}
	slices.Sort(c.Missing)
	var warnings []Warning
	for _, d := range docs {
		if !members[d.PCN.Code] {
			c.NonMembers = append(c.NonMembers, refs.of(d.PCN.Code))
			warnings = append(warnings, warnf("%s (%s) is not in the forum's member list ([forum] members): counted, and flagged in the pack's coverage", d.PCN.Code, d.PCN.Name))
		}
	}
	return c, warnings
}

// quotes gathers every priority under its theme, themes in the forum's
// order, PCNs in code order; and every non-empty statement.
func quotes(docs []*pcnjson.Document, opt Options, r pcnjson.Ranking, refs refs) pcnjson.Quotes {
	q := pcnjson.Quotes{Priorities: make([]pcnjson.ThemeQuotes, 0, len(r.Order)), Statements: []pcnjson.Statement{}}
	at := map[string]int{}
	for _, p := range r.Order {
		at[p.Theme] = len(q.Priorities)
		q.Priorities = append(q.Priorities, pcnjson.ThemeQuotes{Theme: p.Theme, Name: p.Name, Asks: []pcnjson.Ask{}})
	}
	for _, d := range docs {
		for _, p := range d.Priorities {
			t := &q.Priorities[at[p.Theme]] // every theme of every ballot is ranked
			t.Asks = append(t.Asks, pcnjson.Ask{PCN: refs.of(d.PCN.Code), Rank: p.Rank,
				Title: refs.scrub(d.PCN.Code, p.Title), Ask: refs.scrub(d.PCN.Code, p.Ask)})
		}
		if strings.TrimSpace(d.Statement) != "" {
			q.Statements = append(q.Statements, pcnjson.Statement{PCN: refs.of(d.PCN.Code), Text: refs.scrub(d.PCN.Code, d.Statement)})
		}
	}
	return q
}

// ErrMixedPeriods is Merge's error when the submissions are for more than
// one period and Options.AllowMixedPeriods is not set.
var ErrMixedPeriods = errors.New("the submissions are not all for one period")

// period is the period the pack is for: the one every submission is for.
// Submissions for several periods are an error naming the odd ones and
// their files (a forum merging last quarter's file by mistake must hear
// of it before a board does), unless allowed: then the pack is for the
// period most are for (ties to the latest), with a warning, and the
// papers say which PCN sent which. cands are in code order.
func period(cands []candidate, allow bool) (string, []Warning, error) {
	count := map[domain.Period]int{}
	for _, c := range cands {
		count[periodOf(c.doc)]++
	}
	periods := make([]domain.Period, 0, len(count))
	for p := range count {
		periods = append(periods, p)
	}
	slices.SortFunc(periods, func(a, b domain.Period) int {
		return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(b.Year, a.Year), cmp.Compare(b.Quarter, a.Quarter))
	})
	if len(periods) == 0 {
		return "", nil, nil
	}
	if len(periods) == 1 {
		return periods[0].String(), nil, nil
	}
	var others []string
	for _, p := range periods[1:] {
		var which []string
		for _, c := range cands {
			if periodOf(c.doc) == p {
				which = append(which, c.doc.PCN.Code+" in "+c.source)
			}
		}
		others = append(others, fmt.Sprintf("%d for %s (%s)", count[p], p, list(which, 8)))
	}
	what := fmt.Sprintf("%d for %s, %s", count[periods[0]], periods[0], strings.Join(others, "; "))
	if !allow {
		return "", nil, fmt.Errorf("%w: %s: merge one period's submissions, or give --allow-mixed-periods to merge them anyway (the papers then say which PCN sent which period)", ErrMixedPeriods, what)
	}
	return periods[0].String(), []Warning{warnf("the submissions are not all for one period: %s; the pack is for %s, and its papers say which PCN sent which", what, periods[0])}, nil
}

// periodOf reads a document's period, already validated on decode, so that
// spellings such as "2026/27 q3" count with "2026/27 Q3".
func periodOf(d *pcnjson.Document) domain.Period {
	p, _ := domain.ParsePeriod(d.Period)
	return p
}

// list joins items for a one-line message, at most max of them.
func list(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:max], ", "), len(items)-max)
}
