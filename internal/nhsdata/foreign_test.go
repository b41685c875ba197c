package nhsdata

import (
	"archive/zip"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// foreignWorkbook writes an ePCN workbook the way tools other than Excel
// do (openpyxl, LibreOffice, online converters): inline strings rather
// than a shared table, parts stored in reverse, an absolute sheet target,
// the 1904 date system, and one start date as a date-formatted cell.
// extraRows is sheet XML added after the two membership rows.
func foreignWorkbook(tb testing.TB, extraRows string) []byte {
	tb.Helper()
	inline := func(ref, s string) string {
		s = strings.NewReplacer("&", "&amp;", "<", "&lt;", "\n", "&#10;").Replace(s)
		return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, s)
	}
	var rows strings.Builder
	rows.WriteString(`<row r="1">`)
	for i, h := range partnerHeader {
		rows.WriteString(inline(fmt.Sprintf("%c1", 'A'+i), h.(string)))
	}
	rows.WriteString(`</row>`)
	for i, code := range []string{"Y09101", "Y09102"} {
		n := i + 3 // a blank row 2 is left out, as writers do
		fmt.Fprintf(&rows, `<row r="%d">%s%s%s`, n, inline(fmt.Sprint("A", n), code), inline(fmt.Sprint("B", n), "A SURGERY"),
			inline(fmt.Sprint("E", n), "U99001"))
		if i == 0 {
			fmt.Fprintf(&rows, `<c r="I%d" s="1"><v>42185</v></c></row>`, n) // 2019-07-01 in the 1904 system
		} else {
			fmt.Fprintf(&rows, `<c r="I%d"><v>20200401</v></c><c r="J%d" t="str"><f>TEXT(1,"0")</f><v>20230331</v></c></row>`, n, n)
		}
	}
	rows.WriteString(extraRows)
	rel := "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := [][2]string{
		{"xl/worksheets/members.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows.String() + `</sheetData></worksheet>`},
		{"xl/styles.xml", `<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="r1" Type="` + rel + `/worksheet" Target="/xl/worksheets/members.xml"/>` +
			`<Relationship Id="r2" Type="` + rel + `/styles" Target="styles.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns:r="` + rel + `"><workbookPr date1904="true"/><sheets>` +
			`<sheet name="PCN Core Partner Details" sheetId="1" r:id="r1"/></sheets></workbook>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err == nil {
			_, err = w.Write([]byte(p[1]))
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadEPCNWorkbookForeignWriter(t *testing.T) {
	data := foreignWorkbook(t, "")
	if got := Detect(data); got != EPCNWorkbook {
		t.Fatalf("Detect = %v", got)
	}
	e, err := ReadEPCNWorkbook("ePCN.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Membership{
		{PracticeCode: "Y09101", PracticeName: "A SURGERY", PCNCode: "U99001", Start: "2019-07-01"},
		{PracticeCode: "Y09102", PracticeName: "A SURGERY", PCNCode: "U99001", Start: "2020-04-01", End: "2023-03-31"},
	}
	if !reflect.DeepEqual(e.Members, want) {
		t.Errorf("members = %+v\nwant %+v", e.Members, want)
	}
}

// TestReadEPCNWorkbookHostile checks that what the reader refuses reaches
// the person importing as one line naming the file and sheet.
func TestReadEPCNWorkbookHostile(t *testing.T) {
	const where = `ePCN.xlsx: sheet "PCN Core Partner Details": `
	const part = where + `cannot read sheet ("xl/worksheets/members.xml": `
	tests := []struct {
		name, rows, want string
	}{
		{"cell reference off the grid", `<row r="9"><c r="XFE9"><v>1</v></c></row>`,
			where + `cannot read sheet (row 9: cell reference "XFE9" is not one Excel has)`},
		{"row numbers going back", `<row r="2"/>`, where + "cannot read sheet (row 2 comes after row 4)"},
		{"nesting", strings.Repeat("<x>", 70), part + "elements nested more than 64 deep)"},
		{"DTD", `<!DOCTYPE x [<!ENTITY a "b">]>`, part + `has a DTD or other directive`},
		{"rows past the cap", `<row r="200001"><c><v>1</v></c></row>`, where + "more than 200000 rows, too many for ePCN data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ReadEPCNWorkbook("ePCN.xlsx", foreignWorkbook(t, tt.rows))
			wantErr(t, err, tt.want)
			if e != nil {
				t.Errorf("result %+v alongside an error", e)
			}
		})
	}
}
