package nhsdata

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/nhsdata/xlsx"
)

// MaxFileSize is the largest file the readers accept. Callers cap reads at
// this size too; the real files are a few megabytes at most, so anything
// larger is not one of them and would only cost memory.
const MaxFileSize = 64 << 20

func checkSize(name string, data []byte) error {
	if len(data) > MaxFileSize {
		return fmt.Errorf("%s: file is larger than %d MiB, too big to be an NHS data file", name, MaxFileSize>>20)
	}
	return nil
}

// rowError builds the one-line message every reader gives for a bad cell:
// which file (and sheet), which row, which column, what is wrong.
func rowError(where string, row int, col, format string, args ...any) error {
	return fmt.Errorf("%s: row %d, %s: %s", where, row, col, fmt.Sprintf(format, args...))
}

// practiceCode normalises and validates a GP practice code.
func practiceCode(where string, row int, col, raw string) (string, error) {
	code := domain.NormaliseCode(raw)
	if !domain.ValidPracticeCode(code) {
		return "", rowError(where, row, col, "%q is not a GP practice code (a letter and five digits, e.g. N81002)", raw)
	}
	return code, nil
}

// pcnCode normalises and validates a PCN code.
func pcnCode(where string, row int, col, raw string) (string, error) {
	code := domain.NormaliseCode(raw)
	if !domain.ValidPCNCode(code) {
		return "", rowError(where, row, col, "%q is not a PCN code (U and five digits, e.g. U51234)", raw)
	}
	return code, nil
}

// wholeNumber parses a patient count: a whole number in
// 0..domain.MaxListSize, so no figure a file gives can overflow a sum.
// Thousands separators are accepted because Excel adds them when a
// director formats the column and saves.
func wholeNumber(where string, row int, col, raw string) (int64, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return 0, rowError(where, row, col, "empty, expected a whole number")
	}
	if strings.Contains(s, ",") && thousands(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, rowError(where, row, col, "%q is far larger than any list size (at most %d)", raw, domain.MaxListSize)
	}
	if err != nil {
		return 0, rowError(where, row, col, "%q is not a whole number", raw)
	}
	if n < 0 {
		return 0, rowError(where, row, col, "%q is negative", raw)
	}
	if n > domain.MaxListSize {
		return 0, rowError(where, row, col, "%q is larger than any list size (at most %d)", raw, domain.MaxListSize)
	}
	return n, nil
}

// thousands reports whether s is digits grouped in threes by commas.
func thousands(s string) bool {
	groups := strings.Split(s, ",")
	for i, g := range groups {
		if g == "" || len(g) > 3 || (i > 0 && len(g) != 3) {
			return false
		}
		for _, r := range g {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}

// dateLayouts are the date spellings seen in NHS files and in the same
// files after a round trip through Excel (UK locale: day first).
var dateLayouts = []string{
	time.DateOnly, // 2026-04-01, current list-size files
	"20060102",    // ePCN and other ODS files
	"02Jan2006",   // 01JAN2021, list-size files before mid-2022
	"02-Jan-2006",
	"2/1/2006", // 01/04/2026 after Excel re-saves an ISO date
}

// parseDate turns any of dateLayouts into YYYY-MM-DD; "" stays "".
func parseDate(where string, row int, col, raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", nil
	}
	// A time of day sometimes trails the date ("2026-04-01 00:00:00").
	if i := strings.IndexByte(s, ' '); i >= 8 {
		s = s[:i]
	}
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	// Go's month names are case-sensitive: 01JAN2021 needs to be 01Jan2021.
	if len(s) >= 5 && isLetter(s[2]) {
		s = s[:2] + strings.ToUpper(s[2:3]) + strings.ToLower(s[3:])
	} else if len(s) >= 6 && s[2] == '-' && isLetter(s[3]) {
		s = s[:3] + strings.ToUpper(s[3:4]) + strings.ToLower(s[4:])
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), nil
		}
	}
	return "", rowError(where, row, col, "%q is not a date (expected YYYY-MM-DD, YYYYMMDD or 01JAN2021)", raw)
}

func isLetter(b byte) bool { return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') }

// maxExcelSerial is 9999-12-31, the last day Excel can show.
const maxExcelSerial = 2958465

// parseCellDate reads a workbook date cell: YYYYMMDD text or number as
// published, or an Excel date. The reader gives cells formatted as dates
// as YYYY-MM-DD already; a bare serial day number is a date column whose
// formatting was cleared.
func parseCellDate(where string, row int, col, raw string, date1904 bool) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", nil // most end dates: skip the failed number parse
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || len(s) == 8 && !strings.ContainsAny(s, ".eE") {
		return parseDate(where, row, col, raw)
	}
	if v == math.Trunc(v) && v >= 10000101 && v <= 99991231 {
		return parseDate(where, row, col, strconv.FormatInt(int64(v), 10))
	}
	if math.IsNaN(v) || v < 1 || v > maxExcelSerial {
		return "", rowError(where, row, col, "%q is not a date", raw)
	}
	t, ok := xlsx.DateFromSerial(v, date1904)
	if !ok {
		return "", rowError(where, row, col, "%q is not a date", raw)
	}
	return t.Format(time.DateOnly), nil
}
