package forum

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// A forum of six PCNs over two quarters, worked by hand. U30001–U30005
// sent in 2026/27 Q2; in Q3, U30005 sent nothing and U30006 joined. Each
// ballot ranks every theme of its quarter, and the forum ranks by Borda
// (2, 1 and 0 points), so the orders can be added up on paper:
//
//	Q2: U30001 W E D · U30002 W D E · U30003 E W D · U30004 W E D · U30005 D E W
//	    workforce 2+2+1+2+0 = 7 (1st), estates 1+0+2+1+1 = 5 (2nd), digital 0+1+0+0+2 = 3 (3rd)
//	Q3: U30001 E W F · U30002 E F W · U30003 E W F · U30004 W E F · U30006 F E W
//	    estates 8 (1st, ▲1), workforce 4 (2nd, ▼1), funding 3 (3rd, new); digital dropped (was 3rd)
//
// Services (cvd, ehch, ph) then → now, per PCN:
//
//	U30001 amber→RED  green→green  green→amber
//	U30002 amber→amber amber→green red→red
//	U30003 green→amber green→RED   not started→green
//	U30004 red→amber   amber→amber amber→RED
//	U30005 green, green, green (missing now)    U30006 green, green, red (joined)
//
// so cvd: 4 compared, 2 worse (U30001, U30003), 1 better (U30004), went
// red U30001; ehch: 1 worse, 1 better, went red U30003; ph: 2 worse, 0
// better (not started → green is neither), went red U30004 (U30002 was
// red already; U30006 is new).
//
// Workload: Q2 estates 2 notes (1 high) from 2 PCNs, it 2 (1 high) from
// 2; Q3 estates 3 (2 high) from 2, demand 1 (0 high) from 1, it none.
// Workforce: Q2 reported by 4 (U30002 did not; U30005 has no staff): in
// post 4.0 of 6.0; Q3 by 4 (U30003 did not): 7.0 of 9.0; clinical
// pharmacists 3.0/5.0 → 4.5/6.0, paramedics 1.0/1.0 → 0.5/1.0, care
// coordinators none → 2.0/2.0.

const (
	q2Code1, q2Code2, q2Code3, q2Code4, q2Code5, q3Code6 = "U30001", "U30002", "U30003", "U30004", "U30005", "U30006"
)

type quarterPCN struct {
	code     string
	themes   []string
	statuses [3]domain.Status // cvd-prevention, ehch, population-health
	notes    []domain.Note
	roles    *[]domain.Role // nil: not reported
}

func quarter(p domain.Period, pcns []quarterPCN) []forumtest.File {
	var files []forumtest.File
	for _, q := range pcns {
		s := forumtest.Simple(q.code, 10000, q.themes...)
		s.Period = p
		for i, k := range []string{"cvd-prevention", "ehch", "population-health"} {
			s.Services = append(s.Services, domain.Service{Key: k, Name: k, Status: q.statuses[i]})
		}
		s.Notes = q.notes
		if q.roles != nil {
			s.Workforce, s.WorkforceReported = *q.roles, true
		}
		files = append(files, fromSnapshot(q.code+".json", s, 1))
	}
	return files
}

func note(cat string, sev domain.Severity) domain.Note {
	return domain.Note{Category: cat, Severity: sev, Date: "2026-08-01", Text: cat + " note"}
}

func roles(rs ...domain.Role) *[]domain.Role { return &rs }

func cp(in, planned domain.WTE) domain.Role {
	return domain.Role{Key: "clinical-pharmacist", InPost: in, Planned: planned}
}

var (
	g, a, r, ns = domain.Green, domain.Amber, domain.Red, domain.NotStarted
	q2Period    = domain.Period{Year: 2026, Quarter: 2}
	q3Period    = domain.Period{Year: 2026, Quarter: 3}
)

func q2Files() []forumtest.File {
	return quarter(q2Period, []quarterPCN{
		{q2Code1, []string{"workforce", "estates", "digital"}, [3]domain.Status{a, g, g}, []domain.Note{note("estates", 3), note("it", 1)}, roles(cp(200, 300))},
		{q2Code2, []string{"workforce", "digital", "estates"}, [3]domain.Status{a, a, r}, []domain.Note{note("estates", 2)}, nil},
		{q2Code3, []string{"estates", "workforce", "digital"}, [3]domain.Status{g, g, ns}, nil, roles(domain.Role{Key: "paramedic", InPost: 100, Planned: 100})},
		{q2Code4, []string{"workforce", "estates", "digital"}, [3]domain.Status{r, a, a}, nil, roles(cp(100, 200))},
		{q2Code5, []string{"digital", "estates", "workforce"}, [3]domain.Status{g, g, g}, []domain.Note{note("it", 3)}, roles()},
	})
}

func q3Files() []forumtest.File {
	return quarter(q3Period, []quarterPCN{
		{q2Code1, []string{"estates", "workforce", "funding"}, [3]domain.Status{r, g, a}, []domain.Note{note("estates", 3), {Category: "estates", Severity: 3, Date: "2026-10-02", Text: "again"}}, roles(cp(250, 300))},
		{q2Code2, []string{"estates", "funding", "workforce"}, [3]domain.Status{a, g, r}, nil, roles(cp(100, 100))},
		{q2Code3, []string{"estates", "workforce", "funding"}, [3]domain.Status{a, r, g}, []domain.Note{note("demand", 2)}, nil},
		{q2Code4, []string{"workforce", "estates", "funding"}, [3]domain.Status{a, a, r}, nil,
			roles(cp(100, 200), domain.Role{Key: "care-coordinator", InPost: 200, Planned: 200})},
		{q3Code6, []string{"funding", "estates", "workforce"}, [3]domain.Status{g, g, r}, []domain.Note{note("estates", 1)},
			roles(domain.Role{Key: "paramedic", InPost: 50, Planned: 100})},
	})
}

func bordaOptions() Options {
	opt := configOptions()
	opt.Method = rank.Borda
	return opt
}

// q2Pack is last quarter's pack, decoded as --since reads it.
func q2Pack(tb testing.TB, opt Options) *pcnjson.Pack {
	tb.Helper()
	b, _ := mergeFiles(tb, opt, q2Files()...)
	p, err := pcnjson.DecodePack("q2.json", b)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func codes(rs []pcnjson.Ref) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return strings.Join(out, ",")
}

// TestChangesWorkedByHand: the two quarters give the movements, status
// changes and counts worked out above.
func TestChangesWorkedByHand(t *testing.T) {
	opt := bordaOptions()
	opt.Since = q2Pack(t, bordaOptions())
	p, w, err := Merge(read(t, q3Files()...), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 0 {
		t.Errorf("warnings: %s", warningText(w))
	}
	c := p.Changes
	if c == nil {
		t.Fatal("no changes section")
	}
	if c.Since.Period != "2026/27 Q2" || c.Since.Digest != opt.Since.Digest || c.Since.PCNs != 5 || c.Since.Method != "borda" {
		t.Errorf("since: %+v", c.Since)
	}

	type move struct {
		theme              string
		position, previous int // 0: none
		movement           int
		change             string
	}
	var got []move
	for _, m := range append(c.Themes, c.Dropped...) {
		prev := 0
		if m.Previous != nil {
			prev = *m.Previous
		}
		got = append(got, move{m.Theme, m.Position, prev, m.Movement, m.Change})
	}
	want := []move{{"estates", 1, 2, 1, "up"}, {"workforce", 2, 1, -1, "down"}, {"funding", 3, 0, 0, "new"}, {"digital", 0, 3, 0, "dropped"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("themes:\n got %+v\nwant %+v", got, want)
	}

	type svc struct {
		key                     string
		then, now               pcnjson.StatusCounts
		compared, worse, better int
		wentRed                 string
	}
	var gotS []svc
	for _, s := range c.Services {
		gotS = append(gotS, svc{s.Key, s.Then, s.Now, s.Compared, s.Worse, s.Better, codes(s.WentRed)})
	}
	wantS := []svc{ // the catalogue's order
		{"ehch", pcnjson.StatusCounts{Green: 3, Amber: 2}, pcnjson.StatusCounts{Green: 3, Amber: 1, Red: 1}, 4, 1, 1, q2Code3},
		{"cvd-prevention", pcnjson.StatusCounts{Green: 2, Amber: 2, Red: 1}, pcnjson.StatusCounts{Green: 1, Amber: 3, Red: 1}, 4, 2, 1, q2Code1},
		{"population-health", pcnjson.StatusCounts{Green: 2, Amber: 1, Red: 1, NotStarted: 1}, pcnjson.StatusCounts{Green: 1, Amber: 1, Red: 3}, 4, 2, 0, q2Code4},
	}
	if !reflect.DeepEqual(gotS, wantS) {
		t.Errorf("services:\n got %+v\nwant %+v", gotS, wantS)
	}
	if codes(c.Joined) != q3Code6 || codes(c.Missing) != q2Code5 || c.Missing[0].Label != "PCN U30005" {
		t.Errorf("joined %+v, missing %+v", c.Joined, c.Missing)
	}

	type wl struct {
		cat       string
		then, now *pcnjson.WorkloadFigures
	}
	var gotW []wl
	for _, m := range c.Workload {
		gotW = append(gotW, wl{m.Category, m.Then, m.Now})
	}
	wantW := []wl{
		{"estates", &pcnjson.WorkloadFigures{Notes: 2, High: 1, PCNs: 2}, &pcnjson.WorkloadFigures{Notes: 3, High: 2, PCNs: 2}},
		{"demand", nil, &pcnjson.WorkloadFigures{Notes: 1, PCNs: 1}},
		{"it", &pcnjson.WorkloadFigures{Notes: 2, High: 1, PCNs: 2}, nil},
	}
	if !reflect.DeepEqual(gotW, wantW) {
		t.Errorf("workload:\n got %s\nwant %s", jsonOf(gotW), jsonOf(wantW))
	}

	f := c.Workforce
	if f.Then.Reporting != 4 || f.Then.Totals.InPost != 400 || f.Then.Totals.Planned != 600 ||
		f.Now.Reporting != 4 || f.Now.Totals.InPost != 700 || f.Now.Totals.Planned != 900 {
		t.Errorf("workforce totals: then %+v now %+v", f.Then, f.Now)
	}
	type role struct {
		role                                string
		thenIn, thenPlanned, nowIn, nowPlan domain.WTETotal
		then, now                           bool
	}
	var gotR []role
	for _, m := range f.Roles {
		x := role{role: m.Role, then: m.Then != nil, now: m.Now != nil}
		if m.Then != nil {
			x.thenIn, x.thenPlanned = m.Then.InPost, m.Then.Planned
		}
		if m.Now != nil {
			x.nowIn, x.nowPlan = m.Now.InPost, m.Now.Planned
		}
		gotR = append(gotR, x)
	}
	wantR := []role{
		{"care-coordinator", 0, 0, 200, 200, false, true},
		{"clinical-pharmacist", 300, 500, 450, 600, true, true},
		{"paramedic", 100, 100, 50, 100, true, true},
	}
	if !reflect.DeepEqual(gotR, wantR) {
		t.Errorf("workforce roles:\n got %+v\nwant %+v", gotR, wantR)
	}
	if len(c.Notes) != 0 {
		t.Errorf("notes: %v", c.Notes)
	}
	if !strings.Contains(strings.Join(p.Notes, "\n"), "Changes: since the forum's pack for 2026/27 Q2") {
		t.Errorf("the pack's notes do not explain the section: %v", p.Notes)
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestChangesCarriedThroughRemerges: the pack merged again — alone (to
// render it), with its inputs in any order, split into neighbourhood
// packs that each compared with the same pack, or with the pack and its
// own submissions — gives the same pack, changes and all; packs that
// compared with different previous packs give none, with a warning.
func TestChangesCarriedThroughRemerges(t *testing.T) {
	opt := bordaOptions()
	withSince := opt
	withSince.Since = q2Pack(t, opt)
	q3 := q3Files()
	want, _ := mergeFiles(t, withSince, q3...)
	pack := forumtest.File{Name: "q3.json", Data: want}

	rng := rand.New(rand.NewPCG(7, 19))
	north := packFile(t, "north.json", withSince, q3[:2]...)
	south := packFile(t, "south.json", withSince, q3[2:]...)
	for name, files := range map[string][]forumtest.File{
		"alone":               {pack},
		"with its own inputs": append([]forumtest.File{pack}, shuffled(rng, q3)...),
		"from two packs":      {south, north},
		"a pack and the rest": append([]forumtest.File{north}, q3[2:]...),
	} {
		t.Run(name, func(t *testing.T) {
			got, w := mergeFiles(t, opt, files...)
			mustEqualPacks(t, name, got, want)
			if len(w) != 0 {
				t.Errorf("warnings: %s", warningText(w))
			}
		})
	}

	// North compared with Q2; south with another pack (Q1's): no common
	// previous pack, so no changes, and the chair is told why.
	q1opt := opt
	q1opt.Since = q2PackFor(t, opt, domain.Period{Year: 2026, Quarter: 1})
	south1 := packFile(t, "south-q1.json", q1opt, q3[2:]...)
	p, w, err := Merge(read(t, north, south1), opt)
	if err != nil {
		t.Fatal(err)
	}
	if p.Changes != nil || !strings.Contains(warningText(w), "compare with 2 different previous packs") || !strings.Contains(warningText(w), "give --since") {
		t.Errorf("changes %v, warnings %s", p.Changes != nil, warningText(w))
	}
	// --since wins over what the packs carry.
	p, _, err = Merge(read(t, north, south1), withSince)
	if err != nil || p.Changes == nil || p.Changes.Since.Digest != withSince.Since.Digest {
		t.Errorf("--since with carried changes: %v", err)
	}
}

// q2PackFor is the Q2 forum's pack as if it were for period per.
func q2PackFor(tb testing.TB, opt Options, per domain.Period) *pcnjson.Pack {
	tb.Helper()
	var files []forumtest.File
	for _, f := range q2Files() {
		in, err := pcnjson.Read(f.Name, f.Data)
		if err != nil {
			tb.Fatal(err)
		}
		s := in.Submission.Doc.Snapshot()
		s.Period = per
		files = append(files, fromSnapshot(f.Name, s, 1))
	}
	b, _ := mergeFiles(tb, opt, files...)
	p, err := pcnjson.DecodePack("q.json", b)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestSinceMustBeEarlier: a previous pack for the same period or a later
// one is an error; the merge makes no pack.
func TestSinceMustBeEarlier(t *testing.T) {
	opt := bordaOptions()
	for _, per := range []domain.Period{q3Period, {Year: 2026, Quarter: 4}, {Year: 2027, Quarter: 1}} {
		opt.Since = q2PackFor(t, bordaOptions(), per)
		p, _, err := Merge(read(t, q3Files()...), opt)
		if !errors.Is(err, ErrSinceNotEarlier) || p != nil || !strings.Contains(err.Error(), "it is for "+per.String()+" and this pack for 2026/27 Q3") {
			t.Errorf("since %s: %v", per, err)
		}
	}
}

// TestSinceAnotherForum: a previous pack by another forum, or ranked
// another way, is compared all the same, and the pack says so.
func TestSinceAnotherForum(t *testing.T) {
	prevOpt := configOptions() // Schulze
	prevOpt.Meeting.Name = "South Example PCN Forum"
	opt := bordaOptions()
	opt.Since = q2Pack(t, prevOpt)
	p, w, err := Merge(read(t, q3Files()...), opt)
	if err != nil {
		t.Fatal(err)
	}
	text := warningText(w)
	for _, want := range []string{"was made by South Example PCN Forum, not North Example PCN Forum", "ranked themes by schulze with equal weights, this one by borda"} {
		if !strings.Contains(text, want) || !strings.Contains(strings.Join(p.Changes.Notes, "\n"), want) {
			t.Errorf("warnings and notes lack %q:\n%s\n%v", want, text, p.Changes.Notes)
		}
	}
}

// TestChangesAnonymised: an anonymised pack names the PCNs that went red
// or joined by label, as every quoted section does; the JSON's missing
// PCNs keep their codes, as the coverage's missing members do.
func TestChangesAnonymised(t *testing.T) {
	opt := bordaOptions()
	opt.Anonymise = true
	opt.Since = q2Pack(t, bordaOptions())
	p, _, err := Merge(read(t, q3Files()...), opt)
	if err != nil {
		t.Fatal(err)
	}
	c := p.Changes
	// Labels by code among the PCNs counted now: U30001 A … U30004 D, U30006 E.
	if c.Joined[0] != (pcnjson.Ref{Label: "PCN E"}) || c.Services[1].WentRed[0] != (pcnjson.Ref{Label: "PCN A"}) {
		t.Errorf("joined %+v, went red %+v", c.Joined, c.Services[1].WentRed)
	}
	if c.Missing[0].Code != q2Code5 {
		t.Errorf("missing %+v", c.Missing)
	}
}

// TestNoSinceNoChanges: a merge without --since, of inputs that carry no
// changes, makes the pack it always made.
func TestNoSinceNoChanges(t *testing.T) {
	b, _ := mergeFiles(t, bordaOptions(), q3Files()...)
	if strings.Contains(string(b), `"changes"`) {
		t.Error("a pack without --since has a changes section")
	}
}
