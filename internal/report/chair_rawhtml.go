package report

import (
	"html"
	"strings"
	"unicode"
)

// HTML as CommonMark recognises it in the chair's words: the starts and
// ends of HTML blocks, and inline tags. The chair's HTML is never run; it
// is recognised only so the text around it reads as CommonMark reads it.

var htmlBlockTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`address article aside base basefont blockquote body caption center col colgroup dd
		details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr
		html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table
		tbody td tfoot th thead title tr track ul`) {
		htmlBlockTags[t] = true
	}
}

// htmlBlockStart is the kind (1–7) of HTML block s, a line from its first
// non-space character, starts, or 0.
func htmlBlockStart(s string) int {
	lower := strings.ToLower(s)
	for _, t := range []string{"<script", "<pre", "<textarea", "<style"} {
		if strings.HasPrefix(lower, t) {
			rest := s[len(t):]
			if rest == "" || rest[0] == '>' || isHTMLSpace(rest[0]) {
				return 1
			}
		}
	}
	switch {
	case strings.HasPrefix(s, "<!--"):
		return 2
	case strings.HasPrefix(s, "<?"):
		return 3
	case len(s) > 2 && s[1] == '!' && s[2] >= 'A' && s[2] <= 'Z':
		// CommonMark 0.31 takes any letter; goldmark, and the papers'
		// yardstick with it, an upper-case one, as the spec once did.
		return 4
	case strings.HasPrefix(s, "<![CDATA["):
		return 5
	}
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	j := i
	for j < len(s) && (isASCIILetter(s[j]) || s[j] >= '0' && s[j] <= '9') {
		j++
	}
	if j > i && htmlBlockTags[strings.ToLower(s[i:j])] {
		rest := s[j:]
		if rest == "" || isHTMLSpace(rest[0]) || rest[0] == '>' || strings.HasPrefix(rest, "/>") {
			return 6
		}
	}
	if n := htmlOpenTag(s, indexByteFrom(s)); n > 0 && strings.Trim(s[n:], " \t") == "" {
		return 7
	}
	if n := htmlCloseTag(s); n > 0 && strings.Trim(s[n:], " \t") == "" {
		return 7
	}
	return 0
}

// htmlBlockCloses reports whether line ends an HTML block of kind t (1–5).
func htmlBlockCloses(t int, line string) bool {
	switch t {
	case 1:
		l := strings.ToLower(line)
		return strings.Contains(l, "</script>") || strings.Contains(l, "</pre>") || strings.Contains(l, "</textarea>") || strings.Contains(l, "</style>")
	case 2:
		return strings.Contains(line, "-->")
	case 3:
		return strings.Contains(line, "?>")
	case 4:
		return strings.Contains(line, ">")
	case 5:
		return strings.Contains(line, "]]>")
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// indexByteFrom finds bytes in s: the index of c at or after from, or -1.
func indexByteFrom(s string) func(c byte, from int) int {
	return func(c byte, from int) int {
		if i := strings.IndexByte(s[from:], c); i >= 0 {
			return from + i
		}
		return -1
	}
}

// htmlOpenTag is the length of the open tag s starts with, or 0. find
// looks for a quoted value's end (the inline reader remembers its
// searches, so a line of unclosed quotes is not read again and again).
func htmlOpenTag(s string, find func(c byte, from int) int) int {
	if len(s) < 2 || s[0] != '<' || !isASCIILetter(s[1]) {
		return 0
	}
	i := 2
	for i < len(s) && (isASCIILetter(s[i]) || s[i] >= '0' && s[i] <= '9' || s[i] == '-') {
		i++
	}
	for {
		j := i
		for j < len(s) && isHTMLSpace(s[j]) {
			j++
		}
		if j == i || j >= len(s) || !(isASCIILetter(s[j]) || s[j] == '_' || s[j] == ':') {
			i = j
			break
		}
		// an attribute
		j++
		for j < len(s) && (isASCIILetter(s[j]) || s[j] >= '0' && s[j] <= '9' || strings.IndexByte(":._-", s[j]) >= 0) {
			j++
		}
		i = j
		k := j
		for k < len(s) && isHTMLSpace(s[k]) {
			k++
		}
		if k < len(s) && s[k] == '=' {
			k++
			for k < len(s) && isHTMLSpace(s[k]) {
				k++
			}
			if k >= len(s) {
				return 0
			}
			switch s[k] {
			case '"', '\'':
				e := find(s[k], k+1)
				if e < 0 {
					return 0
				}
				i = e + 1
			default:
				e := k
				for e < len(s) && s[e] > ' ' && strings.IndexByte("\"'=<>`", s[e]) < 0 {
					e++
				}
				if e == k {
					return 0
				}
				i = e
			}
		}
	}
	if i < len(s) && s[i] == '/' {
		i++
	}
	if i < len(s) && s[i] == '>' {
		return i + 1
	}
	return 0
}

// htmlCloseTag is the length of the closing tag s starts with, or 0.
func htmlCloseTag(s string) int {
	if len(s) < 3 || s[0] != '<' || s[1] != '/' || !isASCIILetter(s[2]) {
		return 0
	}
	i := 3
	for i < len(s) && (isASCIILetter(s[i]) || s[i] >= '0' && s[i] <= '9' || s[i] == '-') {
		i++
	}
	for i < len(s) && isHTMLSpace(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '>' {
		return i + 1
	}
	return 0
}

// autolink reads "<scheme:…>" or "<address@host>": the address, as
// words.
func (p *inlineReader) autolink() bool {
	s := p.s[p.pos+1:]
	i := 0
	for i < len(s) && (isASCIILetter(s[i]) || i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '+' || s[i] == '.' || s[i] == '-')) {
		i++
	}
	if i >= 2 && i <= 32 && i < len(s) && s[i] == ':' {
		for k := i + 1; k < len(s); k++ {
			switch c := s[k]; {
			case c == '>':
				p.text(s[:k])
				p.pos += k + 2
				return true
			case c == '<' || c <= ' ':
				return false
			}
		}
		return false
	}
	if n := emailAutolink(s); n > 0 {
		p.text(s[:n])
		p.pos += n + 2
		return true
	}
	return false
}

// emailAutolink is the length of the address in "address@host>" at the
// start of s, or 0.
func emailAutolink(s string) int {
	i := 0
	for i < len(s) && (isASCIILetter(s[i]) || s[i] >= '0' && s[i] <= '9' || strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", s[i]) >= 0) {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != '@' {
		return 0
	}
	i++
	for {
		start := i
		for i < len(s) && i-start < 63 && (isASCIILetter(s[i]) || s[i] >= '0' && s[i] <= '9' || s[i] == '-') {
			i++
		}
		if i == start || s[start] == '-' || s[i-1] == '-' {
			return 0
		}
		if i < len(s) && s[i] == '.' {
			i++
			continue
		}
		if i < len(s) && s[i] == '>' {
			return i
		}
		return 0
	}
}

// rawHTML reads an inline HTML tag, comment, processing instruction,
// declaration or CDATA section: shown as the text it is.
func (p *inlineReader) rawHTML() bool {
	s := p.s[p.pos:]
	n := 0
	switch {
	case strings.HasPrefix(s, "<!-->"):
		n = 5
	case strings.HasPrefix(s, "<!--->"):
		n = 6
	case strings.HasPrefix(s, "<!--"):
		n = p.endAfter("-->", p.pos+4)
	case strings.HasPrefix(s, "<?"):
		n = p.endAfter("?>", p.pos+2)
	case strings.HasPrefix(s, "<![CDATA["):
		n = p.endAfter("]]>", p.pos+9)
	case len(s) > 2 && s[1] == '!' && s[2] >= 'A' && s[2] <= 'Z': // as goldmark (see htmlBlockStart)
		n = p.endAfter(">", p.pos+2)
	case len(s) > 1 && s[1] == '/':
		n = htmlCloseTag(s)
	default:
		n = htmlOpenTag(s, func(c byte, from int) int {
			if i := p.indexFrom(string(c), p.pos+from); i >= 0 {
				return i - p.pos
			}
			return -1
		})
	}
	if n <= 0 {
		return false
	}
	p.text(strings.ReplaceAll(s[:n], "\n", " "))
	p.pos += n
	return true
}

// endAfter is the length from pos to the end of the first sub at or
// after from, or 0.
func (p *inlineReader) endAfter(sub string, from int) int {
	i := p.indexFrom(sub, from)
	if i < 0 {
		return 0
	}
	return i + len(sub) - p.pos
}

// entity reads a character reference, or an '&' that starts none. What a
// reference spells is cleaned on its own: "&#27;" must not make an escape.
func (p *inlineReader) entity() {
	s := p.s[p.pos:]
	if n, r := charRef(s); n > 0 {
		p.text(clean(r))
		p.pos += n
		return
	}
	p.pos++
	p.text("&")
}

// charRef reads an entity or numeric character reference at the start of
// s: its length and the text it spells, or 0.
func charRef(s string) (int, string) {
	if len(s) < 3 || s[0] != '&' {
		return 0, ""
	}
	if s[1] == '#' {
		i, hex := 2, false
		if s[i]|0x20 == 'x' {
			i, hex = 3, true
		}
		start, v := i, 0
		for i < len(s) && i-start < 8 {
			c := s[i]
			switch {
			case c >= '0' && c <= '9':
				v = v*16 + int(c-'0')
				if !hex {
					v = v/16*10 + int(c-'0')
				}
			case hex && c|0x20 >= 'a' && c|0x20 <= 'f':
				v = v*16 + int(c|0x20-'a'+10)
			default:
				goto done
			}
			i++
		}
	done:
		digits := i - start
		if digits == 0 || hex && digits > 6 || !hex && digits > 7 || i >= len(s) || s[i] != ';' {
			return 0, ""
		}
		r := rune(v)
		if r == 0 || r > unicode.MaxRune || r >= 0xD800 && r <= 0xDFFF {
			r = unicode.ReplacementChar
		}
		return i + 1, string(r)
	}
	i := 1
	for i < len(s) && i <= 32 && (isASCIILetter(s[i]) || i > 1 && s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i < 3 || i >= len(s) || s[i] != ';' || !isASCIILetter(s[1]) {
		return 0, ""
	}
	ref := s[:i+1]
	r := html.UnescapeString(ref)
	if r == ref || strings.HasSuffix(r, ";") && ref != "&semi;" {
		return 0, ""
	}
	return i + 1, r
}
