//go:build e2e

package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// TestPrintedPapers prints the HTML papers — the demo's submission (alone
// and beside an earlier period's), forum packs of 8 and 40 PCNs (and 8
// anonymised) and a pack with what changed since last quarter — to A4 PDF with
// headless Chromium, as a board secretary would, and reads every page back
// with poppler (pdftotext). On every page: text besides the footer, and
// not a heading alone; every heading followed on its page by something to
// read; every word inside the page's printable area (nothing cut at an
// edge); and every page but the last filled at least 60% of the way down
// (a page of text reaches 94%). Across
// the paper: every theme and service name in full, never cut with "…".
//
// Set PCNVOICE_PRINT_DIR to keep the PDFs for a person to look at
// (pdftoppm -png -r 60 FILE.pdf page).
func TestPrintedPapers(t *testing.T) {
	chromium := tool(t, "chromium (apt-get install chromium; brew install --cask chromium)", "chromium", "chromium-browser", "google-chrome")
	tool(t, "pdftotext (apt-get install poppler-utils; brew install poppler)", "pdftotext")
	tool(t, "pdfinfo (apt-get install poppler-utils; brew install poppler)", "pdfinfo")
	dir := os.Getenv("PCNVOICE_PRINT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	sub, err := SubmissionHTML(demoDoc(t), config.Default())
	if err != nil {
		t.Fatal(err)
	}
	since, err := SubmissionHTMLSince(demoDoc(t), pastDoc(t, 0), config.Default()) // beside a year back: every kind of move
	if err != nil {
		t.Fatal(err)
	}
	changes := changesPack(t, false)
	changesPage, err := ForumHTML(changes)
	if err != nil {
		t.Fatal(err)
	}
	papers := []struct {
		name string
		page []byte
		pack *pcnjson.Pack
	}{{name: "submission", page: sub}, {name: "submission-since", page: since}, {name: "forum-changes", page: changesPage, pack: changes}}
	for _, b := range []struct {
		n    int
		anon bool
	}{{8, false}, {40, false}, {8, true}} {
		p := boardPack(t, b.n, b.anon)
		page, err := ForumHTML(p)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("forum-%d", b.n)
		if b.anon {
			name += "-anonymised"
		}
		papers = append(papers, struct {
			name string
			page []byte
			pack *pcnjson.Pack
		}{name, page, p})
	}
	for _, paper := range papers {
		t.Run(paper.name, func(t *testing.T) {
			src := filepath.Join(dir, paper.name+".html")
			pdf := filepath.Join(dir, paper.name+".pdf")
			if err := os.WriteFile(src, paper.page, 0o600); err != nil {
				t.Fatal(err)
			}
			printPDF(t, chromium, src, pdf)
			pages := pageCount(t, pdf)
			headings := headingsOf(t, paper.page)
			var problems []string
			for i := 1; i <= pages; i++ {
				lines := pageText(t, pdf, i)
				if p := pageProblems(i, pages, lines, headings); p != nil {
					problems = append(problems, p...)
					t.Logf("page %d as printed:\n%s", i, strings.Join(lines, "\n"))
				}
			}
			problems = append(problems, geometryProblems(run(t, "pdftotext", "-bbox", pdf, "-"))...)
			var names []string
			if paper.pack != nil {
				for _, pl := range paper.pack.Ranking.Order {
					names = append(names, pl.Name)
				}
				for _, s := range paper.pack.Services {
					names = append(names, s.Name)
				}
			} else {
				for _, s := range demoDoc(t).Services {
					names = append(names, config.Name(config.Default().Services, s.Key))
				}
			}
			problems = append(problems, nameProblems(run(t, "pdftotext", "-raw", pdf, "-"), names)...)
			for _, p := range problems {
				t.Error(p)
			}
			t.Logf("%s: %d pages (%s)", paper.name, pages, pdf)
		})
	}
}

// tool finds the first of names on PATH, or fails saying how to install it.
func tool(t *testing.T, install string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Fatalf("the print check needs %s", install)
	return ""
}

// printPDF prints src to pdf on A4 as Chromium's print does, with a
// profile of its own and nothing fetched from the network.
func printPDF(t *testing.T, chromium, src, pdf string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	abs, _ := filepath.Abs(src)
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+t.TempDir(),
		"--print-to-pdf="+pdf, "--no-pdf-header-footer", "file://"+abs)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	if fi, err := os.Stat(pdf); err != nil || fi.Size() == 0 {
		t.Fatalf("chromium wrote no PDF: %v", err)
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

func pageCount(t *testing.T, pdf string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", pdf))
	if m == nil {
		t.Fatal("pdfinfo gives no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pageText is page i as pdftotext -layout reads it, one string a line,
// spaces folded, blank lines dropped.
func pageText(t *testing.T, pdf string, i int) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(run(t, "pdftotext", "-layout", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), pdf, "-"), "\n") {
		if l = fold(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// headingsOf lists the page's h1–h3 texts, spaces folded.
func headingsOf(t testing.TB, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	walk(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3:
			out = append(out, fold(text(n)))
		}
	})
	return out
}
