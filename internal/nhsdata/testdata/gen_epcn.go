//go:build ignore

// gen_epcn writes the ePCN fixtures from one table of fictional memberships,
// so the workbook and its headerless CSV export always agree:
//
//	testdata/nhs/ePCN.xlsx                  shaped like ODS's ePCN.xlsx
//	testdata/nhs/epcn-core-partners.csv     the headerless 11-column export
//	internal/nhsdata/testdata/bad/truncated.xlsx
//	internal/nhsdata/testdata/fuzz/FuzzReadEPCNWorkbook/small
//
// Run it with `go generate ./internal/nhsdata/` and commit the output; the
// tests read the files rather than build them, as they would a download.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// spell is one practice-to-PCN membership: partner code and name, practice
// sub-ICB code and name, PCN code and name, PCN sub-ICB code and name,
// start and end (YYYYMMDD, "" = current).
type spell [10]string

const (
	sub   = "99X"
	subNm = "NHS RIVERSIDE AND DOWNS ICB - 99X"
	sub2  = "98Y"
	sub2N = "NHS RIVERSIDE AND DOWNS ICB - 98Y"
	r     = "U99001"
	rN    = "RIVERSIDE HEALTH PCN"
	n     = "U99002"
	nN    = "NORTHGATE AND HILL PCN"
	d     = "U99003"
	dN    = "DOWNS RURAL PCN"
	o     = "U99004"
	oN    = "OLD TOWN PCN"
)

var spells = []spell{
	{"Y09101", "RIVERSIDE MEDICAL CENTRE", sub, subNm, r, rN, sub, subNm, "20190701", ""},
	{"Y09102", "THE QUAYSIDE SURGERY", sub, subNm, r, rN, sub, subNm, "20190701", ""},
	{"Y09103", "ST. ANNE'S PRACTICE", sub, subNm, r, rN, sub, subNm, "20190701", ""},
	{"Y09104", "WILLOW BANK HEALTH CENTRE", sub, subNm, r, rN, sub, subNm, "20190701", ""},
	{"Y09105", "HARBOUR, DOCKS AND MARINA SURGERY", sub, subNm, r, rN, sub, subNm, "20200401", ""},
	{"Y09106", "DR PATEL & PARTNERS", sub, subNm, r, rN, sub, subNm, "20190701", ""},
	{"Y09108", "FERRY LANE SURGERY", sub, subNm, r, rN, sub, subNm, "20190701", "20220930"},
	{"Y09201", "NORTHGATE SURGERY", sub, subNm, n, nN, sub, subNm, "20190701", ""},
	{"Y09202", "HILLTOP MEDICAL PRACTICE", sub, subNm, n, nN, sub, subNm, "20190701", ""},
	{"Y09203", "THE \"OLD FORGE\" SURGERY", sub, subNm, n, nN, sub, subNm, "20190701", ""},
	{"Y09204", "CASTLE VIEW PRACTICE", sub, subNm, n, nN, sub, subNm, "20190701", ""},
	{"Y09205", "ABBEY ROAD HEALTH CENTRE", sub, subNm, n, nN, sub, subNm, "20190701", ""},
	{"Y09206", "MARKET SQUARE SURGERY", sub, subNm, n, nN, sub, subNm, "20190701", ""},
	{"Y09207", "BELL STREET MEDICAL GROUP", sub, subNm, n, nN, sub, subNm, "20210401", ""},
	{"Y09301", "CHALK HILL SURGERY", sub, subNm, o, oN, sub, subNm, "20190701", "20230331"},
	{"Y09301", "CHALK HILL SURGERY", sub, subNm, d, dN, sub, subNm, "20230401", ""},
	{"Y09302", "DOWNS VIEW PRACTICE", sub, subNm, o, oN, sub, subNm, "20190701", "20230331"},
	{"Y09302", "DOWNS VIEW PRACTICE", sub, subNm, d, dN, sub, subNm, "20230401", ""},
	{"Y09303", "OAKWOOD FAMILY PRACTICE", sub, subNm, d, dN, sub, subNm, "20190701", ""},
	{"Y09304", "MILLBROOK SURGERY", sub, subNm, d, dN, sub, subNm, "20190701", ""},
	{"Y09305", "THE VILLAGE SURGERY", sub, subNm, d, dN, sub, subNm, "20190701", ""},
	{"Y09306", "BRAMBLE LANE MEDICAL CENTRE", sub, subNm, d, dN, sub, subNm, "20190701", ""},
	{"Y09307", "RIVERSMEET SURGERY", sub2, sub2N, d, dN, sub, subNm, "20190701", ""},
}

// pcns are the PCNDetails rows: code, name, sub-ICB code and name, open,
// close, address lines 1–5, postcode.
var pcns = [][12]string{
	{r, rN, sub, subNm, "20190701", "", "RIVERSIDE MEDICAL CENTRE", "1 QUAY STREET", "", "RIVERTON", "", "RV1 2AB"},
	{n, nN, sub, subNm, "20190701", "", "NORTHGATE SURGERY", "14 NORTHGATE", "", "HILLBURY", "", "HB3 4CD"},
	{d, dN, sub, subNm, "20190701", "", "CHALK HILL SURGERY", "THE GREEN", "CHALKLEY", "DOWNHAM", "", "DN7 8EF"},
	{o, oN, sub, subNm, "20190701", "20230331", "CHALK HILL SURGERY", "THE GREEN", "CHALKLEY", "DOWNHAM", "", "DN7 8EF"},
}

// The published header cells, line breaks and all; one uses CRLF, as some
// releases do.
var partnerHeader = []any{
	"Partner\nOrganisation\nCode", "Partner\r\nName",
	"Practice\nParent\nSub ICB Loc\nCode", "Practice\nParent\nSub ICB Loc Name",
	"PCN Code", "PCN Name", "PCN Parent\nSub ICB Loc\nCode", "PCN Parent\nSub ICB Loc Name",
	"Practice to PCN\nRelationship\nStart Date", "Practice to PCN\nRelationship\nEnd Date",
	"Practice Sub ICB Loc\nmatches PCN\nSub ICB Loc?",
}

var detailsHeader = []any{
	"PCN Code", "PCN Name", "Current Sub ICB Loc Code", "Sub ICB Location", "Open Date", "Close Date",
	"Address Line 1", "Address Line 2", "Address Line 3", "Address Line 4", "Address Line 5", "Postcode",
}

func main() {
	root := flag.String("root", "../..", "repository root")
	flag.Parse()
	full := workbook(spells, true)
	write(filepath.Join(*root, "testdata/nhs/ePCN.xlsx"), full)
	write(filepath.Join(*root, "testdata/nhs/epcn-core-partners.csv"), exportCSV(spells))
	write(filepath.Join(*root, "internal/nhsdata/testdata/bad/truncated.xlsx"), full[:len(full)/2])
	small := workbook(spells[:2], false)
	seed := "go test fuzz v1\n[]byte(" + strconv.Quote(string(small)) + ")\n"
	write(filepath.Join(*root, "internal/nhsdata/testdata/fuzz/FuzzReadEPCNWorkbook/small"), []byte(seed))
}

// workbook builds an ePCN.xlsx. The full one has a notes sheet first, so
// tests prove sheets are found by name, and both date styles ODS and Excel
// users produce: YYYYMMDD numbers and text, and one real date cell.
func workbook(rows []spell, full bool) []byte {
	f := excelize.NewFile()
	defer f.Close()
	must(f.SetSheetName("Sheet1", "Notes"))
	must(f.SetCellValue("Notes", "A1", "Fictional ePCN data for pcnvoice tests. Not real organisations."))
	if full {
		details := "PCNDetails"
		_, err := f.NewSheet(details)
		must(err)
		must(f.SetSheetRow(details, "A1", &detailsHeader))
		for i, p := range pcns {
			row := make([]any, len(p))
			for j, v := range p {
				row[j] = v
			}
			row[4] = number(p[4]) // ODS stores dates as YYYYMMDD numbers
			if p[5] != "" {
				row[5] = number(p[5])
			}
			must(f.SetSheetRow(details, fmt.Sprintf("A%d", i+2), &row))
		}
	}
	partners := "PCN Core Partner Details"
	_, err := f.NewSheet(partners)
	must(err)
	must(f.SetSheetRow(partners, "A1", &partnerHeader))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	for i, s := range rows {
		row := make([]any, 0, 11)
		for j := 0; j < 8; j++ {
			row = append(row, s[j])
		}
		row = append(row, number(s[8]), "", matchFlag(s))
		if s[9] != "" {
			row[9] = number(s[9])
		}
		if i == 2 {
			row[8] = s[8] // YYYYMMDD as text, as some copies have it
		}
		cell := fmt.Sprintf("A%d", i+2)
		must(f.SetSheetRow(partners, cell, &row))
		if i == 4 { // someone turned this start date into an Excel date
			t, err := time.Parse("20060102", s[8])
			must(err)
			ref := fmt.Sprintf("I%d", i+2)
			must(f.SetCellValue(partners, ref, t))
			must(f.SetCellStyle(partners, ref, ref, dateStyle))
		}
	}
	buf, err := f.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

// exportCSV writes the headerless export: every field quoted, CRLF, as ODS
// CSV downloads come.
func exportCSV(rows []spell) []byte {
	var b strings.Builder
	for _, s := range rows {
		fields := append(s[:], matchFlag(s))
		for i, v := range fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// matchFlag is the sub-ICB match column: does the practice's sub-ICB location
// match its PCN's?
func matchFlag(s spell) string {
	if s[2] == s[6] {
		return "Y"
	}
	return "N"
}

func number(s string) int {
	v, err := strconv.Atoi(s)
	must(err)
	return v
}

func write(path string, data []byte) {
	must(os.MkdirAll(filepath.Dir(path), 0o755))
	must(os.WriteFile(path, data, 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
