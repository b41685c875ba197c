package pcnjson

import (
	"encoding/json"
	"slices"
)

// PackVersion is the forum pack format's version; its format word is
// ForumFormat.
const PackVersion = 1

// MaxPackSize caps a forum pack file. A pack embeds every submission it
// counted; a national merge of 1,250 submissions is tens of MiB, so packs
// get room that single submissions (MaxSize) do not.
const MaxPackSize = 256 << 20

// Pack is a forum pack as it is written to JSON (format "pcnvoice.forum",
// version 1). Member order is the order a reader of the file meets them:
// the cover, the result, the sections, then the evidence (the submissions
// list and the embedded documents) and the digest. Slices are never nil in
// a pack Merge makes, so empty sections encode as [] rather than null.
type Pack struct {
	Format      string `json:"format"`
	Version     int    `json:"version"`
	Generator   string `json:"generator"`
	GeneratedAt string `json:"generated_at"`
	Period      string `json:"period"`
	// Anonymised is true when the quoted sections name PCNs by label ("PCN
	// A") instead of code and name. The submissions list and the embedded
	// documents still name every PCN: they are what makes the pack
	// mergeable and checkable, so the JSON pack is the forum's working file,
	// and the Markdown and HTML renderings are the anonymous board papers.
	Anonymised bool       `json:"anonymised"`
	Forum      Meeting    `json:"forum"`
	Notes      []string   `json:"notes"` // how to read the pack: the rules behind each section
	Ranking    Ranking    `json:"ranking"`
	Support    []Support  `json:"support"`
	Consensus  Consensus  `json:"consensus"`
	Minority   []Minority `json:"minority"`
	// Recommendations are the resolutions the forum puts to its board
	// (SPEC §5), in the forum's order: one per theme in its top or its
	// consensus that a PCN behind it made an ask under.
	Recommendations []Recommendation `json:"recommendations"`
	Services        []Service        `json:"services"`
	Workload        []Workload       `json:"workload"`
	Workforce       Workforce        `json:"workforce"` // packworkforce.go
	Coverage        Coverage         `json:"coverage"`
	// Changes is what moved since the forum's previous pack, when the
	// merge was given one (packchanges.go).
	Changes     *Changes `json:"changes,omitempty"`
	Quotes      Quotes   `json:"quotes"`
	Submissions []Entry  `json:"submissions"`
	// Embedded holds each counted submission, in code order, in its RFC
	// 8785 canonical form: every member kept, unknown ones included, so
	// each still verifies against its own digest when the pack is merged
	// again. EncodePack writes one submission a line.
	Embedded []json.RawMessage `json:"embedded"`
	Digest   string            `json:"digest,omitempty"`

	// Documents are the embedded submissions decoded, in the same order.
	// Embed and DecodePack fill it; it is not part of the file.
	Documents []*Document `json:"-"`

	// subs are the submissions Embed or DecodePack embedded, each
	// canonical by construction: EncodePack takes an item of Embedded
	// that is still the very slice one of them holds as it is, and checks
	// any other.
	subs []*Submission
}

// Embed makes subs, in order, the pack's embedded submissions.
func (p *Pack) Embed(subs []*Submission) {
	p.subs = subs
	p.Embedded = make([]json.RawMessage, len(subs))
	p.Documents = make([]*Document, len(subs))
	for i, s := range subs {
		p.Embedded[i], p.Documents[i] = s.canon, s.Doc
	}
}

// Counted returns the submissions the pack embeds, as Embed or DecodePack
// set them: merging a pack means merging these.
func (p *Pack) Counted() []*Submission { return p.subs }

// Meeting is the cover-sheet part of the config's [forum] section, copied
// into the pack so a rendering needs nothing but the pack.
type Meeting struct {
	Name        string `json:"name"`
	Chair       string `json:"chair"`
	MeetingDate string `json:"meeting_date"`
	Purpose     string `json:"purpose"`
	Session     string `json:"session"`
	// Summary is the chair's own words for the board, Markdown (the
	// config's [forum] summary_file), carried so that a pack rendered
	// later still has them.
	Summary string `json:"summary"`
}

// Ref names a PCN in a quoted section. Label is what a reader sees: the
// PCN's name, or "PCN A" in an anonymised pack, where Code is left out.
// (The name is not repeated beside the label: the quotes section names a
// PCN once per ask, and at national scale that is thousands of times.)
type Ref struct {
	Label string `json:"label"`
	Code  string `json:"code,omitempty"`
}

// Entry is one counted submission in the pack's list of evidence.
type Entry struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Label       string `json:"label,omitempty"` // the anonymous label, in an anonymised pack
	Population  int64  `json:"population"`
	Revision    int    `json:"revision"`
	Period      string `json:"period"`
	GeneratedAt string `json:"generated_at"`
	Digest      string `json:"digest"`
	// Signature is the submission's signature as this pack's merge
	// checked it, with what a later merge needs to check it again.
	Signature Signature `json:"signature"`
}

// Place is one theme's place in an order (see rank.Place for Score).
type Place struct {
	Position int     `json:"position"`
	Theme    string  `json:"theme"`
	Name     string  `json:"name"`
	Score    float64 `json:"score"`
}

// Ranking is the forum's ordering of themes and the numbers behind it.
type Ranking struct {
	Method  string  `json:"method"`
	Weight  string  `json:"weight"`
	Top     int     `json:"top"`
	Ballots int     `json:"ballots"`
	Order   []Place `json:"order"`
	// TopThemes are the themes placed at most Top; a tie at the cut keeps
	// every tied theme, so there may be more than Top.
	TopThemes   []string    `json:"top_themes"`
	OtherMethod Alternative `json:"other_method"`
	OtherWeight Alternative `json:"other_weight"`
	// WeightingsDisagree is true when equal and population weights put a
	// different set of themes in the top N: large PCNs would tip it.
	WeightingsDisagree bool     `json:"weightings_disagree"`
	Pairwise           Pairwise `json:"pairwise"`
}

// TieAtCut returns the places tied across the cut of the top n in order —
// why a top 3 can name four themes — or none when the top n is n themes.
func TieAtCut(order []Place, n int) []Place {
	in, last := 0, 0
	for _, pl := range order {
		if pl.Position <= n {
			in++
			last = max(last, pl.Position)
		}
	}
	if in <= n {
		return nil
	}
	var tied []Place
	for _, pl := range order {
		if pl.Position == last {
			tied = append(tied, pl)
		}
	}
	return tied
}

// SettledTie returns the place of a tie across the cut of r's top that alt
// only settles — alt's top is some of r's tied top themes, no others — or
// 0. A count or weighting that does no more than that does not disagree
// about which themes matter, and the papers and the app say so.
func (r Ranking) SettledTie(alt Alternative) int {
	tie := TieAtCut(r.Order, r.Top)
	if len(tie) == 0 {
		return 0
	}
	for _, t := range alt.TopThemes {
		if !slices.Contains(r.TopThemes, t) {
			return 0
		}
	}
	// Every theme placed above the tie must be in alt's top too: one
	// dropped for a tied one is a disagreement, not a settled tie.
	for _, pl := range r.Order {
		if pl.Position < tie[0].Position && !slices.Contains(alt.TopThemes, pl.Theme) {
			return 0
		}
	}
	return tie[0].Position
}

// Alternative is the same ballots ranked another way, shown beside the
// chosen result. Exactly one of Method and Weight differs from the main one.
type Alternative struct {
	Method    string   `json:"method"`
	Weight    string   `json:"weight"`
	Order     []Place  `json:"order"`
	TopThemes []string `json:"top_themes"`
}

// Pairwise is the preference matrix behind Schulze under the chosen weight:
// Counts[i][j] is the weight of ballots ranking Themes[i] above Themes[j].
type Pairwise struct {
	Themes []string    `json:"themes"`
	Counts [][]float64 `json:"counts"`
}

// Support is how widely one theme is held, in the forum's order: First
// ballots rank it first, Top hold it among their first Top priorities, and
// Population is the registered population of the PCNs behind Top.
type Support struct {
	Theme      string `json:"theme"`
	Name       string `json:"name"`
	Position   int    `json:"position"`
	First      int    `json:"first"`
	Top        int    `json:"top"`
	Population int64  `json:"population"`
}

// Consensus lists the themes in the first Top priorities of at least
// two-thirds of the ballots (Needed of Ballots), in the forum's order.
type Consensus struct {
	Top     int              `json:"top"`
	Ballots int              `json:"ballots"`
	Needed  int              `json:"needed"`
	Themes  []ConsensusTheme `json:"themes"`
}

// ConsensusTheme is one consensus theme: how many ballots hold it in their
// first Top priorities, and the population of those PCNs.
type ConsensusTheme struct {
	Theme      string `json:"theme"`
	Name       string `json:"name"`
	Position   int    `json:"position"`
	Ballots    int    `json:"ballots"`
	Population int64  `json:"population"`
}

// Minority is a theme some PCN ranks first that is not in the forum's top.
type Minority struct {
	Theme    string `json:"theme"`
	Name     string `json:"name"`
	Position int    `json:"position"` // its place in the forum's order
	PCNs     []Ref  `json:"pcns"`
}

// Recommendation is one resolution for the board: the asks made under a
// theme in the forum's top or consensus by the PCNs that hold it there
// (among their first Top priorities), each distinct ask once with the
// PCNs that made it.
type Recommendation struct {
	Theme     string `json:"theme"`
	Name      string `json:"name"`
	Position  int    `json:"position"`
	InTop     bool   `json:"in_top"`    // placed in the forum's top
	Consensus bool   `json:"consensus"` // two-thirds hold it in their first Top
	// Asks are the distinct asks, most PCNs first. Asks that differ only
	// in spacing or case are one; the wording is that of the PCN ranking
	// it highest (then the first by code).
	Asks []JointAsk `json:"asks"`
	// Unasked are the priorities behind it with no ask for the board:
	// shown, never made into a resolution.
	Unasked []Ask `json:"unasked"`
}

// JointAsk is one ask and the PCNs that made it, in code order.
type JointAsk struct {
	Text string `json:"text"`
	PCNs []Ref  `json:"pcns"`
}

// Service is one service specification across the forum.
type Service struct {
	Key    string       `json:"key"`
	Name   string       `json:"name"`
	PCNs   int          `json:"pcns"`
	Counts StatusCounts `json:"counts"`
	Red    []Ref        `json:"red"`
}

// StatusCounts counts PCNs at each status.
type StatusCounts struct {
	Green      int `json:"green"`
	Amber      int `json:"amber"`
	Red        int `json:"red"`
	NotStarted int `json:"not_started"`
}

// Workload is one workload category across the forum.
type Workload struct {
	Category string `json:"category"`
	Name     string `json:"name"`
	Notes    int    `json:"notes"`
	High     int    `json:"high"`
	PCNs     int    `json:"pcns"` // how many PCNs raised it
}

// Coverage says whom the pack speaks for.
type Coverage struct {
	PCNs       int      `json:"pcns"`
	Population int64    `json:"population"`
	Members    int      `json:"members"`     // the [forum] member list's length; 0 when none is set
	Missing    []string `json:"missing"`     // member codes with no submission
	NonMembers []Ref    `json:"non_members"` // counted submissions from PCNs outside the list
}

// Quotes are every PCN's priorities, under their themes, and statements.
type Quotes struct {
	Priorities []ThemeQuotes `json:"priorities"`
	Statements []Statement   `json:"statements"`
}

// ThemeQuotes are the asks made under one theme, in the forum's order.
type ThemeQuotes struct {
	Theme string `json:"theme"`
	Name  string `json:"name"`
	Asks  []Ask  `json:"asks"`
}

// Ask is one PCN's priority, quoted.
type Ask struct {
	PCN   Ref    `json:"pcn"`
	Rank  int    `json:"rank"`
	Title string `json:"title"`
	Ask   string `json:"ask"`
}

// Statement is one PCN's own words to the forum.
type Statement struct {
	PCN  Ref    `json:"pcn"`
	Text string `json:"text"`
}
