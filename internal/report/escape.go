package report

import (
	"strings"
	"unicode"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// EscapeMarkdown makes s, text a person typed, safe to place in a Markdown
// paragraph: it reads as the same words on GitHub, in glow and in a plain
// terminal, and can neither format itself, link, embed HTML nor move the
// cursor.
//
// Terminal escapes, control characters and bidi overrides go first
// (termtext.Sanitize; tabs become spaces). Then, anywhere in a line, the
// characters that open inline syntax are backslash-escaped
// (\ ` * _ [ ] | ~ # $), '<' and '>' become &lt; and &gt; (so no raw HTML,
// autolink or blockquote can start) and an '&' that would begin an entity
// becomes &amp;. The ':' of "://" and the '.' of "www." are escaped so
// GitHub does not turn a bare web address into a link (a board paper
// shows an address; it does not invite a click). At the start of a line, the block markers - + = and an
// ordered-list number ("1." or "1)") are escaped too. Leading and trailing
// white space is trimmed from each line: indentation would make a code
// block and trailing spaces a hard break. Newlines are kept, so paragraphs
// survive; use MarkdownCell for text that must stay on one line.
func EscapeMarkdown(s string) string {
	s = termtext.Sanitize(s)
	s = strings.ReplaceAll(s, "\t", " ")
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		escapeLine(&b, strings.TrimFunc(line, unicode.IsSpace))
	}
	return b.String()
}

// MarkdownCell escapes s like EscapeMarkdown and folds it onto one line, for
// a table cell, a heading or a list item, where a newline would end the
// construct early. A pipe is escaped as \| so it cannot split a cell.
func MarkdownCell(s string) string {
	return EscapeMarkdown(termtext.Line(s))
}

// escapeLine writes one trimmed line of user text, escaped.
func escapeLine(b *strings.Builder, line string) {
	if line == "" {
		return
	}
	n := lineStartMarker(line)
	if n > 0 {
		b.WriteString(line[:n-1])
		b.WriteByte('\\')
		b.WriteByte(line[n-1])
	}
	escapeInline(b, line[n:])
}

// lineStartMarker returns the length of the block marker line starts with
// (a - + = or an ordered-list number "1." or "1)"), 0 for none: its last
// byte is the one to escape.
func lineStartMarker(line string) int {
	if line == "" {
		return 0
	}
	if strings.ContainsRune("-+=", rune(line[0])) {
		return 1
	}
	// "2026. Was…" or "3) …" would start an ordered list: CommonMark
	// allows up to nine digits before the '.' or ')'.
	n := 0
	for n < len(line) && n < 10 && line[n] >= '0' && line[n] <= '9' {
		n++
	}
	if n > 0 && n < 10 && n < len(line) && (line[n] == '.' || line[n] == ')') {
		return n + 1
	}
	return 0
}

// escapeLineStart escapes the block marker a line of already escaped
// inline text starts with, if any.
func escapeLineStart(line string) string {
	if n := lineStartMarker(line); n > 0 {
		return line[:n-1] + "\\" + line[n-1:]
	}
	return line
}

// escapeInline writes s escaped for the middle of a line: every character
// that could open inline syntax, HTML, an entity or a bare link.
func escapeInline(b *strings.Builder, line string) {
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '$':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case ':':
			// GitHub links a bare "https://…" by itself; an escaped
			// colon reads the same and links nothing.
			if strings.HasPrefix(line[i+1:], "//") {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '.':
			if i >= 3 && strings.EqualFold(line[i-3:i], "www") {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '&':
			if entityAt(line[i+1:]) {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
		default:
			b.WriteByte(c)
		}
	}
}

// entityAt reports whether s, the text after an '&', would make an HTML
// entity or numeric character reference: "amp;", "#60;", "#x3c;". "A&E"
// does not, and stays as typed so it reads naturally in a terminal.
func entityAt(s string) bool {
	i := 0
	if i < len(s) && s[i] == '#' {
		i++
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i++
		}
	}
	begin := i
	for i < len(s) && i-begin < 32 && isAlnum(s[i]) {
		i++
	}
	return i > begin && i < len(s) && s[i] == ';'
}

func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// MarkdownTable returns a GitHub-flavoured Markdown table. header and rows
// are Markdown already: put user text through MarkdownCell first. align has
// one letter per column, 'l' or 'r' (right for numbers); missing letters
// mean left. Short rows are padded so every row has as many cells as the
// header, which some renderers require.
func MarkdownTable(header []string, align string, rows [][]string) string {
	var b strings.Builder
	row := func(cells []string) {
		b.WriteString("|")
		for i := range header {
			cell := ""
			if i < len(cells) {
				cell = cells[i]
			}
			b.WriteString(" " + cell + " |")
		}
		b.WriteString("\n")
	}
	row(header)
	b.WriteString("|")
	for i := range header {
		if i < len(align) && align[i] == 'r' {
			b.WriteString("--:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		row(r)
	}
	return b.String()
}
