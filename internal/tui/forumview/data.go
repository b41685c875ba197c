package forumview

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/report"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// data is a merged pack as the screen draws it. Every string in it came
// from other people's files and is sanitised here, once, when the pack
// arrives; the views only lay it out.
type data struct {
	source   string // what was opened, as typed
	files    int
	period   string
	pcns     int
	people   int64
	method   string // "Schulze" or "Borda"
	other    string // the other method's name
	weight   string // "equal" or "population"
	top      int
	warnings []string

	ranking  []rankRow
	disagree string // the other weighting's top, when the two disagree
	// settlesTie is the place of a tie across the top's cut that the
	// other weighting settles, when that is all they disagree on; 0 if not.
	settlesTie int
	consensus  pcnjson.Consensus
	minority   []minorityRow
	coverage   pcnjson.Coverage // Missing and NonMembers sanitised
	subs       []pcnRow
	signed     string         // the pack's signatures in one sentence (report.SignatureSummary)
	services   []serviceTally // the pack's order: the catalogue's
	workforce  workforce      // workforce.go
	workload   []workRow      // most high-severity notes first
}

// serviceTally is one service across the forum, as the paper's grid.
type serviceTally struct {
	name   string
	pcns   int
	counts [4]int // green, amber, red, not started
	red    []string
}

// workRow is one workload category across the forum.
type workRow struct {
	name              string
	notes, high, pcns int
}

type rankRow struct {
	pos          int
	name         string
	score        string
	otherMethod  int // the theme's position by the other method
	otherWeight  int // … and by the other weighting
	inTop        bool
	asks         []ask
	consensusYes bool
}

type ask struct{ who, title, ask string }

type minorityRow struct {
	name string
	pos  int
	pcns []string
}

// pcnRow is one counted submission, with what its detail view shows.
type pcnRow struct {
	code, name string
	population int64
	revision   int
	period     string
	digest     string
	priorities []priority
	services   []service
	statement  string // with its line breaks
	notes      int
	high       int
	hay        string            // lower-case code and name, for the filter
	sig        pcnjson.Signature // status, principal and fingerprint, sanitised
	workforce  string            // in a line (workforceLine)
}

type priority struct {
	rank               int
	theme, title, asks string
}

type service struct {
	status domain.Status
	name   string
}

// prepare turns a merged pack into what the screen draws.
func prepare(cfg *config.Config, p *pcnjson.Pack, warnings []forum.Warning, source string, files int) data {
	line := termtext.Line
	r := p.Ranking
	d := data{
		source: line(source), files: files, period: line(p.Period), pcns: p.Coverage.PCNs, people: p.Coverage.Population,
		method: methodName(r.Method), other: methodName(r.OtherMethod.Method), weight: line(r.Weight), top: r.Top,
		consensus: p.Consensus, coverage: p.Coverage,
	}
	d.consensus.Themes = make([]pcnjson.ConsensusTheme, len(p.Consensus.Themes))
	for i, c := range p.Consensus.Themes {
		c.Name = line(c.Name)
		d.consensus.Themes[i] = c
	}
	for _, w := range warnings {
		d.warnings = append(d.warnings, line(w.String()))
	}
	otherMethod, otherWeight := positions(r.OtherMethod.Order), positions(r.OtherWeight.Order)
	asks := map[string][]ask{}
	for _, tq := range p.Quotes.Priorities {
		quoted := slices.Clone(tq.Asks) // in code order: by rank, then code
		slices.SortStableFunc(quoted, func(a, b pcnjson.Ask) int { return cmp.Compare(a.Rank, b.Rank) })
		for _, a := range quoted {
			text := line(a.Ask)
			if strings.TrimSpace(text) == "" {
				text = "(no ask for the board)"
			}
			asks[tq.Theme] = append(asks[tq.Theme], ask{who: line(a.PCN.Label) + " (" + strconv.Itoa(a.Rank) + ")", title: line(a.Title), ask: text})
		}
	}
	top, agreed := set(r.TopThemes), map[string]bool{}
	for _, c := range p.Consensus.Themes {
		agreed[c.Theme] = true
	}
	for _, pl := range r.Order {
		d.ranking = append(d.ranking, rankRow{pos: pl.Position, name: line(pl.Name), score: score(pl.Score),
			otherMethod: otherMethod[pl.Theme], otherWeight: otherWeight[pl.Theme], inTop: top[pl.Theme],
			asks: asks[pl.Theme], consensusYes: agreed[pl.Theme]})
	}
	if r.WeightingsDisagree {
		var names []string
		for _, t := range r.OtherWeight.TopThemes {
			names = append(names, line(config.Name(cfg.Themes, t)))
		}
		d.disagree = strings.Join(names, ", ")
		// A tie at the cut that the other weighting only settles is not
		// a disagreement about which themes matter: say what it is.
		d.settlesTie = r.SettledTie(r.OtherWeight)
	}
	for _, mn := range p.Minority {
		row := minorityRow{name: line(mn.Name), pos: mn.Position}
		for _, ref := range mn.PCNs {
			row.pcns = append(row.pcns, line(ref.Label))
		}
		d.minority = append(d.minority, row)
	}
	d.coverage.Missing = make([]string, len(p.Coverage.Missing))
	for i, code := range p.Coverage.Missing {
		d.coverage.Missing[i] = line(code)
	}
	d.coverage.NonMembers = make([]pcnjson.Ref, len(p.Coverage.NonMembers))
	for i, ref := range p.Coverage.NonMembers {
		d.coverage.NonMembers[i] = pcnjson.Ref{Label: line(ref.Label), Code: line(ref.Code)}
	}
	for _, sv := range p.Services {
		t := serviceTally{name: line(sv.Name), pcns: sv.PCNs, counts: [4]int{sv.Counts.Green, sv.Counts.Amber, sv.Counts.Red, sv.Counts.NotStarted}}
		for _, ref := range sv.Red {
			t.red = append(t.red, line(ref.Label))
		}
		d.services = append(d.services, t)
	}
	d.workforce = prepareWorkforce(&p.Workforce)
	for _, w := range p.Workload {
		d.workload = append(d.workload, workRow{name: line(w.Name), notes: w.Notes, high: w.High, pcns: w.PCNs})
	}
	docs := map[string]*pcnjson.Document{}
	for _, doc := range p.Documents {
		docs[doc.PCN.Code] = doc
	}
	for _, e := range p.Submissions {
		d.subs = append(d.subs, pcnRowOf(cfg, e, docs[e.Code]))
	}
	d.signed = line(report.SignatureSummary(p))
	return d
}

func pcnRowOf(cfg *config.Config, e pcnjson.Entry, doc *pcnjson.Document) pcnRow {
	line := termtext.Line
	row := pcnRow{code: line(e.Code), name: line(e.Name), population: e.Population, revision: e.Revision,
		period: line(e.Period), digest: line(e.Digest)}
	row.hay = strings.ToLower(row.code + " " + row.name)
	row.sig = pcnjson.Signature{Status: line(e.Signature.Status), Principal: line(e.Signature.Principal), Fingerprint: line(e.Signature.Fingerprint)}
	if doc == nil {
		return row
	}
	for _, pr := range doc.Priorities {
		row.priorities = append(row.priorities, priority{rank: pr.Rank, theme: line(config.Name(cfg.Themes, pr.Theme)),
			title: line(pr.Title), asks: termtext.Sanitize(pr.Ask)})
	}
	ss := slices.Clone(doc.Services)
	slices.SortStableFunc(ss, func(a, b domain.Service) int { return cfg.CompareServices(a.Key, b.Key) })
	for _, s := range ss {
		name := s.Name
		if name == "" {
			name = config.Name(cfg.Services, s.Key)
		}
		row.services = append(row.services, service{status: s.Status, name: line(name)})
	}
	for _, n := range doc.Workload {
		row.notes++
		if n.Severity == domain.High {
			row.high++
		}
	}
	row.statement = termtext.Sanitize(doc.Statement)
	row.workforce = workforceLine(doc)
	return row
}

func methodName(m string) string {
	switch m {
	case "schulze":
		return "Schulze"
	case "borda":
		return "Borda"
	}
	return termtext.Line(m)
}

func positions(order []pcnjson.Place) map[string]int {
	out := make(map[string]int, len(order))
	for _, p := range order {
		out[p.Theme] = p.Position
	}
	return out
}

func set(items []string) map[string]bool {
	out := make(map[string]bool, len(items))
	for _, s := range items {
		out[s] = true
	}
	return out
}

// score writes a whole number as one ("11"), else with one decimal ("6.5").
func score(f float64) string {
	if f == float64(int64(f)) {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}
