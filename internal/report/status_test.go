package report

import (
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
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 41230: "41,230", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
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
	for _, want := range []string{`aria-label="Notes &lt;by&gt; &#34;category&#34;"`, "<title>Notes &lt;by&gt;", "&lt;script&gt;x&lt;/script&gt;: 3 (2 high, 1 low)", "…</text>", ">high</text>", ">low</text>"} {
		if !strings.Contains(bar, want) {
			t.Errorf("BarChart lacks %q:\n%s", want, bar)
		}
	}
	if strings.Contains(bar, "<script") {
		t.Errorf("BarChart let a tag through")
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
