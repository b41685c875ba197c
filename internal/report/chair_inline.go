package report

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The inline half of the chair's-words reader: CommonMark's delimiter
// algorithm for emphasis (with its bottoms per kind of delimiter, so a
// line of "*" is read in linear time), a bracket stack for links (whose
// words are kept in place, never a wrapper: a link shows as its words),
// code spans found from an index of backtick runs, and searches that
// remember what they did not find, so unclosed quotes, comments or
// brackets are not read again and again.

// inSoft is a soft line break while a paragraph is read; it becomes a
// space.
const inSoft inlineKind = 100

// inode is one inline while a paragraph is read: text, a soft or hard
// break, a code span, or emphasis holding the nodes first…last.
type inode struct {
	kind        inlineKind
	text        string
	prev, next  *inode
	first, last *inode
}

type delim struct {
	node              *inode
	char              byte
	num, orig         int
	canOpen, canClose bool
	prev, next        *delim
}

type bracket struct {
	node      *inode
	prev      *bracket
	prevLink  *bracket // the nearest link (not image) opener below: see closeBracket
	prevDelim *delim
	index     int

	image, active, bracketAfter bool
}

type inlineReader struct {
	s          string
	pos        int
	head, tail *inode
	delims     *delim
	brackets   *bracket
	refs       map[string]bool

	ticks     map[int][]int // starts of backtick runs, by length
	tickIndex bool
	found     map[string][2]int // substring searches: from, first match
	noTitle   map[byte]int      // a title quote searched for in vain from here
}

func newInlineReader(s string, refs map[string]bool) *inlineReader {
	return &inlineReader{s: s, refs: refs}
}

// inlines reads a paragraph's or heading's text into the tree's inlines.
func inlines(text string, refs map[string]bool) []chairInline {
	p := newInlineReader(strings.Trim(text, " \t\n"), refs)
	p.parse()
	return chairInlinesOf(p.head, 0)
}

func (p *inlineReader) parse() {
	for p.pos < len(p.s) {
		p.step()
	}
	p.processEmphasis(nil)
}

func (p *inlineReader) append(n *inode) {
	if p.tail == nil {
		p.head, p.tail = n, n
		return
	}
	n.prev = p.tail
	p.tail.next = n
	p.tail = n
}

func (p *inlineReader) text(s string) *inode {
	n := &inode{kind: chairText, text: s}
	p.append(n)
	return n
}

// unlink takes n, a node at the paragraph's top level, out of it.
func (p *inlineReader) unlink(n *inode) {
	if n.prev != nil {
		n.prev.next = n.next
	} else {
		p.head = n.next
	}
	if n.next != nil {
		n.next.prev = n.prev
	} else {
		p.tail = n.prev
	}
	n.prev, n.next = nil, nil
}

func isSpecial(c byte) bool {
	switch c {
	case '\n', '\\', '`', '*', '_', '[', ']', '!', '<', '&':
		return true
	}
	return false
}

func (p *inlineReader) step() {
	c := p.s[p.pos]
	switch c {
	case '\n':
		p.newline()
	case '\\':
		p.backslash()
	case '`':
		p.backticks()
	case '*', '_':
		p.delimRun(c)
	case '[':
		p.pos++
		p.addBracket(p.text("["), p.pos-1, false)
	case '!':
		p.pos++
		if p.pos < len(p.s) && p.s[p.pos] == '[' {
			p.pos++
			p.addBracket(p.text("!["), p.pos-1, true)
		} else {
			p.text("!")
		}
	case ']':
		p.closeBracket()
	case '<':
		if !p.autolink() && !p.rawHTML() {
			p.pos++
			p.text("<")
		}
	case '&':
		p.entity()
	default:
		end := p.pos + 1
		for end < len(p.s) && !isSpecial(p.s[end]) {
			end++
		}
		p.text(p.s[p.pos:end])
		p.pos = end
	}
}

func (p *inlineReader) newline() {
	p.pos++
	last := p.tail
	if last != nil && last.kind == chairText && strings.TrimRight(last.text, " \t") != last.text {
		hard := strings.HasSuffix(last.text, "  ")
		last.text = strings.TrimRight(last.text, " \t")
		if hard {
			p.append(&inode{kind: chairBreak})
		} else {
			p.append(&inode{kind: inSoft})
		}
	} else {
		p.append(&inode{kind: inSoft})
	}
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func (p *inlineReader) backslash() {
	p.pos++
	switch {
	case p.pos < len(p.s) && p.s[p.pos] == '\n':
		p.pos++
		p.append(&inode{kind: chairBreak})
	case p.pos < len(p.s) && isASCIIPunct(p.s[p.pos]):
		p.text(p.s[p.pos : p.pos+1])
		p.pos++
	default:
		p.text("\\")
	}
}

// backticks reads a code span, or a run of backticks that opens none.
func (p *inlineReader) backticks() {
	start := p.pos
	n := runLen(p.s[start:], '`')
	after := start + n
	if !p.tickIndex {
		p.tickIndex = true
		p.ticks = map[int][]int{}
		for i := 0; i < len(p.s); {
			if p.s[i] != '`' {
				i++
				continue
			}
			k := runLen(p.s[i:], '`')
			p.ticks[k] = append(p.ticks[k], i)
			i += k
		}
	}
	runs := p.ticks[n]
	k := sort.SearchInts(runs, after)
	if k == len(runs) {
		p.pos = after
		p.text(p.s[start:after])
		return
	}
	end := runs[k]
	content := strings.ReplaceAll(p.s[after:end], "\n", " ")
	if len(content) > 1 && content[0] == ' ' && content[len(content)-1] == ' ' && strings.Trim(content, " \t\n\v\f\r") != "" {
		// (a tab counts as a space here, as in goldmark; CommonMark says spaces)
		content = content[1 : len(content)-1]
	}
	p.append(&inode{kind: chairCodeSpan, text: content})
	p.pos = end + n
}

func isUnicodeSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' || r == '\v' || unicode.IsSpace(r)
}

func isUnicodePunct(r rune) bool {
	if r < 128 {
		return isASCIIPunct(byte(r))
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// delimRun reads a run of '*' or '_', and puts it on the delimiter
// stack if it can open or close emphasis.
func (p *inlineReader) delimRun(c byte) {
	start := p.pos
	n := runLen(p.s[start:], c)
	p.pos += n
	before, after := '\n', '\n'
	if start > 0 {
		before, _ = utf8.DecodeLastRuneInString(p.s[:start])
	}
	if p.pos < len(p.s) {
		after, _ = utf8.DecodeRuneInString(p.s[p.pos:])
	}
	afterSpace, afterPunct := isUnicodeSpace(after), isUnicodePunct(after)
	beforeSpace, beforePunct := isUnicodeSpace(before), isUnicodePunct(before)
	left := !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	right := !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	canOpen, canClose := left, right
	if c == '_' {
		canOpen = left && (!right || beforePunct)
		canClose = right && (!left || afterPunct)
	}
	node := p.text(p.s[start:p.pos])
	if canOpen || canClose {
		d := &delim{node: node, char: c, num: n, orig: n, canOpen: canOpen, canClose: canClose, prev: p.delims}
		if d.prev != nil {
			d.prev.next = d
		}
		p.delims = d
	}
}

func (p *inlineReader) removeDelim(d *delim) {
	if d.prev != nil {
		d.prev.next = d.next
	}
	if d.next != nil {
		d.next.prev = d.prev
	} else {
		p.delims = d.prev
	}
}

// processEmphasis matches the delimiters above bottom into emphasis, as
// CommonMark's algorithm does, then drops them from the stack.
func (p *inlineReader) processEmphasis(bottom *delim) {
	var openersBottom [2][6]*delim // by '*'/'_', then can-open and length mod 3
	for i := range openersBottom {
		for k := range openersBottom[i] {
			openersBottom[i][k] = bottom
		}
	}
	closer := p.delims
	for closer != nil && closer.prev != bottom {
		closer = closer.prev
	}
	for closer != nil {
		if !closer.canClose {
			closer = closer.next
			continue
		}
		ci := 0
		if closer.char == '_' {
			ci = 1
		}
		bi := closer.orig % 3
		if closer.canOpen {
			bi += 3
		}
		opener := closer.prev
		found := false
		for opener != nil && opener != bottom && opener != openersBottom[ci][bi] {
			odd := (closer.canOpen || opener.canClose) && closer.orig%3 != 0 && (opener.orig+closer.orig)%3 == 0
			if opener.char == closer.char && opener.canOpen && !odd {
				found = true
				break
			}
			opener = opener.prev
		}
		old := closer
		if !found {
			closer = closer.next
			openersBottom[ci][bi] = old.prev
			if !old.canOpen {
				p.removeDelim(old)
			}
			continue
		}
		use := 1
		if closer.num >= 2 && opener.num >= 2 {
			use = 2
		}
		on, cn := opener.node, closer.node
		opener.num -= use
		closer.num -= use
		on.text = on.text[:len(on.text)-use]
		cn.text = cn.text[:len(cn.text)-use]
		emph := &inode{kind: chairEm}
		if use == 2 {
			emph.kind = chairStrong
		}
		if on.next != cn {
			emph.first, emph.last = on.next, cn.prev
			emph.first.prev, emph.last.next = nil, nil
		}
		on.next, emph.prev, emph.next, cn.prev = emph, on, cn, emph
		// the delimiters between are inside the emphasis now
		if opener.next != closer {
			opener.next, closer.prev = closer, opener
		}
		if opener.num == 0 {
			p.unlink(on)
			p.removeDelim(opener)
		}
		if closer.num == 0 {
			p.unlink(cn)
			next := closer.next
			p.removeDelim(closer)
			closer = next
		}
	}
	for p.delims != nil && p.delims != bottom {
		p.removeDelim(p.delims)
	}
}

// indexFrom finds sub in the text at or after from, remembering each
// search so that repeated searches are not repeated work.
func (p *inlineReader) indexFrom(sub string, from int) int {
	if p.found == nil {
		p.found = map[string][2]int{}
	}
	if m, ok := p.found[sub]; ok && from >= m[0] && (m[1] < 0 || from <= m[1]) {
		return m[1]
	}
	i := strings.Index(p.s[from:], sub)
	if i >= 0 {
		i += from
	}
	p.found[sub] = [2]int{from, i}
	return i
}

// chairInlinesOf turns the read nodes from first on into the tree's
// inlines: text merged, soft breaks as spaces, tabs as spaces, every
// piece cleaned, emphasis without words dropped. Emphasis nested deeper
// than maxChairDepth keeps its words but not its shape, as blocks do:
// "***…***" nests as deep as the text is long, and both papers' writers
// walk the tree by recursion.
func chairInlinesOf(first *inode, depth int) []chairInline {
	var out []chairInline
	var text strings.Builder // text not yet in out: pieces merge here, not by +=
	flush := func() {
		if text.Len() > 0 {
			out = append(out, chairInline{kind: chairText, text: text.String()})
			text.Reset()
		}
	}
	add := func(s string) { text.WriteString(strings.ReplaceAll(clean(s), "\t", " ")) }
	var after []*inode // where to go on once a flattened emphasis's words are read
	n := first
	for n != nil || len(after) > 0 {
		if n == nil {
			n, after = after[len(after)-1], after[:len(after)-1]
			continue
		}
		switch n.kind {
		case chairText:
			add(n.text)
		case inSoft:
			add(" ")
		case chairBreak:
			flush()
			out = append(out, chairInline{kind: chairBreak})
		case chairCodeSpan:
			flush()
			out = append(out, chairInline{kind: chairCodeSpan, text: strings.ReplaceAll(clean(n.text), "\n", " ")})
		case chairEm, chairStrong:
			if depth >= maxChairDepth {
				after = append(after, n.next)
				n = n.first
				continue
			}
			if kids := chairInlinesOf(n.first, depth+1); len(kids) > 0 {
				flush()
				out = append(out, chairInline{kind: n.kind, kids: kids})
			}
		}
		n = n.next
	}
	flush()
	return out
}
