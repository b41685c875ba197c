package nhsdata

import (
	"fmt"
	"reflect"
	"testing"
)

func TestReadListSizesFixtures(t *testing.T) {
	tests := []struct {
		file       string
		rows       int
		first      ListSize
		tiny       ListSize
		missing    string // a PCN member with no row
		femaleOnly bool
	}{
		{"gp-reg-pat-prac-all.csv", 21,
			ListSize{"Y09101", 9812, "2026-04-01"}, ListSize{"Y09901", 25, "2026-04-01"}, "Y09106", true},
		{"gp-reg-pat-prac-all-2021.csv", 20,
			ListSize{"Y09101", 9540, "2021-01-01"}, ListSize{"Y09901", 24, "2021-01-01"}, "Y09207", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := ReadListSizes(tt.file, sharedFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.rows {
				t.Errorf("got %d practices, want %d (the MALE/FEMALE rows must be ignored)", len(got), tt.rows)
			}
			by := map[string]ListSize{}
			for _, l := range got {
				by[l.PracticeCode] = l
			}
			if got[0] != tt.first {
				t.Errorf("first = %+v, want %+v", got[0], tt.first)
			}
			if by[tt.tiny.PracticeCode] != tt.tiny {
				t.Errorf("tiny list = %+v, want %+v", by[tt.tiny.PracticeCode], tt.tiny)
			}
			if _, ok := by[tt.missing]; ok {
				t.Errorf("%s has a row, want none", tt.missing)
			}
		})
	}
}

func TestReadListSizesRowSelection(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want []ListSize
	}{
		{"only GP rows with SEX and AGE ALL", lines("\n",
			"EXTRACT_DATE,TYPE,CODE,SEX,AGE,NUMBER_OF_PATIENTS",
			"2026-04-01,GP,Y09101,ALL,ALL,3747",
			"2026-04-01,GP,Y09101,MALE,ALL,1800",
			"2026-04-01,GP,Y09101,FEMALE,ALL,1947",
			"2026-04-01,GP,Y09101,ALL,0-4,200",
			"2026-04-01,ICB,QX9,ALL,ALL,900000",
			"2026-04-01,gp,y09102,all,all,1"),
			[]ListSize{{"Y09101", 3747, "2026-04-01"}, {"Y09102", 1, "2026-04-01"}}},
		{"no SEX or AGE columns: every GP row counts", lines("\r\n",
			"PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,NUMBER_OF_PATIENTS",
			"GP_PRAC_PAT_LIST,01JAN2021,GP,99X,E38000999,Y09101,RV1 2AB,3747",
			"GP_PRAC_PAT_LIST,01JAN2021,GP,99X,E38000999,Y09102,RV1 2AC,25"),
			[]ListSize{{"Y09101", 3747, "2021-01-01"}, {"Y09102", 25, "2021-01-01"}}},
		{"no TYPE or EXTRACT_DATE column", lines("\n", "CODE,NUMBER_OF_PATIENTS", "Y09101,0"),
			[]ListSize{{"Y09101", 0, ""}}},
		{"AGE_GROUP_5 read as AGE", lines("\n",
			"EXTRACT_DATE,TYPE,ORG_CODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS",
			"2026-04-01,GP,Y09101,ALL,0_4,200", "2026-04-01,GP,Y09101,ALL,ALL,3747"),
			[]ListSize{{"Y09101", 3747, "2026-04-01"}}},
		{"thousands separators from Excel", lines("\n", "CODE,NUMBER_OF_PATIENTS", `Y09101,"13,747"`, `Y09102," 1,000,000 "`),
			[]ListSize{{"Y09101", 13747, ""}, {"Y09102", 1000000, ""}}},
		{"header with spaces, lowercase and a BOM", append([]byte(utf8BOM), lines("\r\n",
			" code , Number Of Patients ,extract_date", "Y09101,10,2026-04-01", ",,", "")...),
			[]ListSize{{"Y09101", 10, "2026-04-01"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadListSizes("all.csv", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadListSizesDates(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"2026-04-01", "2026-04-01"},
		{"01JAN2021", "2021-01-01"},
		{"01jan2021", "2021-01-01"},
		{"01-Oct-2021", "2021-10-01"},
		{"20260401", "2026-04-01"},
		{"01/04/2026", "2026-04-01"}, // Excel, UK locale: day first
		{"1/4/2026", "2026-04-01"},
		{"2026-04-01T00:00:00", "2026-04-01"},
		{"01OCT2021 00:00", "2021-10-01"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			data := lines("\n", "EXTRACT_DATE,CODE,NUMBER_OF_PATIENTS", tt.raw+",Y09101,5")
			got, err := ReadListSizes("all.csv", data)
			if err != nil {
				t.Fatal(err)
			}
			if got[0].ExtractDate != tt.want {
				t.Errorf("ExtractDate = %q, want %q", got[0].ExtractDate, tt.want)
			}
		})
	}
}

func TestReadListSizesErrors(t *testing.T) {
	const hdr = "EXTRACT_DATE,TYPE,CODE,SEX,AGE,NUMBER_OF_PATIENTS"
	tests := []struct {
		name  string
		file  string
		data  []byte
		parts []string
	}{
		{"not a number, row 17", "gp-reg-pat-prac-all.csv", localFixture(t, "bad/listsizes-not-number.csv"),
			[]string{`gp-reg-pat-prac-all.csv: row 17, NUMBER_OF_PATIENTS: "12a" is not a whole number`}},
		{"negative", "all.csv", localFixture(t, "bad/listsizes-negative.csv"),
			[]string{`all.csv: row 3, NUMBER_OF_PATIENTS: "-5" is negative`}},
		{"past the bound", "all.csv", lines("\n", hdr, "2026-04-01,GP,Y09101,ALL,ALL,5", "2026-04-01,GP,Y09102,ALL,ALL,1000001"),
			[]string{`all.csv: row 3, NUMBER_OF_PATIENTS: "1000001" is larger than any list size (at most 1000000)`}},
		{"past the bound, with commas", "all.csv", lines("\n", hdr, `2026-04-01,GP,Y09101,ALL,ALL,"1,000,001"`),
			[]string{`all.csv: row 2, NUMBER_OF_PATIENTS: "1,000,001" is larger than any list size`}},
		{"past int64", "all.csv", lines("\n", hdr, "2026-04-01,GP,Y09101,ALL,ALL,9223372036854775808"),
			[]string{`all.csv: row 2, NUMBER_OF_PATIENTS: "9223372036854775808" is far larger than any list size`}},
		{"int64 max", "all.csv", lines("\n", hdr, "2026-04-01,GP,Y09101,ALL,ALL,9223372036854775807"),
			[]string{`all.csv: row 2, NUMBER_OF_PATIENTS: "9223372036854775807" is larger than any list size`}},
		{"decimal", "all.csv", lines("\n", hdr, "2026-04-01,GP,Y09101,ALL,ALL,12.5"),
			[]string{`all.csv: row 2, NUMBER_OF_PATIENTS: "12.5" is not a whole number`}},
		{"empty count", "all.csv", lines("\n", hdr, "2026-04-01,GP,Y09101,ALL,ALL,"),
			[]string{"all.csv: row 2, NUMBER_OF_PATIENTS: empty"}},
		{"bad date", "all.csv", localFixture(t, "bad/listsizes-bad-date.csv"),
			[]string{`all.csv: row 2, EXTRACT_DATE: "31FEB2021" is not a date`}},
		{"bad practice code", "all.csv", lines("\n", hdr, "2026-04-01,GP,Y091011,ALL,ALL,5"),
			[]string{`all.csv: row 2, CODE: "Y091011" is not a GP practice code`}},
		{"practice twice", "all.csv", lines("\n", hdr, "2026-04-01,GP,Y09101,ALL,ALL,5", "2026-04-01,GP,Y09101,ALL,ALL,6"),
			[]string{"all.csv: row 3, CODE: Y09101 already has a list size on row 2"}},
		{"no patients column", "all.csv", localFixture(t, "bad/listsizes-no-patients.csv"),
			[]string{"all.csv: no NUMBER_OF_PATIENTS column (is this a list-size file"}},
		{"no code column", "all.csv", lines("\n", "PRACTICE,NUMBER_OF_PATIENTS", "Y09101,5"),
			[]string{"all.csv: no CODE column"}},
		{"only per-sex rows", "all.csv", localFixture(t, "bad/listsizes-only-breakdown.csv"),
			[]string{"all.csv: no practice totals"}},
		{"empty", "all.csv", []byte(utf8BOM), []string{"all.csv: file is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadListSizes(tt.file, tt.data)
			wantErr(t, err, tt.parts...)
			if got != nil {
				t.Errorf("rows = %v alongside an error", got)
			}
		})
	}
}

// TestReadListSizesNationalShape checks a national-size file reads whole:
// every practice once, breakdown rows skipped.
func TestReadListSizesNationalShape(t *testing.T) {
	data := nationalListSizes(6300, true)
	got, err := ReadListSizes("all.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6300 {
		t.Fatalf("got %d practices, want 6300", len(got))
	}
	if want := (ListSize{fmt.Sprintf("A%05d", 6299), patientsFor(6299), "2026-04-01"}); got[6299] != want {
		t.Errorf("last = %+v, want %+v", got[6299], want)
	}
}
