package nhsdata

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	workbookWithoutPartners := buildWorkbook(t, false, sheet{"PCNDetails", [][]any{{"PCN Code", "PCN Name"}}})
	renamedSheets := buildWorkbook(t, false, sheet{" pcn core partner  details", [][]any{partnerHeader}})
	tests := []struct {
		name string
		data []byte
		want Kind
	}{
		{"practice map fixture", sharedFixture(t, "gp-reg-pat-prac-map.csv"), PracticeMap},
		{"list sizes fixture", sharedFixture(t, "gp-reg-pat-prac-all.csv"), ListSizes},
		{"2021 list sizes fixture", sharedFixture(t, "gp-reg-pat-prac-all-2021.csv"), ListSizes},
		{"ePCN CSV fixture", sharedFixture(t, "epcn-core-partners.csv"), EPCNCSV},
		{"ePCN workbook fixture", sharedFixture(t, "ePCN.xlsx"), EPCNWorkbook},
		{"workbook, sheet name in other case and spacing", renamedSheets, EPCNWorkbook},
		{"lowercase map header", lines("\n", "practice_code,practice_name,pcn_code,pcn_name"), PracticeMap},
		{"map header only, with BOM", append([]byte(utf8BOM), "PRACTICE_CODE,PCN_CODE\r\n"...), PracticeMap},
		{"list sizes, columns reordered", lines("\n", "NUMBER_OF_PATIENTS,CODE,SEX,AGE"), ListSizes},
		{"list sizes after blank lines", lines("\n", "", "", "CODE,NUMBER_OF_PATIENTS"), ListSizes},
		{"ePCN CSV without match flag", lines("\n", "Y09101,A,99X,B,U99001,C,99X,D,20190701,"), EPCNCSV},
		{"ePCN CSV with a header added", lines("\n",
			"Partner Organisation Code,Partner Name,a,b,PCN Code,c,d,e,f,g,h",
			"y09101,A,99X,B,u99001,C,99X,D,20190701,,Y"), EPCNCSV},
		{"ePCN CSV with too many columns", lines("\n", "Y09101,A,99X,B,U99001,C,99X,D,20190701,,Y,extra"), Unknown},
		{"ePCN CSV, bad PCN code", lines("\n", "Y09101,A,99X,B,X99001,C,99X,D,20190701,,Y"), Unknown},
		{"submission JSON", []byte(`{"format":"pcnvoice-submission","version":1}`), Unknown},
		{"JSON array", []byte(" [1,2]"), Unknown},
		{"JSON with CODE and NUMBER_OF_PATIENTS keys", []byte(`{"CODE":1,"NUMBER_OF_PATIENTS":2}`), Unknown},
		{"empty", nil, Unknown},
		{"white space", []byte(" \r\n\t"), Unknown},
		{"unrelated CSV", lines("\r\n", "name,email", "a,b"), Unknown},
		{"workbook without the membership sheet", workbookWithoutPartners, Unknown},
		{"truncated workbook", localFixture(t, "bad/truncated.xlsx"), Unknown},
		{"zip magic, no zip", localFixture(t, "bad/not-a-workbook.xlsx"), Unknown},
		{"binary", []byte{0, 1, 2, 0xff, 0xfe, '"', 3}, Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.data); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds() {
		s := k.String()
		if s == Unknown.String() || seen[s] {
			t.Errorf("kind %d has name %q, not distinct", k, s)
		}
		seen[s] = true
	}
	if got := PracticeMap.String(); !strings.Contains(got, "gp-reg-pat-prac-map.csv") {
		t.Errorf("PracticeMap.String() = %q, want the file name people download", got)
	}
	if len(Kinds()) != 4 {
		t.Errorf("Kinds() = %v, want the four importable kinds", Kinds())
	}
}
