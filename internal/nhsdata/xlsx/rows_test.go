package xlsx

import (
	"strings"
	"testing"
)

func TestRowsCellTypes(t *testing.T) {
	book := oneSheet(`<row r="1">` +
		`<c r="A1" t="s"><v>0</v></c>` + // rich text
		`<c r="B1" t="s"><v> 1 </v></c>` + // preserved spaces, index padded
		`<c r="C1" t="inlineStr"><is><t>inline</t></is></c>` +
		`<c r="D1" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>inline</t></r><rPh sb="0" eb="1"><t>guide</t></rPh></is></c>` +
		`<c r="E1" t="b"><v>1</v></c>` +
		`<c r="F1" t="e"><v>#N/A</v></c>` +
		`<c r="G1"><f>1+1</f><v>2</v></c>` + // formula: its cached value
		`<c r="H1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>` +
		`<c r="I1" t="d"><v>2019-07-01T00:00:00Z</v></c>` +
		`<c r="J1" t="n"><v>20190701</v></c>` +
		`<c r="K1" t="s"><v>2</v></c>` + // escapes
		`<c r="L1" t="s"></c>` + // no value
		`</row>`)
	book.shared = []string{
		`<r><t>Partner</t></r><r><rPr><i/></rPr><t xml:space="preserve">` + "\n" + `Organisation</t></r><rPh><t>ignored</t></rPh>`,
		`<t xml:space="preserve">  spaced  </t>`,
		`<t>line_x000D_` + "\n" + `end _x005F_x000D_ _x00e9_ _xD800_ _x12_</t>`,
	}
	got, err := readAll(t, book.bytes(t), "S")
	wantRows(t, got, err, `1: ["Partner\nOrganisation" "  spaced  " "inline" "rich inline" "1" "#N/A" "2" "ab" "2019-07-01T00:00:00Z" "20190701" "line\r\nend _x000D_ é `+"\uFFFD"+` _x12_"]`)
}

func TestRowsPlacement(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"skipped columns and rows", `<row r="2"><c r="C2"><v>1</v></c><c r="E2"><v>2</v></c></row><row r="5"><c r="B5"><v>3</v></c></row>`,
			[]string{`2: ["" "" "1" "" "2"]`, `5: ["" "3"]`}},
		{"no references: in order", `<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>`,
			[]string{`1: ["1" "2"]`, `2: ["3"]`}},
		{"a reference, then none", `<row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>`,
			[]string{`3: ["" "1" "2"]`, `4: ["3"]`}},
		{"lower-case reference", `<row r="1"><c r="b1"><v>1</v></c></row>`, []string{`1: ["" "1"]`}},
		{"empty and styled-only cells", `<row r="1"><c r="A1" s="0"/><c r="B1"><v></v></c><c r="C1"><v>x</v></c><c r="D1"/></row>`,
			[]string{`1: ["" "" "x"]`}},
		{"empty row", `<row r="1"/><row r="2"><c r="A2"><v>1</v></c></row>`, []string{`1: []`, `2: ["1"]`}},
		{"columns past the cap dropped", `<row r="1"><c r="BL1"><v>64th</v></c><c r="BM1"><v>65th</v></c><c r="XFD1"><v>last</v></c></row>`,
			[]string{`1: [` + strings.Repeat(`"" `, 63) + `"64th"]`}},
		{"no sheetData content", ``, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll(t, oneSheet(tt.data).bytes(t), "S")
			wantRows(t, got, err, tt.want...)
		})
	}
}

func TestRowsDateCells(t *testing.T) {
	styles := `<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="[h]:mm"/>` +
		`<numFmt numFmtId="166" formatCode="&quot;day&quot; 0"/></numFmts>` +
		`<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` + // not a cell format: must not shift the indexes
		`<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/>` +
		`<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="22"/><xf numFmtId="20"/></cellXfs>`
	data := `<row r="1"><c r="A1" s="1"><v>43647</v></c><c r="B1" s="2"><v>43647</v></c><c r="C1" s="3"><v>1.5</v></c>` +
		`<c r="D1" s="4"><v>43647</v></c><c r="E1" s="5"><v>43647.375</v></c><c r="F1" s="6"><v>0.5</v></c>` +
		`<c r="G1" s="1"><v>0.25</v></c><c r="H1" s="1"><v>20190701</v></c><c r="I1" s="1" t="s"><v>0</v></c>` +
		`<c r="J1" s="99"><v>43647</v></c><c r="K1" s="1"><v>43647</v></c></row>`
	book := oneSheet(data)
	book.styles, book.shared = styles, []string{"<t>43647</t>"}
	got, err := readAll(t, book.bytes(t), "S")
	wantRows(t, got, err, `1: ["2019-07-01" "2019-07-01" "1.5" "43647" "2019-07-01T09:00:00" "0.5" "0.25" "20190701" "43647" "43647" "2019-07-01"]`)

	book.workbookPr = `<workbookPr date1904="1"/>`
	got, err = readAll(t, book.bytes(t), "S")
	wantRows(t, got, err, `1: ["2023-07-02" "2023-07-02" "1.5" "43647" "2023-07-02T09:00:00" "0.5" "0.25" "20190701" "43647" "43647" "2023-07-02"]`)
}

func TestDateFormat(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"dd/mm/yyyy", true}, {"d-mmm-yy", true}, {"mmmm", true}, {"yyyy", true},
		{"[$-809]dd mmmm yyyy;@", true}, {"m/d/yyyy h:mm AM/PM", true}, {`dd\/mm\/yyyy`, true},
		{"General", false}, {"0.00E+00", false}, {"#,##0", false}, {"@", false},
		{"h:mm", false}, {"mm:ss", false}, {"[h]:mm", false}, {"[mm]", false}, {"h:mm AM/PM", false},
		{`"days: "0`, false}, {`0 "yd"`, false}, {`[Red]0.00`, false}, {`0_d`, false}, {`*d0`, false},
		{`\d0`, false}, {`"unclosed d`, false}, {`[unclosed d`, false}, {"", false},
	}
	for _, tt := range tests {
		if got := dateFormat(tt.code); got != tt.want {
			t.Errorf("dateFormat(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}
