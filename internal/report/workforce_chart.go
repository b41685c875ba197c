package report

import (
	"html/template"
	"math"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// wteBar is one role in a workforce chart.
type wteBar struct {
	Label                       string
	InPost, Planned, Recruiting domain.WTE
}

// The workforce chart's colours: in post in NHS blue, being recruited in
// a light blue, still to fill (neither in post nor being recruited) in
// pale grey, so a greyscale print still tells the three apart.
const (
	wteInPost     = "sev-high"
	wteRecruiting = "sev-low"
	wteToFill     = "rag-not-started"
)

// wteChart draws roles as a horizontal bar chart in inline SVG, laid out
// as BarChart lays its bars (labels wrapped, never cut; the value column
// as wide as its widest figure) but in WTE: each bar is in post, then
// being recruited, then what is still to fill of the plan, with
// "2.6 of 4.0" at its end. WTE are drawn from hundredths, so the bars are
// to scale exactly.
func wteChart(title string, bars []wteBar) template.HTML {
	var most domain.WTE = 1
	labels := make([][]string, len(bars))
	labelW, valueW := 0.0, 0.0
	for i, b := range bars {
		most = max(most, b.Planned, b.InPost+b.Recruiting)
		labels[i] = wrapLabel(clean(b.Label), maxLabelW)
		for _, l := range labels[i] {
			labelW = max(labelW, textWidth(l))
		}
		valueW = max(valueW, textWidth(b.InPost.Text()+" of "+b.Planned.Text())+8)
	}
	barX := labelW + labelMargin
	barW := chartW - barX - valueW
	d := chartData{Title: clean(title), Class: "chart chart-bars chart-wte"}
	var desc []string
	y := 4.0
	for i, b := range bars {
		label := clean(b.Label)
		h := float64(rowH)
		if n := len(labels[i]); n > 1 {
			h = float64(rowH + (n-1)*lineH)
		}
		top := y + (h-barH)/2
		for k, l := range labels[i] {
			ly := top + 14 - float64(len(labels[i])-1)*lineH/2 + float64(k*lineH)
			d.Texts = append(d.Texts, chartText{X: ftoa(labelW), Y: ftoa(ly), Anchor: "end", Text: l, Class: "label"})
		}
		x := barX
		toFill := max(b.Planned-b.InPost-b.Recruiting, 0)
		for _, s := range []struct {
			name  string
			w     domain.WTE
			class string
		}{{"in post", b.InPost, wteInPost}, {"being recruited", b.Recruiting, wteRecruiting}, {"still to fill", toFill, wteToFill}} {
			if s.w <= 0 {
				continue
			}
			w := float64(s.w) * barW / float64(most)
			d.Rects = append(d.Rects, chartRect{X: ftoa(x), Y: ftoa(top), W: ftoa(w), H: itoa(barH), Fill: colours(s.class).Fill,
				Class: s.class, Tip: label + ": " + s.w.Text() + " WTE " + s.name})
			x += w
		}
		end := b.InPost.Text() + " of " + b.Planned.Text()
		d.Texts = append(d.Texts, chartText{X: ftoa(x + 6), Y: ftoa(top + 14), Anchor: "start", Text: end, Class: "value"})
		desc = append(desc, label+": "+b.InPost.Text()+" WTE in post, "+b.Recruiting.Text()+" being recruited, "+
			toFill.Text()+" still to fill, of "+b.Planned.Text()+" planned")
		y += h
	}
	d.Desc = strings.Join(desc, "; ")
	d.W, d.H = chartW, int(math.Ceil(y))
	legend(&d, []Bar{{Segments: []Segment{
		{Name: "in post", Value: 1, Class: wteInPost},
		{Name: "being recruited", Value: 1, Class: wteRecruiting},
		{Name: "still to fill", Value: 1, Class: wteToFill},
	}}}, barX)
	return execChart("chart", d)
}
