package report

import (
	"strings"
)

// The block half of the chair's-words reader: CommonMark's line-by-line
// algorithm (the reference implementation's, commonmark.js), narrowed to
// what the tree in chair.go holds. Each line walks the open blocks from
// the document down (at most maxOpenDepth of them), so the work is linear
// in the input; nothing here recurses over the nesting except chairTree,
// which stops at maxChairDepth.

type mdKind int

const (
	mbDocument mdKind = iota
	mbQuote
	mbList
	mbItem
	mbPara
	mbHeading
	mbCode
	mbHTML
	mbRule
)

// mdBlock is one block while the document is read.
type mdBlock struct {
	kind        mdKind
	parent      *mdBlock
	kids        []*mdBlock
	open        bool
	removed     bool // a paragraph that held only link reference definitions
	depth       int  // blocks around it, the document not counted
	blankBefore bool // the line before it was blank (a loose list's mark)

	// lists and list items
	ordered      bool
	bullet       byte // '-', '*', '+'; or the delimiter '.' or ')'
	start        int
	markerOffset int
	padding      int
	tight        bool

	fenced      bool // code
	fenceChar   byte
	fenceLen    int
	fenceOffset int

	htmlType int

	content strings.Builder // paragraph, heading, code and HTML text
	literal string          // content once the block is closed
}

func (b *mdBlock) lastChild() *mdBlock {
	if len(b.kids) == 0 {
		return nil
	}
	return b.kids[len(b.kids)-1]
}

// blockReader holds the state of reading one document.
type blockReader struct {
	doc, tip, oldtip *mdBlock
	line             string

	offset, column           int
	nextNonspace, nnColumn   int
	indent                   int
	indented, blank, partial bool

	allClosed   bool
	prevBlank   bool // the line before this one was blank
	lastMatched *mdBlock
	refs        map[string]bool
}

// parseMarkdown reads md (already cleaned) into a block tree whose
// paragraphs and headings hold their inline content, parsed.
func parseMarkdown(md string) *mdDocumentTree {
	r := &blockReader{refs: map[string]bool{}}
	r.doc = &mdBlock{kind: mbDocument, open: true}
	r.tip, r.oldtip = r.doc, r.doc
	lines := strings.Split(md, "\n")
	n := len(lines)
	if strings.HasSuffix(md, "\n") {
		n--
	}
	for i := range n {
		r.incorporate(lines[i])
	}
	for r.tip != nil {
		r.finalize(r.tip)
	}
	return &mdDocumentTree{doc: r.doc, refs: r.refs}
}

// mdDocumentTree is a document read into blocks, with the labels of its
// link reference definitions.
type mdDocumentTree struct {
	doc  *mdBlock
	refs map[string]bool
}

func (r *blockReader) peek(i int) int {
	if i < len(r.line) {
		return int(r.line[i])
	}
	return -1
}

func (r *blockReader) findNextNonspace() {
	i, cols := r.offset, r.column
	for i < len(r.line) {
		c := r.line[i]
		if c == ' ' {
			i++
			cols++
		} else if c == '\t' {
			i++
			cols += 4 - cols%4
		} else {
			break
		}
	}
	r.blank = i >= len(r.line)
	r.nextNonspace, r.nnColumn = i, cols
	r.indent = cols - r.column
	r.indented = r.indent >= 4
}

func (r *blockReader) advanceNextNonspace() {
	r.offset, r.column, r.partial = r.nextNonspace, r.nnColumn, false
}

// advanceOffset moves count characters on, or count columns when columns
// is set (a tab then counts as the columns it spans, and may be consumed
// in part).
func (r *blockReader) advanceOffset(count int, columns bool) {
	for count > 0 && r.offset < len(r.line) {
		if r.line[r.offset] == '\t' {
			toTab := 4 - r.column%4
			if columns {
				r.partial = toTab > count
				adv := min(toTab, count)
				r.column += adv
				if !r.partial {
					r.offset++
				}
				count -= adv
			} else {
				r.partial = false
				r.column += toTab
				r.offset++
				count--
			}
		} else {
			r.partial = false
			r.offset++
			r.column++
			count--
		}
	}
}

func (r *blockReader) addLine() {
	if r.partial {
		r.offset++ // the rest of a tab that a container took in part
		r.tip.content.WriteString(strings.Repeat(" ", 4-r.column%4))
	}
	r.tip.content.WriteString(r.line[r.offset:])
	r.tip.content.WriteByte('\n')
}

func canContain(parent, child mdKind) bool {
	switch parent {
	case mbDocument, mbQuote, mbItem:
		return child != mbItem
	case mbList:
		return child == mbItem
	}
	return false
}

func (r *blockReader) addChild(kind mdKind) *mdBlock {
	for !canContain(r.tip.kind, kind) {
		r.finalize(r.tip)
	}
	b := &mdBlock{kind: kind, parent: r.tip, open: true, blankBefore: r.prevBlank, depth: r.tip.depth + 1}
	r.tip.kids = append(r.tip.kids, b)
	r.tip = b
	return b
}

func (r *blockReader) closeUnmatched() {
	if r.allClosed {
		return
	}
	for r.oldtip != r.lastMatched {
		parent := r.oldtip.parent
		r.finalize(r.oldtip)
		r.oldtip = parent
	}
	r.allClosed = true
}

// incorporate reads one line into the open blocks.
func (r *blockReader) incorporate(ln string) {
	r.oldtip = r.tip
	r.offset, r.column, r.blank, r.partial = 0, 0, false, false
	r.line = ln
	lineBlank := false // blank once the open containers' marks are read
	defer func() { r.prevBlank = lineBlank }()

	allMatched := true
	container := r.doc
	for {
		last := container.lastChild()
		if last == nil || !last.open {
			break
		}
		container = last
		r.findNextNonspace()
		switch r.continues(container) {
		case 1:
			allMatched = false
		case 2:
			return
		}
		if !allMatched {
			container = container.parent
			break
		}
	}
	r.findNextNonspace()
	lineBlank = r.blank
	r.allClosed = container == r.oldtip
	r.lastMatched = container

	matchedLeaf := container.kind != mbPara && acceptsLines(container.kind)
	for !matchedLeaf {
		r.findNextNonspace()
		if !r.indented && !maybeSpecial(r.peek(r.nextNonspace)) {
			r.advanceNextNonspace()
			break
		}
		res := r.startBlock(container)
		if res == 0 {
			r.advanceNextNonspace()
			break
		}
		container = r.tip
		if res == 2 {
			matchedLeaf = true
		}
	}

	if !r.allClosed && !r.blank && r.tip.kind == mbPara {
		r.addLine() // a lazy continuation line
		return
	}
	r.closeUnmatched()
	switch {
	case acceptsLines(container.kind):
		r.addLine()
		if container.kind == mbHTML && container.htmlType >= 1 && container.htmlType <= 5 &&
			htmlBlockCloses(container.htmlType, r.line[min(r.offset, len(r.line)):]) {
			r.finalize(container)
		}
	case r.offset < len(ln) && !r.blank:
		r.addChild(mbPara)
		r.advanceNextNonspace()
		r.addLine()
	}
}

func acceptsLines(k mdKind) bool { return k == mbPara || k == mbCode || k == mbHTML }

func maybeSpecial(c int) bool {
	switch c {
	case '#', '`', '~', '*', '+', '_', '=', '<', '>', '-':
		return true
	}
	return c >= '0' && c <= '9'
}

func isSpaceOrTab(c int) bool { return c == ' ' || c == '\t' }

// continues reports whether an open block goes on in this line: 0 it
// does, 1 it does not, 2 the line is used up (a closing fence).
func (r *blockReader) continues(b *mdBlock) int {
	switch b.kind {
	case mbQuote:
		if r.indented || r.peek(r.nextNonspace) != '>' {
			return 1
		}
		r.advanceNextNonspace()
		r.advanceOffset(1, false)
		if isSpaceOrTab(r.peek(r.offset)) {
			r.advanceOffset(1, true)
		}
	case mbItem:
		switch {
		case r.blank:
			if len(b.kids) == 0 {
				return 1 // a blank line after an empty item ends it
			}
			r.advanceNextNonspace()
		case r.indent >= b.markerOffset+b.padding:
			r.advanceOffset(b.markerOffset+b.padding, true)
		default:
			return 1
		}
	case mbHeading, mbRule:
		return 1
	case mbCode:
		if b.fenced {
			rest := r.line[r.nextNonspace:]
			if r.indent <= 3 && len(rest) > 0 && rest[0] == b.fenceChar {
				n := runLen(rest, b.fenceChar)
				if n >= b.fenceLen && strings.Trim(rest[n:], " \t") == "" {
					r.finalize(b)
					return 2
				}
			}
			if r.blank && r.indent < b.fenceOffset {
				return 0 // a blank line short of the fence's indent keeps its spaces, as in goldmark
			}
			for i := b.fenceOffset; i > 0 && isSpaceOrTab(r.peek(r.offset)); i-- {
				r.advanceOffset(1, true)
			}
			return 0
		}
		switch {
		case r.indent >= 4:
			r.advanceOffset(4, true)
		case r.blank:
			r.advanceNextNonspace()
		default:
			return 1
		}
	case mbHTML:
		if r.blank && (b.htmlType == 6 || b.htmlType == 7) {
			return 1
		}
	case mbPara:
		if r.blank {
			return 1
		}
	}
	return 0
}

func runLen(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// startBlock tries each kind of block start at this point of the line:
// 0 none, 1 a container began, 2 a leaf began.
// maxOpenDepth is how deeply quotes and lists nest while the document is
// read; deeper, their marks are text. Every line walks the open blocks, so
// without a bound a file of "- - - … a" and then blank lines takes time
// quadratic in its size; the tree keeps only maxChairDepth levels anyway.
const maxOpenDepth = 100

func (r *blockReader) startBlock(container *mdBlock) int {
	rest := r.line[r.nextNonspace:]
	c := r.peek(r.nextNonspace)
	deep := container.depth >= maxOpenDepth
	if !r.indented {
		switch {
		case c == '>' && !deep:
			r.advanceNextNonspace()
			r.advanceOffset(1, false)
			if isSpaceOrTab(r.peek(r.offset)) {
				r.advanceOffset(1, true)
			}
			r.closeUnmatched()
			r.addChild(mbQuote)
			return 1
		case c == '#':
			if n := runLen(rest, '#'); n <= 6 && (n == len(rest) || rest[n] == ' ' || rest[n] == '\t') {
				r.advanceNextNonspace()
				r.advanceOffset(n, false)
				r.closeUnmatched()
				h := r.addChild(mbHeading)
				h.content.WriteString(atxContent(r.line[r.offset:]))
				r.advanceOffset(len(r.line)-r.offset, false)
				return 2
			}
		case c == '`' || c == '~':
			if n := runLen(rest, byte(c)); n >= 3 && (c == '~' || !strings.Contains(rest[n:], "`")) {
				r.closeUnmatched()
				b := r.addChild(mbCode)
				b.fenced, b.fenceChar, b.fenceLen, b.fenceOffset = true, byte(c), n, r.indent
				r.advanceNextNonspace()
				r.advanceOffset(n, false)
				return 2
			}
		case c == '<':
			if t := htmlBlockStart(rest); t > 0 && (t < 7 || container.kind != mbPara && (r.allClosed || r.blank || r.tip.kind != mbPara)) {
				r.closeUnmatched()
				b := r.addChild(mbHTML)
				b.htmlType = t
				return 2
			}
		}
		if (c == '=' || c == '-') && container.kind == mbPara && setextLine(rest) {
			r.closeUnmatched()
			if r.setext(container) {
				r.advanceOffset(len(r.line)-r.offset, false)
				return 2
			}
		}
		if thematicBreak(rest) {
			r.closeUnmatched()
			r.addChild(mbRule)
			r.advanceOffset(len(r.line)-r.offset, false)
			return 2
		}
	}
	if (!r.indented || container.kind == mbList) && !deep {
		if r.listItem(container) {
			return 1
		}
	}
	if r.indented && r.tip.kind != mbPara && !r.blank {
		r.advanceOffset(4, true)
		r.closeUnmatched()
		r.addChild(mbCode)
		return 2
	}
	return 0
}

// atxContent is an ATX heading's text without its closing #s.
func atxContent(s string) string {
	s = strings.Trim(s, " \t")
	if strings.Trim(s, "#") == "" {
		return ""
	}
	t := strings.TrimRight(s, "#")
	if len(t) < len(s) && (strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		return strings.TrimRight(t, " \t")
	}
	return s
}

func setextLine(s string) bool {
	n := runLen(s, s[0])
	return strings.Trim(s[n:], " \t") == ""
}

// setext turns the paragraph p into a heading, if link reference
// definitions leave it any text.
func (r *blockReader) setext(p *mdBlock) bool {
	content := r.takeReferences(p.content.String())
	if strings.Trim(content, " \t\n") == "" {
		p.content.Reset()
		p.content.WriteString(content)
		return false
	}
	h := &mdBlock{kind: mbHeading, parent: p.parent, open: true, blankBefore: p.blankBefore, depth: p.depth}
	h.content.WriteString(content)
	kids := p.parent.kids
	kids[len(kids)-1] = h
	r.tip = h
	return true
}

func thematicBreak(s string) bool {
	if s == "" || s[0] != '*' && s[0] != '-' && s[0] != '_' {
		return false
	}
	n := 0
	for i := range len(s) {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}
