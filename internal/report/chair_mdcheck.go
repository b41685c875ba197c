package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The checks behind the Markdown paper's chair's words: whether an
// emphasis or paragraph reads back as written, and code spans that hold
// their text exactly.

// sameWords reports whether the paragraph md reads back as the words of
// inl (spaces folded).
func sameWords(md string, inl []chairInline) bool {
	var got []string
	for _, b := range parseChair(md) {
		got = append(got, plainOf(b.inl))
	}
	fold := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return fold(strings.Join(got, " ")) == fold(plainOf(inl))
}

// plainInlines is inl with emphasis taken away, its words kept.
func plainInlines(inl []chairInline) []chairInline {
	var out []chairInline
	for _, in := range inl {
		switch in.kind {
		case chairEm, chairStrong:
			out = append(out, plainInlines(in.kids)...)
		default:
			out = append(out, in)
		}
	}
	return out
}

// mdInlines writes inline content on one line, escaped.
func mdInlines(inl []chairInline) string {
	var w mdInlineWriter
	w.write(inl)
	w.flushCode()
	return w.b.String()
}

// mdInlineWriter writes inlines; code spans that would stand side by side
// are written as one. Two fences side by side are one run of backticks
// (spans "a" and "b" written one after the other read as the one span of
// "a", two backticks and "b"), and no mark that adds no word can sit
// between them; one span of both texts reads the same.
type mdInlineWriter struct {
	b    strings.Builder
	code strings.Builder // a code span's text not yet written
}

func (w *mdInlineWriter) flushCode() {
	if w.code.Len() > 0 {
		w.b.WriteString(codeSpan(w.code.String()))
		w.code.Reset()
	}
}

func (w *mdInlineWriter) write(inl []chairInline) {
	for k, in := range inl {
		switch in.kind {
		case chairText:
			w.flushCode()
			escapeInline(&w.b, strings.ReplaceAll(in.text, "\n", " "))
		case chairEm, chairStrong:
			before := w.b.String() // the Builder's bytes, not a copy
			if w.code.Len() > 0 {
				before = "`" // the pending span's fence comes first (delimitable reads the end only)
			}
			if !delimitable(in, before, inl[k+1:]) {
				w.write(in.kids) // would not parse back as emphasis: words only
				continue
			}
			w.flushCode()
			delim := "*"
			if in.kind == chairStrong {
				delim = "**"
			}
			w.b.WriteString(delim + mdInlines(in.kids) + delim)
		case chairCodeSpan:
			w.code.WriteString(in.text)
		case chairBreak:
			w.flushCode()
			w.b.WriteString(" ")
		}
	}
}

// delimitable reports whether emphasis in can be written with "*"
// delimiters that read back as the same emphasis: its text has a word at
// each edge, and no delimiter or escape stands next to its own (before, in
// what is written; after, in the inlines that follow), where runs of "*"
// would merge.
func delimitable(in chairInline, before string, after []chairInline) bool {
	if !wordEdges(plainOf(in.kids)) || in.kids[0].kind != chairText || in.kids[len(in.kids)-1].kind != chairText {
		return false
	}
	if strings.HasSuffix(before, "*") || strings.HasSuffix(before, "\\") {
		return false
	}
	if len(after) > 0 {
		next := after[0]
		if next.kind != chairText || strings.HasPrefix(next.text, "*") {
			return next.kind == chairBreak
		}
	}
	return true
}

// plainOf is inline content's words, without marks.
func plainOf(inl []chairInline) string {
	var b strings.Builder
	for _, in := range inl {
		switch in.kind {
		case chairText, chairCodeSpan:
			b.WriteString(in.text)
		case chairBreak:
			b.WriteString(" ")
		default:
			b.WriteString(plainOf(in.kids))
		}
	}
	return b.String()
}

// wordEdges reports whether s starts and ends with a letter or digit: then
// "*s*" opens and closes emphasis wherever it stands.
func wordEdges(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return s != "" && word(first) && word(last)
}

// codeSpan writes s as an inline code span that holds it exactly: a fence
// longer than any run of backticks in it, padded when it starts or ends
// with a backtick or a space.
func codeSpan(s string) string {
	if strings.TrimSpace(s) == "" {
		var b strings.Builder
		escapeInline(&b, s)
		return b.String()
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := range len(s) {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}
