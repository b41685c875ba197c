package report

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

func txt(s string) chairInline { return chairInline{kind: chairText, text: s} }

func para(in ...chairInline) chairBlock { return chairBlock{kind: chairPara, inl: in} }

// TestChairParse: each construct a chair writes, and the hostile ones,
// read to the tree the papers are written from.
func TestChairParse(t *testing.T) {
	em := func(in ...chairInline) chairInline { return chairInline{kind: chairEm, kids: in} }
	strong := func(in ...chairInline) chairInline { return chairInline{kind: chairStrong, kids: in} }
	code := func(s string) chairInline { return chairInline{kind: chairCodeSpan, text: s} }
	br := chairInline{kind: chairBreak}
	for _, tc := range []struct {
		name, md string
		want     []chairBlock
	}{
		{"paragraph", "one\ntwo", []chairBlock{para(txt("one two"))}},
		{"hard break, spaces", "one  \ntwo", []chairBlock{para(txt("one"), br, txt("two"))}},
		{"hard break, backslash", "one\\\ntwo", []chairBlock{para(txt("one"), br, txt("two"))}},
		{"no break at the end", "one  ", []chairBlock{para(txt("one"))}},
		{"ATX heading", "## Title ##", []chairBlock{{kind: chairHeading, inl: []chairInline{txt("Title")}}}},
		{"setext heading", "Title\n---", []chairBlock{{kind: chairHeading, inl: []chairInline{txt("Title")}}}},
		{"rules", "***\n\n- - -\n\n___", []chairBlock{{kind: chairRule}, {kind: chairRule}, {kind: chairRule}}},
		{"tight bullets", "- a\n- b", []chairBlock{{kind: chairBullets, tight: true, items: [][]chairBlock{{para(txt("a"))}, {para(txt("b"))}}}}},
		{"loose bullets", "* a\n\n* b", []chairBlock{{kind: chairBullets, items: [][]chairBlock{{para(txt("a"))}, {para(txt("b"))}}}}},
		{"ordered, start kept", "3) c\n4) d", []chairBlock{{kind: chairNumbered, start: 3, tight: true, items: [][]chairBlock{{para(txt("c"))}, {para(txt("d"))}}}}},
		{"nested", "1. a\n   + b", []chairBlock{{kind: chairNumbered, start: 1, tight: true, items: [][]chairBlock{{para(txt("a")),
			{kind: chairBullets, tight: true, items: [][]chairBlock{{para(txt("b"))}}}}}}}},
		{"quote, lazy line", "> a\nb\n> > c", []chairBlock{{kind: chairQuote, kids: []chairBlock{para(txt("a b")),
			{kind: chairQuote, kids: []chairBlock{para(txt("c"))}}}}}},
		{"fenced code", "~~~ go\nx := *y*\n~~~", []chairBlock{{kind: chairCode, text: "x := *y*"}}},
		{"indented code", "    a\n\n    b\n", []chairBlock{{kind: chairCode, text: "a\n\nb"}}},
		{"HTML block as text", "<div>\n*x*\n</div>", []chairBlock{para(txt("<div> *x* </div>"))}},
		{"script as text", "<script>alert(1)</script>", []chairBlock{para(txt("<script>alert(1)</script>"))}},
		{"reference definition removed", "[p]: https://evil.example \"t\"\n\nsee [the plan][p] and [p]", []chairBlock{para(txt("see the plan and p"))}},
		{"emphasis", "*a* _b_ **c** __d__ ***e***", []chairBlock{para(em(txt("a")), txt(" "), em(txt("b")), txt(" "), strong(txt("c")), txt(" "),
			strong(txt("d")), txt(" "), em(strong(txt("e"))))}},
		{"intraword", "snake_case_name a*b*c", []chairBlock{para(txt("snake_case_name a"), em(txt("b")), txt("c"))}},
		{"code spans", "`` a`b `` ` x `", []chairBlock{para(code("a`b"), txt(" "), code("x"))}},
		{"link and image words", "[the *plan*](https://evil.example \"t\") ![a chart](https://t.example/p.gif)", []chairBlock{para(txt("the "), em(txt("plan")), txt(" a chart"))}},
		{"autolink", "<https://x.example/a>", []chairBlock{para(txt("https://x.example/a"))}},
		{"inline HTML as text", "a <b>bold</b>", []chairBlock{para(txt("a <b>bold</b>"))}},
		{"escapes and entities", `\*not\* &amp; &copy; &#35; &#x3c;`, []chairBlock{para(txt("*not* & © # <"))}},
		{"escape entity", "&#27;[31mred", []chairBlock{para(txt("[31mred"))}},
		{"terminal escape", "\x1b[31mred\x1b]8;;http://evil\x07link", []chairBlock{para(txt("redlink"))}},
		{"tab", "a\tb", []chairBlock{para(txt("a b"))}},
		{"too deep", strings.Repeat(">", 9) + " deep\n\n" + strings.Repeat(">", 9) + "     code", []chairBlock{
			nest(maxChairDepth, para(txt("deep"))), nest(maxChairDepth, para(txt("code")))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseChair(tc.md); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%q\n got %s\nwant %s", tc.md, dumpBlocks(got), dumpBlocks(tc.want))
			}
		})
	}
}

// nest is b inside n block quotes.
func nest(n int, b chairBlock) chairBlock {
	for range n {
		b = chairBlock{kind: chairQuote, kids: []chairBlock{b}}
	}
	return b
}

// treeDepth is how deeply blocks nest (a top-level paragraph is 1).
func treeDepth(bs []chairBlock) int {
	d := 0
	for _, b := range bs {
		k := treeDepth(b.kids)
		for _, it := range b.items {
			k = max(k, treeDepth(it))
		}
		d = max(d, k+1)
	}
	return d
}

// treeText is every piece of text in the tree, spaced.
func treeText(bs []chairBlock) string {
	var b strings.Builder
	for _, bl := range bs {
		b.WriteString(" " + plainOf(bl.inl) + " " + bl.text + " " + treeText(bl.kids))
		for _, it := range bl.items {
			b.WriteString(" " + treeText(it))
		}
	}
	return b.String()
}

// wordsExcused masks, in this order, what a reader rightly drops: link
// destinations and titles, reference labels, autolinks' brackets and
// definitions, entity names, fence info strings and list numbers.
var wordsExcused = []*regexp.Regexp{
	regexp.MustCompile(`\]\((?:[^()\n]|\([^()\n]*\))*\)?`), // one level of parentheses inside
	regexp.MustCompile(`\]\[[^\]\n]*\]?`),
	regexp.MustCompile(`<[^>\s]*>|&#?[A-Za-z0-9]+;|(?m)^.*\]:.*$\n?.*|(?:` + "```|~~~" + `).*|[0-9]+[.)]`),
}

var wordRun = regexp.MustCompile(`[\p{L}\p{N}]+`)

// FuzzChairParse: whatever the chair's file holds, the reader does not
// panic, nests no deeper than maxChairDepth, and loses no word outside
// the places CommonMark drops them (those the masks find, and any other
// goldmark drops too).
func FuzzChairParse(f *testing.F) {
	for _, s := range []string{chairSample, "", "*a **b** c*", "> > > " + strings.Repeat(">", 20) + " deep", "[[[[a]]]](b)", "- a\n  - b\n    - c",
		"```go\ncode\n```", "<div>\nx\n</div>", "[p]: /u 't'\n[p]", "a  \nb\\\nc", "&#27;&#x9b;&#0;", "`` ` ``", "1. a\n\n   b\n2) c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		tree := parseChair(md)
		if d := treeDepth(tree); d > maxChairDepth+1 {
			t.Fatalf("depth %d: %q", d, md)
		}
		text := treeText(tree)
		in := clean(md)
		for _, re := range wordsExcused {
			in = re.ReplaceAllString(in, " ")
		}
		refText := "" // goldmark's words, read only when a word seems lost
		for _, w := range wordRun.FindAllString(in, -1) {
			if strings.Contains(text, w) || strings.IndexFunc(w, unicode.IsPrint) < 0 {
				continue
			}
			// The masks are regular expressions and CommonMark's links
			// are not ("]([](()A)" hides A in a destination the masks
			// miss): a word goldmark does not show either is not lost.
			if refText == "" {
				refText = treeText(parseChairReference(md)) + "\x00"
			}
			if strings.Contains(refText, w) {
				t.Fatalf("%q lost from %q: %s", w, md, dumpBlocks(tree))
			}
		}
	})
}

// TestChairEmphasisDepth: emphasis nested past maxChairDepth keeps its
// words and loses its shape, so no paper nests deeper than blocks may.
func TestChairEmphasisDepth(t *testing.T) {
	deep := strings.Repeat("*a ", 40) + "b" + strings.Repeat(" c*", 40)
	blocks := parseChair(deep)
	if len(blocks) != 1 {
		t.Fatalf("%d blocks, want 1", len(blocks))
	}
	depth, words := 0, ""
	var walk func(inl []chairInline, d int)
	walk = func(inl []chairInline, d int) { // d: emphasis around inl
		if len(inl) == 0 {
			return
		}
		depth = max(depth, d)
		for _, in := range inl {
			words += in.text
			walk(in.kids, d+1)
		}
	}
	walk(blocks[0].inl, 0)
	if depth > maxChairDepth {
		t.Errorf("emphasis nested %d deep, want at most %d", depth, maxChairDepth)
	}
	if got, want := strings.Join(strings.Fields(words), " "), strings.Join(strings.Fields(strings.NewReplacer("*", "").Replace(deep)), " "); got != want {
		t.Errorf("words lost:\ngot  %q\nwant %q", got, want)
	}
	if got, ref := blocks, parseChairReference(deep); !reflect.DeepEqual(got, ref) {
		t.Errorf("the reader and goldmark disagree:\n%#v\n%#v", got, ref)
	}
}
