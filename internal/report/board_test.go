package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// chairWords are the chair's words the board packs carry.
const chairWords = "The forum met on **3 December** and agreed its asks without a vote.\n\n" +
	"We ask the board to act on two things before the new contract year:\n\n" +
	"1. fund modular consulting rooms for additional-role staff;\n2. fund GP supervision of those staff.\n\n" +
	"Where we disagree, the minority's asks are quoted in full below."

// boardPack merges forumtest.Board(n) as `pcnvoice merge` would with the
// shipped catalogues, a filled-in cover sheet, the chair's words and a
// member list missing one PCN and holding one more, through the real
// reader and encoder.
func boardPack(t testing.TB, n int, anonymise bool) *pcnjson.Pack {
	t.Helper()
	var inputs []pcnjson.Input
	var members []string
	for i, f := range forumtest.Board(n) {
		in, err := pcnjson.Read(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
		if i != 1 {
			members = append(members, f.Code)
		}
	}
	opt := forumOptions(anonymise)
	opt.Members = append(members, "U99999")
	opt.Meeting.Summary = chairWords
	return mergePack(t, inputs, opt)
}

// TestBoardGolden: the Markdown of forums of 8 and 40 PCNs, whole, and the
// structure of their HTML (outline), against golden files.
func TestBoardGolden(t *testing.T) {
	for _, n := range []int{8, 40} {
		for _, anon := range []bool{false, true} {
			if anon && n == 40 {
				continue
			}
			name := fmt.Sprintf("board-%d", n)
			if anon {
				name += "-anonymised"
			}
			p := boardPack(t, n, anon)
			page, err := ForumHTML(p)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(name+".md", func(t *testing.T) { golden(t, name+".md", ForumMarkdown(p)) })
			t.Run(name+".html", func(t *testing.T) {
				checkPage(t, page)
				golden(t, name+".outline", outline(t, page))
			})
		}
	}
}

// outline is an HTML page's structure as a reader meets it: sections,
// headings, paragraphs' first words, lists with their items, tables with
// their columns and rows, charts with their bars, one line each, indented
// by depth. Text is cut to keep the file readable; a change of structure,
// order or wording at the start of a block shows.
func outline(t testing.TB, page []byte) []byte {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	short := func(s string, n int) string {
		s = strings.Join(strings.Fields(s), " ")
		if r := []rune(s); len(r) > n {
			return string(r[:n]) + "…"
		}
		return s
	}
	var visit func(n *html.Node, depth int)
	visit = func(n *html.Node, depth int) {
		if n.Type != html.ElementNode {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c, depth)
			}
			return
		}
		pad := strings.Repeat("  ", depth)
		line := func(format string, args ...any) { fmt.Fprintf(&b, pad+format+"\n", args...) }
		switch n.DataAtom {
		case atom.Head, atom.Style:
			return
		case atom.Header, atom.Main, atom.Section:
			line("%s%s", n.Data, classOf(n))
		case atom.H1, atom.H2, atom.H3:
			line("%s %s", n.Data, short(text(n), 80))
			return
		case atom.P, atom.Blockquote, atom.Figcaption:
			line("%s%s %s", n.Data, classOf(n), short(text(n), 60))
			return
		case atom.Ul, atom.Ol:
			items := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Li {
					items++
				}
			}
			line("%s%s (%d items)", n.Data, classOf(n), items)
		case atom.Li:
			line("li %s", short(text(n), 70))
			return
		case atom.Table:
			var cols []string
			rows := 0
			walk(n, func(c *html.Node) {
				if c.DataAtom == atom.Th && attr(c, "scope") == "col" {
					cols = append(cols, short(text(c), 20))
				}
				if c.DataAtom == atom.Tr && c.Parent.DataAtom != atom.Thead {
					rows++
				}
			})
			line("table%s [%s] %d rows", classOf(n), strings.Join(cols, " | "), rows)
			walk(n, func(c *html.Node) {
				if c.DataAtom == atom.Th && attr(c, "scope") == "row" {
					line("  row %s", short(text(c), 50))
				}
			})
			return
		case atom.Svg:
			bars := 0
			walk(n, func(c *html.Node) {
				if c.Type == html.ElementNode && c.Data == "rect" {
					bars++
				}
			})
			line("svg %q (%d rects)", attr(n, "aria-label"), bars)
			walk(n, func(c *html.Node) {
				if c.Type == html.ElementNode && c.Data == "text" && attr(c, "class") == "label" {
					line("  label %s", text(c))
				}
			})
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, depth+1)
		}
	}
	visit(doc, 0)
	return []byte(b.String())
}

func classOf(n *html.Node) string {
	if c := attr(n, "class"); c != "" {
		return "." + strings.ReplaceAll(c, " ", ".")
	}
	return ""
}

// TestBoardPapers checks what the board packs must say, in both papers.
func TestBoardPapers(t *testing.T) {
	p := boardPack(t, 8, false)
	page, err := ForumHTML(p)
	if err != nil {
		t.Fatal(err)
	}
	md := string(ForumMarkdown(p))
	h := string(page)

	// The chair's words come after the executive summary, before the
	// recommendations, in both papers.
	inOrder(t, "md", md, "## Executive summary", "## From the chair", "**3 December**", "1. fund modular consulting rooms", "— Dr Sam Okafor, chair, North Example PCN Forum", "## Recommendations")
	inOrder(t, "html", h, `id="summary"`, `id="chair"`, "<strong>3 December</strong>", "<li>fund modular consulting rooms", `id="recommendations"`)

	// Every resolution is an ask with the PCNs behind it; a resolution
	// never ends where its ask should be.
	for _, r := range p.Recommendations {
		for _, a := range r.Asks {
			if !strings.Contains(md, MarkdownCell(clause(a.Text))) {
				t.Errorf("the Markdown paper lacks the ask %q", a.Text)
			}
		}
	}
	if regexp.MustCompile(`SUPPORT:\*\*\s*(\(|$)`).MatchString(md) || strings.Contains(h, "SUPPORT:</strong> <span") {
		t.Error("a paper holds an empty resolution")
	}
	if !strings.Contains(md, "asked by ") || !strings.Contains(h, `class="by">(asked by`) {
		t.Error("resolutions do not name the PCNs behind them")
	}

	// Services in the catalogue's order, the forum's own after them.
	var names []string
	for _, s := range p.Services {
		names = append(names, s.Name)
	}
	inOrder(t, "services", md[strings.Index(md, "## Service delivery"):], names...)
	if names[len(names)-1] != "Minor surgery and joint injections (local enhanced service)" {
		t.Errorf("the forum's own service is not last: %v", names)
	}
	// Counts in words on their colour, and every name whole.
	for _, want := range []string{`<span class="rag rag-green">`, " green</span>", " not started</span>"} {
		if !strings.Contains(h, want) {
			t.Errorf("the service grid lacks %q", want)
		}
	}
	for _, s := range p.Services {
		if !strings.Contains(h, ">"+s.Name) {
			t.Errorf("service %q is not in the HTML whole", s.Name)
		}
	}
}

// TestBoardAnonymised: an anonymised pack's papers name no counted PCN —
// code in any case, name, place, director, practices — in any section,
// list a missing member as a number, and say what anonymising does and
// does not hide.
func TestBoardAnonymised(t *testing.T) {
	p := boardPack(t, 8, true)
	page, err := ForumHTML(p)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"md": string(ForumMarkdown(p)), "html": html.UnescapeString(string(page))} {
		low := strings.ToLower(out)
		for _, d := range p.Documents {
			for _, id := range []string{d.PCN.Code, d.PCN.Name, d.PCN.ClinicalDirector} {
				if strings.Contains(low, strings.ToLower(id)) {
					t.Errorf("%s: names %q", name, id)
				}
			}
			surname := d.PCN.ClinicalDirector[strings.LastIndexByte(d.PCN.ClinicalDirector, ' ')+1:]
			for _, word := range []string{d.PCN.Place, surname} {
				if wordIn(out, word) {
					t.Errorf("%s: names %q as a word", name, word)
				}
			}
			for _, pr := range d.Practices {
				if strings.Contains(low, strings.ToLower(pr.ODSCode)) || strings.Contains(low, strings.ToLower(pr.Name)) {
					t.Errorf("%s: names practice %s %q", name, pr.ODSCode, pr.Name)
				}
			}
		}
		for _, want := range []string{"No submission from 1 member", "not named: the pack is anonymised", "Not hidden: first names alone", "[place]"} {
			if !strings.Contains(out, want) && !strings.Contains(out, strings.NewReplacer("[", `\[`, "]", `\]`).Replace(want)) {
				t.Errorf("%s: lacks %q", name, want)
			}
		}
		if strings.Contains(out, "U99999") {
			t.Errorf("%s: names a missing member's code", name)
		}
	}
}

// wordIn reports whether word stands in s as a whole word, capitalised.
func wordIn(s, word string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], word)
		if j < 0 {
			return false
		}
		at, end := i+j, i+j+len(word)
		before, after := ' ', ' '
		if at > 0 {
			before = []rune(s[:at])[len([]rune(s[:at]))-1]
		}
		if end < len(s) {
			after = []rune(s[end:])[0]
		}
		if !unicode.IsLetter(before) && !unicode.IsDigit(before) && !unicode.IsLetter(after) && !unicode.IsDigit(after) {
			return true
		}
		i = end
	}
}

// TestPapersSayMixedPeriods: a pack of two periods says so on the cover and
// in the summary, naming the PCNs that sent the other period.
func TestPapersSayMixedPeriods(t *testing.T) {
	var inputs []pcnjson.Input
	for i, code := range []string{"U30001", "U30002", "U30003"} {
		s := forumtest.Simple(code, 5000, "estates")
		if i == 2 {
			s.Period = domain.Period{Year: 2026, Quarter: 4}
		}
		in, err := pcnjson.Read(code+".json", forumtest.Encode(s, 1, forumtest.Exported))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	opt := forumOptions(false)
	if _, _, err := forum.Merge(inputs, opt); err == nil {
		t.Fatal("mixed periods merged without leave")
	}
	opt.AllowMixedPeriods = true
	p := mergePack(t, inputs, opt)
	page, err := ForumHTML(p)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"md": string(ForumMarkdown(p)), "html": string(page)} {
		for _, want := range []string{"2026/27 Q3 — mixed periods: 2 for 2026/27 Q3; 1 for 2026/27 Q4 (PCN U30003)",
			"not all for one period: 2 for 2026/27 Q3; 1 for 2026/27 Q4 (PCN U30003). The pack is for 2026/27 Q3"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
}

func inOrder(t *testing.T, name, s string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(s[at:], w)
		if i < 0 {
			t.Errorf("%s: %q missing or out of order", name, w)
			return
		}
		at += i + len(w)
	}
}
