package report

import (
	"strings"
	"testing"
)

// TestTieAtTheCutIsSaid: a top 3 that names four themes says why, and a
// count or weighting that only settles the tie says that, not that it
// disagrees (a board read "the weighting tips the result" about the same
// three themes).
func TestTieAtTheCutIsSaid(t *testing.T) {
	v := &forumView{
		Method: "Schulze", OtherMethod: "Borda", Weighting: "one PCN, one vote", Top: 3,
		TopNames:           []string{"Access", "Workforce", "Estates", "Integration"},
		TopTie:             []string{"Estates", "Integration"},
		TopTiePlace:        3,
		OtherMethodTop:     []string{"Workforce", "Access", "Estates"},
		OtherWeightTop:     []string{"Access", "Workforce", "Estates"},
		WeightingsDisagree: true,
		MethodSettlesTie:   true,
		WeightSettlesTie:   true,
	}
	got := strings.Join(v.summary(), "\n")
	for _, want := range []string{
		"Estates and Integration tie for 3rd place, so the top 3 holds 4 themes.",
		"The Borda count settles the tie for 3rd place: Workforce; Access; Estates.",
		"the top 3 would be Access; Workforce; Estates: the weighting settles the tie for 3rd place.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	// A real disagreement is still called one.
	v.OtherWeightTop, v.WeightSettlesTie = []string{"Access", "Workforce", "Funding"}, false
	if got := v.weightingsLine(); !strings.HasSuffix(got, "Access; Workforce; Funding: the weighting tips the result.") {
		t.Errorf("a real disagreement: %q", got)
	}
	v.TopTie, v.TopTiePlace, v.TopNames = nil, 0, []string{"Access", "Workforce", "Estates"}
	v.OtherWeightTie = []string{"Estates", "Funding"}
	v.OtherWeightTop = []string{"Access", "Workforce", "Estates", "Funding"}
	if got := v.weightingsLine(); !strings.Contains(got, "Access; Workforce; Estates; Funding, Estates and Funding tying: the weighting tips the result.") {
		t.Errorf("a tie in the other weighting: %q", got)
	}
}
