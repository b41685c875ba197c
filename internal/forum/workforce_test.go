package forum

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// workforceForum is the hand-worked example: four PCNs, one of which (D)
// did not report its workforce and one of which (C) reported none.
//
//	PCN  population  role                  in post  planned  recruiting
//	A    30,000      clinical-pharmacist   2.0      3.0      1.0
//	                 care-coordinator      1.5      4.0      1.0
//	                 paramedic             0.6      1.0      0
//	B    20,000      clinical-pharmacist   1.25     2.0      0.75
//	                 care-coordinator      2.0      3.0      0
//	C    10,000      (reported: no additional-role staff)
//	D    40,000      (not reported)
func workforceForum() []forumtest.File {
	pcn := func(code string, pop int64, reported bool, roles ...domain.Role) forumtest.File {
		s := forumtest.Simple(code, pop, "workforce")
		s.Workforce, s.WorkforceReported = roles, reported
		return fromSnapshot(code+".json", s, 1)
	}
	return []forumtest.File{
		pcn("U40001", 30000, true,
			domain.Role{Key: "clinical-pharmacist", InPost: 200, Planned: 300, Recruiting: 100},
			domain.Role{Key: "care-coordinator", InPost: 150, Planned: 400, Recruiting: 100},
			domain.Role{Key: "paramedic", InPost: 60, Planned: 100}),
		pcn("U40002", 20000, true,
			domain.Role{Key: "clinical-pharmacist", InPost: 125, Planned: 200, Recruiting: 75},
			domain.Role{Key: "care-coordinator", InPost: 200, Planned: 300}),
		pcn("U40003", 10000, true),
		pcn("U40004", 40000, false),
	}
}

func f64(v float64) *float64 { return &v }

// TestWorkforceWorkedExample checks the pack's workforce against sums done
// by hand. Only A, B and C reported, so every figure is over them: 3 PCNs,
// 60,000 patients. D is named as not reporting and counted nowhere (as a
// zero it would have made the population 100,000 and every per-10,000
// figure 40% lower).
//
// Per role, over 60,000 patients (÷ 6 gives WTE per 10,000):
//
//	care-coordinator     in post 1.5 + 2.0 = 3.5; planned 4.0 + 3.0 = 7.0;
//	                     recruiting 1.0; gap 7.0 − 3.5 = 3.5; fill 3.5 ÷ 7.0 = 0.5;
//	                     per 10,000 3.5 ÷ 6 = 0.5833… → 0.58, 7.0 ÷ 6 = 1.1666… → 1.17; 2 PCNs
//	clinical-pharmacist  in post 2.0 + 1.25 = 3.25; planned 3.0 + 2.0 = 5.0;
//	                     recruiting 1.0 + 0.75 = 1.75; gap 1.75; fill 3.25 ÷ 5 = 0.65;
//	                     per 10,000 3.25 ÷ 6 = 0.5416… → 0.54, 5 ÷ 6 = 0.8333… → 0.83; 2 PCNs
//	paramedic            in post 0.6; planned 1.0; recruiting 0; gap 0.4; fill 0.6;
//	                     per 10,000 0.6 ÷ 6 = 0.1, 1 ÷ 6 = 0.1666… → 0.17; 1 PCN
//	all roles            in post 3.5 + 3.25 + 0.6 = 7.35; planned 13.0; recruiting 2.75;
//	                     gap 5.65; fill 7.35 ÷ 13 = 0.565384… → 0.5654;
//	                     per 10,000 7.35 ÷ 6 = 1.225 → 1.23 (half up), 13 ÷ 6 = 2.1666… → 2.17
//
// Biggest gaps: care-coordinator 3.5, clinical-pharmacist 1.75, paramedic 0.4.
func TestWorkforceWorkedExample(t *testing.T) {
	opt := testOptions()
	opt.RoleNames = map[string]string{"care-coordinator": "Care coordinator"}
	p, _, err := Merge(read(t, workforceForum()...), opt)
	if err != nil {
		t.Fatal(err)
	}
	fig := func(in, planned, recruiting, gap domain.WTETotal, fill, inPer, plannedPer float64) pcnjson.WorkforceFigures {
		return pcnjson.WorkforceFigures{InPost: in, Planned: planned, Recruiting: recruiting, Gap: gap,
			FillRate: f64(fill), InPostPer10000: f64(inPer), PlannedPer10000: f64(plannedPer)}
	}
	want := pcnjson.Workforce{
		Reporting: 3, Population: 60000,
		NotReporting: []pcnjson.Ref{{Label: "PCN U40004", Code: "U40004"}},
		Totals:       fig(735, 1300, 275, 565, 0.5654, 1.23, 2.17),
		Roles: []pcnjson.WorkforceRole{
			{Role: "care-coordinator", Name: "Care coordinator", PCNs: 2, Figures: fig(350, 700, 100, 350, 0.5, 0.58, 1.17)},
			{Role: "clinical-pharmacist", Name: "clinical-pharmacist", PCNs: 2, Figures: fig(325, 500, 175, 175, 0.65, 0.54, 0.83)},
			{Role: "paramedic", Name: "paramedic", PCNs: 1, Figures: fig(60, 100, 0, 40, 0.6, 0.1, 0.17)},
		},
		Gaps: []string{"care-coordinator", "clinical-pharmacist", "paramedic"},
	}
	if !reflect.DeepEqual(p.Workforce, want) {
		g, _ := json.MarshalIndent(p.Workforce, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("workforce section:\n%s\nwant:\n%s", g, w)
	}

	// The JSON pack carries the figures as written above, and reads back
	// the same.
	b, err := pcnjson.EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := pcnjson.DecodePack("pack.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Workforce, p.Workforce) {
		t.Errorf("the pack's workforce reads back as %+v", back.Workforce)
	}
	for _, s := range []string{`"wte_in_post": 7.35`, `"fill_rate": 0.5654`, `"wte_in_post_per_10000": 1.23`, `"reporting": 3`} {
		if !bytes.Contains(b, []byte(s)) {
			t.Errorf("the pack does not write %s", s)
		}
	}

	// Anonymised, D is a label; the figures do not change.
	opt.Anonymise = true
	a, _, err := Merge(read(t, workforceForum()...), opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Workforce.NotReporting; len(got) != 1 || got[0] != (pcnjson.Ref{Label: "PCN D"}) {
		t.Errorf("anonymised, not reporting is %+v, want PCN D", got)
	}
	a.Workforce.NotReporting = want.NotReporting
	if !reflect.DeepEqual(a.Workforce, p.Workforce) {
		t.Errorf("anonymising changed the figures")
	}
}

// TestWorkforceNobodyReported: a forum of old files has no workforce
// figures at all, not a row of zeros.
func TestWorkforceNobodyReported(t *testing.T) {
	p, _, err := Merge(read(t, simple("U50001", 1000, 1, "estates"), simple("U50002", 2000, 1, "workforce")), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	w := p.Workforce
	if w.Reporting != 0 || w.Population != 0 || len(w.NotReporting) != 2 || len(w.Roles) != 0 || len(w.Gaps) != 0 ||
		w.Totals.FillRate != nil || w.Totals.InPostPer10000 != nil {
		t.Errorf("nobody reported, yet: %+v", w)
	}
}

// TestForumTotalsPastARolesBound: a role is at most 1,000 WTE in one PCN,
// but a forum's totals are sums, and sixty ordinary PCNs plan past 1,000
// between them. A pack merge writes with such totals — and a pack of it
// merged again, and its changes since an earlier one — must read back:
// once they were refused by the role's bound, so verify, merge --since
// and the app all rejected a pack merge had just written.
func TestForumTotalsPastARolesBound(t *testing.T) {
	var files []forumtest.File
	for i := range 3 {
		code := fmt.Sprintf("U4100%d", i)
		s := forumtest.Simple(code, 30000, "workforce")
		s.Workforce, s.WorkforceReported = []domain.Role{{Key: "care-coordinator", InPost: 40000, Planned: domain.MaxWTE, Recruiting: 250}}, true
		files = append(files, fromSnapshot(code+".json", s, 1))
	}
	p, _, err := Merge(read(t, files...), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if p.Workforce.Totals.Planned != 3*domain.WTETotal(domain.MaxWTE) {
		t.Fatalf("planned total %s, want 3,000", p.Workforce.Totals.Planned)
	}
	b, err := pcnjson.EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := pcnjson.DecodePack("pack.json", b)
	if err != nil {
		t.Fatalf("a pack merge wrote does not read back: %v", err)
	}
	if !reflect.DeepEqual(back.Workforce, p.Workforce) {
		t.Errorf("the totals read back as %+v", back.Workforce.Totals)
	}
}
