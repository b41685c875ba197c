package report

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestChairParseLinear: the inputs that make a naive Markdown reader
// quadratic or deeply recursive take no longer at 16 times the size than
// 16 parses of the small one do. Timing two runs of about the same length
// against each other, rather than against a fixed bound, holds on a busy
// machine, where both share the processors alike: linear work takes about
// as long both ways, quadratic 16 times as long, and the test allows 4×.
func TestChairParseLinear(t *testing.T) {
	rep := func(s string) func(int) string {
		return func(n int) string { return strings.Repeat(s, n/len(s)) }
	}
	around := func(open, mid, close string) func(int) string {
		return func(n int) string {
			return strings.Repeat(open, n/2/len(open)) + mid + strings.Repeat(close, n/2/len(close))
		}
	}
	for name, md := range map[string]func(int) string{
		"stars":           rep("*"),
		"star words":      rep("*a "),
		"underscores":     rep("_a_ "),
		"nested emphasis": around("*", "a", "*"),
		"openers":         rep("*a **a "),
		"quotes":          rep(">"),
		"spaced quotes":   rep("> "),
		"quote lines":     rep(">>>>>>>>>> a\n"),
		"brackets":        rep("["),
		"close brackets":  rep("]"),
		"images":          rep("!["),
		"links":           rep("[a]("),
		"link titles":     rep("[a](b \""),
		"ref links":       func(n int) string { return "[x]: /u\n\n" + rep("[x]")(n) },
		"nested links":    around("[", "a", "](b)"),
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
		// From review: blank lines under a deep list walked every open
		// item; a link walked every opener below it, images too.
		"deep list, blank lines": func(n int) string { return rep("- ")(n/2) + "a" + rep("\n")(n/2) },
		"brackets, then links":   func(n int) string { return rep("[")(n/2) + rep("[a](b)")(n/2) },
		"images, then links":     func(n int) string { return rep("![")(n/2) + rep("[a](b)")(n/2) },
		// The papers' writers too: emphasis after code copied the line
		// written so far; tight nested lists were written twice a level.
		"papers: code, emphasis": rep("`a`*b* "),
		"papers: nested lists":   rep("- - - - - - - - a\n"),
	} {
		run := parseChair
		if strings.HasPrefix(name, "papers: ") {
			run = func(md string) []chairBlock { ChairHTML(md); ChairMarkdown(md); return nil }
		}
		t.Run(name, func(t *testing.T) {
			const small, large = 8 << 10, 128 << 10
			smalls, big := md(small), []string{md(large)}
			var sixteen, once time.Duration
			for range 3 { // a slow run on a busy machine is tried again
				sixteen = fastest(run, slices.Repeat([]string{smalls}, 16), 2)
				if once = fastest(run, big, 2); once <= 4*sixteen || once < 20*time.Millisecond {
					return
				}
			}
			t.Errorf("%s: 16 parses of %d bytes took %v, one of %d bytes %v: %.1f× as long",
				name, small, sixteen, large, once, float64(once)/float64(sixteen))
		})
	}
}

// fastest is the shortest of tries runs of run over each of mds, each
// run started after a collection, so that garbage an earlier run left
// does not count against the next.
func fastest(run func(string) []chairBlock, mds []string, tries int) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range tries {
		runtime.GC()
		start := time.Now()
		for _, md := range mds {
			run(md)
		}
		best = min(best, time.Since(start))
	}
	return best
}
