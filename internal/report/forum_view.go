package report

import (
	"html/template"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// forumView is a forum pack arranged for a board paper: words for the
// settings, orders looked up side by side, recommendations drafted, and
// every string from the pack sanitised, so the Markdown and HTML renderers
// show the same facts. In an anonymised pack, PCNs appear only by the
// labels the pack's quoted sections carry, and the appendix leaves out
// codes, names and populations.
type forumView struct {
	Forum       pcnjson.Meeting // cleaned
	MeetingDate string          // "3 Dec 2026", or "not set"
	Purpose     string          // "For decision"
	Session     string          // "Public session"
	PaperTitle  string
	Period      string
	Prepared    string
	GeneratedAt string
	Generator   string
	Digest      string
	Anonymised  bool
	// ChairHTML and ChairMD are the chair's own words (the pack's
	// forum.summary), rendered; empty when there are none.
	ChairHTML template.HTML
	ChairMD   string
	// Periods groups the PCNs by the period they sent, the pack's own
	// first; more than one means the merge allowed mixed periods.
	Periods []periodGroup

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
	TopTie             []string // themes tied across the cut of the top N (tieAtCut), with
	TopTiePlace        int      // the place they share
	OtherWeightTie     []string
	OtherMethodTie     []string
	MethodSettlesTie   bool // the other count only settles TopTie (pcnjson.Ranking.SettledTie)
	WeightSettlesTie   bool // the other weighting does
	MethodsAgree       bool
	WeightingsDisagree bool
	Pairwise           pairwiseView

	Consensus []consensusRow
	Needed    int
	Minority  []minorityRow
	Recs      []forumRec // SUPPORT resolutions first, then NOTEs
	Supports  int        // how many of Recs are resolutions to support

	Services      []serviceTally
	AnyRed        int // services with at least one PCN off track
	Workload      []forumWorkloadRow
	WorkloadNotes int
	WorkloadHigh  int
	Workforce     forumWorkforceView // workforce.go
	Changes       *forumChangesView  // forum_changes.go: nil without --since

	Members    int
	Missing    []string // codes; none when anonymised
	MissingN   int      // members that sent nothing
	NonMembers []string

	Quotes      []themeQuotes
	Statements  []statementRow
	Submissions []submissionRow
	Notes       []string

	// Signatures (forum_signatures.go): the cover sheet's sentence, and
	// each submission's signature, row for row with Submissions.
	SignatureLine  string
	SubmissionSigs []signatureCell
	AnySigned      bool
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
	Name     string
	Position int
	PCNs     int
	Share    string
	PopShare string
}

type minorityRow struct {
	Name     string
	Position int
	PCNs     []string
}

// forumRec is one numbered recommendation. A resolution to SUPPORT asks
// is Asks (one: the resolution is that ask; several: listed under Text);
// Why says where the theme stands. A NOTE is Text alone.
type forumRec struct {
	Verb    string // SUPPORT or NOTE
	Text    string // after "The Board is asked to VERB"
	Asks    []jointAsk
	Why     string
	Unasked string // the priorities behind it with no ask, in words
}

// jointAsk is one ask as a resolution words it, with who asked.
type jointAsk struct {
	Text string // the ask, as a clause: "fund modular consulting rooms"
	By   string // "asked by 5 PCNs: A, B, C, D, E"
}

// periodGroup is the PCNs that sent one period.
type periodGroup struct {
	Period string
	PCNs   []string
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
func newForumView(p *pcnjson.Pack) *forumView {
	v := &forumView{
		Forum: pcnjson.Meeting{
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
	if w := p.Forum.Summary; w != "" {
		v.ChairHTML, v.ChairMD = ChairHTML(w), ChairMarkdown(w)
	}
	v.ranking(p)
	v.sections(p)
	v.periods(p)
	v.Workforce = newForumWorkforceView(p)
	v.Changes = newForumChangesView(p)
	v.recommendations(p)
	v.signatures(p)
	return v
}

// Title is the page title.
func (v *forumView) Title() string { return v.PaperTitle }
