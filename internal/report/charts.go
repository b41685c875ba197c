package report

import (
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Bar is one row of a BarChart: a label and the segments stacked along it,
// left to right. One segment makes a plain bar.
type Bar struct {
	Label    string
	Segments []Segment
}

// Segment is one coloured part of a Bar. Name says what it counts ("high",
// "green"); it appears in the legend and in the tooltip, so the chart reads
// without colour. Class picks the colour: a StatusClass or SeverityClass
// value, or "" for NHS blue.
type Segment struct {
	Name  string
	Value int64
	Class string
}

// SeverityClass is the chart and CSS class of a workload severity:
// "sev-high", "sev-medium", "sev-low". Severity is not a RAG judgement, so
// it is drawn in shades of NHS blue rather than traffic-light colours.
func SeverityClass(s domain.Severity) string {
	switch s {
	case domain.High:
		return "sev-high"
	case domain.Medium:
		return "sev-medium"
	}
	return "sev-low"
}

// swatch is a fill and the ink that reads on it at WCAG AA contrast.
type swatch struct{ Fill, Ink string }

// palette gives each class its colours in the SVG itself, not only in the
// stylesheet, so a chart copied out of the page keeps them.
var palette = map[string]swatch{
	"rag-green":       {"#007f3b", "#ffffff"},
	"rag-amber":       {"#ffb81c", "#212b32"},
	"rag-red":         {"#d5281b", "#ffffff"},
	"rag-not-started": {"#d8dde0", "#212b32"},
	"rag-unknown":     {"#aeb7bd", "#212b32"},
	"sev-high":        {"#003087", "#ffffff"},
	"sev-medium":      {"#005eb8", "#ffffff"},
	"sev-low":         {"#41b6e6", "#212b32"},
	"":                {"#005eb8", "#ffffff"},
}

func colours(class string) swatch {
	if s, ok := palette[class]; ok {
		return s
	}
	return palette[""]
}

// Chart geometry, in SVG user units (the chart scales to the page width).
const (
	chartW    = 840
	labelW    = 290 // label column; longer labels are cut with "…"
	barX      = 300
	barW      = 480
	rowH      = 26
	barH      = 18
	charW     = 7.8 // rough width of a character at the chart's font size
	legendGap = 18
)

type chartRect struct {
	X, Y, W, H, Fill, Class, Tip string
}

type chartText struct {
	X, Y, Fill, Anchor, Text, Class string
}

type chartData struct {
	Title, Desc, Class string
	W, H               int
	Rects              []chartRect
	Texts              []chartText
}

// BarChart draws bars as a horizontal bar chart in inline SVG: labels on
// the left, segments stacked to scale, each bar's total at its end, and a
// legend when segments have names. The SVG carries role="img", an
// aria-label and a <title> with title, and a <desc> listing every value, so
// a screen reader (and a reader of the source) gets the numbers. All text is
// escaped by html/template; the result is safe to place in a page.
func BarChart(title string, bars []Bar) template.HTML {
	var max int64
	for _, b := range bars {
		max = maxInt(max, total(b.Segments))
	}
	if max == 0 {
		max = 1
	}
	d := chartData{Title: clean(title), Class: "chart chart-bars"}
	var desc []string
	for i, b := range bars {
		label := clean(b.Label)
		y := 4 + i*rowH
		d.Texts = append(d.Texts, chartText{X: itoa(labelW), Y: itoa(y + 14), Anchor: "end", Text: cut(label, labelW), Class: "label"})
		x := float64(barX)
		var parts []string
		for _, s := range b.Segments {
			if s.Value <= 0 {
				continue
			}
			w := float64(s.Value) * barW / float64(max)
			tip := label + ": " + Thousands(s.Value) + " " + clean(s.Name)
			d.Rects = append(d.Rects, chartRect{X: ftoa(x), Y: itoa(y), W: ftoa(w), H: itoa(barH), Fill: colours(s.Class).Fill, Class: s.Class, Tip: strings.TrimSpace(tip)})
			x += w
			parts = append(parts, strings.TrimSpace(Thousands(s.Value)+" "+clean(s.Name)))
		}
		t := total(b.Segments)
		d.Texts = append(d.Texts, chartText{X: ftoa(x + 6), Y: itoa(y + 14), Anchor: "start", Text: Thousands(t), Class: "value"})
		line := label + ": " + Thousands(t)
		if len(parts) > 1 {
			line += " (" + strings.Join(parts, ", ") + ")"
		}
		desc = append(desc, line)
	}
	d.Desc = strings.Join(desc, "; ")
	d.W, d.H = chartW, 4+len(bars)*rowH
	legend(&d, bars)
	return execChart("chart", d)
}

// legend adds one key per distinct named segment, in first-seen order.
func legend(d *chartData, bars []Bar) {
	seen := map[string]bool{}
	x := float64(barX)
	y := d.H + 6
	for _, b := range bars {
		for _, s := range b.Segments {
			name := clean(s.Name)
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			d.Rects = append(d.Rects, chartRect{X: ftoa(x), Y: itoa(y), W: "12", H: "12", Fill: colours(s.Class).Fill, Class: s.Class, Tip: name})
			d.Texts = append(d.Texts, chartText{X: ftoa(x + 17), Y: itoa(y + 11), Anchor: "start", Text: name, Class: "legend"})
			x += 17 + float64(utf8.RuneCountInString(name))*charW + legendGap
		}
	}
	if len(seen) > 0 {
		d.H = y + 12 + 6
	}
}

// StatusBar draws counts as one bar split by status, to scale, with each
// part labelled "4 green" where it fits and a legend beneath giving every
// status in words with its count, so a greyscale print still reads. For a
// forum's service grid (many services, PCNs counted at each status),
// BarChart with one Bar per service and one Segment per status (Name: the
// status word, Class: StatusClass) is the compact form.
func StatusBar(title string, counts []StatusCount) template.HTML {
	var sum int64
	for _, c := range counts {
		sum += int64(c.Count)
	}
	d := chartData{Title: clean(title), Class: "chart chart-status", W: chartW, H: 36}
	x := 0.0
	var desc []string
	for _, c := range counts {
		word := clean(c.Status.Word())
		desc = append(desc, strconv.Itoa(c.Count)+" "+word+" ("+clean(StatusWord(c.Status))+")")
		if c.Count == 0 || sum == 0 {
			continue
		}
		w := float64(c.Count) * chartW / float64(sum)
		sw := colours(StatusClass(c.Status))
		text := strconv.Itoa(c.Count) + " " + word
		d.Rects = append(d.Rects, chartRect{X: ftoa(x), Y: "0", W: ftoa(w), H: "36", Fill: sw.Fill, Class: StatusClass(c.Status), Tip: text})
		if float64(utf8.RuneCountInString(text))*charW+8 <= w {
			d.Texts = append(d.Texts, chartText{X: ftoa(x + w/2), Y: "23", Fill: sw.Ink, Anchor: "middle", Text: text, Class: "inbar"})
		} else if float64(len(strconv.Itoa(c.Count)))*charW+4 <= w {
			d.Texts = append(d.Texts, chartText{X: ftoa(x + w/2), Y: "23", Fill: sw.Ink, Anchor: "middle", Text: strconv.Itoa(c.Count), Class: "inbar"})
		}
		x += w
	}
	d.Desc = strings.Join(desc, ", ")
	lx := 0.0
	for _, c := range counts {
		text := strconv.Itoa(c.Count) + " " + clean(c.Status.Word()) + " (" + clean(StatusWord(c.Status)) + ")"
		if c.Status == domain.NotStarted {
			text = strconv.Itoa(c.Count) + " not started"
		}
		d.Rects = append(d.Rects, chartRect{X: ftoa(lx), Y: "46", W: "12", H: "12", Fill: colours(StatusClass(c.Status)).Fill, Class: StatusClass(c.Status), Tip: text})
		d.Texts = append(d.Texts, chartText{X: ftoa(lx + 17), Y: "57", Anchor: "start", Text: text, Class: "legend"})
		lx += 17 + float64(utf8.RuneCountInString(text))*charW + legendGap
	}
	d.H = 64
	return execChart("chart", d)
}

func execChart(name string, d chartData) template.HTML {
	var b strings.Builder
	if err := chartTemplates().ExecuteTemplate(&b, name, d); err != nil {
		// Only a defect in the embedded template can fail here, and tests
		// execute it; a report still renders, without the chart.
		return ""
	}
	// Safe: b holds html/template output, in which every string was escaped.
	return template.HTML(b.String())
}

func total(segs []Segment) int64 {
	var n int64
	for _, s := range segs {
		if s.Value > 0 {
			n += s.Value
		}
	}
	return n
}

// cut shortens s to fit width units, marking the cut with "…".
func cut(s string, width int) string {
	max := int(float64(width) / charW)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max-1])) + "…"
}

func maxInt(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
