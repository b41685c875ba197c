package report

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// view is a submission arranged for reading: catalogue names looked up,
// counts made, and every string from the file sanitised (termtext), so the
// Markdown and HTML renderers show the same facts and neither has to
// remember to clean text. The JSON stays byte-faithful; only what is shown
// is cleaned.
type view struct {
	PCN         domain.PCN
	Period      string
	Revision    int
	GeneratedAt string // as in the file, RFC 3339
	Exported    string // HumanTime of GeneratedAt
	Generator   string
	Digest      string
	Statement   string

	Recs    []rec // priorities with an ask: the PCN's recommendations
	Unasked []rec // priorities with no ask for the board: raised, not recommended

	Services     []serviceRow
	StatusCounts []StatusCount
	StatusLine   string

	Notes      int
	FirstNote  string
	LastNote   string
	Severities []severityCount // high first
	Categories []categoryRow   // most notes first
	HighNotes  []noteRow       // newest first

	Practices  []practiceRow
	Population int64

	Workforce workforceView // workforce.go
	Since     *sinceView    // since.go: the previous period's statuses, when known
}

type rec struct {
	Rank      int
	Ask       string
	Title     string
	Theme     string // display name from the catalogue
	Rationale string
}

type serviceRow struct {
	Key    string
	Name   string
	Status domain.Status
	Note   string
	// Was is the status in the previous period and New says the service
	// was not listed then (since.go); both unset without history.
	Was domain.Status
	New bool
}

type severityCount struct {
	Severity domain.Severity
	Count    int
}

type categoryRow struct {
	Name                 string
	Total, High, Med, Lo int
}

type noteRow struct {
	Date, Category, Text string
}

type practiceRow struct {
	Code, Name string
	ListSize   int64
	Share      string
}

// clean is the one place report text from a file is made safe to show.
func clean(s string) string { return termtext.Sanitize(s) }

// newView arranges d for reading, with names from cfg's catalogues.
func newView(d *pcnjson.Document, cfg *config.Config) *view {
	v := &view{
		PCN: domain.PCN{
			Code: clean(d.PCN.Code), Name: clean(d.PCN.Name), ICS: clean(d.PCN.ICS),
			Place: clean(d.PCN.Place), ClinicalDirector: clean(d.PCN.ClinicalDirector),
		},
		Period:      clean(d.Period),
		Revision:    d.Revision,
		GeneratedAt: clean(d.GeneratedAt),
		Exported:    clean(HumanTime(d.GeneratedAt)),
		Generator:   clean(d.Generator),
		Digest:      clean(d.Digest),
		Statement:   clean(d.Statement),
		Notes:       len(d.Workload),
	}
	for _, p := range d.Priorities {
		r := rec{
			Rank: p.Rank, Ask: clean(strings.TrimSpace(p.Ask)), Title: clean(p.Title),
			Theme: clean(config.Name(cfg.Themes, p.Theme)), Rationale: clean(p.Rationale),
		}
		// A priority with no ask is never a resolution ("The Board is
		// asked to SUPPORT:" and nothing a board could vote on).
		if r.Ask == "" {
			v.Unasked = append(v.Unasked, r)
			continue
		}
		v.Recs = append(v.Recs, r)
	}
	for _, s := range d.Services {
		name := s.Name
		if name == "" {
			name = config.Name(cfg.Services, s.Key)
		}
		v.Services = append(v.Services, serviceRow{Key: s.Key, Name: clean(name), Status: domain.Status(clean(string(s.Status))), Note: clean(s.Note)})
	}
	// The catalogue's order, as on every screen and paper (SPEC §6), so a
	// board member finds a service where the last paper had it; the
	// counts and chart above the table give the worst at a glance.
	slices.SortStableFunc(v.Services, func(a, b serviceRow) int { return cfg.CompareServices(a.Key, b.Key) })
	v.StatusCounts = CountStatuses(d.Services)
	v.StatusLine = clean(StatusCountLine(v.StatusCounts))
	v.workload(d.Workload, cfg)
	v.Workforce = newWorkforceView(d, cfg)
	for _, p := range d.Practices {
		v.Population += p.ListSize
	}
	for _, p := range d.Practices {
		v.Practices = append(v.Practices, practiceRow{
			Code: clean(p.ODSCode), Name: clean(p.Name), ListSize: p.ListSize, Share: Percent(p.ListSize, v.Population),
		})
	}
	return v
}

// workload counts notes by category and severity and picks the high ones.
func (v *view) workload(notes []domain.Note, cfg *config.Config) {
	bySev := map[domain.Severity]int{}
	byCat := map[string]*categoryRow{}
	for _, n := range notes {
		if v.FirstNote == "" || n.Date < v.FirstNote {
			v.FirstNote = clean(n.Date)
		}
		if n.Date > v.LastNote {
			v.LastNote = clean(n.Date)
		}
		bySev[n.Severity]++
		c := byCat[n.Category]
		if c == nil {
			c = &categoryRow{Name: clean(config.Name(cfg.Categories, n.Category))}
			byCat[n.Category] = c
		}
		c.Total++
		switch n.Severity {
		case domain.High:
			c.High++
			v.HighNotes = append(v.HighNotes, noteRow{Date: clean(n.Date), Category: c.Name, Text: clean(n.Text)})
		case domain.Medium:
			c.Med++
		default:
			c.Lo++
		}
	}
	for _, s := range []domain.Severity{domain.High, domain.Medium, domain.Low} {
		v.Severities = append(v.Severities, severityCount{Severity: s, Count: bySev[s]})
	}
	for _, c := range byCat {
		v.Categories = append(v.Categories, *c)
	}
	// Most notes first, then most high-severity, then by name: a stable
	// order that puts the biggest pressures at the top of the page.
	slices.SortFunc(v.Categories, func(a, b categoryRow) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(b.High, a.High), cmp.Compare(a.Name, b.Name))
	})
	slices.SortStableFunc(v.HighNotes, func(a, b noteRow) int { return cmp.Compare(b.Date, a.Date) })
}

// orNotSet shows an empty cover field as "not set" rather than a blank a
// reader might take for a rendering fault.
func orNotSet(s string) string {
	if s == "" {
		return "not set"
	}
	return s
}

// countWord writes "1 note" or "12 notes".
func countWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// CategoryChart reports whether the workload chart tells a reader
// anything the table does not: with every category at the same count,
// its bars would all be the same length.
func (v *view) CategoryChart() bool {
	for _, c := range v.Categories {
		if c.Total != v.Categories[0].Total {
			return true
		}
	}
	return false
}
