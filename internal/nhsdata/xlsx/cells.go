package xlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// start handles an element opening inside a sheet.
func (r *Rows) start(se xml.StartElement) error {
	switch name := se.Name.Local; {
	case name == "sheetData":
		r.in.sheetData = true
	case name == "row" && r.in.sheetData:
		if r.in.row {
			return errors.New("a row inside a row")
		}
		n := r.n + 1
		if s := attr(se, "r"); s != "" {
			v, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || v < 1 || v > MaxRows {
				return fmt.Errorf("row number %.20q is not one Excel has", s)
			}
			n = v
		}
		// Rows in order keep "row 17" meaning the row a person sees, and
		// bound how many rows a sheet can hold.
		switch {
		case n > MaxRows:
			return fmt.Errorf("more than %d rows, past the last Excel has", MaxRows)
		case n <= r.n:
			return fmt.Errorf("row %d comes after row %d", n, r.n)
		}
		// The last row's width is a good guess at this one's.
		r.n, r.cells, r.in.row = n, make([]string, 0, len(r.cells)), true
		r.c.col = -1
	case name == "c" && r.in.row:
		if r.in.cell {
			return errors.New("a cell inside a cell")
		}
		col := r.c.col + 1 // a cell without a reference follows the last
		if ref := attr(se, "r"); ref != "" {
			var ok bool
			if col, ok = column(ref); !ok {
				return fmt.Errorf("cell reference %.20q is not one Excel has", ref)
			}
		}
		if col >= MaxCols {
			return fmt.Errorf("more than %d cells", MaxCols)
		}
		style, _ := index(attr(se, "s"))
		r.c = cell{col: col, typ: attr(se, "t"), style: style, v: r.c.v[:0], inline: r.c.inline}
		r.c.inline.reset()
		r.in.cell = true
	case name == "v" && r.in.cell:
		r.in.v = true
	case name == "is" && r.in.cell:
		r.in.is, r.c.isInline = true, true
	case r.in.is:
		r.c.inline.start(name)
	}
	return nil
}

// end handles an element closing inside a sheet, and reports whether it
// closed a row.
func (r *Rows) end(name string) (bool, error) {
	switch {
	case name == "sheetData" && r.in.sheetData:
		r.Close() // the rest of the part is formatting, not values
	case name == "row" && r.in.row:
		r.in.row = false
		return true, nil
	case name == "c" && r.in.cell:
		r.in.cell = false
		v, err := r.value()
		if err != nil {
			return false, fmt.Errorf("cell %s%d: %w", columnName(r.c.col), r.n, err)
		}
		if r.c.col < r.cols && v != "" {
			for len(r.cells) <= r.c.col {
				r.cells = append(r.cells, "")
			}
			r.cells[r.c.col] = v
		}
	case name == "v":
		r.in.v = false
	case name == "is":
		r.in.is = false
	case r.in.is:
		r.c.inline.end(name)
	}
	return false, nil
}

// value gives the current cell's value: text as written, numbers as stored
// (dates in date-formatted cells as ISO 8601), booleans as 1 or 0, errors
// as #N/A and the like, formulas as their last calculated value.
func (r *Rows) value() (string, error) {
	c := &r.c
	switch c.typ {
	case "s":
		b := bytes.TrimSpace(c.v)
		if len(b) == 0 {
			return "", nil
		}
		i, ok := index(b)
		if !ok || i >= len(r.w.shared) {
			return "", fmt.Errorf("shared string %.20q is not in the table of %d", b, len(r.w.shared))
		}
		return r.w.shared[i], nil
	case "inlineStr":
		if c.isInline {
			return c.inline.take(), nil
		}
	case "", "n":
		if c.style < len(r.w.dateStyle) && r.w.dateStyle[c.style] {
			return dateValue(strings.TrimSpace(string(c.v)), r.w.date1904), nil
		}
	}
	return string(c.v), nil
}

// index reads a non-negative decimal index, such as a style or shared
// string number, without the allocation strconv makes for a bad one (most
// cells have no style, and every one would pay).
func index[T string | []byte](s T) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// column reads the column of a cell reference such as "AB12" (from 0), and
// checks the whole reference is on Excel's grid.
func column(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && i < 3; i++ {
		c := ref[i] | 0x20 // ASCII lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	row, err := strconv.Atoi(ref[i:])
	if i == 0 || col > MaxCols || err != nil || row < 1 || row > MaxRows || ref[i] == '+' || ref[i] == '-' {
		return 0, false
	}
	return col - 1, true
}

// columnName writes a column index (from 0) as letters, for messages.
func columnName(col int) string {
	var b []byte
	for col++; col > 0; col = (col - 1) / 26 {
		b = append([]byte{byte('A' + (col-1)%26)}, b...)
	}
	return string(b)
}
