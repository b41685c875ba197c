package rank

import (
	"slices"
	"testing"
)

// TestBordaAndCondorcetDisagree is the classic case where Borda's winner is
// not the Condorcet winner, weighted by population. Two PCNs of 35,000 and
// 25,000 patients rank A>B>C; one of 45,000 ranks B>C>A. By hand:
//
//	d[A][B] = 60,000 > d[B][A] = 45,000, and the same for A over C, so A is
//	the Condorcet winner (a majority of patients prefer A to each other).
//	d[B][C] = 105,000 > d[C][B] = 0.
//	Borda (2 points first, 1 second): A = 2×60,000 = 120,000;
//	B = 1×60,000 + 2×45,000 = 150,000; C = 1×45,000 = 45,000.
//
// Borda rewards B for being everyone's first or second choice; Schulze, being
// Condorcet-consistent, must put A first. In general B wins Borda here when
// w(B>C>A) < w(A>B>C) < 2×w(B>C>A).
func TestBordaAndCondorcetDisagree(t *testing.T) {
	ballots := []Ballot{
		ballot(t, "U00001", 35_000, "A>B>C"),
		ballot(t, "U00002", 25_000, "A>B>C"),
		ballot(t, "U00003", 45_000, "B>C>A"),
	}
	wantD := [][]float64{
		{0, 60_000, 60_000},
		{45_000, 0, 105_000},
		{45_000, 0, 0},
	}

	s := Rank(Schulze, ballots)
	checkMatrix(t, "Pairwise", s.Pairwise, wantD)
	if w, ok := CondorcetWinner(s.Candidates, s.Pairwise); w != "A" || !ok {
		t.Errorf("CondorcetWinner = %q, %v; want A", w, ok)
	}
	wantS := []Place{{1, "A", 2}, {2, "B", 1}, {3, "C", 0}}
	if !slices.Equal(s.Order, wantS) {
		t.Errorf("Schulze order = %v, want %v", s.Order, wantS)
	}

	b := Rank(Borda, ballots)
	checkMatrix(t, "Borda Pairwise", b.Pairwise, wantD)
	if b.Strongest != nil {
		t.Errorf("Borda Strongest = %v, want nil", b.Strongest)
	}
	wantB := []Place{{1, "B", 150_000}, {2, "A", 120_000}, {3, "C", 45_000}}
	if !slices.Equal(b.Order, wantB) {
		t.Errorf("Borda order = %v, want %v", b.Order, wantB)
	}
}

// TestWeightingTipsTheResult is SPEC §5's worry that large PCNs would tip
// the top N: three small PCNs outvote two large ones one PCN, one vote, and
// lose when votes count patients.
func TestWeightingTipsTheResult(t *testing.T) {
	type pcn struct {
		code, ranking string
		population    float64
	}
	pcns := []pcn{
		{"U00001", "A>B>C", 10_000},
		{"U00002", "A>B>C", 12_000},
		{"U00003", "A>B>C", 11_000},
		{"U00004", "B>C>A", 40_000},
		{"U00005", "B>C>A", 45_000},
	}
	tests := []struct {
		name   string
		weight func(pcn) float64
		want   []string
	}{
		{"equal", func(pcn) float64 { return 1 }, []string{"A", "B", "C"}},
		{"population", func(p pcn) float64 { return p.population }, []string{"B", "C", "A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bs []Ballot
			for _, p := range pcns {
				bs = append(bs, ballot(t, p.code, tt.weight(p), p.ranking))
			}
			if got := Top(Rank(Schulze, bs).Order, 3); !slices.Equal(got, tt.want) {
				t.Errorf("Schulze top 3 = %v, want %v", got, tt.want)
			}
		})
	}
}
