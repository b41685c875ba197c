package report

import "strings"

// Links and images in the chair's words: read so their words show where
// they stand and their destinations and titles do not show at all.

func (p *inlineReader) addBracket(n *inode, index int, image bool) {
	if p.brackets != nil {
		p.brackets.bracketAfter = true
	}
	below := p.brackets
	if below != nil && below.image {
		below = below.prevLink
	}
	p.brackets = &bracket{node: n, prev: p.brackets, prevLink: below, prevDelim: p.delims, index: index, image: image, active: true}
}

// closeBracket reads a ']': a link or image if an opener and a
// destination or known reference make one, else the character.
func (p *inlineReader) closeBracket() {
	p.pos++
	startpos := p.pos
	opener := p.brackets
	if opener == nil {
		p.text("]")
		return
	}
	if !opener.active {
		p.text("]")
		p.brackets = opener.prev
		return
	}
	matched := false
	if p.pos < len(p.s) && p.s[p.pos] == '(' {
		p.pos++
		if p.inlineLinkTail() {
			matched = true
		} else {
			p.pos = startpos
		}
	}
	if !matched {
		before := p.pos
		n := p.linkLabel(p.pos)
		label := ""
		switch {
		case n > 2:
			label = p.s[before : before+n]
		case !opener.bracketAfter:
			label = p.s[opener.index:startpos]
		}
		if n == 0 {
			p.pos = startpos
		} else {
			p.pos = before + n
		}
		if label != "" && len(label) <= 1001 && len(p.refs) > 0 && p.refs[normalizeLabel(label)] {
			matched = true
		} else {
			p.pos = startpos
		}
	}
	if !matched {
		p.brackets = opener.prev
		p.text("]")
		return
	}
	// A link or image shows as its words: they stay where they are.
	p.processEmphasis(opener.prevDelim)
	p.brackets = opener.prev
	p.unlink(opener.node)
	if !opener.image {
		// No link inside a link: every link opener below is spent. Below
		// the first already spent, all are (a link spent them), so the walk
		// stops there, and it follows the link openers only, past any
		// number of image openers: "[" or "![" many thousand times, then
		// links, stays linear.
		b := p.brackets
		if b != nil && b.image {
			b = b.prevLink
		}
		for ; b != nil && b.active; b = b.prevLink {
			b.active = false
		}
	}
}

// inlineLinkTail reads "dest "title")" after a link's "(".
func (p *inlineReader) inlineLinkTail() bool {
	p.spnl()
	if !p.linkDestination(true) {
		return false
	}
	before := p.pos
	p.spnl()
	if p.pos > before && p.pos < len(p.s) {
		if end := p.linkTitle(p.pos); end > 0 {
			p.pos = end
		}
	}
	p.spnl()
	if p.pos < len(p.s) && p.s[p.pos] == ')' {
		p.pos++
		return true
	}
	return false
}

// spnl skips spaces and tabs and at most one line ending.
func (p *inlineReader) spnl() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
	if p.pos < len(p.s) && p.s[p.pos] == '\n' {
		p.pos++
		for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
			p.pos++
		}
	}
}

// linkDestination reads a link destination at pos; inline allows an
// empty one before ")".
func (p *inlineReader) linkDestination(inline bool) bool {
	s := p.s
	if p.pos < len(s) && s[p.pos] == '<' {
		for i := p.pos + 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				if i+1 < len(s) && isASCIIPunct(s[i+1]) {
					i++
				}
			case '>':
				p.pos = i + 1
				return true
			case '\n':
				return false
			}
		}
		return false
	}
	start, parens := p.pos, 0
	i := p.pos
loop:
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			i += 2
		case c == '(':
			parens++
			if parens > 32 {
				return false
			}
			i++
		case c == ')':
			if parens < 1 {
				break loop
			}
			parens--
			i++
		case c <= ' ':
			break loop
		default:
			i++
		}
	}
	// Unbalanced parentheses are taken, as goldmark takes them; more than
	// 32 deep are not (a line of "(" must not be read again at each one).
	if i == start && !(inline && i < len(s) && s[i] == ')') {
		return false
	}
	p.pos = i
	return true
}

// linkTitle reads a link title at from; it returns the index after it,
// or 0.
func (p *inlineReader) linkTitle(from int) int {
	s := p.s
	q := s[from]
	if q == '(' {
		for i := from + 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				if i+1 < len(s) && isASCIIPunct(s[i+1]) {
					i++
				}
			case ')':
				return i + 1
			case '(':
				return 0
			}
		}
		return 0
	}
	if q != '"' && q != '\'' {
		return 0
	}
	if p.noTitle == nil {
		p.noTitle = map[byte]int{}
	}
	failed, ok := p.noTitle[q]
	for i := from + 1; i < len(s); i++ {
		// Past where the same search failed before, at a character both
		// searches read alike, this one fails too.
		if ok && i >= failed && (i == failed || s[i-1] != '\\') {
			return 0
		}
		switch s[i] {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				i++
			}
		case q:
			return i + 1
		}
	}
	if !ok || from+1 < failed {
		p.noTitle[q] = from + 1
	}
	return 0
}

// linkLabel is the length of the link label ("[…]") at i, or 0.
func (p *inlineReader) linkLabel(i int) int {
	s := p.s
	if i >= len(s) || s[i] != '[' {
		return 0
	}
	for k := i + 1; k < len(s) && k-i <= 1001; k++ {
		switch s[k] {
		case '\\':
			k++
		case '[':
			return 0
		case ']':
			return k - i + 1
		}
	}
	return 0
}

// normalizeLabel is a link label as CommonMark matches it: brackets
// dropped, white space folded, case folded.
func normalizeLabel(label string) string {
	s := strings.Join(strings.Fields(label[1:len(label)-1]), " ")
	return strings.ToUpper(strings.ToLower(s))
}
