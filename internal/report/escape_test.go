package report

import (
	"strings"
	"testing"
	"unicode"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text unchanged", "Rooms for ARRS staff, 4 of them.", "Rooms for ARRS staff, 4 of them."},
		{"A&E stays readable", "A&E waits up", "A&E waits up"},
		{"script tag", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"img onerror", `<img src=x onerror="alert(1)">`, `&lt;img src=x onerror="alert(1)"&gt;`},
		{"html comment", "<!-- hidden -->", "&lt;!-- hidden --&gt;"},
		{"autolink", "<https://evil.example>", "&lt;https\\://evil.example&gt;"},
		{"bare url", "see https://evil.example/x and WWW.evil.example", `see https\://evil.example/x and WWW\.evil.example`},
		{"colon and dot otherwise kept", "Note: 3.5 WTE.", "Note: 3.5 WTE."},
		{"javascript link", "[x](javascript:alert(1))", `\[x\](javascript:alert(1))`},
		{"image", "![x](http://tracker/p.gif)", `!\[x\](http\://tracker/p.gif)`},
		{"reference definition", "[x]: javascript:alert(1)", `\[x\]: javascript:alert(1)`},
		{"pipe splits a table", "a | b", `a \| b`},
		{"backticks", "run `rm -rf` now", "run \\`rm -rf\\` now"},
		{"code fence", "```\ncode\n```", "\\`\\`\\`\ncode\n\\`\\`\\`"},
		{"tilde fence and strike", "~~~ ~~gone~~", `\~\~\~ \~\~gone\~\~`},
		{"leading hash heading", "# Heading", `\# Heading`},
		{"closing hashes", "Item ##", `Item \#\#`},
		{"ordered list", "1. first", `1\. first`},
		{"ordered list paren", "12) twelfth", `12\) twelfth`},
		{"year is not a list unless dotted", "2026 was hard", "2026 was hard"},
		{"ten digits cannot be a list", "1234567890. x", "1234567890. x"},
		{"bullet dash", "- item", `\- item`},
		{"bullet plus", "+ item", `\+ item`},
		{"bullet star", "* item", `\* item`},
		{"thematic break", "---", `\---`},
		{"setext underline", "Title\n===", "Title\n\\==="},
		{"blockquote", "> quoted", "&gt; quoted"},
		{"emphasis", "*bold* _it_ __strong__", `\*bold\* \_it\_ \_\_strong\_\_`},
		{"indented code", "    code block", "code block"},
		{"tab indent", "\tcode", "code"},
		{"trailing spaces hard break", "line  \nnext", "line\nnext"},
		{"trailing backslash", `end\`, `end\\`},
		{"named entity", "&lt;script&gt;", "&amp;lt;script&amp;gt;"},
		{"numeric entity", "&#60;b&#x3C;", `&amp;\#60;b&amp;\#x3C;`},
		{"maths", "$x^2$", `\$x^2\$`},
		{"control chars", "a\x00b\x07c\x1b[31mred\x1b[0m", "abcred"},
		{"osc hyperlink", "\x1b]8;;http://x\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"c1 controls", "a\u0085b\u009b31mc", "abc"},
		{"bidi override", "safe \u202etxt.exe", "safe txt.exe"},
		{"bidi isolate", "\u2067x\u2069", "x"},
		{"carriage return", "a\r\nb", "a\nb"},
		{"paragraphs kept", "one\n\ntwo", "one\n\ntwo"},
		{"nbsp indent", "\u00a0\u00a0# x", `\# x`},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeMarkdown(tt.in); got != tt.want {
				t.Errorf("EscapeMarkdown(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkEscaped(t, tt.in, EscapeMarkdown(tt.in), true)
		})
	}
}

func TestMarkdownCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a | b", `a \| b`},
		{"two\nlines", "two lines"},
		{"- not\n- a list", `\- not - a list`},
		{"tab\there", "tab here"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MarkdownCell(tt.in); got != tt.want {
			t.Errorf("MarkdownCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownCode(t *testing.T) {
	for in, want := range map[string]string{
		"sha256:ab":   "`sha256:ab`",
		"a`b":         "a\\`b",
		"x|y":         `x\|y`,
		"<b>":         "`<b>`",
		"two\nlines":  "`two lines`",
		"\x1b[2Jwipe": "`wipe`",
	} {
		if got := MarkdownCode(in); got != want {
			t.Errorf("MarkdownCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownTable(t *testing.T) {
	got := MarkdownTable([]string{"Name", "Count"}, "lr", [][]string{{"a", "1"}, {"b"}})
	want := "| Name | Count |\n|---|--:|\n| a | 1 |\n| b |  |\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// checkEscaped asserts the properties every escaped text must have: no raw
// '<', no control characters or bidi controls, every '[' ']' '`' '|' '*'
// '_' escaped, and no line that starts a Markdown block.
func checkEscaped(t *testing.T, in, out string, multiline bool) {
	t.Helper()
	if strings.Contains(out, "<") {
		t.Errorf("EscapeMarkdown(%q) = %q: holds a raw '<'", in, out)
	}
	for _, r := range out {
		if (r != '\n' && unicode.IsControl(r)) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("EscapeMarkdown(%q) = %q: holds control %U", in, out, r)
		}
	}
	for i := 0; i < len(out); i++ {
		if strings.IndexByte("[]`|*_~#$", out[i]) >= 0 && !escapedAt(out, i) {
			t.Errorf("EscapeMarkdown(%q) = %q: %q at %d is not escaped", in, out, out[i], i)
		}
	}
	for i := 0; ; i++ {
		j := strings.Index(out[i:], "://")
		if j < 0 {
			break
		}
		if i += j; !escapedAt(out, i) {
			t.Errorf("EscapeMarkdown(%q) = %q: \"://\" at %d would autolink", in, out, i)
		}
	}
	if strings.Contains(strings.ToLower(out), "www.") {
		t.Errorf("EscapeMarkdown(%q) = %q: \"www.\" would autolink", in, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if line == "" {
			continue
		}
		if line != strings.TrimSpace(line) {
			t.Errorf("EscapeMarkdown(%q): line %q has leading or trailing space", in, line)
		}
		if strings.IndexByte("-+=>", line[0]) >= 0 {
			t.Errorf("EscapeMarkdown(%q): line %q starts a block", in, line)
		}
		n := 0
		for n < len(line) && line[n] >= '0' && line[n] <= '9' {
			n++
		}
		if n > 0 && n < 10 && n < len(line) && (line[n] == '.' || line[n] == ')') {
			t.Errorf("EscapeMarkdown(%q): line %q starts an ordered list", in, line)
		}
	}
	if !multiline && strings.Contains(out, "\n") {
		t.Errorf("MarkdownCell(%q) = %q: holds a newline", in, out)
	}
}

// escapedAt reports whether s[i] is preceded by an odd run of backslashes.
func escapedAt(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

func FuzzEscapeMarkdown(f *testing.F) {
	for _, s := range []string{
		"<script>alert(1)</script>", "[x](javascript:alert(1))", "| pipe |", "```code```",
		"# heading", "1. list", "&lt;&#60;", "\x1b[31mred", "\u202eevil", "- a\n+ b\n* c",
		"\\<b>", "a\\\\|b", "  > quote", "9) x", "&amp;", "\x9b2J", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkEscaped(t, s, EscapeMarkdown(s), true)
		checkEscaped(t, s, MarkdownCell(s), false)
	})
}
