package report

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// The reader proved against the reference (goldmark, chair_ref_test.go):
// on documents as a chair writes them, on the Markdown paper's own
// writing of any input, and on strings of Markdown's punctuation. Budget:
// rapid's default 100 cases each; RAPID_CHECKS raises it (.ci/run).

// TestChairReaderAgreesWithGoldmark: chair's-words documents from a
// grammar of what the tree holds read to the same tree both ways.
func TestChairReaderAgreesWithGoldmark(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		md := chairDoc(t, 0)
		sameTrees(t, md)
	})
}

// TestChairMarkdownReadsAlike: whatever the chair wrote, the Markdown the
// paper writes back reads the same to the reader as to goldmark (GitHub
// reads CommonMark: the paper means what it says there too).
func TestChairMarkdownReadsAlike(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		md := rapid.OneOf(rapid.String(), markdownish(), rapid.Custom(func(t *rapid.T) string { return chairDoc(t, 0) })).Draw(t, "md")
		sameTrees(t, ChairMarkdown(md))
	})
}

// TestChairReaderAgreesOnPunctuation: strings of Markdown's special
// characters, where readers part ways if anywhere.
func TestChairReaderAgreesOnPunctuation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		md := markdownish().Draw(t, "md")
		// goldmark reads "\\" then "\" at a line's end as two backslashes
		// and no break; CommonMark (and GitHub) as one and a break, as the
		// reader does. The writer never writes it (chair_md.go).
		if strings.Contains(md, "\\\n") {
			t.Skip("a backslash line break")
		}
		sameTrees(t, md)
	})
}

func sameTrees(t interface {
	Helper()
	Fatalf(string, ...any)
}, md string) {
	t.Helper()
	got, want := parseChair(md), parseChairReference(md)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q\n got %s\nwant %s", md, dumpBlocks(got), dumpBlocks(want))
	}
}

// markdownish draws strings of Markdown's punctuation. It holds no link
// reference definitions: goldmark reads one that opens a list item, with
// a lazy line after it, as making the list loose, where CommonMark and
// the reader do not (no chair writes a definition in a list item).
func markdownish() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		parts := rapid.SliceOfN(rapid.SampledFrom([]string{"a", "b", "é", "1", " ", " ", "  ", "\n", "\n\n", "\t", "    ",
			"*", "_", "`", "[", "]", "(", ")", "!", "<", ">", "&", ";", "#", "-", "+", "1.", "2)", "\\", "~~~", "```", "=", "\"",
			"'", ":", "amp", "#35", "x", ".", "<b>", "</b>", "<!--", "-->", "https:", "@"}), 0, 30).Draw(t, "parts")
		return strings.Join(parts, "")
	})
}

var chairWordsList = []string{"the", "board", "PCN", "ARRS", "estates", "A&E", "café", "3", "42", "well-led", "GP's", "£1.2m", "5%",
	"(see", "below)", "e.g.", "Q3:", "1/4", "x+y", "naïve", "–", "\"quoted\"", "it's", "a_b", "2*3", "#1", "100~", "a|b", "$5"}

// chairDoc draws a document of blocks as a chair writes them.
func chairDoc(t *rapid.T, depth int) string {
	n := rapid.IntRange(1, 4).Draw(t, "blocks")
	var blocks []string
	for range n {
		blocks = append(blocks, chairBlockMd(t, depth))
	}
	return strings.Join(blocks, "\n\n") + rapid.SampledFrom([]string{"", "\n", "\n\n"}).Draw(t, "end")
}

func chairBlockMd(t *rapid.T, depth int) string {
	kinds := []string{"para", "para", "heading", "setext", "rule", "code", "indented", "bullets", "numbered", "quote", "html", "ref"}
	if depth >= 3 {
		kinds = kinds[:7]
	}
	switch rapid.SampledFrom(kinds).Draw(t, "block") {
	case "heading":
		return strings.Repeat("#", rapid.IntRange(1, 6).Draw(t, "level")) + " " + chairLine(t) + rapid.SampledFrom([]string{"", " #", " ##"}).Draw(t, "close")
	case "setext":
		return chairLine(t) + "\n" + rapid.SampledFrom([]string{"===", "---", "=====", "-----"}).Draw(t, "underline")
	case "rule":
		return rapid.SampledFrom([]string{"---", "***", "___", "* * *", "- - -"}).Draw(t, "rule")
	case "code":
		fence := rapid.SampledFrom([]string{"```", "~~~", "````"}).Draw(t, "fence")
		lines := rapid.SliceOfN(rapid.SampledFrom([]string{"x := 1", "  indented", "", "*not em*", "<b>", "`tick`"}), 0, 4).Draw(t, "code")
		return fence + rapid.SampledFrom([]string{"", "go", "text"}).Draw(t, "info") + "\n" + strings.Join(append(lines, fence), "\n")
	case "indented":
		lines := rapid.SliceOfN(rapid.SampledFrom([]string{"code here", "  more", "*x*"}), 1, 3).Draw(t, "code")
		return "    " + strings.Join(lines, "\n    ")
	case "bullets", "numbered":
		return chairList(t, depth)
	case "quote":
		inner := chairDoc(t, depth+1)
		var out []string
		for i, l := range strings.Split(strings.TrimRight(inner, "\n"), "\n") {
			if i > 0 && l != "" && rapid.IntRange(0, 9).Draw(t, "lazy") == 0 && !strings.ContainsAny(l[:1], "-*+#>`~<=_0123456789 ") {
				out = append(out, l) // a lazy continuation line
				continue
			}
			out = append(out, strings.TrimRight("> "+l, " "))
		}
		return strings.Join(out, "\n")
	case "html":
		return rapid.SampledFrom([]string{"<div>\nblock *html*\n</div>", "<!-- a note -->", "<script>alert(1)</script>", "<p>para</p>"}).Draw(t, "html")
	case "ref":
		return "[" + rapid.SampledFrom([]string{"plan", "The Plan", "x"}).Draw(t, "label") + "]: https://evil.example/" +
			rapid.SampledFrom([]string{"", " \"title\"", " 'title'", " (title)"}).Draw(t, "title")
	}
	lines := rapid.SliceOfN(rapid.Custom(chairLine), 1, 3).Draw(t, "lines")
	sep := rapid.SampledFrom([]string{"\n", "  \n", "\\\n"}).Draw(t, "break")
	return strings.Join(lines, sep)
}

func chairList(t *rapid.T, depth int) string {
	ordered := rapid.Bool().Draw(t, "ordered")
	marker := rapid.SampledFrom([]string{"-", "*", "+"}).Draw(t, "bullet")
	start := rapid.IntRange(0, 12).Draw(t, "start")
	delim := rapid.SampledFrom([]string{".", ")"}).Draw(t, "delim")
	loose := rapid.Bool().Draw(t, "loose")
	var items []string
	for i := range rapid.IntRange(1, 4).Draw(t, "items") {
		m := marker + " "
		if ordered {
			m = fmt.Sprint(start+i) + delim + " "
		}
		pad := strings.Repeat(" ", len(m))
		body := chairLine(t)
		switch rapid.IntRange(0, 3).Draw(t, "more") {
		case 1:
			body += "\n\n" + chairLine(t) // a second paragraph: loose
		case 2:
			if depth < 3 {
				body += "\n" + chairList(t, depth+1)
			}
		}
		lines := strings.Split(body, "\n")
		for k := 1; k < len(lines); k++ {
			if lines[k] != "" {
				lines[k] = pad + lines[k]
			}
		}
		items = append(items, m+strings.Join(lines, "\n"))
	}
	sep := "\n"
	if loose {
		sep = "\n\n"
	}
	return strings.Join(items, sep)
}

// chairLine draws one line of a paragraph: words with emphasis, code,
// links, images, entities, escapes and inline HTML.
func chairLine(t *rapid.T) string {
	var out []string
	for range rapid.IntRange(1, 8).Draw(t, "pieces") {
		w := rapid.SampledFrom(chairWordsList).Draw(t, "word")
		words := w + " " + rapid.SampledFrom(chairWordsList).Draw(t, "word2")
		switch rapid.IntRange(0, 16).Draw(t, "inline") {
		case 0:
			w = "*" + words + "*"
		case 1:
			w = "_" + words + "_"
		case 2:
			w = "**" + words + "**"
		case 3:
			w = "__" + w + "__"
		case 4:
			w = "***" + w + "***"
		case 5:
			w = "`" + words + "`"
		case 6:
			w = "[" + words + "](https://evil.example" + rapid.SampledFrom([]string{"", " \"t\"", " 'a b'"}).Draw(t, "title") + ")"
		case 7:
			w = "[" + words + "][plan]"
		case 8:
			w = "![" + words + "](https://t.example/p.gif)"
		case 9:
			w = "<https://x.example/a?b=c>"
		case 10:
			w = rapid.SampledFrom([]string{"&amp;", "&copy;", "&#169;", "&#x3c;", "&lt;b&gt;", "&nbsp;", "&bogus;"}).Draw(t, "entity")
		case 11:
			w = rapid.SampledFrom([]string{`\*`, `\_`, `\#`, `\[`, `\\`, `\a`}).Draw(t, "escape") + w
		case 12:
			w = rapid.SampledFrom([]string{"<b>", "</b>", "<br/>", `<span class="x">`, "<!-- c -->"}).Draw(t, "tag") + w
		case 13:
			w = "*" + w + " **" + words + "** " + w + "*"
		case 14:
			w = "[plan]"
		}
		out = append(out, w)
	}
	return strings.Join(out, rapid.SampledFrom([]string{" ", " ", "  ", "\t"}).Draw(t, "space"))
}

// dumpBlocks is a tree as a failing test shows it.
func dumpBlocks(bs []chairBlock) string {
	var b strings.Builder
	for _, bl := range bs {
		fmt.Fprintf(&b, "{k%d", bl.kind)
		if bl.inl != nil {
			b.WriteString(" " + dumpInl(bl.inl))
		}
		if bl.kind == chairBullets || bl.kind == chairNumbered {
			fmt.Fprintf(&b, " tight=%v start=%d", bl.tight, bl.start)
			for _, it := range bl.items {
				b.WriteString(" [" + dumpBlocks(it) + "]")
			}
		}
		if bl.kids != nil {
			b.WriteString(" >" + dumpBlocks(bl.kids))
		}
		if bl.kind == chairCode {
			fmt.Fprintf(&b, " %q", bl.text)
		}
		b.WriteString("}")
	}
	return b.String()
}

func dumpInl(in []chairInline) string {
	var b strings.Builder
	for _, i := range in {
		switch i.kind {
		case chairText:
			fmt.Fprintf(&b, "%q", i.text)
		case chairCodeSpan:
			fmt.Fprintf(&b, "code%q", i.text)
		case chairBreak:
			b.WriteString("BR")
		default:
			fmt.Fprintf(&b, "e%d(%s)", i.kind, dumpInl(i.kids))
		}
	}
	return b.String()
}
