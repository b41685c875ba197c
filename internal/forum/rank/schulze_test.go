package rank

import (
	"slices"
	"testing"
)

// wikipediaBallots is the worked example of the Wikipedia article "Schulze
// method" (after Schulze 2011, §3.1): 45 voters, five candidates.
func wikipediaBallots(tb testing.TB) []Ballot {
	tb.Helper()
	var bs []Ballot
	for _, g := range []struct {
		n       int
		ranking string
	}{
		{5, "A>C>B>E>D"},
		{5, "A>D>E>C>B"},
		{8, "B>E>D>A>C"},
		{3, "C>A>B>E>D"},
		{7, "C>A>E>B>D"},
		{2, "C>B>A>D>E"},
		{7, "D>C>E>B>A"},
		{8, "E>B>A>D>C"},
	} {
		bs = append(bs, repeat(tb, g.ranking+"#", g.n, 1, g.ranking)...)
	}
	return bs
}

func TestSchulzeWikipedia(t *testing.T) {
	r := Rank(Schulze, wikipediaBallots(t))

	if want := []string{"A", "B", "C", "D", "E"}; !slices.Equal(r.Candidates, want) {
		t.Fatalf("Candidates = %v, want %v", r.Candidates, want)
	}
	// The published matrices; the diagonal, printed "-", is 0 here.
	wantD := [][]float64{
		{0, 20, 26, 30, 22},
		{25, 0, 16, 33, 18},
		{19, 29, 0, 17, 24},
		{15, 12, 28, 0, 14},
		{23, 27, 21, 31, 0},
	}
	wantP := [][]float64{
		{0, 28, 28, 30, 24},
		{25, 0, 28, 33, 24},
		{25, 29, 0, 29, 24},
		{25, 28, 28, 0, 24},
		{25, 28, 28, 31, 0},
	}
	checkMatrix(t, "Pairwise", r.Pairwise, wantD)
	checkMatrix(t, "Strongest", r.Strongest, wantP)

	// E > A > C > B > D; each Score counts the themes it beats.
	want := []Place{{1, "E", 4}, {2, "A", 3}, {3, "C", 2}, {4, "B", 1}, {5, "D", 0}}
	if !slices.Equal(r.Order, want) {
		t.Errorf("Order = %v, want %v", r.Order, want)
	}
	// There is no Condorcet winner here (it is a cycle), which is the
	// point of the example: Schulze still gives a complete order.
	if w, ok := CondorcetWinner(r.Candidates, r.Pairwise); ok {
		t.Errorf("CondorcetWinner = %q, want none", w)
	}
	if got := Pairwise(r.Candidates, wikipediaBallots(t)); !matrixEqual(got, wantD) {
		t.Errorf("Pairwise() = %v, want %v", got, wantD)
	}
}

func checkMatrix(tb testing.TB, name string, got, want [][]float64) {
	tb.Helper()
	if !matrixEqual(got, want) {
		tb.Errorf("%s =\n%v\nwant\n%v", name, got, want)
	}
}

func matrixEqual(a, b [][]float64) bool {
	return slices.EqualFunc(a, b, func(x, y []float64) bool { return slices.Equal(x, y) })
}
