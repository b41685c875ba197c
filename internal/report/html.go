package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"sync"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

//go:embed templates/*.tmpl templates/*.css
var templateFS embed.FS

// chartTemplates draws the SVG charts, parsed on first use rather than at
// start-up: every command links this package, and `status` should not pay
// for templates only an HTML export uses. The templates are part of the
// binary, so a parse error is a build defect that the tests catch.
var chartTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("charts").ParseFS(templateFS, "templates/charts.tmpl"))
})

// submissionPage is the submission paper's template, parsed on first use
// and then shared: html/template is safe for concurrent execution.
var submissionPage = sync.OnceValues(func() (*template.Template, error) {
	return NewPage(mustRead("templates/submission.tmpl")+mustRead("templates/workforce.tmpl")+mustRead("templates/since.tmpl"), nil)
})

func mustRead(name string) string {
	b, err := templateFS.ReadFile(name)
	if err != nil {
		panic("report: embedded " + name + " missing: " + err.Error())
	}
	return string(b)
}

// SubmissionHTML renders d as one self-contained HTML page with the same
// content as SubmissionMarkdown, plus a service status chart and a workload
// chart. The page loads nothing (no scripts, fonts or images; a
// Content-Security-Policy forbids them) and prints on A4. Catalogue names
// come from cfg; nil means the shipped defaults. The error is only ever a
// defect in the embedded templates.
func SubmissionHTML(d *pcnjson.Document, cfg *config.Config) ([]byte, error) {
	return SubmissionHTMLSince(d, nil, cfg)
}

// SubmissionHTMLSince is SubmissionHTML with each service's status in
// prev beside its status now, as SubmissionMarkdownSince.
func SubmissionHTMLSince(d, prev *pcnjson.Document, cfg *config.Config) ([]byte, error) {
	if cfg == nil {
		cfg = config.Default()
	}
	t, err := submissionPage()
	if err != nil {
		return nil, err
	}
	v := newView(d, cfg)
	v.since(d, prev, cfg)
	return ExecutePage(t, v.Title(), v)
}

// Funcs are the template functions every page may use: number formats
// (thousands, percent, humanTime, humanDate), status words and classes
// (statusClass, statusWord, statusText, severityClass, ragRule), the charts (barChart,
// statusBar) and small helpers (countWord: {{countWord 3 "note" "notes"}};
// orNotSet: "not set" for an empty field).
func Funcs() template.FuncMap {
	return template.FuncMap{
		"thousands":     wording.Thousands,
		"percent":       Percent,
		"humanTime":     HumanTime,
		"humanDate":     HumanDate,
		"statusClass":   StatusClass,
		"statusWord":    StatusWord,
		"statusText":    StatusText,
		"severityClass": SeverityClass,
		"ragRule":       func() string { return RAGRule },
		"barChart":      BarChart,
		"statusBar":     StatusBar,
		"countWord":     countWord,
		"orNotSet":      orNotSet,
	}
}

// NewPage builds a page template: the shared document (doctype, lang,
// charset, Content-Security-Policy, the shared CSS) around body, which is
// html/template text executed with the data given to ExecutePage. body may
// {{define}} helper templates of its own and may use Funcs and funcs
// (which may be nil; a name in both takes funcs' function).
//
// The shared CSS styles these classes, for a body to use: page layout
// (cover, kicker, lede, glance, checking), tables (num, code, digest,
// cover-table, status-col), text (prose keeps the author's line breaks,
// statement, quotes, rule, counts, meaning), recommendations (recs) and
// status pills ("rag" plus a StatusClass). Headings must run h1, h2, h3 in
// order; the page supplies none of its own.
func NewPage(body string, funcs template.FuncMap) (*template.Template, error) {
	t := template.New("page").Funcs(Funcs())
	if funcs != nil {
		t = t.Funcs(funcs)
	}
	t, err := t.ParseFS(templateFS, "templates/page.tmpl", "templates/style.css")
	if err != nil {
		return nil, fmt.Errorf("report: parse page: %w", err)
	}
	if _, err := t.New("body").Parse(body); err != nil {
		return nil, fmt.Errorf("report: parse page body: %w", err)
	}
	return t, nil
}

// PageData is what the page template of NewPage executes with: Title goes
// in <title> (the browser tab and the PDF's name), Data to the body.
type PageData struct {
	Title string
	Data  any
}

// ExecutePage renders t (from NewPage) with title and data.
func ExecutePage(t *template.Template, title string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "page", PageData{Title: clean(title), Data: data}); err != nil {
		return nil, fmt.Errorf("report: render page: %w", err)
	}
	return b.Bytes(), nil
}

// Title is the page title: PCN, code and period.
func (v *view) Title() string {
	return v.PCN.Name + " (" + v.PCN.Code + "): submission for " + v.Period
}

// CategoryBars are the workload chart's bars: one per category, stacked
// high, medium, low.
func (v *view) CategoryBars() []Bar {
	bars := make([]Bar, 0, len(v.Categories))
	for _, c := range v.Categories {
		bars = append(bars, Bar{Label: c.Name, Segments: []Segment{
			{Name: "high", Value: int64(c.High), Class: SeverityClass(domain.High)},
			{Name: "medium", Value: int64(c.Med), Class: SeverityClass(domain.Medium)},
			{Name: "low", Value: int64(c.Lo), Class: SeverityClass(domain.Low)},
		}})
	}
	return bars
}
