package forum

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// ballots are the counted PCNs' ballots under both weightings, in code
// order, with the documents they came from.
type ballots struct {
	docs       []*pcnjson.Document
	equal, pop []rank.Ballot
}

// newBallots turns each PCN's priorities, in rank order, into a ballot.
// A theme's rank on the ballot is its best priority's rank (rank.NewBallot).
func newBallots(docs []*pcnjson.Document) ballots {
	b := ballots{docs: docs, equal: make([]rank.Ballot, len(docs)), pop: make([]rank.Ballot, len(docs))}
	for i, d := range docs {
		themes := make([]string, len(d.Priorities))
		for j, p := range d.Priorities {
			themes[j] = p.Theme
		}
		b.equal[i] = rank.NewBallot(d.PCN.Code, 1, themes)
		b.pop[i] = rank.Ballot{Voter: d.PCN.Code, Weight: float64(d.PCN.Population), Ranks: b.equal[i].Ranks}
	}
	return b
}

func (b ballots) weighted(w Weight) []rank.Ballot {
	if w == Population {
		return b.pop
	}
	return b.equal
}

// ranking ranks the themes the chosen way, and the two alternatives a forum
// needs to judge it: the other method with the same weights, and the same
// method with the other weights.
func (b ballots) ranking(opt Options) pcnjson.Ranking {
	main := rank.Rank(opt.Method, b.weighted(opt.Weight))
	otherM := rank.Borda
	if opt.Method == rank.Borda {
		otherM = rank.Schulze
	}
	byMethod := rank.Rank(otherM, b.weighted(opt.Weight))
	byWeight := rank.Rank(opt.Method, b.weighted(opt.Weight.other()))
	r := pcnjson.Ranking{
		Method:    string(opt.Method),
		Weight:    string(opt.Weight),
		Top:       opt.Top,
		Ballots:   len(b.docs),
		Order:     places(main.Order, opt.ThemeNames),
		TopThemes: rank.Top(main.Order, opt.Top),
		OtherMethod: pcnjson.Alternative{
			Method: string(otherM), Weight: string(opt.Weight),
			Order: places(byMethod.Order, opt.ThemeNames), TopThemes: rank.Top(byMethod.Order, opt.Top),
		},
		OtherWeight: pcnjson.Alternative{
			Method: string(opt.Method), Weight: string(opt.Weight.other()),
			Order: places(byWeight.Order, opt.ThemeNames), TopThemes: rank.Top(byWeight.Order, opt.Top),
		},
		Pairwise: pcnjson.Pairwise{Themes: main.Candidates, Counts: main.Pairwise},
	}
	// Top returns themes in order; compare them as sets, since the
	// question is which themes the board hears about, not their order.
	r.WeightingsDisagree = !slices.Equal(sorted(r.TopThemes), sorted(r.OtherWeight.TopThemes))
	return r
}

func places(order []rank.Place, names map[string]string) []pcnjson.Place {
	out := make([]pcnjson.Place, len(order))
	for i, p := range order {
		out[i] = pcnjson.Place{Position: p.Position, Theme: p.Theme, Name: name(names, p.Theme), Score: p.Score}
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// positions maps each ranked theme to its Position in r's order.
func positions(r pcnjson.Ranking) map[string]int {
	m := make(map[string]int, len(r.Order))
	for _, p := range r.Order {
		m[p.Theme] = p.Position
	}
	return m
}

// support counts, for every ranked theme in the forum's order, the ballots
// that rank it first and those that hold it among their first Top
// priorities (rank at most Top on the ballot), with those PCNs' population.
// It is the evidence behind consensus and minority voice, and the data of
// a rendering's theme-support chart.
func (b ballots) support(opt Options, r pcnjson.Ranking) []pcnjson.Support {
	at := make(map[string]int, len(r.Order))
	out := make([]pcnjson.Support, len(r.Order))
	for i, p := range r.Order {
		at[p.Theme] = i
		out[i] = pcnjson.Support{Theme: p.Theme, Name: p.Name, Position: p.Position}
	}
	for i, bal := range b.equal {
		for theme, rk := range bal.Ranks {
			s := &out[at[theme]] // every theme on a ballot is ranked
			if rk == 1 {
				s.First++
			}
			if rk <= opt.Top {
				s.Top++
				s.Population += b.docs[i].PCN.Population
			}
		}
	}
	return out
}

// consensus keeps the themes held among the first Top priorities of at
// least two-thirds of the ballots. It counts PCNs, not patients, whatever
// the weighting: consensus is about how many of the forum's members agree;
// the population is reported beside it.
func consensus(opt Options, ballots int, support []pcnjson.Support) pcnjson.Consensus {
	c := pcnjson.Consensus{Top: opt.Top, Ballots: ballots, Needed: (2*ballots + 2) / 3, Themes: []pcnjson.ConsensusTheme{}}
	for _, s := range support { // already in the forum's order
		if s.Top > 0 && 3*s.Top >= 2*ballots { // integers: no rounding at exactly two-thirds
			c.Themes = append(c.Themes, pcnjson.ConsensusTheme{Theme: s.Theme, Name: s.Name, Position: s.Position, Ballots: s.Top, Population: s.Population})
		}
	}
	return c
}

// minority finds themes some PCN ranks first that did not make the forum's
// top: what a minority holds strongly. Most-held first, then by the
// forum's order and key; holders in code order.
func (b ballots) minority(opt Options, r pcnjson.Ranking, refs refs) []pcnjson.Minority {
	top := map[string]bool{}
	for _, t := range r.TopThemes {
		top[t] = true
	}
	held := map[string][]pcnjson.Ref{}
	for i, d := range b.docs {
		for theme, rk := range b.equal[i].Ranks {
			if rk == 1 && !top[theme] {
				held[theme] = append(held[theme], refs.of(d.PCN.Code))
			}
		}
	}
	pos := positions(r)
	out := []pcnjson.Minority{}
	for theme, pcns := range held {
		out = append(out, pcnjson.Minority{Theme: theme, Name: name(opt.ThemeNames, theme), Position: pos[theme], PCNs: pcns})
	}
	slices.SortFunc(out, func(a, b pcnjson.Minority) int {
		return cmp.Or(cmp.Compare(len(b.PCNs), len(a.PCNs)), cmp.Compare(a.Position, b.Position), strings.Compare(a.Theme, b.Theme))
	})
	return out
}
