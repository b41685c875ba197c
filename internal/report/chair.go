package report

import (
	"bufio"
	"bytes"
	"html"
	"html/template"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	gmtext "github.com/yuin/goldmark/text"
)

// The chair's own words (SPEC §5, [forum] summary_file) are Markdown the
// chair wrote, so the papers honour its shape — paragraphs, headings,
// lists, block quotes, emphasis, code — while its text is escaped as all
// user text is: raw HTML shows as text, a link shows as its words (a board
// paper invites no click, and the page's policy forbids one), an image as
// its description. It is parsed once (CommonMark, goldmark) into the small
// tree below, and both papers are written from that tree, so they cannot
// disagree about what the chair said.

// chairBlock is one block of the chair's words.
type chairBlock struct {
	kind  blockKind
	inl   []chairInline  // paragraph, heading
	items [][]chairBlock // list items
	tight bool           // a tight list: items without paragraph spacing
	start int            // an ordered list's first number
	kids  []chairBlock   // block quote
	text  string         // code block
}

type blockKind int

const (
	chairPara blockKind = iota
	chairHeading
	chairBullets
	chairNumbered
	chairQuote
	chairCode
	chairRule
)

// chairInline is one run of inline content.
type chairInline struct {
	kind inlineKind
	text string        // text, code
	kids []chairInline // emphasis, strong
}

type inlineKind int

const (
	chairText inlineKind = iota
	chairEm
	chairStrong
	chairCodeSpan
	chairBreak
)

// maxChairDepth bounds how deeply lists and quotes nest; deeper ones are
// flattened into their text. A paper has no use for more, and a file of
// ">>>>…" must not make a paper of indentation.
const maxChairDepth = 6

// parseChair reads the chair's Markdown into blocks, after removing
// terminal escapes and control characters.
func parseChair(md string) []chairBlock {
	src := []byte(clean(md))
	doc := goldmark.New().Parser().Parse(gmtext.NewReader(src))
	return chairBlocks(doc, src, 0)
}

func chairBlocks(n ast.Node, src []byte, depth int) []chairBlock {
	var out []chairBlock
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if inl := chairInlines(c, src); len(inl) > 0 {
				out = append(out, chairBlock{kind: chairPara, inl: inl})
			}
		case *ast.Heading:
			out = append(out, chairBlock{kind: chairHeading, inl: chairInlines(c, src)})
		case *ast.List:
			if depth >= maxChairDepth {
				out = append(out, flatten(c, src)...)
				continue
			}
			b := chairBlock{kind: chairBullets, tight: c.IsTight}
			if c.IsOrdered() {
				b.kind, b.start = chairNumbered, c.Start
			}
			for item := c.FirstChild(); item != nil; item = item.NextSibling() {
				b.items = append(b.items, chairBlocks(item, src, depth+1))
			}
			out = append(out, b)
		case *ast.Blockquote:
			if depth >= maxChairDepth {
				out = append(out, flatten(c, src)...)
				continue
			}
			out = append(out, chairBlock{kind: chairQuote, kids: chairBlocks(c, src, depth+1)})
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var b strings.Builder
			lines := c.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			out = append(out, chairBlock{kind: chairCode, text: strings.TrimRight(b.String(), "\n")})
		case *ast.HTMLBlock:
			// Raw HTML is shown as the text it is, never run.
			var b strings.Builder
			lines := c.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			if c.HasClosure() {
				b.Write(c.ClosureLine.Value(src))
			}
			if t := strings.Join(strings.Fields(b.String()), " "); t != "" {
				out = append(out, chairBlock{kind: chairPara, inl: []chairInline{{kind: chairText, text: t}}})
			}
		case *ast.ThematicBreak:
			out = append(out, chairBlock{kind: chairRule})
		default:
			out = append(out, chairBlocks(c, src, depth)...)
		}
	}
	return out
}

// flatten turns a block nested too deep into paragraphs of its text.
func flatten(n ast.Node, src []byte) []chairBlock {
	var out []chairBlock
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			if inl := chairInlines(c, src); len(inl) > 0 {
				out = append(out, chairBlock{kind: chairPara, inl: inl})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func chairInlines(n ast.Node, src []byte) []chairInline {
	var out []chairInline
	add := func(s string) {
		// Entity references can spell controls ("&#27;"): clean again.
		s = strings.ReplaceAll(clean(s), "\t", " ")
		if s == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].kind == chairText {
			out[k].text += s
			return
		}
		out = append(out, chairInline{kind: chairText, text: s})
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				add(string(c.Segment.Value(src)))
			} else {
				add(plainText(c.Segment.Value(src)))
			}
			switch {
			case c.HardLineBreak():
				out = append(out, chairInline{kind: chairBreak})
			case c.SoftLineBreak():
				add(" ")
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				add(string(c.Value))
			} else {
				add(plainText(c.Value))
			}
		case *ast.Emphasis:
			kind := chairEm
			if c.Level >= 2 {
				kind = chairStrong
			}
			if kids := chairInlines(c, src); len(kids) > 0 {
				out = append(out, chairInline{kind: kind, kids: kids})
			}
		case *ast.CodeSpan:
			var b strings.Builder
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			out = append(out, chairInline{kind: chairCodeSpan, text: strings.ReplaceAll(clean(b.String()), "\n", " ")})
		case *ast.AutoLink:
			add(string(c.Label(src))) // the address, as words
		case *ast.RawHTML:
			for i := range c.Segments.Len() {
				seg := c.Segments.At(i)
				add(strings.ReplaceAll(string(seg.Value(src)), "\n", " "))
			}
		default: // a link or an image: its words, never its address
			for _, k := range chairInlines(c, src) {
				if k.kind == chairText {
					add(k.text)
				} else {
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// plainText is Markdown text as it reads: backslash escapes and entity
// references resolved, as goldmark's own HTML writer resolves them.
func plainText(v []byte) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	gmhtml.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return html.UnescapeString(b.String())
}

// ChairHTML renders the chair's Markdown for the HTML paper: headings as
// h3 (the section is an h2), paragraphs, lists, block quotes, emphasis,
// code, every character of text escaped, and nothing that links or loads.
func ChairHTML(md string) template.HTML {
	var b strings.Builder
	htmlBlocks(&b, parseChair(md))
	// Safe: every string from md went through html.EscapeString; the
	// only markup is the fixed set of tags written here, with no
	// attributes but an ordered list's numeric start.
	return template.HTML(b.String())
}

func htmlBlocks(b *strings.Builder, blocks []chairBlock) {
	for _, bl := range blocks {
		switch bl.kind {
		case chairPara:
			b.WriteString("<p>")
			htmlInlines(b, bl.inl)
			b.WriteString("</p>\n")
		case chairHeading:
			b.WriteString("<h3>")
			htmlInlines(b, bl.inl)
			b.WriteString("</h3>\n")
		case chairBullets, chairNumbered:
			tag := "ul"
			if bl.kind == chairNumbered {
				tag = "ol"
			}
			b.WriteString("<" + tag)
			if bl.kind == chairNumbered && bl.start != 1 {
				b.WriteString(` start="` + strconv.Itoa(bl.start) + `"`)
			}
			b.WriteString(">\n")
			for _, item := range bl.items {
				b.WriteString("<li>")
				if bl.tight && len(item) > 0 && item[0].kind == chairPara {
					htmlInlines(b, item[0].inl)
					item = item[1:]
					if len(item) > 0 {
						b.WriteString("\n")
					}
				}
				htmlBlocks(b, item)
				b.WriteString("</li>\n")
			}
			b.WriteString("</" + tag + ">\n")
		case chairQuote:
			b.WriteString("<blockquote class=\"chair-quote\">\n")
			htmlBlocks(b, bl.kids)
			b.WriteString("</blockquote>\n")
		case chairCode:
			b.WriteString("<pre>" + html.EscapeString(bl.text) + "</pre>\n")
		case chairRule:
			b.WriteString("<hr>\n")
		}
	}
}

func htmlInlines(b *strings.Builder, inl []chairInline) {
	for _, in := range inl {
		switch in.kind {
		case chairText:
			b.WriteString(html.EscapeString(in.text))
		case chairEm:
			b.WriteString("<em>")
			htmlInlines(b, in.kids)
			b.WriteString("</em>")
		case chairStrong:
			b.WriteString("<strong>")
			htmlInlines(b, in.kids)
			b.WriteString("</strong>")
		case chairCodeSpan:
			b.WriteString("<code>" + html.EscapeString(in.text) + "</code>")
		case chairBreak:
			b.WriteString("<br>\n")
		}
	}
}

// ChairMarkdown renders the chair's Markdown for the Markdown paper: the
// same blocks and emphasis, written again as Markdown whose every piece of
// text is escaped (EscapeMarkdown's rules), headings as "###". What cannot
// be written back exactly safely loses its form, never its words: an
// emphasis that would not parse as one again is written as plain text.
func ChairMarkdown(md string) string {
	lines := mdChairBlocks(parseChair(md))
	return strings.Join(lines, "\n")
}

// mdChairBlocks writes blocks as lines, a blank line between blocks.
func mdChairBlocks(blocks []chairBlock) []string {
	var out []string
	for i, bl := range blocks {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, mdChairBlock(bl)...)
	}
	return out
}

func mdChairBlock(bl chairBlock) []string {
	switch bl.kind {
	case chairPara:
		return mdParagraph(bl.inl)
	case chairHeading:
		line := strings.Join(strings.Fields(mdInlines(bl.inl)), " ")
		if !sameWords("### "+line, bl.inl) {
			line = strings.Join(strings.Fields(mdInlines(plainInlines(bl.inl))), " ")
		}
		if line == "" {
			return nil
		}
		return []string{"### " + line}
	case chairBullets, chairNumbered:
		var out []string
		for i, item := range bl.items {
			marker := "- "
			if bl.kind == chairNumbered {
				marker = strconv.Itoa(bl.start+i) + ". "
			}
			if i > 0 && !bl.tight {
				out = append(out, "")
			}
			lines := mdChairBlocks(item)
			if bl.tight {
				lines = tightItem(item)
			}
			if len(lines) == 0 {
				lines = []string{""}
			}
			pad := strings.Repeat(" ", len(marker))
			for k, l := range lines {
				switch {
				case k == 0:
					out = append(out, strings.TrimRight(marker+l, " "))
				case l == "":
					out = append(out, "")
				default:
					out = append(out, pad+l)
				}
			}
		}
		return out
	case chairQuote:
		var out []string
		for _, l := range mdChairBlocks(bl.kids) {
			out = append(out, strings.TrimRight("> "+l, " "))
		}
		return out
	case chairCode:
		fence := strings.Repeat("`", max(3, longestRun(bl.text, '`')+1))
		return append(append([]string{fence}, strings.Split(bl.text, "\n")...), fence)
	case chairRule:
		return []string{"---"}
	}
	return nil
}

// tightItem writes a tight list item's blocks without blank lines between
// them, as a tight list reads back.
func tightItem(item []chairBlock) []string {
	var out []string
	for i, bl := range item {
		if i > 0 && bl.kind != chairPara && out != nil && item[i-1].kind != chairPara {
			out = append(out, "")
		}
		out = append(out, mdChairBlock(bl)...)
	}
	return out
}

// mdParagraph writes a paragraph's inlines, one line per hard break, each
// line safe at the start of a line.
func mdParagraph(inl []chairInline) []string {
	lines := mdLines(inl)
	// Emphasis is where Markdown written back can read otherwise than the
	// chair's did (runs of "*" merging with their neighbours): read the
	// paragraph back, and if its words differ, write it without emphasis.
	if len(lines) > 0 && !sameWords(strings.Join(lines, "\n"), inl) {
		lines = mdLines(plainInlines(inl))
	}
	return lines
}

// mdLines writes a paragraph's inlines, one line per hard break, each line
// safe at the start of a line.
func mdLines(inl []chairInline) []string {
	var lines []string
	var cur []chairInline
	flush := func(last bool) {
		line := strings.TrimSpace(mdInlines(cur))
		line = escapeLineStart(line)
		if !last {
			// Two spaces, not a backslash: goldmark reads an escaped backslash
			// then a breaking one as two backslashes and no break.
			line += "  "
		}
		lines = append(lines, line)
		cur = nil
	}
	for k, in := range inl {
		if in.kind == chairBreak {
			if k < len(inl)-1 {
				flush(false)
			}
			continue
		}
		cur = append(cur, in)
	}
	flush(true)
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	return lines
}

// sameWords reports whether the paragraph md reads back as the words of
// inl (spaces folded).
func sameWords(md string, inl []chairInline) bool {
	var got []string
	for _, b := range parseChair(md) {
		got = append(got, plainOf(b.inl))
	}
	fold := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return fold(strings.Join(got, " ")) == fold(plainOf(inl))
}

// plainInlines is inl with emphasis taken away, its words kept.
func plainInlines(inl []chairInline) []chairInline {
	var out []chairInline
	for _, in := range inl {
		switch in.kind {
		case chairEm, chairStrong:
			out = append(out, plainInlines(in.kids)...)
		default:
			out = append(out, in)
		}
	}
	return out
}

// mdInlines writes inline content on one line, escaped.
func mdInlines(inl []chairInline) string {
	var b strings.Builder
	for k, in := range inl {
		switch in.kind {
		case chairText:
			escapeInline(&b, strings.ReplaceAll(in.text, "\n", " "))
		case chairEm, chairStrong:
			inner := mdInlines(in.kids)
			if !delimitable(in, b.String(), inl[k+1:]) {
				b.WriteString(inner) // would not parse back as emphasis: words only
				continue
			}
			delim := "*"
			if in.kind == chairStrong {
				delim = "**"
			}
			b.WriteString(delim + inner + delim)
		case chairCodeSpan:
			b.WriteString(codeSpan(in.text))
		case chairBreak:
			b.WriteString(" ")
		}
	}
	return b.String()
}

// delimitable reports whether emphasis in can be written with "*"
// delimiters that read back as the same emphasis: its text has a word at
// each edge, and no delimiter or escape stands next to its own (before, in
// what is written; after, in the inlines that follow), where runs of "*"
// would merge.
func delimitable(in chairInline, before string, after []chairInline) bool {
	if !wordEdges(plainOf(in.kids)) || in.kids[0].kind != chairText || in.kids[len(in.kids)-1].kind != chairText {
		return false
	}
	if strings.HasSuffix(before, "*") || strings.HasSuffix(before, "\\") {
		return false
	}
	if len(after) > 0 {
		next := after[0]
		if next.kind != chairText || strings.HasPrefix(next.text, "*") {
			return next.kind == chairBreak
		}
	}
	return true
}

// plainOf is inline content's words, without marks.
func plainOf(inl []chairInline) string {
	var b strings.Builder
	for _, in := range inl {
		switch in.kind {
		case chairText, chairCodeSpan:
			b.WriteString(in.text)
		case chairBreak:
			b.WriteString(" ")
		default:
			b.WriteString(plainOf(in.kids))
		}
	}
	return b.String()
}

// wordEdges reports whether s starts and ends with a letter or digit: then
// "*s*" opens and closes emphasis wherever it stands.
func wordEdges(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return s != "" && word(first) && word(last)
}

// codeSpan writes s as an inline code span that holds it exactly: a fence
// longer than any run of backticks in it, padded when it starts or ends
// with a backtick or a space.
func codeSpan(s string) string {
	if strings.TrimSpace(s) == "" {
		var b strings.Builder
		escapeInline(&b, s)
		return b.String()
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := range len(s) {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}
