package xlsx

import (
	"encoding/xml"
	"fmt"
	"io"
)

// Rows streams a worksheet's rows from its XML, a token at a time, so a
// large sheet is never held whole. Use it like bufio.Scanner: Next, Row,
// and Err at the end.
type Rows struct {
	w     *Workbook
	rc    io.ReadCloser
	d     *decoder
	cols  int
	err   error
	done  bool     // at the end, or failed: Next reads no further
	shut  bool     // rc closed
	n     int      // current row number
	cells []string // current row's values
	in    struct{ sheetData, row, cell, v, is bool }
	c     cell
}

// cell is the cell being read: where it goes, its type and format, and its
// stored text.
type cell struct {
	col      int
	typ      string
	style    int
	v        []byte
	inline   richText
	isInline bool
}

// Rows opens the named sheet for reading. Cells past the first cols
// columns are dropped unread, so a hostile row reaching column XFD costs no
// memory.
func (w *Workbook) Rows(sheet string, cols int) (*Rows, error) {
	var ref *sheetRef
	for i := range w.sheets {
		if w.sheets[i].name == sheet {
			ref = &w.sheets[i]
			break
		}
	}
	if ref == nil {
		return nil, fmt.Errorf("no sheet %q", sheet)
	}
	if ref.part == "" {
		return nil, fmt.Errorf("sheet %q: the workbook names no part for it", sheet)
	}
	if err := w.load(); err != nil {
		return nil, err
	}
	rc, err := w.openPart(ref.part, w.limit)
	if err != nil {
		return nil, err
	}
	return &Rows{w: w, rc: rc, d: newDecoder(rc, ref.part, true), cols: cols}, nil
}

// Row returns the current row's number (from 1, as Excel shows it) and its
// values up to the last cell present, "" for cells the sheet skips. The
// slice is the caller's to keep.
func (r *Rows) Row() (int, []string) { return r.n, r.cells }

// Err returns the error that ended Next early, if any.
func (r *Rows) Err() error { return r.err }

// Close releases the sheet's part; Next does so when it reaches the end.
func (r *Rows) Close() error {
	r.done = true
	if r.shut {
		return nil
	}
	r.shut = true
	return r.rc.Close()
}

// fail ends reading with err, the row it was in named.
func (r *Rows) fail(err error) bool {
	if r.in.row {
		err = fmt.Errorf("row %d: %w", r.n, err)
	}
	r.err = err
	r.Close()
	return false
}

// Next reads the next row, skipping rows the sheet leaves out; it returns
// false at the end of the sheet's data or on an error.
func (r *Rows) Next() bool {
	for !r.done {
		tok, err := r.d.next()
		if err == io.EOF {
			r.Close()
			return false
		}
		if err != nil {
			return r.fail(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := r.start(t); err != nil {
				return r.fail(err)
			}
		case xml.EndElement:
			row, err := r.end(t.Name.Local)
			if err != nil {
				return r.fail(err)
			}
			if row {
				return true
			}
		case xml.CharData:
			switch {
			case r.in.v:
				r.c.v = append(r.c.v, t...)
			case r.in.is:
				r.c.inline.text(t)
			}
		}
	}
	return false
}
