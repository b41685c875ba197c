package report

import (
	"html/template"

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
// as BarChart lays its bars (drawBars) but in WTE: each bar is in post,
// then being recruited, then what is still to fill of the plan, with
// "2.6 of 4.0" at its end. WTE are drawn from hundredths, so the bars are
// to scale exactly.
func wteChart(title string, bars []wteBar) template.HTML {
	rows := make([]barRow, len(bars))
	for i, b := range bars {
		label := clean(b.Label)
		toFill := max(b.Planned-b.InPost-b.Recruiting, 0)
		r := barRow{label: label, end: b.InPost.Text() + " of " + b.Planned.Text(),
			desc: label + ": " + b.InPost.Text() + " WTE in post, " + b.Recruiting.Text() + " being recruited, " +
				toFill.Text() + " still to fill, of " + b.Planned.Text() + " planned"}
		for _, s := range []struct {
			name  string
			w     domain.WTE
			class string
		}{{"in post", b.InPost, wteInPost}, {"being recruited", b.Recruiting, wteRecruiting}, {"still to fill", toFill, wteToFill}} {
			if s.w > 0 {
				r.segs = append(r.segs, barSeg{value: int64(s.w), class: s.class, tip: label + ": " + s.w.Text() + " WTE " + s.name})
			}
		}
		rows[i] = r
	}
	return drawBars(title, "chart chart-bars chart-wte", rows, []Bar{{Segments: []Segment{
		{Name: "in post", Value: 1, Class: wteInPost},
		{Name: "being recruited", Value: 1, Class: wteRecruiting},
		{Name: "still to fill", Value: 1, Class: wteToFill},
	}}})
}
