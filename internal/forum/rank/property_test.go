package rank

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// randomBallots draws a small electorate: few themes so ties and Condorcet
// winners are common, a small voter pool so duplicate voters exercise the
// canonical order, and weights that are whole (exact) or fractional.
func randomBallots(rng *rand.Rand, whole bool) []Ballot {
	themes := []string{"access", "digital", "estates", "finance", "it", "workforce"}[:1+rng.IntN(6)]
	bs := make([]Ballot, rng.IntN(12))
	for i := range bs {
		w := float64(rng.IntN(100_001))
		if !whole {
			w = rng.Float64() * 1000
		}
		ranks := map[string]int{}
		for _, th := range themes {
			if rng.IntN(3) > 0 {
				ranks[th] = 1 + rng.IntN(len(themes)) // repeats tie
			}
		}
		bs[i] = Ballot{Voter: fmt.Sprintf("U%d", rng.IntN(4)), Weight: w, Ranks: ranks}
	}
	return bs
}

func TestProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 27))
	for trial := range 2000 {
		whole := trial%2 == 0
		bs := randomBallots(rng, whole)
		for _, m := range []Method{Schulze, Borda} {
			r := Rank(m, bs)
			name := fmt.Sprintf("trial %d %s", trial, m)

			shuffled := slices.Clone(bs)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			if got := Rank(m, shuffled); !reflect.DeepEqual(got, r) {
				t.Fatalf("%s: shuffling ballots changed the result\n%+v\n%+v", name, r, got)
			}
			checkWellFormed(t, name, r)
			checkTop(t, name, r.Order)

			if w, ok := CondorcetWinner(r.Candidates, r.Pairwise); ok && m == Schulze {
				if r.Order[0].Theme != w || len(r.Order) > 1 && r.Order[1].Position == 1 {
					t.Fatalf("%s: Condorcet winner %s is not alone first: %v", name, w, r.Order)
				}
			}
			if m == Borda {
				checkBordaTotal(t, name, r, bs, whole)
			}
		}
	}
}

// checkWellFormed checks what every Order promises: each candidate once,
// standard competition positions, and ties listed by key.
func checkWellFormed(tb testing.TB, name string, r Result) {
	tb.Helper()
	var themes []string
	for i, p := range r.Order {
		themes = append(themes, p.Theme)
		switch {
		case i == 0 && p.Position != 1,
			i > 0 && p.Position != r.Order[i-1].Position && p.Position != i+1,
			i > 0 && p.Position == r.Order[i-1].Position && p.Theme < r.Order[i-1].Theme:
			tb.Fatalf("%s: malformed order %v", name, r.Order)
		}
	}
	slices.Sort(themes)
	if !slices.Equal(themes, r.Candidates) {
		tb.Fatalf("%s: order %v does not hold candidates %v", name, r.Order, r.Candidates)
	}
}

// checkTop checks that Top keeps ties at the cut: it returns exactly the
// themes placed at or above n, which is never fewer than n.
func checkTop(tb testing.TB, name string, order []Place) {
	tb.Helper()
	for n := 0; n <= len(order)+1; n++ {
		got := Top(order, n)
		want := []string{}
		for _, p := range order {
			if p.Position <= n {
				want = append(want, p.Theme)
			}
		}
		if !slices.Equal(got, want) || len(got) < min(n, len(order)) {
			tb.Fatalf("%s: Top(%d) = %v from %v", name, n, got, order)
		}
	}
}

// checkBordaTotal checks that each ballot hands out c(c−1)/2 points times
// its weight, whatever its ties: exactly with whole weights.
func checkBordaTotal(tb testing.TB, name string, r Result, bs []Ballot, whole bool) {
	tb.Helper()
	var total, weights float64
	for _, p := range r.Order {
		total += p.Score
	}
	for _, b := range bs {
		weights += b.Weight
	}
	c := float64(len(r.Candidates))
	want := c * (c - 1) / 2 * weights
	if whole && total != want || !whole && math.Abs(total-want) > 1e-9*max(1, want) {
		tb.Fatalf("%s: Borda points total %v, want %v", name, total, want)
	}
}

// BenchmarkRank is a national merge: 1,250 PCNs each ranking five of 14
// themes, weighted by population.
func BenchmarkRank(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1250))
	themes := make([]string, 14)
	for i := range themes {
		themes[i] = fmt.Sprintf("theme-%02d", i)
	}
	bs := make([]Ballot, 1250)
	for i := range bs {
		pick := rng.Perm(len(themes))[:5]
		ranked := make([]string, len(pick))
		for j, k := range pick {
			ranked[j] = themes[k]
		}
		bs[i] = NewBallot(fmt.Sprintf("U%05d", i), float64(20_000+rng.IntN(80_000)), ranked)
	}
	for _, m := range []Method{Schulze, Borda} {
		b.Run(string(m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Rank(m, bs)
			}
		})
	}
}
