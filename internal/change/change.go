// Package change is what changed between two submissions (SPEC §14): one
// pure function, Diff, over two documents, behind `pcnvoice diff`, the
// app's Overview ("2 services changed status, 1 new priority …") and its
// details view, the Services trail and the submission paper's
// previous-period status. It reads nothing and writes nothing: the callers
// decode the files and read the database's history.
//
// Every member of a submission's content is compared, so two documents
// whose content differs always give a diff that is not empty, and two
// with the same content (the same content hash, whatever their revision
// or time) give an empty one. Records are matched by what names them:
// services by key, practices by ODS code, workforce roles by role key
// (and whether the workforce was reported at all). Priorities
// and workload notes have no such name:
//
//   - priorities are paired first with one the same in every member (an
//     unchanged priority is never reported), then by theme and title,
//     then, among those left, by title alone (the theme was changed); titles compared with
//     spacing and case ignored. Where several share a theme and title they
//     are paired in rank order. What is left over was added or removed.
//     So a priority whose title was reworded reads as one removed and one
//     added: the title is what a director recognises it by.
//   - workload notes are a multiset of (date, category, severity, text):
//     the notes added are those now that were not then, counting repeats,
//     and the notes removed the other way round. A note edited is one
//     removed and one added.
package change

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// Kind says what happened to a record.
type Kind string

// The kinds of change.
const (
	Added   Kind = "added"
	Removed Kind = "removed"
	Changed Kind = "changed"
)

// mirror is the kind seen from the other side.
func (k Kind) mirror() Kind {
	switch k {
	case Added:
		return Removed
	case Removed:
		return Added
	}
	return k
}

// Side names one of the two documents compared. Source is the caller's
// name for it ("revision 3", a file name, "current content"); Revision,
// GeneratedAt and Digest are empty for content never exported.
type Side struct {
	Source      string `json:"source"`
	Period      string `json:"period"`
	Revision    int    `json:"revision,omitempty"`
	GeneratedAt string `json:"generated_at,omitempty"`
	Digest      string `json:"digest,omitempty"`
	PCN         string `json:"pcn"`
}

// Changes is everything that differs between two submissions, in SPEC
// §14's order: services, priorities, workload notes, practices,
// workforce, statement. The PCN's own details (name, ICS …) come first,
// and the period is in From and To. Lists are never nil, so the JSON has
// [] rather than null.
type Changes struct {
	From Side `json:"from"`
	To   Side `json:"to"`
	// PCN is the PCN's details when any differ, nil when none does.
	PCN        *PCN       `json:"pcn"`
	Services   []Service  `json:"services"`
	Priorities []Priority `json:"priorities"`
	Workload   Workload   `json:"workload"`
	Practices  []Practice `json:"practices"`
	// Workforce is each role whose WTE or note changed, was added or
	// removed; WorkforceReported, when not nil, says the workforce was
	// reported on one side only (the member absent on the other: "not
	// reported", never "no staff").
	Workforce         []Role    `json:"workforce"`
	WorkforceReported *Reported `json:"workforce_reported"`
	StatementChanged  bool      `json:"statement_changed"`
}

// Reported is whether something was reported then and now.
type Reported struct {
	Then bool `json:"then"`
	Now  bool `json:"now"`
}

// PCN is the PCN's details then and now, and which members differ
// ("code", "name", "ics", "place", "clinical_director", "population").
type PCN struct {
	Fields []string   `json:"fields"`
	Then   domain.PCN `json:"then"`
	Now    domain.PCN `json:"now"`
}

// Service is one service that changed: added, removed, or with Fields
// ("name", "status", "note") differing. Then is nil when it was added,
// Now when it was removed.
type Service struct {
	Key    string          `json:"key"`
	Change Kind            `json:"change"`
	Fields []string        `json:"fields"`
	Then   *domain.Service `json:"then"`
	Now    *domain.Service `json:"now"`
}

// StatusChanged reports whether the service is in both and its status moved.
func (s Service) StatusChanged() bool { return slices.Contains(s.Fields, "status") }

// Priority is one priority that changed: added, removed, or matched (see
// the package comment) with Fields ("rank", "theme", "title", "ask",
// "rationale") differing: "rank" alone is a re-ranking.
type Priority struct {
	Change Kind             `json:"change"`
	Fields []string         `json:"fields"`
	Then   *domain.Priority `json:"then"`
	Now    *domain.Priority `json:"now"`
}

// Workload is the notes added and removed, in the submission's order
// (date, category, text, severity).
type Workload struct {
	Added   []domain.Note `json:"added"`
	Removed []domain.Note `json:"removed"`
}

// Practice is one practice that changed: added, removed, or with Fields
// ("name", "list_size") differing.
type Practice struct {
	Code   string           `json:"ods_code"`
	Change Kind             `json:"change"`
	Fields []string         `json:"fields"`
	Then   *domain.Practice `json:"then"`
	Now    *domain.Practice `json:"now"`
}

// Role is one workforce role that changed, by role key: added, removed,
// or with Fields ("wte_in_post", "wte_planned", "wte_recruiting", "note")
// differing — its WTE then and now.
type Role struct {
	Role   string       `json:"role"`
	Change Kind         `json:"change"`
	Fields []string     `json:"fields"`
	Then   *domain.Role `json:"then"`
	Now    *domain.Role `json:"now"`
}

// Options are how Diff orders what it reports. Zero options order
// services by key.
type Options struct {
	// CompareServices orders service keys as the catalogue lists them
	// (config.(*Config).CompareServices): SPEC §6's order, that of every
	// screen and paper. Nil means by key.
	CompareServices func(a, b string) int
}

// Diff returns what changed from a to b. Neither is changed. It never
// fails: any two documents can be compared, even two PCNs' (the PCN's
// code is then among the details that differ).
func Diff(a, b *pcnjson.Document, opt Options) Changes {
	c := Changes{
		From: side(a), To: side(b),
		Services: []Service{}, Priorities: []Priority{}, Practices: []Practice{}, Workforce: []Role{},
		Workload:         notes(a.Workload, b.Workload),
		StatementChanged: a.Statement != b.Statement,
	}
	if f := pcnFields(a.PCN, b.PCN); len(f) > 0 {
		c.PCN = &PCN{Fields: f, Then: a.PCN, Now: b.PCN}
	}
	c.Services = services(a.Services, b.Services)
	c.Priorities = priorities(a.Priorities, b.Priorities)
	c.Practices = practices(a.Practices, b.Practices)
	c.Workforce = roles(a.Roles(), b.Roles())
	if (a.Workforce == nil) != (b.Workforce == nil) {
		c.WorkforceReported = &Reported{Then: a.Workforce != nil, Now: b.Workforce != nil}
	}
	c.sort(opt)
	return c
}

func side(d *pcnjson.Document) Side {
	return Side{Period: d.Period, Revision: d.Revision, GeneratedAt: d.GeneratedAt, Digest: d.Digest, PCN: d.PCN.Code}
}

// Empty reports whether nothing in the content differs: not the period,
// the PCN's details, nor any record or the statement.
func (c Changes) Empty() bool {
	return c.From.Period == c.To.Period && c.PCN == nil && len(c.Services) == 0 && len(c.Priorities) == 0 &&
		len(c.Workload.Added) == 0 && len(c.Workload.Removed) == 0 && len(c.Practices) == 0 &&
		len(c.Workforce) == 0 && c.WorkforceReported == nil && !c.StatementChanged
}

// PeriodChanged reports whether the two documents are for different periods.
func (c Changes) PeriodChanged() bool { return c.From.Period != c.To.Period }

// Mirror returns the changes from b to a, given those from a to b: added
// is removed, then is now. Diff(b, a) is Diff(a, b).Mirror() exactly.
func (c Changes) Mirror(opt Options) Changes {
	m := c
	m.From, m.To = c.To, c.From
	if c.PCN != nil {
		m.PCN = &PCN{Fields: c.PCN.Fields, Then: c.PCN.Now, Now: c.PCN.Then}
	}
	m.Services = make([]Service, len(c.Services))
	for i, s := range c.Services {
		m.Services[i] = Service{Key: s.Key, Change: s.Change.mirror(), Fields: s.Fields, Then: s.Now, Now: s.Then}
	}
	m.Priorities = make([]Priority, len(c.Priorities))
	for i, p := range c.Priorities {
		m.Priorities[i] = Priority{Change: p.Change.mirror(), Fields: p.Fields, Then: p.Now, Now: p.Then}
	}
	m.Practices = make([]Practice, len(c.Practices))
	for i, p := range c.Practices {
		m.Practices[i] = Practice{Code: p.Code, Change: p.Change.mirror(), Fields: p.Fields, Then: p.Now, Now: p.Then}
	}
	m.Workforce = make([]Role, len(c.Workforce))
	for i, r := range c.Workforce {
		m.Workforce[i] = Role{Role: r.Role, Change: r.Change.mirror(), Fields: r.Fields, Then: r.Now, Now: r.Then}
	}
	if r := c.WorkforceReported; r != nil {
		m.WorkforceReported = &Reported{Then: r.Now, Now: r.Then}
	}
	m.Workload = Workload{Added: c.Workload.Removed, Removed: c.Workload.Added}
	m.sort(opt)
	return m
}

// sort puts every list in the order it is reported in: services in the
// catalogue's order, priorities by rank (now's, else then's; removed ones
// last), practices by code.
func (c *Changes) sort(opt Options) {
	byService := opt.CompareServices
	if byService == nil {
		byService = strings.Compare
	}
	slices.SortStableFunc(c.Services, func(a, b Service) int { return cmp.Or(byService(a.Key, b.Key), strings.Compare(a.Key, b.Key)) })
	slices.SortStableFunc(c.Priorities, comparePriorities)
	slices.SortStableFunc(c.Practices, func(a, b Practice) int { return strings.Compare(a.Code, b.Code) })
	slices.SortStableFunc(c.Workforce, func(a, b Role) int { return strings.Compare(a.Role, b.Role) })
}

// comparePriorities orders priorities as the list now reads — by rank now,
// the ones removed after, by rank then — and, where that ties (only a
// document with repeated ranks could), by every member, so that the order
// depends on the priorities alone, not on the order they were found in.
func comparePriorities(a, b Priority) int {
	ka, kb := priorityKey(a), priorityKey(b)
	return cmp.Or(cmp.Compare(ka.removed, kb.removed), cmp.Compare(ka.rank, kb.rank), ka.rest.compare(kb.rest))
}

type pkey struct {
	removed int // 1 for a priority removed: after the rest
	rank    int
	rest    pair
}

func priorityKey(p Priority) pkey {
	if p.Now == nil {
		return pkey{removed: 1, rank: p.Then.Rank, rest: pair{p.Then, p.Now}}
	}
	return pkey{rank: p.Now.Rank, rest: pair{p.Now, p.Then}}
}

// pair is a priority and its other side, compared member by member.
type pair struct{ a, b *domain.Priority }

func (p pair) compare(q pair) int {
	return cmp.Or(comparePriority(p.a, q.a), comparePriority(p.b, q.b))
}

func comparePriority(a, b *domain.Priority) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return cmp.Or(cmp.Compare(a.Rank, b.Rank), strings.Compare(a.Theme, b.Theme), strings.Compare(a.Title, b.Title),
		strings.Compare(a.Ask, b.Ask), strings.Compare(a.Rationale, b.Rationale))
}

// pcnFields lists the PCN's members that differ, in the file's order.
func pcnFields(a, b domain.PCN) []string {
	var f fields
	f.add("code", a.Code != b.Code)
	f.add("name", a.Name != b.Name)
	f.add("ics", a.ICS != b.ICS)
	f.add("place", a.Place != b.Place)
	f.add("clinical_director", a.ClinicalDirector != b.ClinicalDirector)
	f.add("population", a.Population != b.Population)
	return f
}

// services compares services by key.
func services(a, b []domain.Service) []Service {
	return keyed(a, b, func(s *domain.Service) string { return s.Key },
		func(was, now *domain.Service) (f fields) {
			f.add("name", was.Name != now.Name)
			f.add("status", was.Status != now.Status)
			f.add("note", was.Note != now.Note)
			return f
		},
		func(key string, c Kind, f []string, was, now *domain.Service) Service {
			return Service{Key: key, Change: c, Fields: f, Then: clone(was), Now: clone(now)}
		})
}

// practices compares practices by ODS code.
func practices(a, b []domain.Practice) []Practice {
	return keyed(a, b, func(p *domain.Practice) string { return p.ODSCode },
		func(was, now *domain.Practice) (f fields) {
			f.add("name", was.Name != now.Name)
			f.add("list_size", was.ListSize != now.ListSize)
			return f
		},
		func(code string, c Kind, f []string, was, now *domain.Practice) Practice {
			return Practice{Code: code, Change: c, Fields: f, Then: clone(was), Now: clone(now)}
		})
}

// roles compares workforce roles by key.
func roles(a, b []domain.Role) []Role {
	return keyed(a, b, func(r *domain.Role) string { return r.Key },
		func(was, now *domain.Role) (f fields) {
			f.add("wte_in_post", was.InPost != now.InPost)
			f.add("wte_planned", was.Planned != now.Planned)
			f.add("wte_recruiting", was.Recruiting != now.Recruiting)
			f.add("note", was.Note != now.Note)
			return f
		},
		func(key string, c Kind, f []string, was, now *domain.Role) Role {
			return Role{Role: key, Change: c, Fields: f, Then: role(was), Now: role(now)}
		})
}

// role is r as a submission holds it, without the database's ID; nil
// stays nil.
func role(r *domain.Role) *domain.Role {
	if r == nil {
		return nil
	}
	v := *r
	v.ID = 0
	return &v
}

// clone copies *p, so a Changes never shares memory with the documents
// compared; nil stays nil.
func clone[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
