package report

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// docWith exports the demo with its workforce replaced (reported or not).
func docWith(t testing.TB, roles []domain.Role, reported bool) *pcnjson.Document {
	t.Helper()
	s := demo.Snapshot(config.Default(), fixedNow)
	s.Workforce, s.WorkforceReported = roles, reported
	rec, err := pcnjson.Build(fixedNow, "pcnvoice 0.1.0")(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := pcnjson.Decode("demo.json", rec.Document)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSubmissionWorkforce: the submission paper's workforce says what the
// file says — the table with the biggest shortfall first, totals, the
// chart — and tells "not reported" from "none" in words.
func TestSubmissionWorkforce(t *testing.T) {
	d := demoDoc(t)
	md := string(SubmissionMarkdown(d, config.Default()))
	for _, want := range []string{
		"## Workforce: additional roles\n\n13\\.7 of 19.0 planned WTE in post (72%) across 9 additional roles; 3.5 WTE being recruited.\n",
		"| Role | In post | Planned | Recruiting | Filled | What is behind it |",
		"| Care coordinator | 2.6 | 4.0 | 1.4 | 65% | Two left for the ICB's new frailty hub; backfill advertised. |",
		"| **All roles** | **13.7** | **19.0** | **3.5** | **72%** |  |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	// Care coordinator (1.4 short) before the clinical pharmacist (1.0
	// short) before the paramedic (1.0 short, 2 planned), fully staffed
	// roles last.
	order := []string{"| Care coordinator |", "| Clinical pharmacist |", "| Paramedic |", "| Digital and transformation lead |", "| Social prescribing link worker |"}
	for i := 1; i < len(order); i++ {
		if strings.Index(md, order[i-1]) > strings.Index(md, order[i]) {
			t.Errorf("%s comes after %s", order[i-1], order[i])
		}
	}
	page, err := SubmissionHTML(d, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, page)
	html := string(page)
	for _, want := range []string{
		`<h2 id="workforce">Workforce: additional roles</h2>`,
		`<tr><th scope="row">Care coordinator</th><td class="num">2.6</td><td class="num">4.0</td><td class="num">1.4</td><td class="num">65%</td>`,
		`aria-label="Additional-role staff: WTE in post, being recruited and still to fill, against plan"`,
		`Care coordinator: 2.6 WTE in post, 1.4 being recruited, 0.0 still to fill, of 4.0 planned`,
		`>2.6 of 4.0</text>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if i, j := strings.Index(html, `id="services"`), strings.Index(html, `id="workforce"`); i < 0 || j < i || j > strings.Index(html, `id="workload"`) {
		t.Errorf("workforce is not between services and workload")
	}
	chartFits(t, html)

	for _, tc := range []struct {
		name     string
		reported bool
		line     string
	}{
		{"not reported", false, "The PCN did not report its workforce this period."},
		{"none", true, "The PCN reports no additional-role staff."},
		{"not reported, why it matters", false, "rather than count it as having no additional-role staff"},
		{"none, what it means", true, "with none in post"},
	} {
		d := docWith(t, nil, tc.reported)
		md := string(SubmissionMarkdown(d, config.Default()))
		page, err := SubmissionHTML(d, config.Default())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(md, tc.line) || !strings.Contains(string(page), tc.line) || strings.Contains(md, "| Role |") ||
			strings.Contains(string(page), "chart-wte") {
			t.Errorf("%s: the papers do not say %q alone", tc.name, tc.line)
		}
		checkPage(t, page)
	}
}

// chartFits checks every label of every workforce chart ends inside it: a
// label cut off at the edge misreads as a smaller figure.
func chartFits(t *testing.T, page string) {
	t.Helper()
	charts := regexp.MustCompile(`(?s)<svg class="chart chart-bars chart-wte"[^>]*viewBox="0 0 (\d+) \d+".*?</svg>`).FindAllStringSubmatch(page, -1)
	if len(charts) == 0 {
		t.Fatal("no workforce chart")
	}
	text := regexp.MustCompile(`<text x="([0-9.]+)"[^>]*text-anchor="start"[^>]*>([^<]*)</text>`)
	for _, c := range charts {
		w, _ := strconv.ParseFloat(c[1], 64)
		for _, m := range text.FindAllStringSubmatch(c[0], -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			if end := x + textWidth(html.UnescapeString(m[2])); end > w {
				t.Errorf("label %q ends at %.0f, past the chart's %.0f", m[2], end, w)
			}
		}
	}
}

// TestWideWorkforceChartFits: the widest figures (1,000 WTE) still leave
// room for their labels.
func TestWideWorkforceChartFits(t *testing.T) {
	chartFits(t, string(wteChart("wide", []wteBar{
		{Label: "A role with a long name that will be cut", InPost: domain.MaxWTE, Planned: domain.MaxWTE},
		{Label: "Small", InPost: 5, Planned: 1000, Recruiting: 990},
	})))
}

// workforcePack is the forum package's hand-worked workforce example
// (internal/forum/workforce_test.go): A, B report roles, C none, D did
// not report.
func workforcePack(t testing.TB, anonymise bool) *pcnjson.Pack {
	t.Helper()
	pcn := func(code string, pop int64, reported bool, roles ...domain.Role) pcnjson.Input {
		s := forumtest.Simple(code, pop, "workforce")
		s.Workforce, s.WorkforceReported = roles, reported
		in, err := pcnjson.Read(code+".json", forumtest.Encode(s, 1, forumtest.Exported))
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	return mergePack(t, []pcnjson.Input{
		pcn("U40001", 30000, true,
			domain.Role{Key: "clinical-pharmacist", InPost: 200, Planned: 300, Recruiting: 100},
			domain.Role{Key: "care-coordinator", InPost: 150, Planned: 400, Recruiting: 100},
			domain.Role{Key: "paramedic", InPost: 60, Planned: 100}),
		pcn("U40002", 20000, true,
			domain.Role{Key: "clinical-pharmacist", InPost: 125, Planned: 200, Recruiting: 75},
			domain.Role{Key: "care-coordinator", InPost: 200, Planned: 300},
			domain.Role{Key: "<script>own-role</script>", InPost: 50}),
		pcn("U40003", 10000, true),
		pcn("U40004", 40000, false),
	}, forumOptions(anonymise))
}

// TestForumWorkforcePaper: the forum paper gives the hand-worked figures,
// says whom they are over and who is left out, and leads with the gap.
func TestForumWorkforcePaper(t *testing.T) {
	p := workforcePack(t, false)
	md := string(ForumMarkdown(p))
	for _, want := range []string{
		"3 PCNs reported their workforce, serving 60,000 registered patients: every figure here is over them, and “per 10,000” means per 10,000 of their patients. 1 PCN did not report it and is left out, not counted as having no staff: PCN U40004.",
		"Across the 3 PCNs that reported, 7.85 of 13.0 planned WTE in post (60%); 2.75 WTE being recruited. Biggest gaps: Care coordinator (3.5 WTE short); Clinical pharmacist (1.75 WTE short); Paramedic (0.4 WTE short).",
		"| Role | PCNs | In post | Planned | Recruiting | Gap | Filled | In post per 10,000 | Planned per 10,000 |",
		"| Care coordinator | 2 | 3.5 | 7.0 | 1.0 | 3.5 | 50% | 0.58 | 1.17 |",
		"| Clinical pharmacist | 2 | 3.25 | 5.0 | 1.75 | 1.75 | 65% | 0.54 | 0.83 |",
		"| Paramedic | 1 | 0.6 | 1.0 | 0.0 | 0.4 | 60% | 0.10 | 0.17 |",
		"| **All roles** | **3** | **7.85** | **13.0** | **2.75** | **5.15** | **60%** | **1.31** | **2.17** |",
		"- Workforce: 7.85 of 13.0 planned WTE in post (60%) across the 3 PCNs that reported; biggest gap: Care coordinator (3.5 WTE short). 1 PCN did not report.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the forum Markdown lacks %q", want)
		}
	}
	if strings.Contains(md, "<script>") {
		t.Error("a role key reached the Markdown unescaped")
	}
	page, err := ForumHTML(p)
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, page)
	chartFits(t, string(page))
	if !strings.Contains(string(page), `<tr><th scope="row">Care coordinator</th><td class="num">2</td><td class="num">3.5</td><td class="num">7.0</td>`) {
		t.Error("the forum HTML lacks the care coordinators' row")
	}
	golden(t, "forum-workforce.md", []byte(md))
	golden(t, "forum-workforce.html", page)

	anon := string(ForumMarkdown(workforcePack(t, true)))
	if !strings.Contains(anon, "left out, not counted as having no staff: PCN D.") || strings.Contains(anon, "U40004") {
		t.Errorf("anonymised, the PCN not reporting is not a label")
	}
}
