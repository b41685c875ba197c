package nhsdata

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// ListSize is one practice's registered list size on the extract date.
type ListSize struct {
	PracticeCode string
	Patients     int64
	ExtractDate  string // YYYY-MM-DD, "" when the file has no EXTRACT_DATE column
}

// listSizeCols lists each field's header names. CODE was ORG_CODE in some
// age-band files; the sub-ICB columns (CCG_CODE before mid-2022) are not
// needed, which is why both generations read the same way.
var listSizeCols = struct {
	code, patients, date, typ, sex, age []string
}{
	code:     []string{"CODE", "ORG_CODE", "PRACTICE_CODE"},
	patients: []string{"NUMBER_OF_PATIENTS"},
	date:     []string{"EXTRACT_DATE"},
	typ:      []string{"TYPE", "ORG_TYPE"},
	sex:      []string{"SEX"},
	age:      []string{"AGE", "AGE_GROUP_5"},
}

const listSizeHint = "is this a list-size file, gp-reg-pat-prac-all.csv?"

// ReadListSizes reads practice list sizes from gp-reg-pat-prac-all.csv,
// current or pre-2022. It keeps only rows of TYPE GP with SEX and AGE both
// ALL, the practice totals; the per-sex and per-age rows some versions add
// would otherwise count patients twice. A file without a TYPE, SEX or AGE
// column is taken to hold only those rows. Tiny lists (1, 25) are real
// special sites and kept; a negative count is an error.
func ReadListSizes(name string, data []byte) ([]ListSize, error) {
	if err := checkSize(name, data); err != nil {
		return nil, err
	}
	rows := newCSVRows(name, data)
	_, first, err := rows.next()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: file is empty (%s)", name, listSizeHint)
	}
	if err != nil {
		return nil, err
	}
	h := newHeader(first)
	var missing string
	cCode := h.need(&missing, listSizeCols.code...)
	cPatients := h.need(&missing, listSizeCols.patients...)
	if missing != "" {
		return nil, fmt.Errorf("%s: no %s column (%s)", name, missing, listSizeHint)
	}
	cDate := h.find(listSizeCols.date...)
	cType := h.find(listSizeCols.typ...)
	cSex := h.find(listSizeCols.sex...)
	cAge := h.find(listSizeCols.age...)

	var out []ListSize
	seen := make(map[string]int)
	for {
		row, rec, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if !allOrAbsent(rec, cType, "GP") || !allOrAbsent(rec, cSex, "ALL") || !allOrAbsent(rec, cAge, "ALL") {
			continue
		}
		code, err := practiceCode(name, row, "CODE", cell(rec, cCode))
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[code]; dup {
			return nil, rowError(name, row, "CODE", "%s already has a list size on row %d", code, prev)
		}
		seen[code] = row
		n, err := wholeNumber(name, row, "NUMBER_OF_PATIENTS", cell(rec, cPatients))
		if err != nil {
			return nil, err
		}
		date, err := parseDate(name, row, "EXTRACT_DATE", cell(rec, cDate))
		if err != nil {
			return nil, err
		}
		out = append(out, ListSize{PracticeCode: code, Patients: n, ExtractDate: date})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no practice totals (rows with TYPE GP, SEX ALL and AGE ALL)", name)
	}
	return out, nil
}

// allOrAbsent reports whether column i of rec holds want (any case), or the
// file has no such column.
func allOrAbsent(rec []string, i int, want string) bool {
	return i < 0 || strings.EqualFold(cell(rec, i), want)
}
