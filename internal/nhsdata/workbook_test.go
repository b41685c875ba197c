package nhsdata

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestReadEPCNWorkbookFixture(t *testing.T) {
	e, err := ReadEPCNWorkbook("ePCN.xlsx", sharedFixture(t, "ePCN.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	// The workbook and the CSV are generated from one table, with the
	// workbook's dates in three styles: they must read the same.
	csv, err := ReadEPCNCSV("epcn-core-partners.csv", sharedFixture(t, "epcn-core-partners.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(e.Members, csv.Members) {
		t.Errorf("workbook members differ from the CSV's:\n%+v\n%+v", e.Members, csv.Members)
	}
	wantPCNs := []PCNDetail{
		{"U99001", "RIVERSIDE HEALTH PCN", "99X", "NHS RIVERSIDE AND DOWNS ICB - 99X", "RV1 2AB", "2019-07-01", ""},
		{"U99002", "NORTHGATE AND HILL PCN", "99X", "NHS RIVERSIDE AND DOWNS ICB - 99X", "HB3 4CD", "2019-07-01", ""},
		{"U99003", "DOWNS RURAL PCN", "99X", "NHS RIVERSIDE AND DOWNS ICB - 99X", "DN7 8EF", "2019-07-01", ""},
		{"U99004", "OLD TOWN PCN", "99X", "NHS RIVERSIDE AND DOWNS ICB - 99X", "DN7 8EF", "2019-07-01", "2023-03-31"},
	}
	if !reflect.DeepEqual(e.PCNs, wantPCNs) {
		t.Errorf("PCNs = %+v\nwant %+v", e.PCNs, wantPCNs)
	}
	if got := currentIn(e, "U99001", "2026-04-01"); len(got) != 6 {
		t.Errorf("Riverside today = %v, want 6 practices", got)
	}
}

func TestReadEPCNWorkbookShapes(t *testing.T) {
	want := []Membership{
		{PracticeCode: "Y09101", PracticeName: "A SURGERY", PCNCode: "U99001", PCNName: "A PCN",
			SubICBCode: "99X", SubICBName: "NHS X", Start: "2019-07-01"},
		{PracticeCode: "Y09102", PracticeName: "A SURGERY", PCNCode: "U99001", PCNName: "A PCN",
			SubICBCode: "99X", SubICBName: "NHS X", Start: "2020-04-01", End: "2023-03-31"},
	}
	rows := [][]any{partnerHeader,
		partnerRow("Y09101", "U99001", 20190701, ""),
		partnerRow("Y09102", "U99001", "20200401", "20230331")}
	ccg := []any{"Partner\nOrganisation\nCode", "Partner\nName", "Practice\nParent\nCCG\nCode", "Practice\nParent\nCCG Name",
		"PCN Code", "PCN Name", "PCN Parent\nCCG\nCode", "PCN Parent\nCCG Name",
		"Practice to PCN\nRelationship\nStart Date", "Practice to PCN\nRelationship\nEnd Date", "Practice CCG matches PCN CCG?"}
	tests := []struct {
		name string
		data []byte
	}{
		{"as published", buildWorkbook(t, false, sheet{"PCN Core Partner Details", rows})},
		{"older CCG wording", buildWorkbook(t, false, sheet{"PCN Core Partner Details", append([][]any{ccg}, rows[1:]...)})},
		{"sheet name in other case", buildWorkbook(t, false, sheet{"pcn core partner details ", rows})},
		{"title rows above the header", buildWorkbook(t, false, sheet{"PCN Core Partner Details",
			append([][]any{{"ePCN extract"}, {}}, rows...)})},
		{"header with extra spaces, lower case", buildWorkbook(t, false, sheet{"PCN Core Partner Details",
			append([][]any{{"  partner  organisation code", "partner name", "practice parent sub icb location code",
				"practice parent sub-icb loc name", "pcn code", "pcn name", "pcn parent sub icb loc code",
				"pcn parent sub icb loc name", "start date", "end date"}}, rows[1:]...)})},
		{"columns reordered, extra column", buildWorkbook(t, false, sheet{"PCN Core Partner Details", [][]any{
			{"Notes", "PCN Code", "Practice to PCN Relationship End Date", "Partner Organisation Code", "Partner Name",
				"Practice to PCN Relationship Start Date", "Practice Parent Sub ICB Loc Code", "Practice Parent Sub ICB Loc Name", "PCN Name"},
			{"x", "U99001", nil, "Y09101", "A SURGERY", 20190701, "99X", "NHS X", "A PCN"},
			{"", "U99001", 20230331, "Y09102", "A SURGERY", 20200401, "99X", "NHS X", "A PCN"},
		}})},
		{"Excel date cells", buildWorkbook(t, false, sheet{"PCN Core Partner Details", [][]any{partnerHeader,
			partnerRow("Y09101", "U99001", time.Date(2019, 7, 1, 0, 0, 0, 0, time.UTC), nil),
			partnerRow("Y09102", "U99001", time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, 3, 31, 0, 0, 0, 0, time.UTC))}})},
		{"Excel date cells, 1904 date system", buildWorkbook(t, true, sheet{"PCN Core Partner Details", [][]any{partnerHeader,
			partnerRow("Y09101", "U99001", time.Date(2019, 7, 1, 0, 0, 0, 0, time.UTC), nil),
			partnerRow("Y09102", "U99001", time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, 3, 31, 0, 0, 0, 0, time.UTC))}})},
		{"trailing blank rows", buildWorkbook(t, false, sheet{"PCN Core Partner Details",
			append(rows, []any{}, []any{"", " ", nil}, []any{""})})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ReadEPCNWorkbook("ePCN.xlsx", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			got := e.Members
			for i := range got {
				// Not every shape carries names or sub-ICB columns.
				if got[i].PCNName == "" {
					got[i].PCNName = "A PCN"
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("members = %+v\nwant %+v", got, want)
			}
			if len(e.PCNs) != 1 || e.PCNs[0].Code != "U99001" {
				t.Errorf("PCNs = %+v, want U99001 derived from the memberships", e.PCNs)
			}
		})
	}
}

func TestReadEPCNWorkbookErrors(t *testing.T) {
	partners := func(rows ...[]any) sheet {
		return sheet{"PCN Core Partner Details", append([][]any{partnerHeader}, rows...)}
	}
	tests := []struct {
		name  string
		data  []byte
		parts []string
	}{
		{"no membership sheet", buildWorkbook(t, false, sheet{"PCNDetails", [][]any{{"PCN Code", "PCN Name"}}}),
			[]string{`ePCN.xlsx: no "PCN Core Partner Details" sheet (is this the ePCN workbook?)`}},
		{"bad partner code", buildWorkbook(t, false, partners(
			partnerRow("Y09101", "U99001", 20190701, nil), partnerRow("Y0910", "U99001", 20190701, nil))),
			[]string{`ePCN.xlsx: sheet "PCN Core Partner Details": row 3, Partner Organisation Code: "Y0910" is not a GP practice code`}},
		{"bad PCN code", buildWorkbook(t, false, partners(partnerRow("Y09101", "Z99001", 20190701, nil))),
			[]string{`row 2, PCN Code: "Z99001" is not a PCN code`}},
		{"bad date", buildWorkbook(t, false, partners(partnerRow("Y09101", "U99001", "1st July", nil))),
			[]string{`row 2, Practice to PCN Relationship Start Date: "1st July" is not a date`}},
		{"negative serial date", buildWorkbook(t, false, partners(partnerRow("Y09101", "U99001", 20190701, -3))),
			[]string{`row 2, Practice to PCN Relationship End Date: "-3" is not a date`}},
		{"no end date column", buildWorkbook(t, false, sheet{"PCN Core Partner Details", [][]any{
			{"Partner Organisation Code", "PCN Code"}, {"Y09101", "U99001"}}}),
			[]string{`no "Practice to PCN Relationship End Date" column`}},
		{"no header row", buildWorkbook(t, false, sheet{"PCN Core Partner Details", [][]any{{"Y09101", "U99001"}}}),
			[]string{`no header row with a "PCN Code" column`}},
		{"header only", buildWorkbook(t, false, partners()), []string{"no membership rows"}},
		{"bad code in PCNDetails", buildWorkbook(t, false,
			sheet{"PCNDetails", [][]any{{"PCN Code", "PCN Name"}, {"U9900", "A PCN"}}},
			partners(partnerRow("Y09101", "U99001", 20190701, nil))),
			[]string{`ePCN.xlsx: sheet "PCNDetails": row 2, PCN Code: "U9900" is not a PCN code`}},
		{"not a zip", []byte("PCN Code,PCN Name\n"), []string{"ePCN.xlsx: not a readable .xlsx workbook"}},
		{"zip magic, no zip", localFixture(t, "bad/not-a-workbook.xlsx"), []string{"ePCN.xlsx: not a readable .xlsx workbook"}},
		{"truncated download", localFixture(t, "bad/truncated.xlsx"), []string{"ePCN.xlsx: "}},
		{"too big", make([]byte, MaxFileSize+1), []string{"ePCN.xlsx: file is larger than 64 MiB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ReadEPCNWorkbook("ePCN.xlsx", tt.data)
			wantErr(t, err, tt.parts...)
			if e != nil {
				t.Errorf("result %+v alongside an error", e)
			}
		})
	}
}

// TestRecoverAsError checks the guard around the workbook reader: a panic
// inside becomes an error naming the file.
func TestRecoverAsError(t *testing.T) {
	_, err := recoverAsError("ePCN.xlsx", func() (*EPCN, error) {
		panic("simulated reader bug: assignment to entry in nil map")
	})
	wantErr(t, err, "ePCN.xlsx: cannot read this workbook, it looks damaged", "nil map")

	sentinel := errors.New("plain error")
	if _, err := recoverAsError("x", func() (*EPCN, error) { return nil, sentinel }); err != sentinel {
		t.Errorf("err = %v, want the read's own error", err)
	}
}
