package report

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

func TestStatusWords(t *testing.T) {
	tests := []struct {
		st                domain.Status
		class, word, text string
	}{
		{domain.Green, "rag-green", "on track", "green: on track"},
		{domain.Amber, "rag-amber", "at risk", "amber: at risk"},
		{domain.Red, "rag-red", "off track", "red: off track"},
		{domain.NotStarted, "rag-not-started", "not started", "not started"},
		{"purple", "rag-unknown", "purple", "purple: purple"},
	}
	for _, tt := range tests {
		if got := StatusClass(tt.st); got != tt.class {
			t.Errorf("StatusClass(%q) = %q, want %q", tt.st, got, tt.class)
		}
		if got := StatusWord(tt.st); got != tt.word {
			t.Errorf("StatusWord(%q) = %q, want %q", tt.st, got, tt.word)
		}
		if got := StatusText(tt.st); got != tt.text {
			t.Errorf("StatusText(%q) = %q, want %q", tt.st, got, tt.text)
		}
	}
}

func TestCountStatuses(t *testing.T) {
	services := []domain.Service{{Status: domain.Red}, {Status: domain.Green}, {Status: domain.Red}, {Status: "purple"}}
	counts := CountStatuses(services)
	if got, want := StatusCountLine(counts), "1 green, 2 red, 1 purple"; got != want {
		t.Errorf("StatusCountLine = %q, want %q", got, want)
	}
	if len(counts) != 5 || counts[1].Status != domain.Amber || counts[1].Count != 0 {
		t.Errorf("CountStatuses = %v: want every known status, zeros included, then unknowns", counts)
	}
	if got := StatusCountLine(CountStatuses(nil)); got != "none recorded" {
		t.Errorf("StatusCountLine(none) = %q", got)
	}
}

func TestNumbers(t *testing.T) {
	if got := Percent(9834, 41230); got != "23.9%" {
		t.Errorf("Percent = %q", got)
	}
	if got := Percent(1, 0); got != "–" {
		t.Errorf("Percent of zero = %q", got)
	}
	if got := HumanTime("2026-11-18T16:45:00Z"); got != "18 November 2026, 16:45 UTC" {
		t.Errorf("HumanTime = %q", got)
	}
	if got := HumanTime("not a time"); got != "not a time" {
		t.Errorf("HumanTime(bad) = %q", got)
	}
	if got := HumanDate("2026-11-02"); got != "2 Nov 2026" {
		t.Errorf("HumanDate = %q", got)
	}
}

func TestCharts(t *testing.T) {
	bar := string(BarChart(`Notes <by> "category"`, []Bar{
		{Label: "<script>x</script>", Segments: []Segment{{Name: "high", Value: 2, Class: "sev-high"}, {Name: "low", Value: 1, Class: "sev-low"}}},
		{Label: strings.Repeat("very long label ", 10), Segments: []Segment{{Name: "high", Value: 0}}},
	}))
	for _, want := range []string{`aria-label="Notes &lt;by&gt; &#34;category&#34;"`, "<title>Notes &lt;by&gt;", "&lt;script&gt;x&lt;/script&gt;: 3 (2 high, 1 low)", ">very long label very long label very long label</text>", ">high</text>", ">low</text>"} {
		if !strings.Contains(bar, want) {
			t.Errorf("BarChart lacks %q:\n%s", want, bar)
		}
	}
	if strings.Contains(bar, "<script") {
		t.Errorf("BarChart let a tag through")
	}
	if strings.Contains(bar, "…") {
		t.Errorf("BarChart cut a label:\n%s", bar)
	}
	if got := string(BarChart("Empty", nil)); !strings.Contains(got, "<title>Empty</title>") {
		t.Errorf("BarChart of nothing = %q", got)
	}
	status := string(StatusBar("Services", CountStatuses([]domain.Service{{Status: domain.Green}, {Status: domain.Red}, {Status: domain.Red}})))
	for _, want := range []string{"1 green (on track)", "2 red (off track)", "0 amber (at risk)", "0 not started", `fill="#d5281b"`} {
		if !strings.Contains(status, want) {
			t.Errorf("StatusBar lacks %q:\n%s", want, status)
		}
	}
}

// TestChartLabelsWhole: however long a label, the chart draws all of it
// (wrapped onto lines inside the label column, each line within the
// room the column gives it) and the bars start after the column.
func TestChartLabelsWhole(t *testing.T) {
	labels := []string{"Care-home residents offered vaccinations", "Tackling neighbourhood health inequalities",
		"Minor surgery and joint injections (local enhanced service) for the whole of the place", "Supercalifragilisticexpialidociousness-without-spaces-at-all", "IT"}
	var bars []Bar
	for i, l := range labels {
		bars = append(bars, Bar{Label: l, Segments: []Segment{{Name: "n", Value: int64(i + 1)}}})
	}
	svg := string(BarChart("labels", bars))
	re := regexp.MustCompile(`<text x="([0-9.]+)" y="[0-9.]+" text-anchor="end" fill="[^"]*" class="label">([^<]*)</text>`)
	var got []string
	colEnd := 0.0
	for _, m := range re.FindAllStringSubmatch(svg, -1) {
		got = append(got, html.UnescapeString(m[2]))
		colEnd, _ = strconv.ParseFloat(m[1], 64)
		if w := textWidth(html.UnescapeString(m[2])); w > colEnd+0.1 {
			t.Errorf("label line %q (%.0f wide) overflows its column (%.0f)", m[2], w, colEnd)
		}
	}
	// Every character of every label, in order (a word split across
	// lines gains a line break, nothing else).
	if joined, want := strings.ReplaceAll(strings.Join(got, ""), " ", ""), strings.ReplaceAll(strings.Join(labels, ""), " ", ""); joined != want {
		t.Errorf("labels drawn:\n%q\nwant\n%q", joined, want)
	}
	first := regexp.MustCompile(`<rect x="([0-9.]+)"`).FindStringSubmatch(svg)
	if x, _ := strconv.ParseFloat(first[1], 64); x <= colEnd {
		t.Errorf("bars start at %.1f, inside the label column ending %.1f", x, colEnd)
	}
}
