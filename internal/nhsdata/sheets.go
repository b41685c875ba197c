package nhsdata

import (
	"cmp"
	"fmt"
	"strings"
	"unicode"

	"github.com/pcnvoice/pcnvoice/internal/nhsdata/xlsx"
)

// The ePCN workbook's sheets, as published.
const (
	sheetDetails  = "PCNDetails"
	sheetPartners = "PCN Core Partner Details"
)

// sheetKey folds a sheet name so "PCN Core Partner Details", "PCN core
// partner details " and "PCNDetails"/"PCN Details" compare equal.
func sheetKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		if !unicode.IsSpace(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// findSheets picks the membership and details sheets from a workbook's
// sheet names, the first of each wherever it sits; "" when absent.
func findSheets(names []string) (partners, details string) {
	for _, s := range names {
		switch sheetKey(s) {
		case sheetKey(sheetPartners):
			partners = cmp.Or(partners, s)
		case sheetKey(sheetDetails):
			details = cmp.Or(details, s)
		}
	}
	return partners, details
}

// isEPCNWorkbook looks for the membership sheet by name. Opening reads only
// the workbook's sheet list, not its sheets, so Detect stays cheap; it
// goes through the same reader as ReadEPCNWorkbook, so what Detect accepts
// the reader can at least open.
func isEPCNWorkbook(data []byte) bool {
	wb, err := xlsx.Open(data)
	if err != nil {
		return false
	}
	partners, _ := findSheets(wb.Sheets())
	return partners != ""
}

// numberedRow is a non-blank sheet row with its row number.
type numberedRow struct {
	n     int
	cells []string
}

// sheetRows reads a sheet's non-blank rows, at most maxRowCells cells each.
func sheetRows(wb *xlsx.Workbook, where, sheet string) ([]numberedRow, error) {
	rows, err := wb.Rows(sheet, maxRowCells)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read sheet (%s)", where, oneLine(err.Error()))
	}
	defer rows.Close()
	var out []numberedRow
	for rows.Next() {
		n, cells := rows.Row()
		if n > maxSheetRows {
			return nil, fmt.Errorf("%s: more than %d rows, too many for ePCN data", where, maxSheetRows)
		}
		if !blank(cells) {
			out = append(out, numberedRow{n: n, cells: cells})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: cannot read sheet (%s)", where, oneLine(err.Error()))
	}
	return out, nil
}

// headerSearchRows is how far down a sheet the header row may sit, for
// copies with a title row or two added above it.
const headerSearchRows = 10

// splitHeader finds the header row — the first with a "PCN Code" cell —
// and returns it with the rows below.
func splitHeader(where string, rows []numberedRow) ([]string, []numberedRow, error) {
	for i, r := range rows[:min(len(rows), headerSearchRows)] {
		for _, c := range r.cells {
			if canonHeader(c) == "PCN CODE" {
				return r.cells, rows[i+1:], nil
			}
		}
	}
	return nil, nil, fmt.Errorf("%s: no header row with a \"PCN Code\" column (is this the ePCN workbook?)", where)
}
