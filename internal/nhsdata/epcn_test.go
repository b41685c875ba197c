package nhsdata

import (
	"reflect"
	"testing"
)

// currentIn returns the practice codes of pcn's spells current on asOf.
func currentIn(e *EPCN, pcn, asOf string) []string {
	var out []string
	for _, m := range e.Members {
		if m.PCNCode == pcn && m.Current(asOf) {
			out = append(out, m.PracticeCode)
		}
	}
	return out
}

func TestReadEPCNCSVFixture(t *testing.T) {
	e, err := ReadEPCNCSV("epcn-core-partners.csv", sharedFixture(t, "epcn-core-partners.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Members) != 23 {
		t.Errorf("got %d spells, want 23", len(e.Members))
	}
	wantPCNs := []PCNDetail{
		{Code: "U99001", Name: "RIVERSIDE HEALTH PCN", SubICBCode: "99X", SubICBName: "NHS RIVERSIDE AND DOWNS ICB - 99X"},
		{Code: "U99002", Name: "NORTHGATE AND HILL PCN", SubICBCode: "99X", SubICBName: "NHS RIVERSIDE AND DOWNS ICB - 99X"},
		{Code: "U99004", Name: "OLD TOWN PCN", SubICBCode: "99X", SubICBName: "NHS RIVERSIDE AND DOWNS ICB - 99X"},
		{Code: "U99003", Name: "DOWNS RURAL PCN", SubICBCode: "99X", SubICBName: "NHS RIVERSIDE AND DOWNS ICB - 99X"},
	}
	if !reflect.DeepEqual(e.PCNs, wantPCNs) {
		t.Errorf("PCNs = %+v\nwant %+v", e.PCNs, wantPCNs)
	}
	riverside := []string{"Y09101", "Y09102", "Y09103", "Y09104", "Y09105", "Y09106"}
	if got := currentIn(e, "U99001", "2026-04-01"); !reflect.DeepEqual(got, riverside) {
		t.Errorf("Riverside today = %v, want %v", got, riverside)
	}
	if got := currentIn(e, "U99001", "2022-09-30"); len(got) != 7 {
		t.Errorf("Riverside on its closed practice's last day = %v, want 7 practices", got)
	}
	if got := currentIn(e, "U99004", "2026-04-01"); got != nil {
		t.Errorf("closed PCN today = %v, want none", got)
	}
	moved := Membership{
		PracticeCode: "Y09301", PracticeName: "CHALK HILL SURGERY", PCNCode: "U99004", PCNName: "OLD TOWN PCN",
		SubICBCode: "99X", SubICBName: "NHS RIVERSIDE AND DOWNS ICB - 99X", Start: "2019-07-01", End: "2023-03-31",
	}
	if e.Members[14] != moved {
		t.Errorf("ended spell = %+v\nwant %+v", e.Members[14], moved)
	}
	if got := e.Members[22].SubICBCode; got != "98Y" {
		t.Errorf("practice sub-ICB of a cross-boundary member = %q, want 98Y", got)
	}
}

func TestMembershipCurrent(t *testing.T) {
	tests := []struct {
		name       string
		start, end string
		asOf       string
		want       bool
	}{
		{"open spell", "2019-07-01", "", "2026-04-01", true},
		{"starts today", "2026-04-01", "", "2026-04-01", true},
		{"starts tomorrow", "2026-04-02", "", "2026-04-01", false},
		{"ends today", "2019-07-01", "2026-04-01", "2026-04-01", true},
		{"ended yesterday", "2019-07-01", "2026-03-31", "2026-04-01", false},
		{"no start", "", "", "2026-04-01", true},
		{"no start, ended", "", "2020-01-01", "2026-04-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Membership{Start: tt.start, End: tt.end}
			if got := m.Current(tt.asOf); got != tt.want {
				t.Errorf("Current(%s) = %v, want %v", tt.asOf, got, tt.want)
			}
		})
	}
}

func TestReadEPCNCSVShapes(t *testing.T) {
	want := []Membership{{PracticeCode: "Y09101", PracticeName: "A, B", PCNCode: "U99001", PCNName: "P",
		SubICBCode: "99X", SubICBName: "S", Start: "2019-07-01"}}
	const row = `y09101 ,"A, B",99x,S,u99001,P,99X,S,20190701,,Y`
	tests := []struct {
		name string
		data []byte
	}{
		{"CRLF with trailing blank rows", lines("\r\n", row, "", ",,,,,,,,,,", "")},
		{"BOM", append([]byte(utf8BOM), lines("\n", row)...)},
		{"no match flag", lines("\n", `Y09101,"A, B",99X,S,U99001,P,99X,S,20190701,`)},
		{"header row added by hand", lines("\n",
			"Partner Organisation Code,Partner Name,a,b,PCN Code,PCN Name,c,d,Start,End,Flag", row)},
		{"ISO dates", lines("\n", `Y09101,"A, B",99X,S,U99001,P,99X,S,2019-07-01,,Y`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ReadEPCNCSV("epcn.csv", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(e.Members, want) {
				t.Errorf("members = %+v\nwant %+v", e.Members, want)
			}
			if len(e.PCNs) != 1 || e.PCNs[0].Code != "U99001" {
				t.Errorf("PCNs = %+v, want U99001 alone", e.PCNs)
			}
		})
	}
}

func TestReadEPCNCSVErrors(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		parts []string
	}{
		{"short row", localFixture(t, "bad/epcn-short-row.csv"),
			[]string{"epcn.csv: row 2: 7 columns, expected 11"}},
		{"bad PCN code", localFixture(t, "bad/epcn-bad-pcn-code.csv"),
			[]string{`epcn.csv: row 2, column 5 (PCN code): "99001" is not a PCN code`}},
		{"bad end date", localFixture(t, "bad/epcn-bad-date.csv"),
			[]string{`epcn.csv: row 2, column 10 (end date): "2023-02-30" is not a date`}},
		{"bad partner code", lines("\n", "Y0910,A,99X,S,U99001,P,99X,S,20190701,,Y"),
			[]string{`epcn.csv: row 1, column 1 (partner code): "Y0910" is not a GP practice code`}},
		{"practice map given by mistake", sharedFixture(t, "gp-reg-pat-prac-map.csv"),
			[]string{"epcn.csv: row 1: 17 columns"}},
		{"empty", lines("\r\n", ",,,", ""), []string{"epcn.csv: no membership rows"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ReadEPCNCSV("epcn.csv", tt.data)
			wantErr(t, err, tt.parts...)
			if e != nil {
				t.Errorf("result %+v alongside an error", e)
			}
		})
	}
}
