package report

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
)

// TestMarkdownRendersAsGitHubDoes renders the Markdown with cmark-gfm, the
// reference GitHub-flavoured renderer, when it is installed (apt-get
// install cmark-gfm), and checks the structure a reader sees: the headings,
// four tables, one numbered list, and nothing the user typed turned into a
// link, an image or HTML. Without cmark-gfm it fails rather than skips, as
// the tmux test does without tmux: CI installs it, so the check never
// silently stops running.
func TestMarkdownRendersAsGitHubDoes(t *testing.T) {
	bin := cmarkGFM(t)
	wantHeadings := []string{"h1", "h2 At a glance", "h2 The clinical director's statement", "h2 Recommendations to the board",
		"h2 Service delivery", "h2 Workload and infrastructure", "h3 Notes by category", "h3 High-severity notes",
		"h2 Member practices", "h2 Checking this copy"}
	headingRe := regexp.MustCompile(`<(h[1-6])>([^<]*)</h[1-6]>`)
	for name, md := range map[string][]byte{
		"demo":    SubmissionMarkdown(demoDoc(t), config.Default()),
		"hostile": SubmissionMarkdown(hostileDoc(t), config.Default()),
	} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(bin, "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tasklist")
			cmd.Stdin = bytes.NewReader(md)
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			html := string(out)
			var got []string
			for _, m := range headingRe.FindAllStringSubmatch(html, -1) {
				h := m[1]
				if m[1] != "h1" {
					h += " " + m[2]
				}
				got = append(got, strings.ReplaceAll(h, "&#39;", "'"))
			}
			if strings.Join(got, "|") != strings.Join(wantHeadings, "|") {
				t.Errorf("headings:\n got %q\nwant %q", got, wantHeadings)
			}
			if n := strings.Count(html, "<table>"); n != 4 {
				t.Errorf("%d tables, want 4 (cover, services, categories, practices)", n)
			}
			if n := strings.Count(html, "<ol>"); n != 1 {
				t.Errorf("%d numbered lists, want 1", n)
			}
			for _, bad := range []string{"<a ", "<img", "<script", "<iframe", "<style", "<del>", "<input"} {
				if strings.Contains(html, bad) {
					t.Errorf("rendered Markdown contains %q", bad)
				}
			}
		})
	}
}

// cmarkGFM finds the reference GitHub-flavoured Markdown renderer or fails
// the test with how to install it.
func cmarkGFM(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("cmark-gfm")
	if err != nil {
		t.Fatal("cmark-gfm is needed to check the Markdown as GitHub renders it: apt-get install cmark-gfm (or brew install cmark-gfm)")
	}
	return bin
}
