package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/pcnvoice/pcnvoice/config"
)

// The papers' Markdown is checked as GitHub renders it, inside go test:
// goldmark with its GFM extension (tables, autolinks, strikethrough, task
// lists) follows the same spec as cmark-gfm, GitHub's own renderer, and
// cmark_e2e_test.go checks that the two agree on these papers. Raw HTML is
// rendered, not omitted: a renderer's safe mode would hide the very HTML
// the escaper must neutralise.

// renderGFM renders md as GitHub-flavoured Markdown.
func renderGFM(t testing.TB, md []byte) string {
	t.Helper()
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
	if err := gm.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

var headingRe = regexp.MustCompile(`<(h[1-6])>([^<]*)</h[1-6]>`)

// headings lists a page's headings: "h1" alone, the rest with their text.
func headings(html string) []string {
	var got []string
	for _, m := range headingRe.FindAllStringSubmatch(html, -1) {
		h := m[1]
		if m[1] != "h1" {
			h += " " + m[2]
		}
		got = append(got, strings.NewReplacer("&#39;", "'", "&quot;", `"`, "&amp;", "&").Replace(h))
	}
	return got
}

// checkInert fails if anything the user typed became a link, an image,
// markup or a control the page acts on.
func checkInert(t testing.TB, html string) {
	t.Helper()
	for _, bad := range []string{"<a ", "<img", "<script", "<iframe", "<style", "<svg", "<u>", "<b>", "<del>", "<input", "\x1b"} {
		if strings.Contains(html, bad) {
			t.Errorf("rendered Markdown contains %q", bad)
		}
	}
}

// TestMarkdownRendersAsGitHubDoes checks the structure a reader of the
// submission's paper sees: the headings, five tables, one numbered list,
// and nothing the user typed turned into a link, an image or HTML.
func TestMarkdownRendersAsGitHubDoes(t *testing.T) {
	wantHeadings := []string{"h1", "h2 At a glance", "h2 The clinical director's statement", "h2 Recommendations to the board",
		"h2 Service delivery", "h2 Workforce: additional roles", "h2 Workload and infrastructure", "h3 Notes by category", "h3 High-severity notes",
		"h2 Member practices", "h2 Checking this copy"}
	for name, md := range map[string][]byte{
		"demo":    SubmissionMarkdown(demoDoc(t), config.Default()),
		"hostile": SubmissionMarkdown(hostileDoc(t), config.Default()),
	} {
		t.Run(name, func(t *testing.T) {
			html := renderGFM(t, md)
			if got := headings(html); strings.Join(got, "|") != strings.Join(wantHeadings, "|") {
				t.Errorf("headings:\n got %q\nwant %q", got, wantHeadings)
			}
			if n := strings.Count(html, "<table>"); n != 5 {
				t.Errorf("%d tables, want 5 (cover, services, workforce, categories, practices)", n)
			}
			if n := strings.Count(html, "<ol>"); n != 1 {
				t.Errorf("%d numbered lists, want 1", n)
			}
			checkInert(t, html)
		})
	}
}

// TestForumMarkdownRendersInert renders the hostile forum's paper: one
// title, and nothing its submissions typed active.
func TestForumMarkdownRendersInert(t *testing.T) {
	html := renderGFM(t, ForumMarkdown(hostilePack(t)))
	if n := strings.Count(html, "<h1>"); n != 1 {
		t.Errorf("rendered Markdown has %d <h1>", n)
	}
	checkInert(t, html)
	if !strings.Contains(html, "<table>") {
		t.Error("the forum paper rendered without a table")
	}
}

// TestRenderGFMCanFail shows the checks above bite: Markdown that does
// carry a link, raw HTML and a second title is caught.
func TestRenderGFMCanFail(t *testing.T) {
	html := renderGFM(t, []byte("# One\n\n# Two\n\n<script>x</script>\n\n[a](https://example.org) www.example.org\n"))
	if strings.Count(html, "<h1>") != 2 || !strings.Contains(html, "<script") || strings.Count(html, "<a ") != 2 {
		t.Errorf("goldmark did not render what the checks look for:\n%s", html)
	}
}
