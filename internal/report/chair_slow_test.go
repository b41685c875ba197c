package report

import (
	"strings"
	"testing"
	"time"
)

// TestChairParseLinear: a megabyte of each input that makes a naive
// Markdown reader quadratic or deeply recursive parses in well under a
// second (a shared machine gets three tries).
func TestChairParseLinear(t *testing.T) {
	const mb = 1 << 20
	rep := func(s string) string { return strings.Repeat(s, mb/len(s)) }
	for name, md := range map[string]string{
		"stars":           rep("*"),
		"star words":      rep("*a "),
		"underscores":     rep("_a_ "),
		"nested emphasis": rep("*")[:mb/2] + "a" + rep("*")[:mb/2],
		"openers":         rep("*a **a "),
		"quotes":          rep(">"),
		"spaced quotes":   rep("> "),
		"quote lines":     rep(">>>>>>>>>> a\n"),
		"brackets":        rep("["),
		"close brackets":  rep("]"),
		"images":          rep("!["),
		"links":           rep("[a]("),
		"link titles":     rep("[a](b \""),
		"ref links":       "[x]: /u\n\n" + rep("[x]"),
		"nested links":    rep("[")[:mb/2] + "a" + rep("](b)")[:mb/2],
		"backticks":       rep("`"),
		"tick runs":       rep("` `` ``` "),
		"comments":        rep("<!--"),
		"tags":            rep("<a b='"),
		"declarations":    rep("<!A"),
		"entities":        rep("&amp;&#27;&#x1F600;&bogus;"),
		"bullets":         rep("- "),
		"nested bullets":  rep("- a\n  "),
		"numbered":        rep("1. "),
		"lines":           rep("a\n"),
		"hard breaks":     rep("a  \n"),
		"fences":          rep("```\n"),
		"html blocks":     rep("<div>\n\n"),
		"parens":          rep("[a]((("),
		"backslashes":     rep("\\"),
		"tabs":            rep("\t>\t-\t"),
	} {
		t.Run(name, func(t *testing.T) {
			var took time.Duration
			for range 3 {
				start := time.Now()
				parseChair(md)
				if took = time.Since(start); took < 700*time.Millisecond {
					return
				}
			}
			t.Errorf("%s: %d bytes took %v", name, len(md), took)
		})
	}
}
