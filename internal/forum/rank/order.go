package rank

import (
	"cmp"
	"slices"
)

// strongest returns the Schulze strongest-path strengths for the pairwise
// matrix d (Schulze 2011, winning votes): a direct link i→j has strength
// d[i][j] when i wins that contest and 0 otherwise, and a path is as strong
// as its weakest link. Only comparisons are used, never arithmetic, so p is
// exactly made of values from d.
func strongest(d [][]float64) [][]float64 {
	c := len(d)
	cells := make([]float64, c*c)
	p := make([][]float64, c)
	for i := range p {
		p[i] = cells[i*c : (i+1)*c : (i+1)*c]
		for j := range c {
			if i != j && d[i][j] > d[j][i] {
				p[i][j] = d[i][j]
			}
		}
	}
	for k := range c {
		for i := range c {
			// Strengths are never negative, so a zero link through k
			// cannot widen any path from i.
			if i == k || p[i][k] == 0 {
				continue
			}
			for j := range c {
				if j != i && j != k {
					p[i][j] = max(p[i][j], min(p[i][k], p[k][j]))
				}
			}
		}
	}
	return p
}

// schulzeOrder places the candidates by the Schulze relation (i above j when
// p[i][j] > p[j][i]). That relation is transitive but can leave themes
// incomparable, so the order is built in layers: the themes no remaining
// theme beats share the next Position, and are set aside before the next
// layer. Equal ballots thus tie rather than being split by spelling.
func schulzeOrder(cands []string, p [][]float64) []Place {
	beats := func(i, j int) bool { return p[i][j] > p[j][i] }
	order := make([]Place, 0, len(cands))
	remaining := make([]int, len(cands)) // kept in key order, as cands is
	for i := range remaining {
		remaining[i] = i
	}
	for len(remaining) > 0 {
		var layer, rest []int
		for _, i := range remaining {
			if slices.ContainsFunc(remaining, func(j int) bool { return beats(j, i) }) {
				rest = append(rest, i)
			} else {
				layer = append(layer, i)
			}
		}
		if len(layer) == 0 { // cannot happen for a transitive relation; never loop forever
			layer, rest = rest, nil
		}
		pos := len(order) + 1
		for _, i := range layer {
			wins := 0
			for j := range cands {
				if beats(i, j) {
					wins++
				}
			}
			order = append(order, Place{Position: pos, Theme: cands[i], Score: float64(wins)})
		}
		remaining = rest
	}
	return order
}

// bordaOrder places the candidates by points, most first. Themes with
// exactly equal points share a Position; with whole-number weights the
// points are exact, so "equal" means equal, not "within rounding".
func bordaOrder(cands []string, points []float64) []Place {
	order := make([]Place, len(cands))
	for i, t := range cands {
		order[i] = Place{Theme: t, Score: points[i]}
	}
	slices.SortFunc(order, func(a, b Place) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Theme, b.Theme))
	})
	for i := range order {
		if i > 0 && order[i].Score == order[i-1].Score {
			order[i].Position = order[i-1].Position
		} else {
			order[i].Position = i + 1
		}
	}
	return order
}
