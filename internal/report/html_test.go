package report

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// hostileDoc is the demo with an attack in every free-text member, exported
// and decoded the real way: what a malicious or careless file could hold.
func hostileDoc(t testing.TB) *pcnjson.Document {
	t.Helper()
	cfg := config.Default()
	s := demo.Snapshot(cfg, fixedNow)
	s.PCN.Name = "<script>alert('name')</script> & Co"
	s.PCN.ICS = "\x1b]0;pwned\x07North \u202eICS"
	s.PCN.ClinicalDirector = `Dr "X" <img src=x onerror=alert(1)>`
	s.Statement = "</blockquote><script>alert(1)</script>\n\n# Not a heading\n1. not a list\n[x](javascript:alert(1))"
	s.Services[0].Name = `"><svg onload=alert(1)>`
	s.Services[0].Note = "| pipe | table\nsplit `code`"
	s.Services = append(s.Services, domain.Service{Key: "local-<b>", Status: domain.Red, Note: "&lt;entity&gt;"})
	s.Notes[0].Text = "<iframe src=https://evil.example></iframe>\x00"
	s.Notes[0].Category = "<style>body{display:none}</style>"
	s.Priorities[0].Ask = "[click](javascript:alert(1)) ![t](https://tracker.example/p.gif)"
	s.Priorities[0].Theme = "<u>theme</u>"
	s.Priorities[1].Rationale = "--> <!-- comment"
	s.Practices[0].Name = "Bridge | Street\nSurgery"
	s.Workforce[0].Note = "<b>vacant</b> | [apply](javascript:alert(1))\n# not a heading"
	s.Workforce = append(s.Workforce, domain.Role{Key: "<script>local</script>", InPost: 125, Planned: 100})
	rec, err := pcnjson.Build(fixedNow, "pcnvoice <0.1.0>")(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := pcnjson.Decode("hostile.json", rec.Document)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHTMLWellFormed(t *testing.T) {
	for name, d := range map[string]*pcnjson.Document{"demo": demoDoc(t), "hostile": hostileDoc(t), "empty": emptyDoc(t)} {
		t.Run(name, func(t *testing.T) {
			out, err := SubmissionHTML(d, config.Default())
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, out)
			// The hostile file types URLs as text, which is fine; the
			// others must not mention one anywhere.
			if low := strings.ToLower(string(out)); name != "hostile" && (strings.Contains(low, "http:") || strings.Contains(low, "https:")) {
				t.Errorf("page mentions a URL")
			}
		})
	}
}

// emptyDoc is a PCN that has recorded nothing yet but its name.
func emptyDoc(t testing.TB) *pcnjson.Document {
	t.Helper()
	s := domain.Snapshot{Period: domain.PeriodOf(fixedNow), PCN: domain.PCN{Code: "U99002", Name: "Empty PCN"}}
	rec, err := pcnjson.Build(fixedNow, "pcnvoice 0.1.0")(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := pcnjson.Decode("empty.json", rec.Document)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHTMLHostileTextStaysText(t *testing.T) {
	d := hostileDoc(t)
	out, err := SubmissionHTML(d, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var statement string
	walk(doc, func(n *html.Node) {
		if n.DataAtom == atom.Blockquote && strings.Contains(attr(n, "class"), "statement") {
			statement = text(n)
		}
		switch n.DataAtom {
		case atom.Script, atom.Iframe, atom.Img, atom.Style:
			if n.DataAtom != atom.Style || n.Parent.DataAtom != atom.Head {
				t.Errorf("user text made a <%s> element", n.Data)
			}
		}
	})
	if statement != d.Statement {
		t.Errorf("statement shown as %q, want the text as typed %q", statement, d.Statement)
	}
	if bytes.Contains(out, []byte("\x1b")) || bytes.Contains(out, []byte("\u202e")) || bytes.Contains(out, []byte("\x00")) {
		t.Errorf("control characters reached the page")
	}
}

func TestMarkdownHostile(t *testing.T) {
	md := string(SubmissionMarkdown(hostileDoc(t), config.Default()))
	if strings.Contains(md, "<") {
		for _, line := range strings.Split(md, "\n") {
			if strings.Contains(line, "<") {
				t.Errorf("raw '<' in Markdown line %q", line)
			}
		}
	}
	for _, bad := range []string{"\x1b", "\u202e", "\x00", "\n# Not", "\n1. not"} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown contains %q", bad)
		}
	}
	for i := 0; ; i++ {
		j := strings.Index(md[i:], "](")
		if j < 0 {
			break
		}
		i += j
		if !escapedAt(md, i) {
			t.Errorf("Markdown makes a link: %q", md[max(0, i-20):i+10])
		}
	}
	// Every table row keeps its column count: no pipe or newline in a
	// cell splits it.
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| ODS code") || strings.HasPrefix(line, "| Y99101") {
			if n := strings.Count(line, " |"); n != 4 {
				t.Errorf("practices row %q has %d cells, want 4", line, n)
			}
		}
	}
}
