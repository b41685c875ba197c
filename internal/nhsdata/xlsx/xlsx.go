// Package xlsx reads the cell values of .xlsx workbooks (Office Open XML
// spreadsheets) and nothing else: no formatting, no formula evaluation, no
// writing. pcnvoice reads two sheets of one workbook, the ePCN download, and
// a full spreadsheet library would cost every command its start-up time and
// a binary full of HTTP, crypto and image code.
//
// Workbooks arrive by email, so every input is treated as hostile. The
// bytes inflated from the zip are capped in total and per small part, as
// are the zip entries, the shared strings and the XML nesting; DTDs are
// refused; cell references are checked before they index anything. Errors
// are one line (names from the file are quoted) and nothing panics.
package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
)

// The limits. A real ePCN.xlsx is about a megabyte and unzips to a few
// megabytes in a dozen parts; these leave an order of magnitude or more
// for other real workbooks and refuse zip bombs before they inflate.
const (
	// unzipLimit caps the bytes inflated from one workbook, all parts
	// together (a part read twice counts twice).
	unzipLimit = 64 << 20
	// smallPartLimit caps the parts that are only lists: relationships,
	// the workbook's sheet list, styles. Real ones are a few kilobytes.
	smallPartLimit = 4 << 20
	// maxEntries caps the zip entries; a workbook has tens.
	maxEntries = 10_000
	// maxSharedStrings caps the shared-string table. Excel's own limit is
	// about 32,000 characters a cell, but the table has no limit, and each
	// empty <si/> costs a string header.
	maxSharedStrings = 1 << 20
	// maxDepth caps XML nesting; sheet XML is seven deep, and extension
	// lists add a few.
	maxDepth = 64
)

// Excel's grid: a reference outside it is not one Excel wrote.
const (
	// MaxRows is the number of rows in an Excel sheet; no row number
	// Rows gives is larger.
	MaxRows = 1_048_576
	// MaxCols is the number of columns in an Excel sheet (A to XFD).
	MaxCols = 16_384
)

// Workbook is an opened .xlsx: its sheet list, read at Open, and the means
// to stream a sheet's rows. Shared strings and styles are read on the first
// call to Rows, so listing sheets stays cheap. A Workbook is not safe for
// concurrent use.
type Workbook struct {
	parts    map[string]*zip.File // by partKey
	sheets   []sheetRef
	date1904 bool
	limit    int64 // bytes that may be inflated in all
	left     int64 // of which not yet inflated

	sharedPart, stylesPart string
	loaded                 bool
	loadErr                error
	shared                 []string
	dateStyle              []bool // by cell format (xf) index
}

// sheetRef is a sheet's name and the zip part holding its XML ("" when the
// workbook names no part for it).
type sheetRef struct{ name, part string }

// centralHeader begins every entry of a zip's central directory.
var centralHeader = []byte("PK\x01\x02")

// Open reads a workbook's sheet list from the bytes of an .xlsx file.
func Open(data []byte) (*Workbook, error) { return open(data, unzipLimit) }

// open is Open with the unzip budget as a parameter, so tests can prove
// the budget holds without building 64 MiB bombs.
func open(data []byte, limit int64) (*Workbook, error) {
	// archive/zip allocates a File for every central-directory entry before
	// returning, and a 64 MiB file can declare over a million of them. Each
	// entry starts with the signature, so counting it bounds them first.
	if n := bytes.Count(data, centralHeader); n > maxEntries {
		return nil, fmt.Errorf("zip has more than %d entries, far more than a workbook", maxEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	w := &Workbook{parts: make(map[string]*zip.File, len(zr.File)), limit: limit, left: limit}
	for _, f := range zr.File {
		if k := partKey(f.Name); w.parts[k] == nil {
			w.parts[k] = f // the first of duplicate names, as Excel does
		}
	}
	if err := w.readWorkbook(); err != nil {
		return nil, err
	}
	return w, nil
}

// Sheets lists the sheet names in workbook order, hidden sheets included.
func (w *Workbook) Sheets() []string {
	names := make([]string, len(w.sheets))
	for i, s := range w.sheets {
		names[i] = s.name
	}
	return names
}

// Date1904 reports whether the workbook counts dates from 1904 (old Mac
// Excel) rather than 1900; serial day numbers mean different days in each.
func (w *Workbook) Date1904() bool { return w.date1904 }

// load reads the shared strings and styles once, before the first sheet.
func (w *Workbook) load() error {
	if !w.loaded {
		w.loaded = true
		if w.loadErr = w.readSharedStrings(); w.loadErr == nil {
			w.loadErr = w.readStyles()
		}
	}
	return w.loadErr
}
