package report

import (
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmtext "github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chairSample is what a chair writes: paragraphs, a list, emphasis, a
// heading, and the things that must not get through (HTML, a link, an
// image, a terminal escape).
const chairSample = "## From the chair\n\nThe forum met on *3 December*; **six of eight** PCNs put estates first.\n\n" +
	"We ask the board to:\n\n1. fund the rooms;\n2. confirm funding early.\n\n- one\n- two\n\n" +
	"> Argue in private, agree in public.\n\n<script>alert(1)</script>\n\n[the plan](https://evil.example) ![x](https://t.example/p.gif) <b>bold</b>\x1b[31m red\n"

func TestChairWords(t *testing.T) {
	h := string(ChairHTML(chairSample))
	for _, want := range []string{"<h3>From the chair</h3>", "<em>3 December</em>", "<strong>six of eight</strong>",
		"<ol>\n<li>fund the rooms;</li>", "<ul>\n<li>one</li>", "<blockquote class=\"chair-quote\">\n<p>Argue in private, agree in public.</p>",
		"&lt;script&gt;alert(1)&lt;/script&gt;", "the plan x &lt;b&gt;bold&lt;/b&gt; red"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
	m := ChairMarkdown(chairSample)
	for _, want := range []string{"### From the chair", "*3 December*", "**six of eight**", "1. fund the rooms;\n2. confirm funding early.",
		"- one\n- two", "> Argue in private, agree in public.", "&lt;script&gt;alert(1)&lt;/script&gt;", "the plan x &lt;b&gt;bold&lt;/b&gt; red"} {
		if !strings.Contains(m, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, m)
		}
	}
	checkChairHTML(t, h)
	checkChairMarkdown(t, m)
	if got := ChairHTML(m); string(got) != h {
		t.Errorf("the Markdown paper's words render otherwise than the chair's:\n%s\nvs\n%s", got, h)
	}
}

// FuzzChairWords: whatever the chair's file holds, the HTML holds only the
// tags the section allows and no attribute but a list's start; the
// Markdown written back holds no HTML, link or image for GitHub to render;
// and the Markdown paper says what the HTML paper says: its words, read
// back, render to the same text.
func FuzzChairWords(f *testing.F) {
	for _, s := range []string{chairSample, "", "plain", "*a*b*c*", "**a *b* c**", "1) x\n2) y", "- a\n\n  b\n- c", "``a`b``",
		"# x\n===\n---", "> > > deep\n> back", "    code\n    block", "```go\nx := `a`\n```", "a  \nb", "a\\\nb", "&amp; &copy; &#x3c;", "\\* not a list",
		"<div>\nblock html\n</div>", "http://x.example and www.x.example", "- [ ] task", "* a\n* b\n\n  para", "3. three\n4. four", "_a_b_", "a*b*c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		h := string(ChairHTML(md))
		checkChairHTML(t, h)
		m := ChairMarkdown(md)
		checkChairMarkdown(t, m)
		sameTrees(t, m) // GitHub reads the paper's Markdown as CommonMark does
		if a, b := visibleText(t, h), visibleText(t, string(ChairHTML(m))); a != b {
			t.Fatalf("the words change when written back as Markdown:\nchair's: %q\npaper's: %q\nMarkdown: %q", a, b, m)
		}
	})
}

var chairTags = map[atom.Atom]bool{atom.P: true, atom.H3: true, atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Blockquote: true,
	atom.Pre: true, atom.Hr: true, atom.Em: true, atom.Strong: true, atom.Code: true, atom.Br: true}

func checkChairHTML(t *testing.T, h string) {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(h), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		walk(n, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			if !chairTags[n.DataAtom] {
				t.Fatalf("chair's words make <%s>: %q", n.Data, h)
			}
			for _, a := range n.Attr {
				ok := a.Key == "start" && n.DataAtom == atom.Ol && strings.Trim(a.Val, "0123456789") == "" ||
					a.Key == "class" && n.DataAtom == atom.Blockquote && a.Val == "chair-quote"
				if !ok {
					t.Fatalf("chair's words make <%s %s=%q>", n.Data, a.Key, a.Val)
				}
			}
		})
	}
}

func checkChairMarkdown(t *testing.T, m string) {
	t.Helper()
	if strings.ContainsFunc(m, func(r rune) bool { return r != '\n' && r != '\t' && (unicode.IsControl(r) || r == '\u202e') }) {
		t.Fatalf("Markdown carries a control character: %q", m)
	}
	src := []byte(m)
	doc := goldmark.New().Parser().Parse(gmtext.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink, ast.KindRawHTML, ast.KindHTMLBlock:
			t.Fatalf("Markdown %q renders a %s", m, n.Kind())
		}
		return ast.WalkContinue, nil
	})
}

// visibleText is what a reader of HTML h sees, spaces folded.
func visibleText(t *testing.T, h string) string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(h), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, n := range nodes {
		walk(n, func(n *html.Node) {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			}
			if n.Type == html.ElementNode && n.DataAtom != atom.Em && n.DataAtom != atom.Strong && n.DataAtom != atom.Code {
				b.WriteByte(' ') // a block, or a line break
			}
		})
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestChairMarkdownCodeSpansSideBySide: two code spans that end up side by
// side in the Markdown paper (after emphasis it cannot write, or a link's
// words) would merge into one span holding a run of backticks; the paper
// writes them as one span of both texts, which reads the same.
func TestChairMarkdownCodeSpansSideBySide(t *testing.T) {
	for _, md := range []string{"*`0`*`0`", "[`a`](https://x.example)`b`", "`a` *`b`* `c`", "x *`1`*`2`*3* y"} {
		h := string(ChairHTML(md))
		m := ChairMarkdown(md)
		if a, b := visibleText(t, h), visibleText(t, string(ChairHTML(m))); a != b {
			t.Errorf("%q: the words change when written back as Markdown %q:\nchair's: %q\npaper's: %q", md, m, a, b)
		}
		if strings.Contains(m, "``") {
			t.Errorf("%q: the Markdown paper has fences side by side: %q", md, m)
		}
	}
}

// TestChairEmptyItems: an item with no words is left out of both papers
// alike, so the two number the items that are there the same way.
func TestChairEmptyItems(t *testing.T) {
	md := "1. Estates\n2.\n3. Workforce\n\n- \n- \n\nafter"
	h := string(ChairHTML(md))
	if !strings.Contains(h, "<li>Estates</li>\n<li>Workforce</li>") || strings.Contains(h, "<ul>") {
		t.Errorf("HTML paper:\n%s", h)
	}
	m := ChairMarkdown(md)
	if got := string(ChairHTML(m)); got != h {
		t.Errorf("the Markdown paper reads otherwise than the HTML paper:\n%q\n%s\nvs\n%s", m, got, h)
	}
}
