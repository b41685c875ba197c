// Package nhsdata reads the NHS open-data files a PCN clinical director can
// download and import: the practice–PCN map, practice list sizes and the ODS
// ePCN membership data (workbook or CSV export). The readers are pure: bytes
// in, rows out, with one-line errors naming the file, row and column, so the
// import command can show them as they are.
package nhsdata

import (
	"bytes"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Kind is a kind of NHS file pcnvoice can import.
type Kind int

// The kinds of file Detect recognises.
const (
	Unknown      Kind = iota
	PracticeMap       // gp-reg-pat-prac-map.csv
	ListSizes         // gp-reg-pat-prac-all.csv
	EPCNWorkbook      // ePCN.xlsx
	EPCNCSV           // ePCN core partner details, headerless CSV export
)

// String names the kind with the file name people download, for messages
// such as "unrecognised file: pcnvoice understands …".
func (k Kind) String() string {
	switch k {
	case PracticeMap:
		return "practice–PCN map (gp-reg-pat-prac-map.csv)"
	case ListSizes:
		return "practice list sizes (gp-reg-pat-prac-all.csv)"
	case EPCNWorkbook:
		return "ePCN workbook (ePCN.xlsx)"
	case EPCNCSV:
		return "ePCN core partner details (headerless 11-column CSV)"
	}
	return "unknown file"
}

// Kinds lists what pcnvoice understands, for the "unrecognised file" message.
func Kinds() []Kind { return []Kind{PracticeMap, ListSizes, EPCNWorkbook, EPCNCSV} }

// zipMagic opens every .xlsx (a zip archive).
var zipMagic = []byte("PK\x03\x04")

// Detect tells which kind of file data is from its content alone — header
// row, column count, or for a workbook its sheet names — because people
// rename downloads ("ePCN (3).xlsx", "list sizes April.csv"). data is the
// whole file. Anything else, a submission's JSON included, is Unknown.
func Detect(data []byte) Kind {
	if bytes.HasPrefix(data, zipMagic) {
		if isEPCNWorkbook(data) {
			return EPCNWorkbook
		}
		return Unknown
	}
	text := decodeText(data)
	if t := bytes.TrimSpace(text); len(t) == 0 || t[0] == '{' || t[0] == '[' {
		return Unknown // JSON belongs to the submission reader
	}
	rows := newCSVRows("", text)
	_, first, err := rows.next()
	if err != nil {
		return Unknown
	}
	h := newHeader(first)
	switch {
	case h.find(listSizeCols.patients...) >= 0 && h.find(listSizeCols.code...) >= 0:
		return ListSizes
	case h.find(mapCols.practiceCode...) >= 0 && h.find(mapCols.pcnCode...) >= 0:
		return PracticeMap
	}
	if epcnCSVHeader(first) {
		if _, first, err = rows.next(); err != nil {
			return Unknown
		}
	}
	if epcnCSVRecord(first) {
		return EPCNCSV
	}
	return Unknown
}

// The ePCN CSV export has 11 columns; the reader needs the first ten, as
// the eleventh, the sub-ICB match flag, is not used and may be missing.
const (
	epcnCSVMinCols = 10
	epcnCSVMaxCols = 11
)

// epcnCSVRecord reports whether rec looks like a data row of the headerless
// ePCN export: ten or eleven columns, a practice code first and a PCN code
// fifth.
func epcnCSVRecord(rec []string) bool {
	if len(rec) < epcnCSVMinCols || len(rec) > epcnCSVMaxCols {
		return false
	}
	return domain.ValidPracticeCode(domain.NormaliseCode(rec[0])) &&
		domain.ValidPCNCode(domain.NormaliseCode(rec[4]))
}

// epcnCSVHeader reports whether rec is a header row someone added to the
// headerless export (Excel users often do): the right width and "partner"
// in the first cell, where a practice code should be.
func epcnCSVHeader(rec []string) bool {
	return len(rec) >= epcnCSVMinCols && len(rec) <= epcnCSVMaxCols &&
		strings.Contains(canonHeader(rec[0]), "PARTNER")
}
