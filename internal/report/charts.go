package report

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/wording"
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
	chartW      = 840
	maxLabelW   = 380 // the widest a label column gets; longer labels wrap
	rowH        = 26
	lineH       = 16 // a wrapped label's line step
	barH        = 18
	fontSize    = 14
	legendGap   = 18
	labelMargin = 10
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
	rows := make([]barRow, len(bars))
	for i, b := range bars {
		label := clean(b.Label)
		r := barRow{label: label, end: wording.Thousands(total(b.Segments))}
		var parts []string
		for _, s := range b.Segments {
			if s.Value <= 0 {
				continue
			}
			tip := label + ": " + wording.Thousands(s.Value) + " " + clean(s.Name)
			r.segs = append(r.segs, barSeg{value: s.Value, class: s.Class, tip: strings.TrimSpace(tip)})
			parts = append(parts, strings.TrimSpace(wording.Thousands(s.Value)+" "+clean(s.Name)))
		}
		r.desc = label + ": " + r.end
		if len(parts) > 1 {
			r.desc += " (" + strings.Join(parts, ", ") + ")"
		}
		rows[i] = r
	}
	return drawBars(title, "chart chart-bars", rows, bars)
}

// barRow is one bar of a horizontal bar chart, ready to lay out: its
// label (clean), its segments left to right, the figure at its end and
// the bar in words for the chart's <desc>.
type barRow struct {
	label, end, desc string
	segs             []barSeg
}

// barSeg is one drawn part of a barRow: a length in the chart's unit
// (counts, or WTE hundredths), greater than nought.
type barSeg struct {
	value      int64
	class, tip string
}

// drawBars lays out rows as every horizontal bar chart of the papers is
// laid out (BarChart, wteChart): the label column as wide as the widest
// label needs, up to maxLabelW, a longer label wrapping onto more lines,
// never cut; the value column as wide as the widest figure; the bars to
// one scale, the longest filling the space between; a legend beneath of
// the named segments in keys.
func drawBars(title, class string, rows []barRow, keys []Bar) template.HTML {
	var most int64 = 1
	labels := make([][]string, len(rows))
	labelW, valueW := 0.0, 0.0
	for i, r := range rows {
		var sum int64
		for _, s := range r.segs {
			sum += s.value
		}
		most = maxInt(most, sum)
		labels[i] = wrapLabel(r.label, maxLabelW)
		for _, l := range labels[i] {
			labelW = max2(labelW, textWidth(l))
		}
		valueW = max2(valueW, textWidth(r.end)+8)
	}
	barX := labelW + labelMargin
	barW := chartW - barX - valueW
	d := chartData{Title: clean(title), Class: class}
	desc := make([]string, len(rows))
	y := 4.0
	for i, r := range rows {
		h := float64(rowH)
		if n := len(labels[i]); n > 1 {
			h = float64(rowH + (n-1)*lineH)
		}
		top := y + (h-barH)/2 // the bar sits in the middle of its row
		for k, l := range labels[i] {
			ly := top + 14 - float64(len(labels[i])-1)*lineH/2 + float64(k*lineH)
			d.Texts = append(d.Texts, chartText{X: ftoa(labelW), Y: ftoa(ly), Anchor: "end", Text: l, Class: "label"})
		}
		x := barX
		for _, s := range r.segs {
			w := float64(s.value) * barW / float64(most)
			d.Rects = append(d.Rects, chartRect{X: ftoa(x), Y: ftoa(top), W: ftoa(w), H: itoa(barH), Fill: colours(s.class).Fill, Class: s.class, Tip: s.tip})
			x += w
		}
		d.Texts = append(d.Texts, chartText{X: ftoa(x + 6), Y: ftoa(top + 14), Anchor: "start", Text: r.end, Class: "value"})
		desc[i] = r.desc
		y += h
	}
	d.Desc = strings.Join(desc, "; ")
	d.W, d.H = chartW, int(math.Ceil(y))
	legend(&d, keys, barX)
	return execChart("chart", d)
}

func max2(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// wrapLabel breaks label into lines no wider than width (textWidth),
// between words, and inside a word only when the word alone is wider.
func wrapLabel(label string, width float64) []string {
	if textWidth(label) <= width {
		return []string{label}
	}
	var lines []string
	cur := ""
	for _, w := range strings.Fields(label) {
		for textWidth(w) > width { // a word wider than the column: split it
			cut := 1
			for r := []rune(w); cut < len(r) && textWidth(string(r[:cut+1])) <= width; cut++ {
			}
			if cur != "" {
				lines = append(lines, cur)
				cur = ""
			}
			r := []rune(w)
			lines = append(lines, string(r[:cut]))
			w = string(r[cut:])
		}
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && textWidth(next) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) == 0 {
		return []string{label}
	}
	return lines
}

// textWidth estimates how wide s is drawn at the chart's font size, in
// user units, from DejaVu Sans's advance widths: the widest of the fonts
// a paper meets (Chromium's default sans on Linux; Segoe UI, Arial and
// Helvetica are narrower), plus a twentieth for safety, so a label given
// this much room is never cut.
func textWidth(s string) float64 {
	em := 0.0
	for _, r := range s {
		em += advance(r)
	}
	return em * fontSize * 1.05
}

// advance is a character's width in ems (DejaVu Sans, rounded up).
func advance(r rune) float64 {
	switch {
	case strings.ContainsRune("iljI.,:;'|!", r):
		return 0.34
	case strings.ContainsRune("ftr ()[]-", r):
		return 0.42
	case strings.ContainsRune("mwMW", r):
		return 1.0
	case r >= 'A' && r <= 'Z', strings.ContainsRune("&%@", r):
		return 0.8
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return 0.64
	case r < 0x80:
		return 0.7
	}
	if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) {
		return 1.0
	}
	return 0.8
}

// legend adds one key per distinct named segment, in first-seen order,
// from x along, onto another line when one is full.
func legend(d *chartData, bars []Bar, x0 float64) {
	seen := map[string]bool{}
	x := x0
	y := float64(d.H + 6)
	for _, b := range bars {
		for _, s := range b.Segments {
			name := clean(s.Name)
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			w := 17 + textWidth(name) + legendGap
			if x > x0 && x+w > chartW {
				x, y = x0, y+20
			}
			d.Rects = append(d.Rects, chartRect{X: ftoa(x), Y: ftoa(y), W: "12", H: "12", Fill: colours(s.Class).Fill, Class: s.Class, Tip: name})
			d.Texts = append(d.Texts, chartText{X: ftoa(x + 17), Y: ftoa(y + 11), Anchor: "start", Text: name, Class: "legend"})
			x += w
		}
	}
	if len(seen) > 0 {
		d.H = int(y) + 12 + 6
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
		if textWidth(text)+8 <= w {
			d.Texts = append(d.Texts, chartText{X: ftoa(x + w/2), Y: "23", Fill: sw.Ink, Anchor: "middle", Text: text, Class: "inbar"})
		} else if textWidth(strconv.Itoa(c.Count))+4 <= w {
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
		lx += 17 + textWidth(text) + legendGap
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

func maxInt(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
