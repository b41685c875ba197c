package report

import (
	"bufio"
	"bytes"
	"html"
	"strings"

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
