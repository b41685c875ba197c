package report

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// The chair's words in the HTML paper, written from the parsed tree
// (chair.go).

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
