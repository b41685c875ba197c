package nhsdata

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// utf8BOM is what Excel and many NHS exports put before the first header.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// cp1252High maps Windows-1252 bytes 0x80–0x9F, the only range where it
// differs from Latin-1; 0 marks the five undefined bytes.
var cp1252High = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// decodeText strips a UTF-8 byte-order mark and, when the bytes are not
// UTF-8, reads them as Windows-1252: that is what Excel on Windows writes
// when a director opens an NHS CSV and saves it again, and a curly
// apostrophe in a practice name must not turn into garbage.
func decodeText(data []byte) []byte {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data
	}
	out := make([]byte, 0, len(data)+len(data)/8)
	for _, b := range data {
		switch {
		case b < 0x80:
			out = append(out, b)
		case b < 0xA0 && cp1252High[b-0x80] != 0:
			out = utf8.AppendRune(out, cp1252High[b-0x80])
		default:
			out = utf8.AppendRune(out, rune(b))
		}
	}
	return out
}

// csvRows walks the records of a CSV file and numbers them the way a
// spreadsheet does, so an error's "row 17" is the row a director sees when
// opening the file in Excel: blank lines count, line breaks inside a quoted
// cell do not.
type csvRows struct {
	name  string
	r     *csv.Reader
	extra int // line breaks inside quoted cells of earlier records
}

func newCSVRows(name string, data []byte) *csvRows {
	r := csv.NewReader(bytes.NewReader(decodeText(data)))
	r.FieldsPerRecord = -1 // rows of different widths are normal in exports
	r.LazyQuotes = true    // a stray quote inside a name should not stop an import
	r.ReuseRecord = true
	return &csvRows{name: name, r: r}
}

// next returns the next record that is not blank, with its row number, or
// io.EOF. The record is reused by the following call.
func (c *csvRows) next() (int, []string, error) {
	for {
		rec, err := c.r.Read()
		if errors.Is(err, io.EOF) {
			return 0, nil, io.EOF
		}
		if err != nil {
			return 0, nil, fmt.Errorf("%s: %w", c.name, err)
		}
		start, _ := c.r.FieldPos(0)
		last := len(rec) - 1
		end, _ := c.r.FieldPos(last)
		end += strings.Count(rec[last], "\n")
		row := start - c.extra
		c.extra += end - start
		if !blank(rec) {
			return row, rec, nil
		}
	}
}

// blank reports whether every cell is empty or white space, as in the rows
// of bare commas Excel leaves at the end of a sheet.
func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// canonHeader folds a header cell to one spelling: upper case, underscores
// and runs of white space (line breaks included) as one space. Files and
// hand edits disagree on all three.
func canonHeader(s string) string {
	s = strings.ToUpper(strings.ReplaceAll(s, "_", " "))
	return strings.Join(strings.Fields(s), " ")
}

// displayHeader is a header cell as a person would name it in a message:
// line breaks and runs of spaces become one space, case is kept.
func displayHeader(s string) string { return strings.Join(strings.Fields(s), " ") }

// header maps canonical header names to column indexes.
type header map[string]int

func newHeader(rec []string) header {
	h := make(header, len(rec))
	for i, cell := range rec {
		k := canonHeader(cell)
		if _, dup := h[k]; !dup && k != "" {
			h[k] = i // the first of two same-named columns wins
		}
	}
	return h
}

// find returns the index of the first alias present, or -1. Aliases are
// written as the NHS spells them (PRACTICE_CODE) and folded here.
func (h header) find(aliases ...string) int {
	for _, a := range aliases {
		if i, ok := h[canonHeader(a)]; ok {
			return i
		}
	}
	return -1
}

// need is find for a required column: when none of the aliases is present
// it records the first (the current NHS spelling) in *missing, unless an
// earlier column is already missing, so one message names one column.
func (h header) need(missing *string, aliases ...string) int {
	i := h.find(aliases...)
	if i < 0 && *missing == "" {
		*missing = aliases[0]
	}
	return i
}

// cell returns the trimmed cell i of rec, or "" when the column is absent
// or the row is short.
func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}
