package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
)

// forumView is a forum pack arranged for a board paper: words for the
// settings, orders looked up side by side, recommendations drafted, and
// every string from the pack sanitised, so the Markdown and HTML renderers
// show the same facts. In an anonymised pack, PCNs appear only by the
// labels the pack's quoted sections carry, and the appendix leaves out
// codes, names and populations.
type forumView struct {
	Forum       forum.Meeting // cleaned
	MeetingDate string        // "3 Dec 2026", or "not set"
	Purpose     string        // "For decision"
	Session     string        // "Public session"
	PaperTitle  string
	Period      string
	Prepared    string
	GeneratedAt string
	Generator   string
	Digest      string
	Anonymised  bool

	Method, OtherMethod string // "Schulze", "Borda"
	Weighting           string // "one PCN, one vote" or "by registered population"
	OtherWeighting      string
	Top                 int
	PCNs                int
	Population          int64

	Ranked             []rankedRow
	TopNames           []string
	OtherMethodTop     []string
	OtherWeightTop     []string
	MethodsAgree       bool
	WeightingsDisagree bool
	Pairwise           pairwiseView

	Consensus []consensusRow
	Needed    int
	Minority  []minorityRow
	Recs      []forumRec

	Services      []serviceTally
	AnyRed        int // services with at least one PCN off track
	Workload      []forumWorkloadRow
	WorkloadNotes int
	WorkloadHigh  int

	Members    int
	Missing    []string
	NonMembers []string

	Quotes      []themeQuotes
	Statements  []statementRow
	Submissions []submissionRow
	Notes       []string
}

type rankedRow struct {
	Position       int
	Name           string
	Score          string // the chosen method's, in words: "beats 9" or "41.5 points"
	OtherPosition  int
	OtherScore     string
	WeightPosition int
	First, TopN    int
	InTop          bool
}

type pairwiseView struct {
	Names []string   // in the forum's order
	Cells [][]string // Cells[i][j]: weight preferring Names[i] to Names[j]; "–" on the diagonal
	Wins  [][]bool   // Wins[i][j]: Names[i] beats Names[j] head to head
	Unit  string     // what a cell counts, for the caption
}

type consensusRow struct {
	Name       string
	Position   int
	PCNs       int
	Share      string
	PopShare   string
	SampleAsks []askRow
}

type minorityRow struct {
	Name     string
	Position int
	PCNs     []string
}

type forumRec struct {
	Verb string // SUPPORT or NOTE
	Text string
	Asks []askRow
}

type serviceTally struct {
	Name   string
	PCNs   int
	Counts []StatusCount
	Red    []string
}

type forumWorkloadRow struct {
	Name              string
	Notes, High, PCNs int
}

type themeQuotes struct {
	Position int
	Name     string
	Asks     []askRow
}

type askRow struct {
	PCN   string
	Rank  int
	Title string
	Ask   string
}

type statementRow struct {
	PCN  string
	Text string
}

type submissionRow struct {
	Label, Code, Name string
	Population        int64
	Revision          int
	Period, Exported  string
	Digest            string
}

// newForumView arranges p for reading.
func newForumView(p *forum.Pack) *forumView {
	v := &forumView{
		Forum: forum.Meeting{
			Name: clean(p.Forum.Name), Chair: clean(p.Forum.Chair), MeetingDate: clean(p.Forum.MeetingDate),
			Purpose: clean(p.Forum.Purpose), Session: clean(p.Forum.Session),
		},
		MeetingDate: orNotSet(clean(HumanDate(p.Forum.MeetingDate))),
		Period:      clean(p.Period),
		Prepared:    clean(HumanTime(p.GeneratedAt)),
		GeneratedAt: clean(p.GeneratedAt),
		Generator:   clean(p.Generator),
		Digest:      clean(p.Digest),
		Anonymised:  p.Anonymised,
		Method:      methodName(p.Ranking.Method),
		OtherMethod: methodName(p.Ranking.OtherMethod.Method),
		Weighting:   weightingWords(p.Ranking.Weight),
		Top:         p.Ranking.Top,
		PCNs:        p.Coverage.PCNs,
		Population:  p.Coverage.Population,
		Needed:      p.Consensus.Needed,
		Members:     p.Coverage.Members,
		Notes:       cleanAll(p.Notes),
	}
	v.OtherWeighting = weightingWords(p.Ranking.OtherWeight.Weight)
	v.Purpose = "For " + orNotSet(v.Forum.Purpose)
	v.Session = sentence(orNotSet(v.Forum.Session)) + " session"
	name := v.Forum.Name
	if name == "" {
		name = "PCN forum"
	}
	v.PaperTitle = name + ": the collective view of " + countWord(v.PCNs, "PCN", "PCNs") + ", " + v.Period
	v.ranking(p)
	v.sections(p)
	v.recommendations(p)
	return v
}

// Title is the page title.
func (v *forumView) Title() string { return v.PaperTitle }

func (v *forumView) ranking(p *forum.Pack) {
	r := p.Ranking
	other := placesByTheme(r.OtherMethod.Order)
	byWeight := placesByTheme(r.OtherWeight.Order)
	support := map[string]forum.Support{}
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
	names := func(order []forum.Place, top int) []string {
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

func placesByTheme(order []forum.Place) map[string]forum.Place {
	m := make(map[string]forum.Place, len(order))
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
	s := Thousands(int64(whole))
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
	return Thousands(int64(n)) + " " + many
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

func refs(rs []forum.Ref) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = clean(r.Label)
	}
	return out
}

// statusCounts turns a pack's counts into the closed set's order.
func statusCounts(c forum.StatusCounts) []StatusCount {
	return []StatusCount{{domain.Green, c.Green}, {domain.Amber, c.Amber}, {domain.Red, c.Red}, {domain.NotStarted, c.NotStarted}}
}

// ordinal writes 1 as "1st", 2 as "2nd", 11 as "11th".
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
