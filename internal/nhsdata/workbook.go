package nhsdata

//go:generate go run testdata/gen_epcn.go -root ../..

import (
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/nhsdata/xlsx"
)

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
// file. The xlsx reader is fuzzed and checks every index it takes from the
// file, but it parses an untrusted zip of XML: should a bug slip through,
// one bad download must still not crash the program importing it.
func recoverAsError(name string, read func() (*EPCN, error)) (result *EPCN, err error) {
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, fmt.Errorf("%s: cannot read this workbook, it looks damaged (%s)", name, oneLine(fmt.Sprint(r)))
		}
	}()
	return read()
}

func readWorkbook(name string, data []byte) (*EPCN, error) {
	wb, err := xlsx.Open(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable .xlsx workbook (%s)", name, oneLine(err.Error()))
	}
	date1904 := wb.Date1904()
	partners, details := findSheets(wb.Sheets())
	if partners == "" {
		return nil, fmt.Errorf("%s: no %q sheet (is this the ePCN workbook?)", name, sheetPartners)
	}
	out := &EPCN{}
	var pcns pcnSet
	if err := readPartnerSheet(wb, name, partners, date1904, out, &pcns); err != nil {
		return nil, err
	}
	if details != "" {
		if out.PCNs, err = readDetailsSheet(wb, name, details, date1904); err != nil {
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
