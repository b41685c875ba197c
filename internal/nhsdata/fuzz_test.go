package nhsdata

import (
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// The fuzz targets feed the readers arbitrary bytes. Besides not panicking,
// every reader must either fail with a one-line error that starts with the
// file's name, or return rows that hold the promises its doc makes.

const fuzzName = "fuzz.csv"

func checkFuzzErr(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, fuzzName+": ") {
		t.Errorf("error does not start with the file name: %q", msg)
	}
	if strings.ContainsAny(msg, "\r\n") {
		t.Errorf("error is not one line: %q", msg)
	}
}

func validDateOrEmpty(s string) bool { return s == "" || domain.ValidDate(s) }

func addSharedSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		f.Add(sharedFixture(f, n))
	}
}

func FuzzDetect(f *testing.F) {
	addSharedSeeds(f, "gp-reg-pat-prac-map.csv", "gp-reg-pat-prac-all.csv", "epcn-core-partners.csv", "ePCN.xlsx")
	f.Add([]byte(`{"format":"pcnvoice-submission"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Whatever Detect says, the matching reader must cope with the file.
		var err error
		switch Detect(data) {
		case PracticeMap:
			_, err = ReadPracticeMap(fuzzName, data)
		case ListSizes:
			_, err = ReadListSizes(fuzzName, data)
		case EPCNCSV:
			_, err = ReadEPCNCSV(fuzzName, data)
		case EPCNWorkbook:
			_, err = ReadEPCNWorkbook(fuzzName, data)
		}
		checkFuzzErr(t, err)
	})
}

func FuzzReadPracticeMap(f *testing.F) {
	addSharedSeeds(f, "gp-reg-pat-prac-map.csv")
	f.Add([]byte("PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME\nY09101,A,U99001,P\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadPracticeMap(fuzzName, data)
		checkFuzzErr(t, err)
		if err == nil && len(rows) == 0 {
			t.Error("no rows and no error")
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if !domain.ValidPracticeCode(r.PracticeCode) || seen[r.PracticeCode] {
				t.Errorf("practice code %q invalid or repeated", r.PracticeCode)
			}
			seen[r.PracticeCode] = true
			if r.PCNCode != "" && !domain.ValidPCNCode(r.PCNCode) {
				t.Errorf("PCN code %q invalid", r.PCNCode)
			}
		}
	})
}

func FuzzReadListSizes(f *testing.F) {
	addSharedSeeds(f, "gp-reg-pat-prac-all.csv", "gp-reg-pat-prac-all-2021.csv")
	f.Add([]byte("CODE,NUMBER_OF_PATIENTS\nY09101,25\n"))
	f.Add([]byte("CODE,NUMBER_OF_PATIENTS\nY09101,9223372036854775807\n"))
	f.Add([]byte("CODE,NUMBER_OF_PATIENTS\nY09101,\"1,000,001\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sizes, err := ReadListSizes(fuzzName, data)
		checkFuzzErr(t, err)
		if err == nil && len(sizes) == 0 {
			t.Error("no rows and no error")
		}
		for _, s := range sizes {
			if !domain.ValidPracticeCode(s.PracticeCode) || s.Patients < 0 || s.Patients > domain.MaxListSize || !validDateOrEmpty(s.ExtractDate) {
				t.Errorf("bad list size %+v", s)
			}
		}
	})
}

// checkEPCN holds the promises of both ePCN readers.
func checkEPCN(t *testing.T, e *EPCN, err error) {
	t.Helper()
	checkFuzzErr(t, err)
	if err != nil {
		return
	}
	if len(e.Members) == 0 {
		t.Error("no memberships and no error")
	}
	for _, m := range e.Members {
		if !domain.ValidPracticeCode(m.PracticeCode) || !domain.ValidPCNCode(m.PCNCode) ||
			!validDateOrEmpty(m.Start) || !validDateOrEmpty(m.End) {
			t.Errorf("bad membership %+v", m)
		}
	}
	for _, p := range e.PCNs {
		if !domain.ValidPCNCode(p.Code) || !validDateOrEmpty(p.Open) || !validDateOrEmpty(p.Close) {
			t.Errorf("bad PCN %+v", p)
		}
	}
}

func FuzzReadEPCNCSV(f *testing.F) {
	addSharedSeeds(f, "epcn-core-partners.csv")
	f.Add([]byte("Y09101,A,99X,S,U99001,P,99X,S,20190701,,Y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ReadEPCNCSV(fuzzName, data)
		checkEPCN(t, e, err)
	})
}

func FuzzReadEPCNWorkbook(f *testing.F) {
	addSharedSeeds(f, "ePCN.xlsx")
	// Workbooks of other shapes, so mutations start from inline strings,
	// date cells and the 1904 date system too.
	f.Add(foreignWorkbook(f, ""))
	f.Add(buildWorkbook(f, true, sheet{"PCNDetails", [][]any{{"PCN Code", "PCN Name", "Open Date"}, {"U99001", "A PCN", 20190701}}},
		sheet{"PCN Core Partner Details", [][]any{partnerHeader,
			partnerRow("Y09101", "U99001", time.Date(2019, 7, 1, 0, 0, 0, 0, time.UTC), "20230331")}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ReadEPCNWorkbook(fuzzName, data)
		checkEPCN(t, e, err)
	})
}
