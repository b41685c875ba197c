package nhsdata

import (
	"reflect"
	"testing"
)

func TestReadPracticeMapFixture(t *testing.T) {
	rows, err := ReadPracticeMap("gp-reg-pat-prac-map.csv", sharedFixture(t, "gp-reg-pat-prac-map.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 21 {
		t.Fatalf("got %d rows, want 21", len(rows))
	}
	byPCN := map[string]int{}
	for _, r := range rows {
		byPCN[r.PCNCode]++
	}
	if want := map[string]int{"U99001": 6, "U99002": 7, "U99003": 7, "": 1}; !reflect.DeepEqual(byPCN, want) {
		t.Errorf("practices per PCN = %v, want %v", byPCN, want)
	}
	want := MapRow{
		PracticeCode: "Y09105", PracticeName: "HARBOUR, DOCKS AND MARINA SURGERY", PracticePostcode: "RV3 5JK",
		PCNCode: "U99001", PCNName: "Riverside Health PCN",
		SubICBCode: "99X", SubICBName: "NHS Riverside and Downs ICB - 99X",
		ICBCode: "QX9", ICBName: "NHS Riverside and Downs Integrated Care Board",
		RegionCode: "Y99", RegionName: "North Riverside",
	}
	if rows[4] != want {
		t.Errorf("row 5 = %+v\nwant %+v", rows[4], want)
	}
	if got := rows[8].PracticeName; got != `THE "OLD FORGE" SURGERY` {
		t.Errorf("doubled quotes: name = %q", got)
	}
	if last := rows[20]; last.PCNCode != "" || last.PCNName != "" {
		t.Errorf("unallocated practice: PCN = %q %q, want empty", last.PCNCode, last.PCNName)
	}
}

// TestReadPracticeMapSpreadsheetHabits feeds the same two practices in the
// shapes files take after downloads, hand edits and Excel.
func TestReadPracticeMapSpreadsheetHabits(t *testing.T) {
	want := []MapRow{
		{PracticeCode: "Y09101", PracticeName: "RIVERSIDE, NORTH", PCNCode: "U99001", PCNName: "Riverside Health PCN", ICBCode: "QX9"},
		{PracticeCode: "Y09102", PracticeName: `THE "QUAY"`, PCNCode: "U99001", PCNName: "Riverside Health PCN", ICBCode: "QX9"},
	}
	const (
		hdr = "PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME,ICB_CODE"
		r1  = `Y09101,"RIVERSIDE, NORTH",U99001,Riverside Health PCN,QX9`
		r2  = `Y09102,"THE ""QUAY""",U99001,Riverside Health PCN,QX9`
	)
	tests := []struct {
		name string
		data []byte
	}{
		{"plain LF", lines("\n", hdr, r1, r2)},
		{"CRLF", lines("\r\n", hdr, r1, r2)},
		{"BOM", append([]byte(utf8BOM), lines("\r\n", hdr, r1, r2)...)},
		{"no final line end", []byte(hdr + "\n" + r1 + "\n" + r2)},
		{"trailing blank rows and rows of commas", lines("\r\n", hdr, r1, r2, "", ",,,,", " , ,,,", "")},
		{"extra unknown columns", lines("\n", "X,"+hdr+",NOTES", "1,"+r1+",hello", "2,"+r2+",")},
		{"columns in another order", lines("\n",
			"ICB_CODE,PCN_NAME,PCN_CODE,PRACTICE_NAME,PRACTICE_CODE",
			`QX9,Riverside Health PCN,U99001,"RIVERSIDE, NORTH",Y09101`,
			`QX9,Riverside Health PCN,U99001,"THE ""QUAY""",Y09102`)},
		{"header cells with line breaks and spaces", lines("\r\n",
			"\"PRACTICE\r\nCODE\", PRACTICE_NAME ,\"PCN_\nCODE\",PCN  NAME,ICB_CODE", r1, r2)},
		{"lowercase headers", lines("\n", "practice_code,practice_name,pcn_code,pcn_name,icb_code", r1, r2)},
		{"codes in lower case with spaces", lines("\n", hdr,
			` y09101 ,"RIVERSIDE, NORTH", u99001 ,Riverside Health PCN, qx9`,
			`Y09102,"THE ""QUAY""",U99001,Riverside Health PCN,QX9`)},
		{"old STP header", lines("\n", "PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME,STP_CODE", r1, r2)},
		{"blank line between rows", lines("\n", hdr, r1, "", r2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadPracticeMap("map.csv", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestReadPracticeMapWindows1252(t *testing.T) {
	// "ST ANNE’S" with the curly apostrophe as Excel on Windows saves it.
	data := []byte("PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME\r\nY09103,ST ANNE\x92S,U99001,Riverside Health PCN\r\n")
	got, err := ReadPracticeMap("map.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].PracticeName != "ST ANNE’S" {
		t.Errorf("name = %q, want ST ANNE’S", got[0].PracticeName)
	}
}

func TestReadPracticeMapErrors(t *testing.T) {
	const hdr = "PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME"
	tests := []struct {
		name  string
		data  []byte
		parts []string
	}{
		{"missing practice code column", localFixture(t, "bad/map-no-practice-code.csv"),
			[]string{"map.csv: no PRACTICE_CODE column (is this a practice–PCN map?)"}},
		{"missing PCN name column", lines("\n", "PRACTICE_CODE,PRACTICE_NAME,PCN_CODE", "Y09101,A,U99001"),
			[]string{"map.csv: no PCN_NAME column"}},
		{"bad practice code", localFixture(t, "bad/map-bad-practice-code.csv"),
			[]string{`map.csv: row 4, PRACTICE_CODE: "Y0910" is not a GP practice code`}},
		{"bad PCN code", localFixture(t, "bad/map-bad-pcn-code.csv"),
			[]string{`map.csv: row 3, PCN_CODE: "U9901" is not a PCN code`}},
		{"practice twice", localFixture(t, "bad/map-duplicate.csv"),
			[]string{"map.csv: row 4, PRACTICE_CODE: Y09101 is already on row 2"}},
		{"row number after a quoted line break and blank line", lines("\n",
			hdr, "Y09101,\"TWO\nLINES\",U99001,P", "", "Y0910X,A,U99001,P"),
			[]string{"map.csv: row 4, PRACTICE_CODE"}},
		{"empty practice code", lines("\n", hdr, ",A,U99001,P"),
			[]string{`map.csv: row 2, PRACTICE_CODE: "" is not a GP practice code`}},
		{"empty file", nil, []string{"map.csv: file is empty"}},
		{"header only", lines("\r\n", hdr, ",,,"), []string{"map.csv: no practice rows"}},
		{"too big", make([]byte, MaxFileSize+1), []string{"map.csv: file is larger than 64 MiB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ReadPracticeMap("map.csv", tt.data)
			wantErr(t, err, tt.parts...)
			if rows != nil {
				t.Errorf("rows = %v alongside an error", rows)
			}
		})
	}
}
