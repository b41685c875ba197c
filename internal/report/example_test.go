package report_test

import (
	"bytes"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/report"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

func ExampleEscapeMarkdown() {
	fmt.Println(report.EscapeMarkdown("# 1. <b>Rooms</b> | [link](javascript:x)"))
	// Output: \# 1. &lt;b&gt;Rooms&lt;/b&gt; \| \[link\](javascript:x)
}

func ExampleMarkdownTable() {
	fmt.Print(report.MarkdownTable([]string{"PCN", "Population"}, "lr", [][]string{
		{report.MarkdownCell("Riverside | North"), wording.Thousands(41230)},
	}))
	// Output:
	// | PCN | Population |
	// |---|--:|
	// | Riverside \| North | 41,230 |
}

// A forum pack renders its own body inside the shared page: the same
// doctype, Content-Security-Policy and CSS, the same charts and status words.
func ExampleNewPage() {
	t, err := report.NewPage(`<h1>{{.Name}}</h1>
{{statusBar "Services across the forum" .Counts}}
<p>{{.Name}} covers {{thousands .Population}} patients.</p>`, nil)
	if err != nil {
		panic(err)
	}
	data := struct {
		Name       string
		Population int64
		Counts     []report.StatusCount
	}{"North & South <forum>", 1234567, report.CountStatuses([]domain.Service{{Status: domain.Red}})}
	page, err := report.ExecutePage(t, "Forum pack", data)
	if err != nil {
		panic(err)
	}
	fmt.Println(bytes.Contains(page, []byte("<h1>North &amp; South &lt;forum&gt;</h1>")))
	fmt.Println(bytes.Contains(page, []byte("1 red (off track)")))
	fmt.Println(bytes.Contains(page, []byte("covers 1,234,567 patients")))
	// Output:
	// true
	// true
	// true
}
