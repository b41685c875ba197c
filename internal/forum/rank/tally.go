package rank

import (
	"cmp"
	"slices"
	"strings"
)

// Candidates returns every theme any ballot ranks, sorted by key. A ballot
// of weight 0 still contributes its themes: the candidate set says what was
// put forward, the weights say how much it counted.
func Candidates(ballots []Ballot) []string {
	seen := make(map[string]struct{})
	for _, b := range ballots {
		for t := range b.Ranks {
			seen[t] = struct{}{}
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// Pairwise returns d, where d[i][j] is the total weight of ballots that rank
// candidates[i] strictly above candidates[j]. Themes a ballot ranks that are
// not among candidates are ignored; candidates it does not rank tie last.
func Pairwise(candidates []string, ballots []Ballot) [][]float64 {
	return tally(candidates, ballots).d
}

// CondorcetWinner returns the theme that beats every other pairwise (more
// weight prefers it to the other than the reverse), if one exists. A single
// candidate wins unopposed. A d too small for candidates reports no winner
// rather than panicking.
func CondorcetWinner(candidates []string, d [][]float64) (string, bool) {
	n := len(candidates)
	if n == 0 || len(d) < n {
		return "", false
	}
	for _, row := range d[:n] {
		if len(row) < n {
			return "", false
		}
	}
next:
	for i := range n {
		for j := range n {
			if i != j && !(d[i][j] > d[j][i]) {
				continue next
			}
		}
		return candidates[i], true
	}
	return "", false
}

// counts holds one pass over the ballots: the pairwise matrix and the Borda
// points, doubled so that shared ties stay whole numbers while summing.
type counts struct {
	d     [][]float64
	borda []float64
}

// tally counts every ballot once, in canonical order (see the package
// comment). One O(c²) pass per ballot serves both methods, which matters for
// a national merge of 1,250 ballots.
func tally(cands []string, ballots []Ballot) counts {
	c := len(cands)
	idx := make(map[string]int, c)
	for i, t := range cands {
		idx[t] = i
	}
	cells := make([]float64, c*c)
	t := counts{d: make([][]float64, c), borda: make([]float64, c)}
	for i := range t.d {
		t.d[i] = cells[i*c : (i+1)*c : (i+1)*c]
	}
	rank := make([]int, c)
	ranked := make([]bool, c)
	for _, b := range canonical(ballots) {
		w := weight(b)
		clear(ranked)
		for th, r := range b.Ranks {
			if i, ok := idx[th]; ok {
				rank[i], ranked[i] = r, true
			}
		}
		for i := range c {
			// twice the ballot's Borda points for i: 2 per theme below, 1 per tie
			pts := 0
			for j := range c {
				switch {
				case i == j:
				case ranked[i] && (!ranked[j] || rank[i] < rank[j]):
					t.d[i][j] += w
					pts += 2
				case ranked[j] && (!ranked[i] || rank[j] < rank[i]):
				default:
					pts++
				}
			}
			t.borda[i] += float64(pts) * w
		}
	}
	for i := range t.borda {
		t.borda[i] /= 2
	}
	return t
}

// canonical returns the ballots in a fixed order, so floating-point sums do
// not depend on the order the files were read in. The input is not changed.
func canonical(ballots []Ballot) []Ballot {
	out := slices.Clone(ballots)
	slices.SortFunc(out, func(a, b Ballot) int {
		if c := cmp.Or(strings.Compare(a.Voter, b.Voter), cmp.Compare(a.Weight, b.Weight)); c != 0 {
			return c
		}
		return compareRanks(a.Ranks, b.Ranks) // cmp.Or is eager; keep this rare path lazy
	})
	return out
}

// compareRanks orders two rank maps by their sorted (theme, rank) pairs. It
// only runs when two ballots share a voter and weight, which a merge that
// keeps one ballot per PCN never produces, so its allocations are rare.
func compareRanks(a, b map[string]int) int {
	ka, kb := sortedKeys(a), sortedKeys(b)
	for i := range min(len(ka), len(kb)) {
		if c := cmp.Or(strings.Compare(ka[i], kb[i]), cmp.Compare(a[ka[i]], b[kb[i]])); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(ka), len(kb))
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
