package report

import (
	"slices"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// changesPack is a realistic forum over two quarters: seven generated
// PCNs, the first six sending in Q3 and the last six in Q2 (so one joined
// and one is missing, the missing one named with markup), Q2's statuses
// and priorities shifted from Q3's, and the Q3 pack merged --since Q2.
func changesPack(t testing.TB, anonymise bool) *pcnjson.Pack {
	t.Helper()
	files := forumtest.Generate(3, 7)
	var q2, q3 []pcnjson.Input
	for i, f := range files {
		in, err := pcnjson.Read(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		if i < 6 {
			q3 = append(q3, in)
		}
		if i == 0 {
			continue
		}
		s := in.Submission.Doc.Snapshot()
		s.Period = domain.Period{Year: 2026, Quarter: 2}
		for j := range s.Services {
			switch (i + j) % 3 {
			case 0:
				s.Services[j].Status = domain.Green
			case 1:
				s.Services[j].Status = domain.Amber
			}
		}
		if i%2 == 1 {
			slices.Reverse(s.Priorities)
			for k := range s.Priorities {
				s.Priorities[k].Rank = k + 1
			}
		}
		if i == 6 {
			s.PCN.Name = "<script>alert(1)</script> Old PCN"
		}
		if len(s.Workforce) > 0 {
			s.Workforce = slices.Clone(s.Workforce)
			s.Workforce[0].InPost /= 2
		}
		prev, err := pcnjson.Read(f.Name, forumtest.Encode(s, 1, forumtest.Exported.AddDate(0, -3, 0)))
		if err != nil {
			t.Fatal(err)
		}
		q2 = append(q2, prev)
	}
	opt := forumOptions(anonymise)
	opt.Now = forumtest.Exported.AddDate(0, -3, 7)
	opt.Since = nil
	was := mergePack(t, q2, forumOptions(false))
	opt = forumOptions(anonymise)
	opt.Since = was
	return mergePack(t, q3, opt)
}

// TestForumPaperWhatChanged: with --since the papers have a section
// "What changed since <period>" after the workload, and a line in the
// executive summary; its text from files is escaped; an anonymised pack
// names no missing PCN.
func TestForumPaperWhatChanged(t *testing.T) {
	p := changesPack(t, false)
	c := p.Changes
	if c == nil || c.Since.Period != "2026/27 Q2" || len(c.Joined) != 1 || len(c.Missing) != 1 {
		t.Fatalf("changes: %+v", c)
	}
	md := string(ForumMarkdown(p))
	for _, want := range []string{
		"\n## What changed since 2026/27 Q2\n\nCompared with the forum's pack for 2026/27 Q2 (6 PCNs, made ",
		"\n### Themes\n\n| Theme | Now | Then | Movement |",
		"\n### Services\n\n",
		"| Service | PCNs red, then → now | Worse | Better | Went red |",
		"- **Joined since:** 1 PCN: Riverside 0 Health PCN.",
		"- **Sent last time, not this time:** 1 PCN: &lt;script&gt;alert(1)&lt;/script&gt; Old PCN.",
		"\n### Workload\n\n| Category | Notes, then → now | High severity | PCNs raising it |",
		"\n### Workforce\n\nThen: ",
		"- Since 2026/27 Q2: ",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	if i, j := strings.Index(md, "## Workload and infrastructure"), strings.Index(md, "## What changed since"); i < 0 || j < i || j > strings.Index(md, "## Coverage") {
		t.Error("the section is not between the workload and the coverage")
	}
	if strings.Contains(md, "<script>") {
		t.Error("a PCN's name reached the Markdown as markup")
	}
	gfm := renderGFM(t, []byte(md))
	checkInert(t, gfm)
	page, err := ForumHTML(p)
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, page)
	for _, want := range []string{`<h2 id="changes">What changed since 2026/27 Q2</h2>`, `<span class="move-`, "&lt;script&gt;alert(1)&lt;/script&gt; Old PCN"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	golden(t, "forum-changes.md", []byte(md))
	golden(t, "forum-changes.html", page)

	anon := string(ForumMarkdown(changesPack(t, true)))
	if !strings.Contains(anon, "- **Sent last time, not this time:** 1 PCN (not named: the pack is anonymised).") ||
		!strings.Contains(anon, "- **Joined since:** 1 PCN: PCN A.") || strings.Contains(anon, "Old PCN") || strings.Contains(anon, "Riverside 0") {
		t.Errorf("anonymised, the section names PCNs:\n%s", anon[strings.Index(anon, "## What changed"):strings.Index(anon, "## Coverage")])
	}

	// Without --since, no section and no summary line.
	if md := string(ForumMarkdown(workedPack(t, false))); strings.Contains(md, "What changed since") || strings.Contains(md, "- Since ") {
		t.Error("a pack without changes has the section")
	}
}
