package report

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// ranking lays out the orders side by side and the head-to-head matrix.
func (v *forumView) ranking(p *pcnjson.Pack) {
	r := p.Ranking
	other := placesByTheme(r.OtherMethod.Order)
	byWeight := placesByTheme(r.OtherWeight.Order)
	support := map[string]pcnjson.Support{}
	for _, s := range p.Support {
		support[s.Theme] = s
	}
	for _, pl := range r.Order {
		o, w, s := other[pl.Theme], byWeight[pl.Theme], support[pl.Theme]
		v.Ranked = append(v.Ranked, rankedRow{
			Position: pl.Position, Name: clean(pl.Name), Score: score(r.Method, pl.Score),
			OtherPosition: o.Position, OtherScore: score(r.OtherMethod.Method, o.Score),
			WeightPosition: w.Position, First: s.First, TopN: s.Top, InTop: pl.Position <= r.Top,
		})
	}
	names := func(order []pcnjson.Place, top int) []string {
		var out []string
		for _, pl := range order {
			if pl.Position <= top {
				out = append(out, clean(pl.Name))
			}
		}
		return out
	}
	v.TopNames = names(r.Order, r.Top)
	v.OtherMethodTop = names(r.OtherMethod.Order, r.Top)
	v.OtherWeightTop = names(r.OtherWeight.Order, r.Top)
	v.TopTie, v.TopTiePlace = tieAtCut(r.Order, r.Top)
	v.OtherWeightTie, _ = tieAtCut(r.OtherWeight.Order, r.Top)
	v.OtherMethodTie, _ = tieAtCut(r.OtherMethod.Order, r.Top)
	v.MethodSettlesTie, v.WeightSettlesTie = r.SettledTie(r.OtherMethod) > 0, r.SettledTie(r.OtherWeight) > 0
	v.MethodsAgree = sameSet(v.TopNames, v.OtherMethodTop)
	v.WeightingsDisagree = r.WeightingsDisagree

	// The matrix in the forum's order, so the strongest themes read first.
	at := map[string]int{}
	for i, t := range r.Pairwise.Themes {
		at[t] = i
	}
	// A 14-theme matrix must fit an A4 page, so cells are kept to four
	// characters: PCN counts without separators, and for population
	// weights whole percentages of the patients covered (a count of
	// patients runs to seven digits). The JSON keeps the exact counts.
	pw := pairwiseView{Unit: "the number of PCNs"}
	cell := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	if r.Weight == string(forum.Population) {
		pw.Unit = "the percentage of registered patients"
		cell = func(f float64) string {
			if p.Coverage.Population == 0 {
				return "0"
			}
			return strconv.Itoa(int(math.Round(100 * f / float64(p.Coverage.Population))))
		}
	}
	for _, pl := range r.Order {
		i, ok := at[pl.Theme]
		if !ok {
			continue
		}
		pw.Names = append(pw.Names, clean(pl.Name))
		var cells []string
		var wins []bool
		for _, col := range r.Order {
			j, ok := at[col.Theme]
			switch {
			case !ok:
				continue
			case i == j:
				cells, wins = append(cells, "–"), append(wins, false)
			default:
				d := r.Pairwise.Counts
				cells = append(cells, cell(d[i][j]))
				wins = append(wins, d[i][j] > d[j][i])
			}
		}
		pw.Cells, pw.Wins = append(pw.Cells, cells), append(pw.Wins, wins)
	}
	v.Pairwise = pw
}

func placesByTheme(order []pcnjson.Place) map[string]pcnjson.Place {
	m := make(map[string]pcnjson.Place, len(order))
	for _, p := range order {
		m[p.Theme] = p
	}
	return m
}

func methodName(m string) string {
	switch rank.Method(m) {
	case rank.Schulze:
		return "Schulze"
	case rank.Borda:
		return "Borda"
	}
	return clean(m)
}

// otherWeightingTitle heads the column of places under the other weighting.
func (v *forumView) otherWeightingTitle() string {
	if v.OtherWeighting == weightingWords(string(forum.Population)) {
		return "By population"
	}
	return "One PCN, one vote"
}

func weightingWords(w string) string {
	if w == string(forum.Population) {
		return "weighted by registered population"
	}
	return "one PCN, one vote"
}

// score explains a Place's Score in the method's terms.
func score(method string, s float64) string {
	if rank.Method(method) == rank.Borda {
		return number(s) + " points"
	}
	return "beats " + number(s)
}

// number writes a count or a score with separators, and a half (a shared
// Borda tie) as ".5": "36,326,688.5".
func number(f float64) string {
	whole := math.Trunc(f)
	s := wording.Thousands(int64(whole))
	if frac := math.Abs(f - whole); frac != 0 {
		s += strings.TrimPrefix(strconv.FormatFloat(frac, 'f', 1, 64), "0")
	}
	return s
}

// countThousands writes "1 note" or "1,851 notes".
func countThousands(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return wording.Thousands(int64(n)) + " " + many
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func cleanAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = clean(s)
	}
	return out
}

func refs(rs []pcnjson.Ref) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = clean(r.Label)
	}
	return out
}

// statusCounts turns a pack's counts into the closed set's order.
func statusCounts(c pcnjson.StatusCounts) []StatusCount {
	return []StatusCount{{domain.Green, c.Green}, {domain.Amber, c.Amber}, {domain.Red, c.Red}, {domain.NotStarted, c.NotStarted}}
}

// tieAtCut is pcnjson.TieAtCut as names, with the place they share.
func tieAtCut(order []pcnjson.Place, n int) ([]string, int) {
	tied := pcnjson.TieAtCut(order, n)
	if len(tied) == 0 {
		return nil, 0
	}
	names := make([]string, len(tied))
	for i, pl := range tied {
		names[i] = clean(pl.Name)
	}
	return names, tied[0].Position
}
