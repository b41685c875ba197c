package rank

import (
	"math"
	"slices"
	"testing"
)

func TestTiesAndEdges(t *testing.T) {
	tests := []struct {
		name    string
		ballots []Ballot
		schulze []Place
		borda   []Place
	}{
		{
			name:    "no ballots",
			schulze: []Place{},
			borda:   []Place{},
		},
		{
			name:    "one candidate",
			ballots: []Ballot{ballot(t, "U1", 1, "A")},
			schulze: []Place{{1, "A", 0}},
			borda:   []Place{{1, "A", 0}},
		},
		{
			name:    "empty ballot ties everything",
			ballots: []Ballot{ballot(t, "U1", 1, "A>B"), ballot(t, "U2", 1, "")},
			schulze: []Place{{1, "A", 1}, {2, "B", 0}},
			borda:   []Place{{1, "A", 1.5}, {2, "B", 0.5}},
		},
		{
			name:    "opposed ballots of equal weight tie",
			ballots: []Ballot{ballot(t, "U1", 7, "A>B"), ballot(t, "U2", 7, "B>A")},
			schulze: []Place{{1, "A", 0}, {1, "B", 0}},
			borda:   []Place{{1, "A", 7}, {1, "B", 7}},
		},
		{
			// Standard competition ranking: the theme after a two-way
			// tie for first is third, not second.
			name:    "themes tied on every ballot share a position",
			ballots: []Ballot{ballot(t, "U1", 1, "B=A>C"), ballot(t, "U2", 1, "A=B>C")},
			schulze: []Place{{1, "A", 1}, {1, "B", 1}, {3, "C", 0}},
			borda:   []Place{{1, "A", 3}, {1, "B", 3}, {3, "C", 0}},
		},
		{
			// U1 leaves C unranked, U2 ranks only C. A beats B; C ties
			// A and B pairwise, so Schulze puts C level with A, above
			// B only by layering.
			name:    "ballots ranking only some themes",
			ballots: []Ballot{ballot(t, "U1", 1, "A>B"), ballot(t, "U2", 1, "C")},
			schulze: []Place{{1, "A", 1}, {1, "C", 0}, {3, "B", 0}},
			borda:   []Place{{1, "A", 2.5}, {2, "C", 2}, {3, "B", 1.5}},
		},
		{
			// A ballot of weight 0 still names its themes as candidates
			// but moves no totals: B and C stay tied, both unranked by U1.
			name:    "weight 0 ballot",
			ballots: []Ballot{ballot(t, "U1", 1, "A"), ballot(t, "U2", 0, "C>B>A")},
			schulze: []Place{{1, "A", 2}, {2, "B", 0}, {2, "C", 0}},
			borda:   []Place{{1, "A", 2}, {2, "B", 0.5}, {2, "C", 0.5}},
		},
		{
			name: "invalid weights count as 0",
			ballots: []Ballot{
				ballot(t, "U1", 1, "A>B"),
				ballot(t, "U2", math.NaN(), "B>A"),
				ballot(t, "U3", math.Inf(1), "B>A"),
				ballot(t, "U4", -5, "B>A"),
			},
			schulze: []Place{{1, "A", 1}, {2, "B", 0}},
			borda:   []Place{{1, "A", 1}, {2, "B", 0}},
		},
		{
			name:    "only the order of rank numbers matters",
			ballots: []Ballot{{Voter: "U1", Weight: 1, Ranks: map[string]int{"A": -3, "B": 40, "C": 40}}},
			schulze: []Place{{1, "A", 2}, {2, "B", 0}, {2, "C", 0}},
			borda:   []Place{{1, "A", 2}, {2, "B", 0.5}, {2, "C", 0.5}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for m, want := range map[Method][]Place{Schulze: tt.schulze, Borda: tt.borda} {
				r := Rank(m, tt.ballots)
				if r.Method != m {
					t.Errorf("%s: Method = %q", m, r.Method)
				}
				if !slices.Equal(r.Order, want) || r.Order == nil {
					t.Errorf("%s: Order = %v, want %v", m, r.Order, want)
				}
				if r.Candidates == nil || r.Pairwise == nil || len(r.Pairwise) != len(r.Candidates) {
					t.Errorf("%s: Candidates %v, Pairwise %v: want non-nil and square", m, r.Candidates, r.Pairwise)
				}
				if (r.Strongest == nil) != (m == Borda) {
					t.Errorf("%s: Strongest = %v", m, r.Strongest)
				}
			}
		})
	}
}

func TestUnknownMethodRanksBySchulze(t *testing.T) {
	r := Rank("copeland", []Ballot{ballot(t, "U1", 1, "A>B")})
	if r.Method != Schulze || r.Strongest == nil {
		t.Errorf("Rank(copeland) = %+v, want a Schulze result", r)
	}
}

// TestRankLeavesBallotsAlone guards the merge's own slice: Rank sorts a copy.
func TestRankLeavesBallotsAlone(t *testing.T) {
	bs := []Ballot{ballot(t, "U2", 1, "A>B"), ballot(t, "U1", 1, "B>A")}
	Rank(Schulze, bs)
	if bs[0].Voter != "U2" || bs[1].Voter != "U1" {
		t.Errorf("ballots reordered: %v", bs)
	}
}
