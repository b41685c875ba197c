package report

import (
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// pastDoc is the demo PCN's submission for quarter i of its history
// (0: three quarters back … 2: last quarter), as exported.
func pastDoc(t testing.TB, i int) *pcnjson.Document {
	t.Helper()
	past, _ := demo.History(config.Default(), fixedNow)
	rec, err := pcnjson.Build(past[i].At, "pcnvoice 0.1.0")(past[i].Snapshot, &domain.ExportRecord{Revision: i})
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := pcnjson.Decode("past.json", rec.Document)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPaperShowsPreviousPeriod: with last quarter's submission, each
// service's status then stands beside its status now, in words (Markdown
// and HTML), with a line counting the moves.
func TestPaperShowsPreviousPeriod(t *testing.T) {
	cfg := config.Default()
	d := demoDoc(t)
	for _, tc := range []struct {
		name string
		prev *pcnjson.Document
		md   []string
		html []string
	}{
		{"last quarter", pastDoc(t, 2), []string{
			"Each status is shown beside the service's status in 2026/27 Q2 (revision 3), the last period this PCN exported before this one. Services: 1 worse, 9 unchanged.",
			"| Service | Status: 2026/27 Q2 → now | What is behind it |",
			"| Population health management | amber → 🔴 red: off track |",
			"| Tackling neighbourhood health inequalities | red → 🔴 red: off track |",
		}, []string{
			`<th scope="col" class="status-col since-col">Status: 2026/27 Q2 → now</th>`,
			`<span class="was"><span class="rag rag-amber">amber</span> →</span> <span class="rag rag-red">red</span>`,
			"Services: 1 worse, 9 unchanged.",
		}},
		{"three quarters back, another year's catalogue", pastDoc(t, 0), []string{
			"in 2025/26 Q4 (revision 1)",
			"Services: 3 worse, 1 better, 1 moved to or from not started, 3 new this period, 2 unchanged.",
			"| Continuity of care | new → 🟠 amber: at risk |",
			"| Enhanced health in care homes | amber → 🟢 green: on track |",
		}, []string{`<span class="was">new →</span> <span class="rag rag-amber">amber</span>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := string(SubmissionMarkdownSince(d, tc.prev, cfg))
			for _, w := range tc.md {
				if !strings.Contains(md, w) {
					t.Errorf("Markdown lacks %q", w)
				}
			}
			html, err := SubmissionHTMLSince(d, tc.prev, cfg)
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, html)
			for _, w := range tc.html {
				if !strings.Contains(string(html), w) {
					t.Errorf("HTML lacks %q", w)
				}
			}
			gfm := renderGFM(t, []byte(md))
			want := strings.Count(renderGFM(t, SubmissionMarkdown(d, cfg)), "<table>")
			if n := strings.Count(gfm, "<table>"); n != want {
				t.Errorf("%d tables, want %d, as without history", n, want)
			}
			checkInert(t, gfm)
		})
	}
}

// TestPaperWithoutPreviousPeriod: no history, or a "previous" submission
// that is not for an earlier period, gives the paper as it always was.
func TestPaperWithoutPreviousPeriod(t *testing.T) {
	cfg := config.Default()
	d := demoDoc(t)
	plainMD := SubmissionMarkdown(d, cfg)
	plainHTML, err := SubmissionHTML(d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	later := pastDoc(t, 2)
	later.Period = "2027/28 Q1"
	for name, prev := range map[string]*pcnjson.Document{"none": nil, "same period": d, "a later period": later} {
		t.Run(name, func(t *testing.T) {
			if got := SubmissionMarkdownSince(d, prev, cfg); string(got) != string(plainMD) {
				t.Error("the Markdown changed")
			}
			if got, _ := SubmissionHTMLSince(d, prev, cfg); string(got) != string(plainHTML) {
				t.Error("the HTML changed")
			}
		})
	}
	if strings.Contains(string(plainMD), "→ now") || strings.Contains(string(plainHTML), `class="was"`) {
		t.Error("a paper without history shows a previous status")
	}
}
