package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// part is one zip entry of a hand-built workbook.
type part struct{ name, body string }

// zipOf writes parts into a zip in the order given.
func zipOf(tb testing.TB, parts ...part) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	nsRel  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relDoc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// fakeSheet is a sheet of a hand-built workbook: its name, the target its
// relationship gives (relative to xl/ unless it starts with "/"), the part
// it is stored as, and the inside of its <sheetData>.
type fakeSheet struct{ name, target, part, data string }

// fakeBook builds workbooks by hand, to shape what excelize never writes:
// inline and rich strings, odd targets, hostile references.
type fakeBook struct {
	workbookPr string // e.g. `<workbookPr date1904="1"/>`
	sheets     []fakeSheet
	shared     []string // the inside of each <si>
	styles     string   // the inside of <styleSheet>
	reversed   bool     // store the zip entries in reverse order
}

// sheetXML wraps sheet data in a worksheet part, unless it is a whole
// worksheet already.
func sheetXML(data string) string {
	if strings.HasPrefix(data, "<worksheet") {
		return data
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet ` + nsMain + ` ` + nsRel + `><dimension ref="A1"/><sheetData>` + data +
		`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
}

func (b fakeBook) bytes(tb testing.TB) []byte {
	tb.Helper()
	var wb, rels strings.Builder
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><workbook ` + nsMain + ` ` + nsRel + `>` + b.workbookPr + `<sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	parts := []part{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + relDoc + `officeDocument" Target="xl/workbook.xml"/></Relationships>`},
	}
	for i, s := range b.sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.name, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%sworksheet" Target="%s"/>`, i+1, relDoc, s.target)
		parts = append(parts, part{s.part, sheetXML(s.data)})
	}
	wb.WriteString(`</sheets><calcPr calcId="191029"/></workbook>`)
	if b.shared != nil {
		rels.WriteString(`<Relationship Id="rIdS" Type="` + relDoc + `sharedStrings" Target="sharedStrings.xml"/>`)
		var sst strings.Builder
		sst.WriteString(`<sst ` + nsMain + `>`)
		for _, si := range b.shared {
			sst.WriteString("<si>" + si + "</si>")
		}
		parts = append(parts, part{"xl/sharedStrings.xml", sst.String() + "</sst>"})
	}
	if b.styles != "" {
		rels.WriteString(`<Relationship Id="rIdT" Type="` + relDoc + `styles" Target="styles.xml"/>`)
		parts = append(parts, part{"xl/styles.xml", `<styleSheet ` + nsMain + `>` + b.styles + `</styleSheet>`})
	}
	rels.WriteString(`</Relationships>`)
	parts = append(parts, part{"xl/workbook.xml", wb.String()}, part{"xl/_rels/workbook.xml.rels", rels.String()})
	if b.reversed {
		for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
			parts[i], parts[j] = parts[j], parts[i]
		}
	}
	return zipOf(tb, parts...)
}

// oneSheet is a workbook of one sheet, "S", with the given data.
func oneSheet(data string) fakeBook {
	return fakeBook{sheets: []fakeSheet{{"S", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml", data}}}
}

// readAll reads every row of a sheet as "row number: cells".
func readAll(tb testing.TB, data []byte, sheet string) ([]string, error) {
	tb.Helper()
	w, err := Open(data)
	if err != nil {
		return nil, err
	}
	rows, err := w.Rows(sheet, 64)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		n, cells := rows.Row()
		out = append(out, fmt.Sprintf("%d: %q", n, cells))
	}
	return out, rows.Err()
}

func wantRows(tb testing.TB, got []string, err error, want ...string) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		tb.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
