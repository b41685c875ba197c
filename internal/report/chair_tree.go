package report

import "strings"

// From the reader's blocks to the tree both papers are written from, and
// the link reference definitions the reader takes out of paragraphs.

// chairTree is the document's blocks as the papers' tree.
func chairTree(t *mdDocumentTree) []chairBlock {
	return treeBlocks(t.doc.kids, t.refs, 0)
}

func treeBlocks(bs []*mdBlock, refs map[string]bool, depth int) []chairBlock {
	var out []chairBlock
	for _, b := range bs {
		if b.removed {
			continue
		}
		switch b.kind {
		case mbPara:
			if inl := inlines(b.literal, refs); len(inl) > 0 {
				out = append(out, chairBlock{kind: chairPara, inl: inl})
			}
		case mbHeading:
			out = append(out, chairBlock{kind: chairHeading, inl: inlines(b.literal, refs)})
		case mbList:
			if depth >= maxChairDepth {
				out = append(out, treeFlatten(b, refs)...)
				continue
			}
			l := chairBlock{kind: chairBullets, tight: b.tight}
			if b.ordered {
				l.kind, l.start = chairNumbered, b.start
			}
			for _, item := range b.kids {
				// An item with no words is left out, by both papers alike:
				// the Markdown paper cannot write one that every reader
				// reads back as the same list (see mdChairBlock).
				if kids := treeBlocks(item.kids, refs, depth+1); len(kids) > 0 {
					l.items = append(l.items, kids)
				}
			}
			if len(l.items) > 0 {
				out = append(out, l)
			}
		case mbQuote:
			if depth >= maxChairDepth {
				out = append(out, treeFlatten(b, refs)...)
				continue
			}
			out = append(out, chairBlock{kind: chairQuote, kids: treeBlocks(b.kids, refs, depth+1)})
		case mbCode:
			out = append(out, chairBlock{kind: chairCode, text: strings.TrimRight(b.literal, "\n")})
		case mbHTML:
			// Raw HTML is shown as the text it is, never run.
			if p, ok := foldedPara(b.literal); ok {
				out = append(out, p)
			}
		case mbRule:
			out = append(out, chairBlock{kind: chairRule})
		}
	}
	return out
}

// foldedPara is a paragraph of s's words, white space folded.
func foldedPara(s string) (chairBlock, bool) {
	t := strings.Join(strings.Fields(s), " ")
	return chairBlock{kind: chairPara, inl: []chairInline{{kind: chairText, text: t}}}, t != ""
}

// treeFlatten turns a block nested too deep into paragraphs of its text,
// code and HTML among them (their words are the chair's too), walking
// the blocks with a stack of its own: ">>>>…" nests as deep as the file
// is long.
func treeFlatten(b *mdBlock, refs map[string]bool) []chairBlock {
	var out []chairBlock
	stack := []*mdBlock{b}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b.removed {
			continue
		}
		switch b.kind {
		case mbPara, mbHeading:
			if inl := inlines(b.literal, refs); len(inl) > 0 {
				out = append(out, chairBlock{kind: chairPara, inl: inl})
			}
		case mbCode, mbHTML:
			if p, ok := foldedPara(b.literal); ok {
				out = append(out, p)
			}
		}
		for i := len(b.kids) - 1; i >= 0; i-- {
			stack = append(stack, b.kids[i])
		}
	}
	return out
}

// takeReferences takes the link reference definitions from the start of
// a paragraph's text, noting their labels, and returns the rest.
func (r *blockReader) takeReferences(content string) string {
	for strings.HasPrefix(content, "[") {
		n := newInlineReader(content, nil).reference(r.refs)
		if n == 0 {
			break
		}
		content = content[n:]
	}
	return content
}

// reference reads a link reference definition at the start of the text,
// noting its label in refs; it returns its length, or 0.
func (p *inlineReader) reference(refs map[string]bool) int {
	n := p.linkLabel(0)
	if n == 0 || n >= len(p.s) || p.s[n] != ':' {
		return 0
	}
	label := p.s[:n]
	p.pos = n + 1
	p.spnl()
	if !p.linkDestination(false) {
		return 0
	}
	beforeTitle := p.pos
	p.spnl()
	titled := false
	if p.pos > beforeTitle && p.pos < len(p.s) {
		if end := p.linkTitle(p.pos); end > 0 {
			p.pos, titled = end, true
		}
	}
	if !titled {
		p.pos = beforeTitle
	}
	if !p.lineEnds() {
		if !titled {
			return 0
		}
		p.pos = beforeTitle
		if !p.lineEnds() {
			return 0
		}
	}
	norm := normalizeLabel(label)
	if norm == "" {
		return 0
	}
	refs[norm] = true
	return p.pos
}

// lineEnds skips spaces to the end of the line, if nothing else is on it.
func (p *inlineReader) lineEnds() bool {
	i := p.pos
	for i < len(p.s) && (p.s[i] == ' ' || p.s[i] == '\t') {
		i++
	}
	if i < len(p.s) && p.s[i] != '\n' {
		return false
	}
	if i < len(p.s) {
		i++
	}
	p.pos = i
	return true
}
