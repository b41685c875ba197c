package report

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The page checks are shared by every HTML renderer's tests in this
// package (submission and forum pack alike): call checkPage on the output.

// checkPage asserts what every page this package makes must be:
// well-formed, self-contained, scriptless and accessible.
func checkPage(t *testing.T, page []byte) {
	t.Helper()
	if !bytes.HasPrefix(page, []byte("<!doctype html>\n<html lang=\"en-GB\">")) {
		t.Errorf("page does not open with the doctype and lang=en-GB: %.60q", page)
	}
	low := strings.ToLower(string(page))
	for _, bad := range []string{"<script", "<iframe", "<img", "<link", "<object", "<embed", "<base", "<form"} {
		if strings.Contains(low, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	checkBalanced(t, page)
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var (
		h1s, lastLevel int
		csp, charset   bool
	)
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "href" || a.Key == "src" || a.Key == "style" ||
				strings.Contains(a.Val, "://") || strings.Contains(strings.ToLower(a.Val), "javascript:") {
				t.Errorf("<%s> has attribute %s=%q", n.Data, a.Key, a.Val)
			}
		}
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			level := int(n.Data[1] - '0')
			if level == 1 {
				h1s++
			}
			if level > lastLevel+1 {
				t.Errorf("heading <%s> %q follows h%d: levels skipped", n.Data, text(n), lastLevel)
			}
			lastLevel = level
		case atom.Meta:
			if attr(n, "charset") == "utf-8" {
				charset = true
			}
			if attr(n, "http-equiv") == "Content-Security-Policy" {
				c := attr(n, "content")
				csp = strings.Contains(c, "default-src 'none'") && strings.Contains(c, "style-src 'unsafe-inline'") && strings.Contains(c, "img-src data:")
			}
		case atom.Style:
			if css := strings.ToLower(text(n)); strings.Contains(css, "url(") || strings.Contains(css, "@import") || strings.Contains(css, "http") {
				t.Errorf("the stylesheet loads something")
			}
		case atom.Table:
			if find(n, atom.Th) == nil {
				t.Errorf("a table has no <th>")
			}
		case atom.Th:
			if s := attr(n, "scope"); s != "row" && s != "col" {
				t.Errorf("<th> %q has scope %q", text(n), s)
			}
		case atom.Svg:
			if attr(n, "role") != "img" || attr(n, "aria-label") == "" {
				t.Errorf("<svg> lacks role=img or aria-label")
			}
			if c := firstElement(n); c == nil || c.Data != "title" || text(c) == "" {
				t.Errorf("<svg> does not start with a <title>")
			}
		}
	})
	if h1s != 1 {
		t.Errorf("page has %d <h1>, want 1", h1s)
	}
	if !csp || !charset {
		t.Errorf("page lacks the charset (%v) or the strict Content-Security-Policy (%v)", charset, csp)
	}
}

// checkBalanced walks the raw tokens: every element the templates open
// they close, in order. The HTML parser would silently repair a slip.
func checkBalanced(t *testing.T, page []byte) {
	t.Helper()
	void := map[string]bool{"meta": true, "br": true, "hr": true, "img": true, "input": true, "link": true, "wbr": true, "col": true}
	var stack []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			if len(stack) > 0 {
				t.Errorf("elements left open: %v", stack)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if !void[string(name)] {
				stack = append(stack, string(name))
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			t.Errorf("self-closing <%s/>: write an end tag", name)
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("</%s> closes %v", name, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func find(n *html.Node, a atom.Atom) *html.Node {
	var found *html.Node
	walk(n, func(c *html.Node) {
		if found == nil && c.DataAtom == a {
			found = c
		}
	})
	return found
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}
