package report

import "strings"

// List items, and closing blocks: what a list item's marker means, and
// what a block holds once it ends.

// listItem starts a list item (and its list, if the item does not
// continue the open one).
func (r *blockReader) listItem(container *mdBlock) bool {
	if r.indent >= 4 {
		return false
	}
	rest := r.line[r.nextNonspace:]
	item := &mdBlock{kind: mbItem, tight: true, markerOffset: r.indent}
	var n int
	switch {
	case rest != "" && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+'):
		item.bullet, n = rest[0], 1
	default:
		for n < len(rest) && n < 9 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(rest) || rest[n] != '.' && rest[n] != ')' {
			return false
		}
		start := 0
		for _, d := range rest[:n] {
			start = start*10 + int(d-'0')
		}
		if container.kind == mbPara && start != 1 {
			return false
		}
		item.ordered, item.start, item.bullet = true, start, rest[n]
		n++
	}
	if next := r.peek(r.nextNonspace + n); next != -1 && next != ' ' && next != '\t' {
		return false
	}
	if container.kind == mbPara && strings.Trim(rest[n:], " \t") == "" {
		return false // an empty item cannot interrupt a paragraph
	}
	r.advanceNextNonspace()
	r.advanceOffset(n, true)
	startCol, startOff := r.column, r.offset
	for {
		r.advanceOffset(1, true)
		if r.column-startCol >= 5 || !isSpaceOrTab(r.peek(r.offset)) {
			break
		}
	}
	blankItem := r.peek(r.offset) == -1
	spaces := r.column - startCol
	if spaces >= 5 || spaces < 1 || blankItem {
		item.padding = n + 1
		r.column, r.offset = startCol, startOff
		if isSpaceOrTab(r.peek(r.offset)) {
			r.advanceOffset(1, true)
		}
	} else {
		item.padding = n + spaces
	}

	r.closeUnmatched()
	if r.tip.kind != mbList || r.tip.ordered != item.ordered || r.tip.bullet != item.bullet {
		l := r.addChild(mbList)
		l.ordered, l.bullet, l.start, l.tight = item.ordered, item.bullet, item.start, true
	}
	b := r.addChild(mbItem)
	b.markerOffset, b.padding = item.markerOffset, item.padding
	return true
}

// finalize closes b.
func (r *blockReader) finalize(b *mdBlock) {
	above := b.parent
	b.open = false
	switch b.kind {
	case mbPara:
		b.literal = r.takeReferences(b.content.String())
		if strings.Trim(b.literal, " \t\n") == "" {
			b.removed = true
		}
	case mbHeading:
		b.literal = b.content.String()
	case mbCode:
		s := b.content.String()
		if b.fenced {
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				s = s[i+1:] // the info string's line
			} else {
				s = ""
			}
		} else {
			s = trimBlankLines(s)
		}
		b.literal = s
	case mbHTML:
		b.literal = b.content.String()
	case mbList:
		b.tight = listTight(b)
	}
	r.tip = above
}

// listTight is goldmark's reading of CommonMark's rule: a list is loose
// if a blank line comes before one of its items (but the first), or
// before a block inside an item (but the item's first).
func listTight(l *mdBlock) bool {
	for i, item := range visible(l.kids) {
		if i > 0 && item.blankBefore {
			return false
		}
		for k, kid := range visible(item.kids) {
			if k > 0 && kid.blankBefore {
				return false
			}
		}
	}
	return true
}

func visible(bs []*mdBlock) []*mdBlock {
	var out []*mdBlock
	for _, b := range bs {
		if !b.removed {
			out = append(out, b)
		}
	}
	return out
}

// trimBlankLines drops an indented code block's trailing blank lines.
func trimBlankLines(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for len(lines) > 0 && strings.Trim(lines[len(lines)-1], " \t") == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}
