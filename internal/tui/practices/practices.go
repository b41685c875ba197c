// Package practices is section 2: the member practices with their list
// sizes and each one's share of the PCN's population; add, edit and delete
// (with undo), checked as typed, and `i` to import an NHS file. The list
// itself is listscreen's; this package says what a practice is.
package practices

import (
	"context"
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/listscreen"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// Model is the practices screen.
type Model = listscreen.Screen[row, string]

// row is one practice as loaded (p, for saving) and as drawn (sanitised).
type row struct {
	p          domain.Practice
	code, name string
	size       string
	share      string
	hay        string // lower-case text the filter searches
}

// New returns the practices screen; Focus loads it.
func New(com common.Common) Model {
	return listscreen.New(com, listscreen.Spec[row, string]{
		Title: "Practices", One: "practice", Many: "practices",
		FilterHint: "code or name",
		Empty: "No member practices yet: press i to import NHS England's practice map (gp-reg-pat-prac-map.csv) " +
			"or ePCN file, then list sizes (gp-reg-pat-prac-all.csv); or press a to add one by hand.",
		Load:    load(com),
		Key:     func(r row) string { return r.p.ODSCode },
		Hay:     func(r row) string { return r.hay },
		Same:    func(a, b row) bool { return a.p == b.p },
		Record:  func(r row) any { return r.p },
		Label:   func(r row) string { return r.code + " " + common.Truncate(r.name, 30) },
		Summary: population,
		Columns: columns,
		Row:     drawRow(com),
		Form:    func(r row, adding bool, rows []row) form.Model { return openForm(com, r, adding, rows) },
		Writes:  writes(com.DB),
		Actions: []listscreen.Action[row, string]{{Key: com.Keys.Import, Show: com.Keys.Import, Do: openImport}},
	})
}

func load(com common.Common) func(context.Context) ([]row, int64, error) {
	return func(ctx context.Context) ([]row, int64, error) {
		ps, v, err := com.DB.PracticesAt(ctx)
		pop := domain.Population(ps)
		rows := make([]row, len(ps))
		for i, p := range ps {
			r := row{p: p, code: termtext.Line(p.ODSCode), name: termtext.Line(p.Name), size: wording.Thousands(p.ListSize), share: "–"}
			if pop > 0 {
				r.share = fmt.Sprintf("%.1f%%", float64(p.ListSize)*100/float64(pop))
			}
			r.hay = strings.ToLower(r.code + " " + r.name)
			rows[i] = r
		}
		return rows, v, err
	}
}

// population is the heading's "population 41,230".
func population(rows []row) string {
	var pop int64
	for _, r := range rows {
		pop += r.p.ListSize
	}
	return "population " + wording.Thousands(pop)
}

// Column widths; the name takes what is left.
const (
	codeW  = 8
	sizeW  = 10
	shareW = 7
)

func nameWidth(w int) int { return max(w-codeW-sizeW-shareW-3, 8) }

func columns(w int) string {
	return common.Fit("Code", codeW) + " " + common.Fit("Name", nameWidth(w)) + " " +
		common.FitRight("List size", sizeW) + " " + common.FitRight("Share", shareW)
}

func drawRow(com common.Common) func(row, int, bool) string {
	return func(r row, w int, selected bool) string {
		line := common.Fit(r.code, codeW) + " " + common.Fit(r.name, nameWidth(w)) + " " +
			common.FitRight(r.size, sizeW) + " " + common.FitRight(r.share, shareW)
		if selected {
			return com.Styles.Selected.Render(line)
		}
		return line
	}
}
