package rank

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// ballot builds a test ballot from a ranking such as "A>B=C>D": ">"
// separates ranks and "=" joins themes that tie.
func ballot(tb testing.TB, voter string, w float64, ranking string) Ballot {
	tb.Helper()
	b := Ballot{Voter: voter, Weight: w, Ranks: map[string]int{}}
	if ranking == "" {
		return b
	}
	for r, level := range strings.Split(ranking, ">") {
		for _, th := range strings.Split(level, "=") {
			if th == "" {
				tb.Fatalf("ballot %q: empty theme", ranking)
			}
			b.Ranks[th] = r + 1
		}
	}
	return b
}

// repeat returns n ballots alike but for their voters, as a published
// example's "5 voters: ACBED" is written.
func repeat(tb testing.TB, prefix string, n int, w float64, ranking string) []Ballot {
	tb.Helper()
	out := make([]Ballot, n)
	for i := range out {
		out[i] = ballot(tb, fmt.Sprintf("%s%02d", prefix, i), w, ranking)
	}
	return out
}

func TestParseMethod(t *testing.T) {
	tests := []struct {
		in      string
		want    Method
		wantErr bool
	}{
		{"schulze", Schulze, false},
		{"borda", Borda, false},
		{"Schulze", "", true}, // the flag's spelling is an interface
		{"", "", true},
		{"copeland", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMethod(tt.in)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Fatalf("ParseMethod(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestNewBallot(t *testing.T) {
	// Priorities 1 and 3 are both workforce: the theme keeps rank 1.
	got := NewBallot("U00001", 12_000, []string{"workforce", "estates", "workforce", "digital"})
	want := map[string]int{"workforce": 1, "estates": 2, "digital": 4}
	if got.Voter != "U00001" || got.Weight != 12_000 || len(got.Ranks) != len(want) {
		t.Fatalf("NewBallot = %+v", got)
	}
	for th, r := range want {
		if got.Ranks[th] != r {
			t.Errorf("rank of %s = %d, want %d", th, got.Ranks[th], r)
		}
	}
}

func TestTop(t *testing.T) {
	order := []Place{{1, "A", 0}, {1, "B", 0}, {3, "C", 0}, {4, "D", 0}}
	tests := []struct {
		n    int
		want []string
	}{
		{-1, []string{}},
		{0, []string{}},
		{1, []string{"A", "B"}}, // a tie at the cut is kept whole
		{2, []string{"A", "B"}},
		{3, []string{"A", "B", "C"}},
		{9, []string{"A", "B", "C", "D"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			if got := Top(order, tt.n); !slices.Equal(got, tt.want) || got == nil {
				t.Errorf("Top(%d) = %#v, want %v", tt.n, got, tt.want)
			}
		})
	}
}

func TestCondorcetWinner(t *testing.T) {
	tests := []struct {
		name  string
		cands []string
		d     [][]float64
		want  string
		ok    bool
	}{
		{"none", nil, nil, "", false},
		{"unopposed", []string{"A"}, [][]float64{{0}}, "A", true},
		{"beats all", []string{"A", "B", "C"}, [][]float64{{0, 3, 3}, {2, 0, 5}, {2, 0, 0}}, "A", true},
		{"tie is no win", []string{"A", "B"}, [][]float64{{0, 2}, {2, 0}}, "", false},
		{"cycle", []string{"A", "B", "C"}, [][]float64{{0, 2, 1}, {1, 0, 2}, {2, 1, 0}}, "", false},
		{"short matrix", []string{"A", "B"}, [][]float64{{0, 2}}, "", false},
		{"short row", []string{"A", "B"}, [][]float64{{0, 2}, {1}}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CondorcetWinner(tt.cands, tt.d)
			if got != tt.want || ok != tt.ok {
				t.Errorf("CondorcetWinner = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// ExampleRank shows the two methods reading the same ballots differently:
// one voter each prefers estates to digital and digital to estates, so
// Schulze ties them, while Borda counts how far apart each voter put them.
func ExampleRank() {
	ballots := []Ballot{
		NewBallot("U00001", 1, []string{"workforce"}),
		NewBallot("U00002", 1, []string{"estates", "workforce", "digital"}),
		NewBallot("U00003", 1, []string{"workforce", "digital"}),
	}
	for _, m := range []Method{Schulze, Borda} {
		for _, p := range Rank(m, ballots).Order {
			fmt.Println(m, p.Position, p.Theme, p.Score)
		}
	}
	// Output:
	// schulze 1 workforce 2
	// schulze 2 digital 0
	// schulze 2 estates 0
	// borda 1 workforce 5
	// borda 2 estates 2.5
	// borda 3 digital 1.5
}
