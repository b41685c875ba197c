package xlsx

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSheetOrderAndTargets(t *testing.T) {
	row := func(v string) string { return `<row r="1"><c r="A1" t="inlineStr"><is><t>` + v + `</t></is></c></row>` }
	book := fakeBook{
		reversed: true, // zip order is not sheet order
		sheets: []fakeSheet{
			{"Relative", "worksheets/sheet3.xml", "xl/worksheets/sheet3.xml", row("relative")},
			{"Absolute", "/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml", row("absolute")},
			{"Climbs", "../xl/sheets/../worksheets/other.xml", "xl/worksheets/other.xml", row("climbs")},
			{"Backslash, case", `Worksheets\Sheet2.XML`, "xl/worksheets/sheet2.xml", row("backslash")},
			{"Out of the root", "../../../../xl/worksheets/deep.xml", "xl/worksheets/deep.xml", row("root")},
		},
	}
	data := book.bytes(t)
	w, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Relative", "Absolute", "Climbs", "Backslash, case", "Out of the root"}
	if got := w.Sheets(); !reflect.DeepEqual(got, want) {
		t.Errorf("Sheets() = %q, want %q", got, want)
	}
	for i, v := range []string{"relative", "absolute", "climbs", "backslash", "root"} {
		got, err := readAll(t, data, want[i])
		wantRows(t, got, err, `1: ["`+v+`"]`)
	}
	if w.Date1904() {
		t.Error("Date1904() = true for a 1900 workbook")
	}
	book.workbookPr = `<workbookPr date1904="true"/>`
	if w, err := Open(book.bytes(t)); err != nil || !w.Date1904() {
		t.Errorf("Date1904() false for date1904=\"true\" (err %v)", err)
	}
}

// TestWorkbookElsewhere reads a workbook whose parts are not where Excel
// puts them, with strict OOXML relationship types, another prefix for the
// relationships namespace and byte-order marks (.NET writers add them):
// the package relationships lead the way.
func TestWorkbookElsewhere(t *testing.T) {
	strict := "http://purl.oclc.org/ooxml/officeDocument/relationships/"
	data := zipOf(t,
		part{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="a" Type="` + strict + `extended-properties" Target="docProps/app.xml"/>` +
			`<Relationship Id="b" Type="` + strict + `officeDocument" Target="/book/main.xml"/></Relationships>`},
		part{"book/main.xml", "\uFEFF" + `<?xml version="1.0" encoding="utf-8"?><workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:rel="` + strings.TrimSuffix(strict, "/") + `">` +
			`<workbookPr date1904="1"/><sheets><sheet name="Only" sheetId="7" rel:id="s"/><sheet name="Lost" sheetId="8" rel:id="gone"/></sheets></workbook>`},
		part{"book/_rels/main.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="s" Type="` + strict + `worksheet" Target="data/one.xml"/>` +
			`<Relationship Id="x" Type="` + strict + `hyperlink" Target="https://example.org/" TargetMode="External"/>` +
			`<Relationship Id="t" Type="` + strict + `sharedStrings" Target="text.xml"/></Relationships>`},
		part{"book/text.xml", `<sst><si><t>shared</t></si></sst>`},
		part{"book/data/one.xml", "\uFEFF" + `<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>`},
	)
	w, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if !w.Date1904() || !reflect.DeepEqual(w.Sheets(), []string{"Only", "Lost"}) {
		t.Errorf("Date1904 %v, Sheets %q", w.Date1904(), w.Sheets())
	}
	got, err := readAll(t, data, "Only")
	wantRows(t, got, err, `1: ["shared"]`)
	_, err = w.Rows("Lost", 64)
	wantErr(t, err, `sheet "Lost": the workbook names no part for it`)
	_, err = w.Rows("Missing", 64)
	wantErr(t, err, `no sheet "Missing"`)
}

func TestOpenErrors(t *testing.T) {
	missingPart := oneSheet("")
	missingPart.sheets[0].part = "xl/worksheets/elsewhere.xml"
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("PCN Code,PCN Name\n"), "zip: not a valid zip file"},
		{"empty", nil, "zip: not a valid zip file"},
		{"no workbook part", zipOf(t, part{"word/document.xml", "<document/>"}), `"xl/workbook.xml": no such part`},
		{"workbook cut short", zipOf(t, part{"xl/workbook.xml", "<workbook><sheets>"}), "unexpected EOF"},
		{"DTD in the workbook", zipOf(t, part{"xl/workbook.xml", `<!DOCTYPE workbook [<!ENTITY a "aaaa">]><workbook/>`}),
			"has a DTD or other directive"},
		{"undefined entity", zipOf(t, part{"xl/workbook.xml", `<workbook><sheets><sheet name="&a;"/></sheets></workbook>`}),
			"invalid character entity &a;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(tt.data)
			wantErr(t, err, tt.want)
		})
	}
	w, err := Open(missingPart.bytes(t))
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Rows("S", 64)
	wantErr(t, err, `"xl/worksheets/sheet1.xml": no such part`)
}

// wantErr fails unless err is non-nil, one line, and contains want.
func wantErr(tb testing.TB, err error, want string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("no error, want one containing %q", want)
	}
	if msg := err.Error(); !strings.Contains(msg, want) || strings.ContainsAny(msg, "\r\n") {
		tb.Errorf("error %q: want one line containing %q", msg, want)
	}
}

// FuzzOpen feeds the reader arbitrary bytes, seeded with the shared ePCN
// fixture and hand-built workbooks of every shape the tests use. Besides
// not panicking, errors must be one line and rows must hold Rows' promises.
func FuzzOpen(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "nhs", "ePCN.xlsx")); err == nil {
		f.Add(data)
	}
	rich := oneSheet(`<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="inlineStr"><is><r><t>x</t></r></is></c>` +
		`<c r="E2" s="1"><v>43647</v></c><c r="F2" t="b"><v>1</v></c><c r="G2"><f>1+1</f><v>2</v></c></row><row><c><v>1</v></c></row>`)
	rich.shared = []string{`<r><t>a</t></r><r><t xml:space="preserve"> b_x000D_</t></r><rPh><t>c</t></rPh>`}
	rich.styles = `<numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>`
	rich.workbookPr = `<workbookPr date1904="1"/>`
	f.Add(rich.bytes(f))
	two := fakeBook{reversed: true, sheets: []fakeSheet{
		{"A", "/xl/worksheets/sheet2.xml", "xl/worksheets/sheet2.xml", `<row><c t="inlineStr"><is><t>a</t></is></c></row>`},
		{"B", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml", `<row r="3"><c r="C3"><v>3</v></c></row>`},
	}}
	f.Add(two.bytes(f))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := Open(data)
		if err != nil {
			oneLine(t, err)
			return
		}
		for _, name := range w.Sheets() {
			rows, err := w.Rows(name, 8)
			if err != nil {
				oneLine(t, err)
				continue
			}
			last := 0
			for rows.Next() {
				n, cells := rows.Row()
				if n <= last || n > MaxRows || len(cells) > 8 {
					t.Fatalf("row %d after %d with %d cells", n, last, len(cells))
				}
				last = n
			}
			if err := rows.Err(); err != nil {
				oneLine(t, err)
			}
			rows.Close()
		}
	})
}

func oneLine(t *testing.T, err error) {
	t.Helper()
	if msg := err.Error(); msg == "" || strings.ContainsAny(msg, "\r\n") {
		t.Errorf("error is not one line: %q", msg)
	}
}
