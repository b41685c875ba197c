package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// bombSheet is a zip whose one sheet inflates to size bytes of rows that
// compress about a thousandfold.
func bombSheet(tb testing.TB, size int) []byte {
	tb.Helper()
	book := oneSheet("")
	book.sheets[0].part = "xl/worksheets/placeholder.xml"
	var buf bytes.Buffer
	base := book.bytes(tb)
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			tb.Fatal(err)
		}
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate})
	if err != nil {
		tb.Fatal(err)
	}
	row := []byte(`<row><c t="inlineStr"><is><t>` + strings.Repeat("A", 4000) + `</t></is></c></row>`)
	w.Write([]byte(`<worksheet><sheetData>`))
	for n := 0; n < size; n += len(row) {
		w.Write(row)
	}
	w.Write([]byte(`</sheetData></worksheet>`))
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestZipBombs(t *testing.T) {
	start := time.Now()
	big := bombSheet(t, unzipLimit+1<<20)
	t.Logf("a %d MiB sheet zips to %d KiB (built in %v)", unzipLimit>>20+1, len(big)>>10, time.Since(start))
	small := bombSheet(t, 8<<20)
	tests := []struct {
		name  string
		data  []byte
		limit int64
	}{
		{"sheet past the workbook limit", big, unzipLimit},
		{"sheet past a lower limit, sizes honest", small, 1 << 20},
		{"sheet declaring less than it holds", lying(t, small), unzipLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			w, err := open(tt.data, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := w.Rows("S", 64)
			if err == nil {
				for rows.Next() {
				}
				err = rows.Err()
			}
			if err == nil {
				t.Fatal("bomb read without an error")
			}
			if msg := err.Error(); !strings.Contains(msg, "zip bomb") && !strings.Contains(msg, "zip: ") {
				t.Errorf("error %q does not say what is wrong", msg)
			} else {
				t.Log(msg)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v to refuse", d)
			}
		})
	}
}

// lying rewrites the zip's central directory to say the sheet inflates
// to 1 KiB: archive/zip must fail it when it inflates past that.
func lying(tb testing.TB, data []byte) []byte {
	tb.Helper()
	out := bytes.Clone(data)
	name := []byte("xl/worksheets/sheet1.xml")
	for i := 0; ; i += 4 {
		j := bytes.Index(out[i:], centralHeader)
		if j < 0 {
			tb.Fatal("no central directory entry for the sheet")
		}
		i += j
		if bytes.HasPrefix(out[i+46:], name) {
			copy(out[i+24:i+28], []byte{0, 4, 0, 0}) // uncompressed size, little-endian: 1024
			return out
		}
	}
}

// TestCountedPart checks the running count on its own: archive/zip's own
// size check fails a lying part first, so the count is the second wall.
func TestCountedPart(t *testing.T) {
	for _, tt := range []struct {
		name        string
		limit, left int64
		want        string
	}{
		{"part limit", 100, 1000, `"p" unzips to more than 100 bytes`},
		{"workbook limit", 1000, 100, "the workbook unzips to more than 2 KiB in all"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := &Workbook{limit: 2048, left: tt.left}
			rc := io.NopCloser(strings.NewReader(strings.Repeat("x", 4000)))
			c := &countedPart{rc: rc, r: rc, w: w, name: "p", limit: tt.limit} // no LimitReader: the count alone
			_, err := io.ReadAll(c)
			wantErr(t, err, tt.want)
		})
	}
}

// TestPartsTogether spends the budget over two parts, each within it.
func TestPartsTogether(t *testing.T) {
	book := oneSheet(strings.Repeat(`<row><c t="s"><v>0</v></c></row>`, 20_000)) // 640 KB
	book.shared = []string{"<t>" + strings.Repeat("x", 600_000) + "</t>"}
	w, err := open(book.bytes(t), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Rows("S", 64)
	wantErr(t, err, "the workbook unzips to more than 1 MiB in all")
}

func TestTooManyEntries(t *testing.T) {
	parts := make([]part, maxEntries+1)
	for i := range parts {
		parts[i] = part{fmt.Sprintf("x/%d", i), ""}
	}
	_, err := Open(zipOf(t, parts...))
	wantErr(t, err, "zip has more than 10000 entries")
}

func TestHostileSheets(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"nesting", `<row>` + strings.Repeat("<x>", maxDepth) + strings.Repeat("</x>", maxDepth) + `</row>`, "elements nested more than 64 deep"},
		{"stray end tags buy no depth", strings.Repeat("</x>", 100) + strings.Repeat("<x>", maxDepth+1), "elements nested more than 64 deep"},
		{"DTD", `<!DOCTYPE x [<!ENTITY e "e">]>`, "has a DTD or other directive"},
		{"undefined entity", `<row><c><v>&e;</v></c></row>`, "invalid character entity &e;"},
		{"row 0", `<row r="0"/>`, `row number "0" is not one Excel has`},
		{"row past Excel's last", `<row r="1048577"/>`, `row number "1048577" is not one Excel has`},
		{"row number not a number", `<row r="1e3"/>`, `row number "1e3" is not one Excel has`},
		{"rows out of order", `<row r="5"/><row r="3"/>`, "row 3 comes after row 5"},
		{"row repeated", `<row r="5"/><row r="5"/>`, "row 5 comes after row 5"},
		{"row numbering runs off the grid", `<row r="1048576"/><row/>`, "more than 1048576 rows"},
		{"attribute flood", `<row><c ` + strings.Repeat(`a="" `, maxTag/5) + `/></row>`, "a tag longer than 1 MiB"},
		{"quotes in a tag", `<row><c r="A1" x='"' y="'>"` + strings.Repeat(" ", maxTag) + `/></row>`, "a tag longer than 1 MiB"},
		{"quotes, comments and CDATA", `<row><c r="A1" x=">"><v>1</v></c></row><!-- it's > <a '-->` +
			`<row r="2"><c t="inlineStr"><is><t><![CDATA[ it's > <a ']]>` + strings.Repeat(" ", maxTag) + `</t></is></c>` +
			`<c r="B2" t="s"><v>2</v></c></row>`, `row 2: cell B2: shared string "2"`},
		{"long comment", `<!--` + strings.Repeat(" ", maxTag) + `--><row><c t="s"><v>9</v></c></row>`, `row 1: cell A1: shared string "9"`},
		{"long DOCTYPE", `<!DOCTYPE ` + strings.Repeat(" ", maxTag) + `>`, "a tag longer than 1 MiB"},
		{"row in a row", `<row><row/></row>`, "row 1: a row inside a row"},
		{"cell in a cell", `<row><c><c/></c></row>`, "row 1: a cell inside a cell"},
		{"too many cells", `<row>` + strings.Repeat(`<c/>`, MaxCols+1) + `</row>`, "row 1: more than 16384 cells"},
		{"shared string past the table", `<row><c r="B1" t="s"><v>1</v></c></row>`, `row 1: cell B1: shared string "1" is not in the table of 1`},
		{"negative shared string", `<row><c t="s"><v>-1</v></c></row>`, `cell A1: shared string "-1" is not in the table`},
		{"huge shared string", `<row><c t="s"><v>99999999999999999999</v></c></row>`, `shared string "99999999999999999999"`},
		{"cut short", `<worksheet><sheetData><row><c><v>1</v>`, "ends inside an element (truncated?)"},
	}
	for _, ref := range []string{"A0", "XFE1", "AAAA1", "A1048577", "A", "1", "A-1", "A+1", "Ａ1", "A1B", "A 1", "A\n1",
		"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ1", "A99999999999999999999999"} {
		tests = append(tests, struct{ name, data, want string }{"reference " + ref,
			`<row r="1"><c r="` + strings.ReplaceAll(ref, "\n", "&#10;") + `"><v>1</v></c></row>`, "row 1: cell reference"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book := oneSheet(tt.data)
			book.shared = []string{"<t>only</t>"}
			_, err := readAll(t, book.bytes(t), "S")
			wantErr(t, err, tt.want)
		})
	}
}

func TestTooManySharedStrings(t *testing.T) {
	book := oneSheet("")
	book.shared = make([]string, maxSharedStrings+1)
	_, err := readAll(t, book.bytes(t), "S")
	wantErr(t, err, "shared strings: more than 1048576")
}
