package nhsdata

//go:generate go run testdata/gen_epcn.go -root ../..

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// unzipLimit caps what excelize may inflate. A real ePCN.xlsx inflates to a
// few megabytes; the cap stops a zip bomb, and equal part and total limits
// keep excelize from spilling large sheets into temporary files.
const unzipLimit = 64 << 20

// maxSheetRows and maxRowCells bound the work a hostile sheet can ask for;
// the real sheets have about 10,000 rows of 11–14 cells.
const (
	maxSheetRows = 200_000
	maxRowCells  = 64
)

// ReadEPCNWorkbook reads ePCN.xlsx as ODS publishes it. The sheets "PCN
// Core Partner Details" (required) and "PCNDetails" are found by name,
// ignoring case and spaces, wherever they sit. Columns are found by the
// words in their header cells, whatever the line breaks, spacing or case,
// and older files' "CCG" reads as "Sub ICB Loc". Dates may be YYYYMMDD text
// or numbers, or Excel date cells. Without a PCNDetails sheet (or with an
// empty one) the PCNs are those the memberships name.
func ReadEPCNWorkbook(name string, data []byte) (*EPCN, error) {
	if err := checkSize(name, data); err != nil {
		return nil, err
	}
	return recoverAsError(name, func() (*EPCN, error) { return readWorkbook(name, data) })
}

// recoverAsError runs read and turns a panic into an error naming the
// file. excelize parses an untrusted zip of XML and has panicked on damaged
// files before; one bad download must not crash the program importing it.
func recoverAsError(name string, read func() (*EPCN, error)) (result *EPCN, err error) {
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, fmt.Errorf("%s: cannot read this workbook, it looks damaged (%s)", name, oneLine(fmt.Sprint(r)))
		}
	}()
	return read()
}

func readWorkbook(name string, data []byte) (*EPCN, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true, // dates as stored (YYYYMMDD or serial), not as formatted
		UnzipSizeLimit:    unzipLimit,
		UnzipXMLSizeLimit: unzipLimit,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable .xlsx workbook (%s)", name, oneLine(err.Error()))
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	var partners, details string
	for _, s := range f.GetSheetList() {
		switch sheetKey(s) {
		case sheetKey(sheetPartners):
			partners = cmp.Or(partners, s)
		case sheetKey(sheetDetails):
			details = cmp.Or(details, s)
		}
	}
	if partners == "" {
		return nil, fmt.Errorf("%s: no %q sheet (is this the ePCN workbook?)", name, sheetPartners)
	}
	out := &EPCN{}
	var pcns pcnSet
	if err := readPartnerSheet(f, name, partners, date1904, out, &pcns); err != nil {
		return nil, err
	}
	if details != "" {
		if out.PCNs, err = readDetailsSheet(f, name, details, date1904); err != nil {
			return nil, err
		}
	}
	if len(out.PCNs) == 0 {
		out.PCNs = pcns.list
	}
	return out, nil
}

// oneLine keeps a message from a library on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// numberedRow is a non-blank sheet row with its row number.
type numberedRow struct {
	n     int
	cells []string
}

// sheetRows reads a sheet's non-blank rows, at most maxRowCells cells each.
func sheetRows(f *excelize.File, where, sheet string) ([]numberedRow, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read sheet (%s)", where, oneLine(err.Error()))
	}
	defer rows.Close()
	var out []numberedRow
	for n := 1; rows.Next(); n++ {
		if n > maxSheetRows {
			return nil, fmt.Errorf("%s: more than %d rows, too many for ePCN data", where, maxSheetRows)
		}
		cells, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("%s: row %d: cannot read (%s)", where, n, oneLine(err.Error()))
		}
		if blank(cells) {
			continue
		}
		out = append(out, numberedRow{n: n, cells: append([]string(nil), cells[:min(len(cells), maxRowCells)]...)})
	}
	if err := rows.Error(); err != nil {
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
