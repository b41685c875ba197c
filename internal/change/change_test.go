package change

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// base is a small valid submission that each case changes one thing of.
func base() *pcnjson.Document {
	d := pcnjson.FromSnapshot(domain.Snapshot{
		Period: domain.Period{Year: 2026, Quarter: 2},
		PCN:    domain.PCN{Code: "U51234", Name: "Riverside Health PCN", ICS: "North ICS", Place: "Riverside", ClinicalDirector: "Dr Asha Patel"},
		Practices: []domain.Practice{
			{ODSCode: "Y99101", Name: "Bridge Street Surgery", ListSize: 9834},
			{ODSCode: "Y99102", Name: "Mill Lane Medical Centre", ListSize: 12410},
		},
		Services: []domain.Service{
			{Key: "cvd-prevention", Name: "CVD prevention and diagnosis", Status: domain.Amber, Note: "BP clinics behind."},
			{Key: "ehch", Name: "Enhanced health in care homes", Status: domain.Green, Note: ""},
			{Key: "enhanced-access", Name: "Enhanced access", Status: domain.Green, Note: "Saturday clinics full."},
		},
		Notes: []domain.Note{
			{Category: "estates", Severity: 3, Date: "2026-08-01", Text: "No room for the physio."},
			{Category: "it", Severity: 2, Date: "2026-08-03", Text: "Three laptops for nine staff."},
		},
		Priorities: []domain.Priority{
			{Rank: 1, Theme: "estates", Title: "Rooms for ARRS staff", Ask: "Fund four rooms.", Rationale: "No space."},
			{Rank: 2, Theme: "workforce", Title: "GP supervision", Ask: "Fund two sessions.", Rationale: ""},
			{Rank: 3, Theme: "digital", Title: "Laptops", Ask: "", Rationale: ""},
		},
		Workforce: []domain.Role{
			{Key: "clinical-pharmacist", InPost: 200, Planned: 300, Recruiting: 100, Note: ""},
			{Key: "paramedic", InPost: 100, Planned: 100},
		},
		WorkforceReported: true,
		Statement:         "We are stretched.",
	})
	d.Revision, d.GeneratedAt, d.Digest = 3, "2026-09-20T10:00:00Z", "sha256:aaaa"
	return &d
}

// catalogue is the services' order in these tests: not the keys' order.
var catalogue = []string{"ehch", "enhanced-access", "cvd-prevention"}

var opt = Options{CompareServices: func(a, b string) int {
	return slices.Index(catalogue, a) - slices.Index(catalogue, b)
}}

func svc(d *pcnjson.Document, key string) *domain.Service {
	for i := range d.Services {
		if d.Services[i].Key == key {
			return &d.Services[i]
		}
	}
	panic(key)
}

// TestEveryKindOfChange: one table row per kind of change SPEC §14 names
// (and the PCN's details), each giving the lines a person reads and the
// phrase the Overview shows.
func TestEveryKindOfChange(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(d *pcnjson.Document)
		summary string
		lines   []string
	}{
		{"nothing", func(d *pcnjson.Document) { d.Revision, d.GeneratedAt = 4, "2026-09-21T10:00:00Z" }, "", nil},
		{"a status", func(d *pcnjson.Document) { svc(d, "cvd-prevention").Status = domain.Red },
			"1 service changed status", []string{"Services", "  CVD prevention and diagnosis: amber → red"}},
		{"a note", func(d *pcnjson.Document) { svc(d, "enhanced-access").Note = "Evening slots too." },
			"1 service note changed", []string{"Services", "  Enhanced access: note changed",
				"      was: Saturday clinics full.", "      now: Evening slots too."}},
		{"status and note", func(d *pcnjson.Document) {
			s := svc(d, "ehch")
			s.Status, s.Note = domain.NotStarted, "Paused."
		}, "1 service changed status", []string{"Services", "  Enhanced health in care homes: green → not started; note changed",
			"      was: (none)", "      now: Paused."}},
		{"services in catalogue order", func(d *pcnjson.Document) {
			svc(d, "cvd-prevention").Status = domain.Green
			svc(d, "ehch").Status = domain.Red
		}, "2 services changed status", []string{"Services", "  Enhanced health in care homes: green → red", "  CVD prevention and diagnosis: amber → green"}},
		{"a service added and one gone", func(d *pcnjson.Document) {
			d.Services = append(d.Services[1:], domain.Service{Key: "neighbourhood-team", Name: "Integrated neighbourhood team", Status: domain.NotStarted})
		}, "1 service added, 1 service no longer listed", []string{"Services",
			"  Integrated neighbourhood team: new, not started", "  CVD prevention and diagnosis: no longer listed (was amber)"}},
		{"a service renamed", func(d *pcnjson.Document) { svc(d, "ehch").Name = "Care homes" },
			"1 service renamed", []string{"Services", "  Care homes: renamed from “Enhanced health in care homes”"}},
		{"a priority added", func(d *pcnjson.Document) {
			d.Priorities = append(d.Priorities, domain.Priority{Rank: 4, Theme: "funding", Title: "Capacity payment", Ask: "Confirm it for next year."})
		}, "1 new priority", []string{"Priorities", "  new: 4. Capacity payment (funding)", "      ask: Confirm it for next year."}},
		{"a priority removed, the rest re-ranked", func(d *pcnjson.Document) {
			d.Priorities = d.Priorities[1:]
			d.Priorities[0].Rank, d.Priorities[1].Rank = 1, 2
		}, "1 priority removed, 2 priorities re-ranked", []string{"Priorities",
			"  1. GP supervision: ranked 2 → 1", "  2. Laptops: ranked 3 → 2", "  removed: 1. Rooms for ARRS staff (estates)"}},
		{"two swapped", func(d *pcnjson.Document) {
			d.Priorities[0].Rank, d.Priorities[1].Rank = 2, 1
		}, "2 priorities re-ranked", []string{"Priorities", "  1. GP supervision: ranked 2 → 1", "  2. Rooms for ARRS staff: ranked 1 → 2"}},
		{"an ask changed", func(d *pcnjson.Document) { d.Priorities[1].Ask = "Fund three sessions." },
			"1 ask changed", []string{"Priorities", "  2. GP supervision: ask changed",
				"      ask was: Fund two sessions.", "      ask now: Fund three sessions."}},
		{"a title's case and spacing", func(d *pcnjson.Document) { d.Priorities[0].Title = "rooms for  ARRS staff" },
			"1 priority reworded", []string{"Priorities", "  1. rooms for  ARRS staff: title was “Rooms for ARRS staff”"}},
		{"a theme changed", func(d *pcnjson.Document) { d.Priorities[2].Theme = "it" },
			"1 priority reworded", []string{"Priorities", "  3. Laptops: theme digital → it"}},
		{"a title reworded reads as removed and added", func(d *pcnjson.Document) { d.Priorities[2].Title = "IT kit" },
			"1 new priority, 1 priority removed", []string{"Priorities", "  new: 3. IT kit (digital)", "  removed: 3. Laptops (digital)"}},
		{"a note added", func(d *pcnjson.Document) {
			d.Workload = append(d.Workload, domain.Note{Category: "demand", Severity: 3, Date: "2026-09-01", Text: "111 referrals doubled."})
		}, "1 note added", []string{"Workload notes", "  added: 2026-09-01 · demand · high · 111 referrals doubled."}},
		{"a note edited is removed and added", func(d *pcnjson.Document) { d.Workload[1].Severity = 3 },
			"1 note added, 1 note removed", []string{"Workload notes",
				"  added: 2026-08-03 · it · high · Three laptops for nine staff.",
				"  removed: 2026-08-03 · it · medium · Three laptops for nine staff."}},
		{"a repeated note counts", func(d *pcnjson.Document) { d.Workload = append(d.Workload, d.Workload[0]) },
			"1 note added", []string{"Workload notes", "  added: 2026-08-01 · estates · high · No room for the physio."}},
		{"a practice added", func(d *pcnjson.Document) {
			d.Practices = append(d.Practices, domain.Practice{ODSCode: "Y99107", Name: "New Surgery", ListSize: 4500})
			d.PCN.Population += 4500
		}, "1 practice added", []string{"Practices", "  added: Y99107 New Surgery (4,500 patients)", "  population 22,244 → 26,744"}},
		{"a practice removed", func(d *pcnjson.Document) {
			d.Practices = d.Practices[1:]
			d.PCN.Population = d.Practices[0].ListSize
		}, "1 practice removed", []string{"Practices", "  removed: Y99101 Bridge Street Surgery (9,834 patients)", "  population 22,244 → 12,410"}},
		{"a list size", func(d *pcnjson.Document) {
			d.Practices[0].ListSize++
			d.PCN.Population++
		}, "1 practice changed", []string{"Practices", "  Y99101 Bridge Street Surgery: list size 9,834 → 9,835", "  population 22,244 → 22,245"}},
		{"a role's WTE", func(d *pcnjson.Document) {
			(*d.Workforce)[0].InPost, (*d.Workforce)[0].Recruiting = 260, 40
		}, "1 workforce role changed", []string{"Workforce", "  clinical-pharmacist: in post 2.0 → 2.6, recruiting 1.0 → 0.4 WTE"}},
		{"a role's note", func(d *pcnjson.Document) { (*d.Workforce)[1].Note = "Shared with the next PCN." },
			"1 workforce role changed", []string{"Workforce", "  paramedic: note changed", "      was: (none)", "      now: Shared with the next PCN."}},
		{"a role added and one gone", func(d *pcnjson.Document) {
			*d.Workforce = []domain.Role{(*d.Workforce)[0], {Key: "physician-associate", InPost: 125, Planned: 200}}
		}, "2 workforce roles changed", []string{"Workforce",
			"  paramedic: no longer listed (was 1.0 in post, 1.0 planned, 0.0 recruiting WTE)",
			"  physician-associate: new, 1.25 in post, 2.0 planned, 0.0 recruiting WTE"}},
		{"no staff is not not reported", func(d *pcnjson.Document) { *d.Workforce = []domain.Role{} },
			"2 workforce roles changed", []string{"Workforce",
				"  clinical-pharmacist: no longer listed (was 2.0 in post, 3.0 planned, 1.0 recruiting WTE)",
				"  paramedic: no longer listed (was 1.0 in post, 1.0 planned, 0.0 recruiting WTE)"}},
		{"workforce not reported", func(d *pcnjson.Document) { d.Workforce = nil },
			"workforce no longer reported, 2 workforce roles changed", []string{"Workforce", "  not reported now (reported then)",
				"  clinical-pharmacist: no longer listed (was 2.0 in post, 3.0 planned, 1.0 recruiting WTE)",
				"  paramedic: no longer listed (was 1.0 in post, 1.0 planned, 0.0 recruiting WTE)"}},
		{"the statement", func(d *pcnjson.Document) { d.Statement = "" },
			"statement changed", []string{"Statement: changed"}},
		{"the PCN's name", func(d *pcnjson.Document) { d.PCN.Name = "Riverside PCN" },
			"PCN details changed", []string{"PCN", "  name: “Riverside Health PCN” → “Riverside PCN”"}},
		{"the period", func(d *pcnjson.Document) { d.Period = "2026/27 Q3" },
			"period 2026/27 Q2 → 2026/27 Q3", []string{"Period: 2026/27 Q2 → 2026/27 Q3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := base(), base()
			tt.edit(b)
			c := Diff(a, b, opt)
			if got := c.Summary(); got != tt.summary {
				t.Errorf("summary %q, want %q", got, tt.summary)
			}
			if got := c.Lines(Names{}); !slices.Equal(got, tt.lines) {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.lines, "\n"))
			}
			if c.Empty() != (tt.lines == nil) {
				t.Errorf("Empty() = %v", c.Empty())
			}
			if back := Diff(b, a, opt); !reflect.DeepEqual(back, c.Mirror(opt)) {
				t.Errorf("Diff(b, a) is not Diff(a, b) mirrored:\n%+v\n%+v", back, c.Mirror(opt))
			}
		})
	}
}

// TestSides: From and To say which documents were compared.
func TestSides(t *testing.T) {
	a, b := base(), base()
	b.Revision, b.Digest, b.Period = 0, "", "2026/27 Q3"
	c := Diff(a, b, Options{})
	want := Side{Period: "2026/27 Q2", Revision: 3, GeneratedAt: "2026-09-20T10:00:00Z", Digest: "sha256:aaaa", PCN: "U51234"}
	if c.From != want {
		t.Errorf("from %+v, want %+v", c.From, want)
	}
	if c.To != (Side{Period: "2026/27 Q3", GeneratedAt: "2026-09-20T10:00:00Z", PCN: "U51234"}) {
		t.Errorf("to %+v", c.To)
	}
}

// TestNamesAndHostileText: display names come from the caller's
// catalogue, and text from a file reaches the lines sanitised.
func TestNamesAndHostileText(t *testing.T) {
	a, b := base(), base()
	b.Priorities[0].Theme = "workforce"
	b.Workload = append(b.Workload, domain.Note{Category: "estates", Severity: 1, Date: "2026-09-02", Text: "Roof\x1b]52;c;SGVsbG8=\x07 leak\nagain\u202e"})
	names := Names{Theme: func(k string) string { return map[string]string{"estates": "Estates", "workforce": "Workforce"}[k] },
		Category: func(k string) string { return strings.ToUpper(k) }}
	got := strings.Join(Diff(a, b, opt).Lines(names), "\n")
	for _, want := range []string{"theme Estates → Workforce", "added: 2026-09-02 · ESTATES · low · Roof leak again"} {
		if !strings.Contains(got, want) {
			t.Errorf("lines lack %q:\n%s", want, got)
		}
	}
	if strings.ContainsAny(got, "\x1b\x07\u202e") {
		t.Errorf("raw control text in the lines: %q", got)
	}
}

// TestDiffChangesNeitherDocument: Diff reads its documents only.
func TestDiffChangesNeitherDocument(t *testing.T) {
	a, b := base(), base()
	b.Priorities = b.Priorities[:1]
	b.Services[0].Status = domain.Red
	ca, cb := *a, *b
	ca.Priorities, cb.Priorities = slices.Clone(a.Priorities), slices.Clone(b.Priorities)
	ca.Services, cb.Services = slices.Clone(a.Services), slices.Clone(b.Services)
	c := Diff(a, b, opt)
	c.Priorities[0].Then.Title = "changed through the diff"
	if !reflect.DeepEqual(*a, ca) || !reflect.DeepEqual(*b, cb) {
		t.Error("Diff or its result shares memory with the documents")
	}
}

// TestWorseAndBetter: the RAG scale, with not started off it.
func TestWorseAndBetter(t *testing.T) {
	g, a, r, n := domain.Green, domain.Amber, domain.Red, domain.NotStarted
	for _, tc := range []struct {
		then, now     domain.Status
		worse, better bool
	}{
		{g, a, true, false}, {g, r, true, false}, {a, r, true, false},
		{r, a, false, true}, {r, g, false, true}, {a, g, false, true},
		{g, g, false, false}, {r, r, false, false},
		{n, r, false, false}, {g, n, false, false}, {n, n, false, false}, {"purple", r, false, false},
	} {
		if Worse(tc.then, tc.now) != tc.worse || Better(tc.then, tc.now) != tc.better {
			t.Errorf("%s → %s: worse %v better %v", tc.then, tc.now, Worse(tc.then, tc.now), Better(tc.then, tc.now))
		}
	}
}
