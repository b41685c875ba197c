//go:build e2e

package report

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
)

// cmarkGFM finds cmark-gfm, GitHub's own Markdown renderer, or fails the
// test with how to install it (.ci/run does).
func cmarkGFM(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("cmark-gfm")
	if err != nil {
		t.Fatal("cmark-gfm is needed to check the Markdown as GitHub renders it: apt-get install cmark-gfm (or brew install cmark-gfm)")
	}
	return bin
}

var tagRe = regexp.MustCompile(`<(/?[a-z][a-z0-9]*)`)

// tags is the sequence of element names in html: the structure a reader
// sees, without the attributes and white space in which renderers differ.
func tags(html string) string {
	var out []string
	for _, m := range tagRe.FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, " ")
}

// TestCmarkGFMAgreesWithGoldmark renders every paper with cmark-gfm and
// with goldmark (which go test uses) and checks that they build the same
// elements in the same order, and that cmark-gfm too finds nothing the
// user typed active.
func TestCmarkGFMAgreesWithGoldmark(t *testing.T) {
	bin := cmarkGFM(t)
	papers := map[string][]byte{
		"submission demo":    SubmissionMarkdown(demoDoc(t), config.Default()),
		"submission hostile": SubmissionMarkdown(hostileDoc(t), config.Default()),
		"forum worked":       ForumMarkdown(workedPack(t, false)),
		"forum anonymised":   ForumMarkdown(workedPack(t, true)),
		"forum hostile":      ForumMarkdown(hostilePack(t)),
	}
	for name, md := range papers {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(bin, "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tasklist")
			cmd.Stdin = bytes.NewReader(md)
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			cm, gm := tags(string(out)), tags(renderGFM(t, md))
			if !strings.Contains(cm, "h1") {
				t.Fatalf("cmark-gfm rendered no title: %s", out)
			}
			if cm != gm {
				t.Errorf("the renderers build different pages:\ncmark-gfm %s\ngoldmark  %s", cm, gm)
			}
			checkInert(t, string(out))
		})
	}
}
