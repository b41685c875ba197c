package forum

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

func TestHighestRevisionWins(t *testing.T) {
	r1 := simple("U10001", 1000, 1, "estates")
	r2 := simple("U10001", 1000, 2, "workforce")
	r3 := simple("U10001", 1000, 3, "digital")
	r1.Name, r2.Name, r3.Name = "riverside-old.json", "riverside-v2.json", "riverside-final.json"
	other := simple("U10002", 1000, 1, "estates")

	for _, order := range [][]forumtest.File{{r1, r2, r3, other}, {r3, other, r1, r2}} {
		p, w, err := Merge(read(t, order...), testOptions())
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Submissions[0]; got.Code != "U10001" || got.Revision != 3 {
			t.Errorf("counted %s revision %d, want U10001 revision 3", got.Code, got.Revision)
		}
		if len(p.Embedded) != 2 || len(p.Documents) != 2 {
			t.Errorf("pack embeds %d submissions, want 2", len(p.Embedded))
		}
		want := "U10001: revision 2 from riverside-v2.json set aside; revision 3 from riverside-final.json is newer and counts\n" +
			"U10001: revision 1 from riverside-old.json set aside; revision 3 from riverside-final.json is newer and counts\n"
		if got := warningText(w); got != want {
			t.Errorf("warnings =\n%s\nwant\n%s", got, want)
		}
	}
}

func TestSameRevisionDifferentDigestIsAnError(t *testing.T) {
	a := simple("U10001", 1000, 2, "estates")
	b := simple("U10001", 1000, 2, "workforce")
	a.Name, b.Name = "from-laptop.json", "from-desktop.json"
	newer := simple("U10001", 1000, 3, "digital")
	for _, files := range [][]forumtest.File{{a, b}, {b, a}, {newer, a, b}} {
		_, _, err := Merge(read(t, files...), testOptions())
		if err == nil {
			t.Fatal("merge of two different revision-2 files succeeded")
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "from-desktop.json and from-laptop.json are both U10001 revision 2") {
			t.Errorf("error %q does not name both files and the revision", msg)
		}
	}
	// The same conflict hidden inside a pack is found, naming the pack.
	pa := packFile(t, "north.json", testOptions(), a)
	_, _, err := Merge(read(t, pa, b), testOptions())
	if err == nil || !strings.Contains(err.Error(), "north.json (forum pack)") {
		t.Errorf("conflict via a pack: %v", err)
	}
}

func TestMergeNothing(t *testing.T) {
	if _, _, err := Merge(nil, testOptions()); !errors.Is(err, ErrNothing) {
		t.Errorf("Merge(nil) error = %v, want ErrNothing", err)
	}
	for _, opt := range []Options{{Method: "condorcet"}, {Weight: "patients"}, {Top: -1}} {
		if _, _, err := Merge(read(t, simple("U10001", 1, 1, "a")), opt); err == nil {
			t.Errorf("Merge with %+v succeeded", opt)
		}
	}
}

// TestSections checks every section on a forum small enough to count by hand.
func TestSections(t *testing.T) {
	a := forumtest.Simple("U10001", 30000, "estates", "workforce", "digital")
	a.Services = []domain.Service{{Key: "ehch", Name: "EHCH", Status: domain.Red}, {Key: "smr", Name: "SMR", Status: domain.Green}}
	a.Notes = []domain.Note{
		{Category: "estates", Severity: 3, Date: "2026-10-01", Text: "No rooms"},
		{Category: "estates", Severity: 1, Date: "2026-10-02", Text: "Roof"},
		{Category: "it", Severity: 3, Date: "2026-10-02", Text: "Laptops"},
	}
	a.Statement = "PCN U10001 speaks for 30,000 patients."
	b := forumtest.Simple("U10002", 20000, "workforce", "estates", "access")
	b.Services = []domain.Service{{Key: "ehch", Name: "Enhanced health in care homes", Status: domain.Amber}}
	b.Notes = []domain.Note{{Category: "estates", Severity: 3, Date: "2026-10-05", Text: "Lease"}}
	c := forumtest.Simple("U10003", 10000, "mental-health", "estates", "workforce", "care-homes")
	c.Services = []domain.Service{{Key: "ehch", Name: "EHCH", Status: domain.Red}}
	files := []forumtest.File{fromSnapshot("a.json", a, 1), fromSnapshot("b.json", b, 1), fromSnapshot("c.json", c, 1)}

	opt := testOptions()
	opt.Top = 2 // at 3, mental-health ties digital and access for third place and is in the top
	opt.Members = []string{"U10001", "U10002", "U19999"}
	opt.ThemeNames = map[string]string{"estates": "Estates"}
	opt.ServiceNames = map[string]string{"smr": "Structured medication reviews"}
	p, w, err := Merge(read(t, files...), opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := warningText(w); !strings.Contains(got, "U10003 (PCN U10003) is not in the forum's member list") {
		t.Errorf("no non-member warning: %q", got)
	}
	// estates is in all three top 2s, workforce in two; needed is 2 of 3.
	if got := themesOf(p.Consensus.Themes); !slices.Equal(got, []string{"estates", "workforce"}) || p.Consensus.Needed != 2 {
		t.Errorf("consensus = %v (needed %d), want [estates workforce] (2)", got, p.Consensus.Needed)
	}
	if ct := p.Consensus.Themes[0]; ct.Name != "Estates" || ct.Ballots != 3 || ct.Population != 60000 || p.Consensus.Themes[1].Population != 50000 {
		t.Errorf("consensus[0] = %+v", ct)
	}
	if len(p.Minority) != 1 || p.Minority[0].Theme != "mental-health" || p.Minority[0].PCNs[0].Code != "U10003" {
		t.Errorf("minority = %+v, want mental-health held by U10003", p.Minority)
	}
	ehch := p.Services[0]
	if ehch.Key != "ehch" || ehch.Name != "EHCH" || ehch.PCNs != 3 || ehch.Counts != (pcnjson.StatusCounts{Amber: 1, Red: 2}) ||
		len(ehch.Red) != 2 || ehch.Red[0].Code != "U10001" || ehch.Red[1].Code != "U10003" {
		t.Errorf("services[ehch] = %+v", ehch)
	}
	if p.Services[1].Name != "Structured medication reviews" {
		t.Errorf("services[smr] name %q: the config's name should win", p.Services[1].Name)
	}
	wantW := []pcnjson.Workload{{Category: "estates", Name: "estates", Notes: 3, High: 2, PCNs: 2}, {Category: "it", Name: "it", Notes: 1, High: 1, PCNs: 1}}
	if !slices.Equal(p.Workload, wantW) {
		t.Errorf("workload = %+v, want %+v", p.Workload, wantW)
	}
	cov := p.Coverage
	if cov.PCNs != 3 || cov.Population != 60000 || cov.Members != 3 || !slices.Equal(cov.Missing, []string{"U19999"}) ||
		len(cov.NonMembers) != 1 || cov.NonMembers[0].Code != "U10003" {
		t.Errorf("coverage = %+v", cov)
	}
	// Quotes: every priority under its theme; themes in the forum's order.
	if got := len(p.Quotes.Priorities); got != len(p.Ranking.Order) {
		t.Errorf("%d quoted themes, %d ranked", got, len(p.Ranking.Order))
	}
	asks := 0
	for i, tq := range p.Quotes.Priorities {
		if tq.Theme != p.Ranking.Order[i].Theme {
			t.Errorf("quotes[%d] is %s, ranking has %s", i, tq.Theme, p.Ranking.Order[i].Theme)
		}
		asks += len(tq.Asks)
	}
	if asks != 10 || len(p.Quotes.Statements) != 1 || p.Quotes.Statements[0].PCN.Label != "PCN U10001" {
		t.Errorf("%d asks quoted (want 10), statements %+v", asks, p.Quotes.Statements)
	}

	opt.Anonymise = true
	p, _, _ = Merge(read(t, files...), opt)
	if got := p.Quotes.Statements[0]; got.PCN != (pcnjson.Ref{Label: "PCN A"}) || got.Text != "PCN A speaks for 30,000 patients." {
		t.Errorf("anonymised statement = %+v", got)
	}
	if p.Minority[0].PCNs[0] != (pcnjson.Ref{Label: "PCN C"}) || p.Coverage.NonMembers[0] != (pcnjson.Ref{Label: "PCN C"}) {
		t.Errorf("anonymised minority %+v, non-members %+v", p.Minority[0].PCNs, p.Coverage.NonMembers)
	}
}

func themesOf(ct []pcnjson.ConsensusTheme) []string {
	var out []string
	for _, c := range ct {
		out = append(out, c.Theme)
	}
	return out
}

// TestMixedPeriods: submissions for two periods are refused, naming the
// odd PCN and its file, unless allowed; allowed, the pack is for the
// period most are for, and the entries say which PCN sent which.
func TestMixedPeriods(t *testing.T) {
	q3a, q3b := forumtest.Simple("U10001", 1, "a"), forumtest.Simple("U10002", 1, "a")
	q2 := forumtest.Simple("U10003", 1, "a")
	q2.Period = domain.Period{Year: 2026, Quarter: 2}
	inputs := func() []pcnjson.Input {
		return read(t, fromSnapshot("1.json", q3a, 1), fromSnapshot("3.json", q2, 1), fromSnapshot("2.json", q3b, 1))
	}
	t.Run("refused", func(t *testing.T) {
		p, _, err := Merge(inputs(), testOptions())
		want := "the submissions are not all for one period: 2 for 2026/27 Q3, 1 for 2026/27 Q2 (U10003 in 3.json): merge one period's submissions, or give --allow-mixed-periods"
		if !errors.Is(err, ErrMixedPeriods) || err == nil || !strings.HasPrefix(err.Error(), want) || p != nil {
			t.Errorf("err = %v, pack %v; want ErrMixedPeriods starting %q", err, p != nil, want)
		}
	})
	t.Run("allowed", func(t *testing.T) {
		opt := testOptions()
		opt.AllowMixedPeriods = true
		p, w, err := Merge(inputs(), opt)
		if err != nil {
			t.Fatal(err)
		}
		want := "the submissions are not all for one period: 2 for 2026/27 Q3, 1 for 2026/27 Q2 (U10003 in 3.json); the pack is for 2026/27 Q3, and its papers say which PCN sent which\n"
		if p.Period != "2026/27 Q3" || warningText(w) != want {
			t.Errorf("period %q, warnings %q", p.Period, warningText(w))
		}
		var got []string
		for _, e := range p.Submissions {
			got = append(got, e.Code+" "+e.Period)
		}
		if strings.Join(got, ", ") != "U10001 2026/27 Q3, U10002 2026/27 Q3, U10003 2026/27 Q2" {
			t.Errorf("entries: %v", got)
		}
	})
	t.Run("one period needs no leave", func(t *testing.T) {
		if _, w, err := Merge(read(t, fromSnapshot("1.json", q3a, 1), fromSnapshot("2.json", q3b, 1)), testOptions()); err != nil || len(w) != 0 {
			t.Errorf("err %v, warnings %v", err, w)
		}
	})
}

// TestWikipediaForum is the worked example of rank's tests (Schulze 2011,
// the Wikipedia article) as 45 PCNs: themes A–E become five real themes.
// Schulze gives E > A > C > B > D though there is no Condorcet winner.
func TestWikipediaForum(t *testing.T) {
	theme := map[byte]string{'A': "access", 'B': "bureaucracy", 'C': "care-homes", 'D': "digital", 'E': "estates"}
	var files []forumtest.File
	for _, g := range []struct {
		n       int
		ranking string
	}{{5, "ACBED"}, {5, "ADECB"}, {8, "BEDAC"}, {3, "CABED"}, {7, "CAEBD"}, {2, "CBADE"}, {7, "DCEBA"}, {8, "EBADC"}} {
		for range g.n {
			var themes []string
			for i := range len(g.ranking) {
				themes = append(themes, theme[g.ranking[i]])
			}
			files = append(files, simple(forumtest.Code(len(files)), 1000, 1, themes...))
		}
	}
	p, _, err := Merge(read(t, files...), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, pl := range p.Ranking.Order {
		got = append(got, pl.Theme)
	}
	if want := []string{"estates", "access", "care-homes", "bureaucracy", "digital"}; !slices.Equal(got, want) {
		t.Errorf("Schulze order = %v, want %v", got, want)
	}
	if _, ok := rank.CondorcetWinner(p.Ranking.Pairwise.Themes, p.Ranking.Pairwise.Counts); ok {
		t.Error("found a Condorcet winner in a cycle")
	}
	// d[access][bureaucracy] = 20 in the published matrix.
	if got := p.Ranking.Pairwise.Counts[0][1]; got != 20 {
		t.Errorf("pairwise access over bureaucracy = %v, want 20", got)
	}
	// Equal populations: the two weightings cannot disagree.
	if p.Ranking.WeightingsDisagree || p.Ranking.OtherWeight.Weight != "population" {
		t.Errorf("weightings disagree = %v with equal populations", p.Ranking.WeightingsDisagree)
	}
}

// TestBordaAndPopulationTipTheResult is rank's Borda-versus-Condorcet
// example with real populations: Schulze and Borda disagree, and so do
// the weightings, and the pack must say both.
func TestBordaAndPopulationTipTheResult(t *testing.T) {
	files := []forumtest.File{
		simple("U10001", 35000, 1, "estates", "workforce", "digital"),
		simple("U10002", 25000, 1, "estates", "workforce", "digital"),
		simple("U10003", 45000, 1, "workforce", "digital", "estates"),
	}
	opt := testOptions()
	opt.Weight, opt.Top = Population, 1
	p, _, err := Merge(read(t, files...), opt)
	if err != nil {
		t.Fatal(err)
	}
	r := p.Ranking
	if !slices.Equal(r.TopThemes, []string{"estates"}) || !slices.Equal(r.OtherMethod.TopThemes, []string{"workforce"}) {
		t.Errorf("Schulze top %v, Borda top %v; want estates and workforce", r.TopThemes, r.OtherMethod.TopThemes)
	}
	if r.OtherMethod.Order[0].Score != 150000 || r.Pairwise.Counts[1][2] != 60000 {
		t.Errorf("Borda score %v, pairwise %v", r.OtherMethod.Order[0].Score, r.Pairwise.Counts)
	}
	// Equal weights: estates 2 PCNs to 1 over workforce. Same top, so no
	// disagreement at top 1; workforce also ties estates under equal Borda.
	if r.WeightingsDisagree {
		t.Error("weightings disagree at top 1, but both put estates first")
	}
	opt.Method = rank.Borda
	p, _, _ = Merge(read(t, files...), opt)
	if !p.Ranking.WeightingsDisagree || !slices.Equal(p.Ranking.OtherWeight.TopThemes, []string{"estates", "workforce"}) {
		t.Errorf("Borda by population gives %v, by PCN %v: weightings should disagree", p.Ranking.TopThemes, p.Ranking.OtherWeight.TopThemes)
	}
}
