package nhsdata

import (
	"bytes"
	"maps"
	"testing"
)

// TestSharedFixturesAgree holds the facts testdata/nhs/README.md promises
// the CLI tests: the map and the ePCN data agree on today's memberships,
// and the files keep the habits of real downloads.
func TestSharedFixturesAgree(t *testing.T) {
	rows, err := ReadPracticeMap("gp-reg-pat-prac-map.csv", sharedFixture(t, "gp-reg-pat-prac-map.csv"))
	if err != nil {
		t.Fatal(err)
	}
	fromMap := map[string]string{}
	for _, r := range rows {
		if r.PCNCode != "" {
			fromMap[r.PracticeCode] = r.PCNCode
		}
	}
	for _, file := range []string{"epcn-core-partners.csv", "ePCN.xlsx"} {
		t.Run(file, func(t *testing.T) {
			var e *EPCN
			var err error
			if Detect(sharedFixture(t, file)) == EPCNWorkbook {
				e, err = ReadEPCNWorkbook(file, sharedFixture(t, file))
			} else {
				e, err = ReadEPCNCSV(file, sharedFixture(t, file))
			}
			if err != nil {
				t.Fatal(err)
			}
			current := map[string]string{}
			for _, m := range e.Members {
				if m.Current("2026-04-01") {
					current[m.PracticeCode] = m.PCNCode
				}
			}
			if !maps.Equal(current, fromMap) {
				t.Errorf("current ePCN memberships %v\ndiffer from the map's %v", current, fromMap)
			}
		})
	}

	habits := []struct {
		file      string
		bom, crlf bool
	}{
		{"gp-reg-pat-prac-map.csv", true, true},
		{"gp-reg-pat-prac-all.csv", false, false},
		{"gp-reg-pat-prac-all-2021.csv", false, true},
		{"epcn-core-partners.csv", false, true},
	}
	for _, h := range habits {
		t.Run(h.file, func(t *testing.T) {
			data := sharedFixture(t, h.file)
			if got := bytes.HasPrefix(data, utf8BOM); got != h.bom {
				t.Errorf("BOM = %v, want %v", got, h.bom)
			}
			if got := bytes.Contains(data, []byte("\r\n")); got != h.crlf {
				t.Errorf("CRLF = %v, want %v", got, h.crlf)
			}
		})
	}
}
