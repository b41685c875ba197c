package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// forumOptions are merge options as the CLI makes them from the shipped
// config, with a fixed clock and a filled-in cover sheet.
func forumOptions(anonymise bool) forum.Options {
	cfg := config.Default()
	names := func(es []config.Entry) map[string]string {
		m := map[string]string{}
		for _, e := range es {
			m[e.Key] = e.Name
		}
		return m
	}
	return forum.Options{
		Now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), Generator: "pcnvoice 0.1.0", Anonymise: anonymise,
		Meeting:    pcnjson.Meeting{Name: "North Example PCN Forum", Chair: "Dr Sam Okafor", MeetingDate: "2026-12-03", Purpose: "decision", Session: "private"},
		Members:    []string{"U20001", "U20002", "U20003", "U20004", "U20005", "U20099"},
		ThemeNames: names(cfg.Themes), CategoryNames: names(cfg.Categories), ServiceNames: names(cfg.Services), RoleNames: names(cfg.Roles),
		ServiceOrder: config.Keys(cfg.Services),
	}
}

// workedPack merges testdata/forum/worked, the forum package's hand-worked
// example, through the real reader and encoder.
func workedPack(t testing.TB, anonymise bool) *pcnjson.Pack {
	t.Helper()
	paths, _ := filepath.Glob("../../testdata/forum/worked/*.json")
	var inputs []pcnjson.Input
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		in, err := pcnjson.Read(path, data)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	return mergePack(t, inputs, forumOptions(anonymise))
}

func mergePack(t testing.TB, inputs []pcnjson.Input, opt forum.Options) *pcnjson.Pack {
	t.Helper()
	p, _, err := forum.Merge(inputs, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pcnjson.EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	p, err = pcnjson.DecodePack("pack.json", b) // render what a file holds
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// hostilePack is a forum whose every free-text member attacks the page.
func hostilePack(t testing.TB) *pcnjson.Pack {
	t.Helper()
	s := forumtest.Simple("U30001", 9000, "estates", "<u>own-theme</u>")
	s.PCN.Name = "<script>alert('pcn')</script> & Co | pipe"
	s.Statement = "</blockquote><script>alert(1)</script>\n\n# Not a heading\n> not a quote\n[x](javascript:alert(1))\x1b[31m"
	s.Priorities[0].Ask = "[click](javascript:alert(1)) ![t](https://tracker.example/p.gif) **bold**"
	s.Priorities[1].Title = "`code` | cell"
	s.Services = []domain.Service{{Key: "local-<b>", Name: `"><svg onload=alert(1)>`, Status: domain.Red}}
	s.Notes = []domain.Note{{Category: "<style>body{display:none}</style>", Severity: 3, Date: "2026-10-01", Text: "x"}}
	other := forumtest.Simple("U30002", 5000, "workforce")
	var inputs []pcnjson.Input
	for _, snap := range []domain.Snapshot{s, other} {
		in, err := pcnjson.Read(snap.PCN.Code+".json", forumtest.Encode(snap, 1, forumtest.Exported))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	opt := forumOptions(false)
	opt.Meeting.Name = "<b>Forum</b> [x](javascript:1)"
	return mergePack(t, inputs, opt)
}

func TestForumGolden(t *testing.T) {
	for name, anonymise := range map[string]bool{"forum-worked": false, "forum-worked-anonymised": true} {
		p := workedPack(t, anonymise)
		html, err := ForumHTML(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name+".md", func(t *testing.T) { golden(t, name+".md", ForumMarkdown(p)) })
		t.Run(name+".html", func(t *testing.T) { golden(t, name+".html", html) })
	}
}

// TestForumPaperContent checks the worked example's paper says what the
// forum package's hand-worked sums say.
func TestForumPaperContent(t *testing.T) {
	md := string(ForumMarkdown(workedPack(t, false)))
	for _, want := range []string{
		"# North Example PCN Forum: the collective view of 5 PCNs, 2026/27 Q3",
		"| Date | 3 Dec 2026 |", "| Purpose | For decision |", "| Session | Private session |", "| Chair | Dr Sam Okafor |",
		"1. **The Board is asked to SUPPORT:** ask about workforce (asked by 5 PCNs: Riverside Health PCN, Hillside PCN, Castlegate Care PCN, Moorview PCN, Harbourside PCN).",
		"   Workforce is ranked 1st of 5 themes, in the forum's top 3 and a consensus theme: 5 of 5 PCNs (100.0%), serving 100.0% of the population covered, hold it among their first 3 priorities.",
		"2. **The Board is asked to SUPPORT:** ask about estates (asked by 4 PCNs: Riverside Health PCN, Hillside PCN, Castlegate Care PCN, Moorview PCN).",
		"3. **The Board is asked to SUPPORT:** ask about access (asked by 3 PCNs: Hillside PCN, Moorview PCN, Harbourside PCN).",
		"4. **The Board is asked to NOTE** the minority voice: themes some PCNs put first that are not in the forum's top 3: Mental health (first for 1 PCN). Their asks are quoted below; the forum does not recommend them.",
		"- The board is asked to support 3 resolutions: the forum's asks, with the PCNs behind each (recommendations 1–3).",
		"Weighted by registered population instead, the top 3 would be Estates; Workforce; Digital and IT: the weighting tips the result",
		"| 1 | **Workforce** | beats 4 | 1 (16 points) | 2 | 2 | 5 |",
		"| 1\\. Workforce | – | **3** | **4** | **5** | **4** |",
		"**Mental health** (ranked 5th overall): first for 1 PCN: Harbourside PCN.",
		"**No submission from 1 member:** U20099.",
		"| Riverside Health PCN | `U20001` | 35,000 | 1 | 2026/27 Q3 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("paper lacks %q", want)
		}
	}
}

// TestForumAnonymised: an anonymised paper names no PCN that sent a
// submission, by code or by name, anywhere — appendix included.
func TestForumAnonymised(t *testing.T) {
	p := workedPack(t, true)
	html, err := ForumHTML(p)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"md": string(ForumMarkdown(p)), "html": string(html)} {
		for _, e := range p.Submissions {
			for _, id := range []string{e.Code, e.Name, e.Name[:strings.IndexByte(e.Name, ' ')]} {
				if strings.Contains(out, id) {
					t.Errorf("%s: anonymised paper names %q", name, id)
				}
			}
		}
		if !strings.Contains(out, "PCN E") {
			t.Errorf("%s: no labels in the anonymised paper", name)
		}
	}
}

func TestForumHTMLWellFormed(t *testing.T) {
	for name, p := range map[string]*pcnjson.Pack{"worked": workedPack(t, false), "anonymised": workedPack(t, true), "hostile": hostilePack(t)} {
		t.Run(name, func(t *testing.T) {
			out, err := ForumHTML(p)
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, out)
			low := strings.ToLower(string(out))
			if name != "hostile" && (strings.Contains(low, "http:") || strings.Contains(low, "https:")) {
				t.Errorf("page mentions a URL")
			}
			for _, bad := range []string{"<script", "<svg onload", "<u>", "<b>forum", "<style>body"} {
				if strings.Contains(low, bad) {
					t.Errorf("page carries %q unescaped", bad)
				}
			}
		})
	}
}

func TestForumMarkdownEscapes(t *testing.T) {
	md := string(ForumMarkdown(hostilePack(t)))
	for _, bad := range []string{"<script", "![t]", "\x1b", "\n# Not a heading", "<u>", "<b>", "<style>", "**bold** ("} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown carries %q unescaped", bad)
		}
	}
	if regexp.MustCompile(`(^|[^\\])\]\(javascript`).MatchString(md) {
		t.Error("Markdown carries a link to javascript: unescaped")
	}
}

func TestForumRenderDeterministic(t *testing.T) {
	a, b := workedPack(t, false), workedPack(t, false)
	ha, _ := ForumHTML(a)
	hb, _ := ForumHTML(b)
	if !bytes.Equal(ForumMarkdown(a), ForumMarkdown(b)) || !bytes.Equal(ha, hb) {
		t.Error("the same pack rendered twice differs")
	}
}
