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

// The reference reading of the chair's words: goldmark, a full CommonMark
// parser, converted into chairBlock trees as production did until the
// reader in chair_parse.go replaced it (goldmark's package inits cost
// every command's start-up). Tests hold the reader to it.

// parseChairReference is the chair's words as goldmark reads them: the
// conversion parseChair used before it had its own reader, kept as the
// yardstick the reader is proved against.
func parseChairReference(md string) []chairBlock {
	src := []byte(clean(md))
	doc := goldmark.New().Parser().Parse(gmtext.NewReader(src))
	return refBlocks(doc, src, 0)
}

func refBlocks(n ast.Node, src []byte, depth int) []chairBlock {
	var out []chairBlock
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if inl := refInlines(c, src, 0); len(inl) > 0 {
				out = append(out, chairBlock{kind: chairPara, inl: inl})
			}
		case *ast.Heading:
			out = append(out, chairBlock{kind: chairHeading, inl: refInlines(c, src, 0)})
		case *ast.List:
			if depth >= maxChairDepth {
				out = append(out, refFlatten(c, src)...)
				continue
			}
			b := chairBlock{kind: chairBullets, tight: c.IsTight}
			if c.IsOrdered() {
				b.kind, b.start = chairNumbered, c.Start
			}
			for item := c.FirstChild(); item != nil; item = item.NextSibling() {
				if kids := refBlocks(item, src, depth+1); len(kids) > 0 { // as chairTree
					b.items = append(b.items, kids)
				}
			}
			if len(b.items) > 0 {
				out = append(out, b)
			}
		case *ast.Blockquote:
			if depth >= maxChairDepth {
				out = append(out, refFlatten(c, src)...)
				continue
			}
			out = append(out, chairBlock{kind: chairQuote, kids: refBlocks(c, src, depth+1)})
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
			out = append(out, refBlocks(c, src, depth)...)
		}
	}
	return out
}

// flatten turns a block nested too deep into paragraphs of its text.
func refFlatten(n ast.Node, src []byte) []chairBlock {
	var out []chairBlock
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			if inl := refInlines(c, src, 0); len(inl) > 0 {
				out = append(out, chairBlock{kind: chairPara, inl: inl})
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			// Changed with the reader (it was dropped): a code or HTML
			// block nested too deep keeps its words, folded.
			var b strings.Builder
			lines := c.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			if h, ok := c.(*ast.HTMLBlock); ok && h.HasClosure() {
				b.Write(h.ClosureLine.Value(src))
			}
			if p, ok := foldedPara(b.String()); ok {
				out = append(out, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func refInlines(n ast.Node, src []byte, depth int) []chairInline {
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
				add(refPlainText(c.Segment.Value(src)))
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
				add(refPlainText(c.Value))
			}
		case *ast.Emphasis:
			kind := chairEm
			if c.Level >= 2 {
				kind = chairStrong
			}
			if depth >= maxChairDepth { // too deep: its words, as the reader keeps them
				for _, k := range refInlines(c, src, depth+1) {
					if k.kind == chairText {
						add(k.text)
					} else {
						out = append(out, k)
					}
				}
				continue
			}
			if kids := refInlines(c, src, depth+1); len(kids) > 0 {
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
			for _, k := range refInlines(c, src, depth) {
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

// refPlainText is Markdown text as it reads: backslash escapes and entity
// references resolved, as goldmark's own HTML writer resolves them.
func refPlainText(v []byte) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	gmhtml.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return html.UnescapeString(b.String())
}
