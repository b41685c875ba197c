package domain

import (
	"strings"
	"testing"
	"time"
)

func TestPeriodOf(t *testing.T) {
	tests := []struct {
		date string
		want string
	}{
		{"2026-04-01", "2026/27 Q1"},
		{"2026-06-30", "2026/27 Q1"},
		{"2026-07-01", "2026/27 Q2"},
		{"2026-11-22", "2026/27 Q3"},
		{"2026-12-31", "2026/27 Q3"},
		{"2027-01-01", "2026/27 Q4"},
		{"2027-03-31", "2026/27 Q4"},
		{"1999-12-31", "1999/00 Q3"},
	}
	for _, tt := range tests {
		d, _ := time.Parse(time.DateOnly, tt.date)
		if got := PeriodOf(d).String(); got != tt.want {
			t.Errorf("PeriodOf(%s) = %s, want %s", tt.date, got, tt.want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	good := map[string]Period{
		"2026/27 Q3":   {2026, 3},
		" 2025/26 q1 ": {2025, 1},
		"1999/00 Q4":   {1999, 4},
	}
	for in, want := range good {
		got, err := ParsePeriod(in)
		if err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2026/27", "2026/28 Q1", "2026-27 Q1", "2026/27 Q5", "2026/27 Q", "26/27 Q1", "2026/27 Q12", "abcd/ef Q1"} {
		if _, err := ParsePeriod(in); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", in)
		}
	}
	p := Period{2026, 4}
	if p.Next() != (Period{2027, 1}) || !p.Before(p.Next()) || p.Next().Before(p) {
		t.Errorf("Next/Before wrong")
	}
	if p.FinancialYear() != "2026/27" {
		t.Errorf("FinancialYear = %s", p.FinancialYear())
	}
}

func TestCodes(t *testing.T) {
	for _, c := range []string{"N81002", "Y01262", "A00001"} {
		if !ValidPracticeCode(c) {
			t.Errorf("%s should be a practice code", c)
		}
	}
	for _, c := range []string{"n81002", "N8100", "N810022", "U5123A", "81002N", ""} {
		if ValidPracticeCode(c) {
			t.Errorf("%s should not be a practice code", c)
		}
	}
	if !ValidPCNCode("U51234") || ValidPCNCode("U5123") || ValidPCNCode("N51234") {
		t.Errorf("PCN code check wrong")
	}
	if NormaliseCode("  u51234\t") != "U51234" {
		t.Errorf("NormaliseCode did not trim and upper-case")
	}
}

func TestStatus(t *testing.T) {
	s := Green
	for range 4 {
		s = s.Next()
	}
	if s != Green {
		t.Errorf("four Next() calls should come back to green, got %s", s)
	}
	if _, err := ParseStatus("Green"); err == nil {
		t.Errorf("status words are exact")
	}
	for _, st := range Statuses {
		if st.Label() == "" || st.Word() == "" {
			t.Errorf("%s has no words", st)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"pcn code", PCN{Code: "X1", Name: "n"}.Validate("pcn"), "pcn.code"},
		{"pcn name", PCN{Code: "U12345"}.Validate("pcn"), "pcn.name"},
		{"practice code", Practice{ODSCode: "1"}.Validate("p[0]"), "p[0].ods_code"},
		{"list size", Practice{ODSCode: "A12345", ListSize: -1}.Validate("p[0]"), "p[0].list_size"},
		{"list size too big", Practice{ODSCode: "A12345", ListSize: MaxListSize + 1}.Validate("p[0]"), "p[0].list_size"},
		{"list size max int", Practice{ODSCode: "A12345", ListSize: 1<<63 - 1}.Validate("p[0]"), "p[0].list_size"},
		{"status", Service{Key: "k", Status: "blue"}.Validate("s[1]"), "s[1].status"},
		{"severity", Note{Category: "it", Severity: 0, Date: "2026-01-01"}.Validate("w[2]"), "w[2].severity"},
		{"date", Note{Category: "it", Severity: 1, Date: "2026-02-30"}.Validate("w[2]"), "w[2].date"},
		{"theme", Priority{Title: "t"}.Validate("pr[0]"), "pr[0].theme"},
		{"ranks", ValidateRanks("priorities", []Priority{{Rank: 1}, {Rank: 1}}), "priorities[1].rank"},
	}
	for _, tt := range tests {
		if tt.err == nil || !strings.HasPrefix(tt.err.Error(), tt.want+": ") {
			t.Errorf("%s: err = %v, want one starting %q", tt.name, tt.err, tt.want)
		}
	}
	if err := (Note{Category: "it", Severity: 3, Date: "2026-02-28", Text: "x"}).Validate("w"); err != nil {
		t.Errorf("valid note refused: %v", err)
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2026/27 Q3", "", "9999/00 Q1", "2026/27 q4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		back, err := ParsePeriod(p.String())
		if err != nil || back != p {
			t.Fatalf("%q parsed to %v, which does not round-trip", s, p)
		}
	})
}

func TestTidyName(t *testing.T) {
	tests := map[string]string{
		"DOWNS RURAL PCN":                "Downs Rural PCN",
		"BRIDGE STREET SURGERY":          "Bridge Street Surgery",
		"THE PRACTICE OF HEALTH (NHS)":   "The Practice of Health (NHS)",
		"O'BRIEN-SMITH MEDICAL CENTRE":   "O'Brien-Smith Medical Centre",
		"CASTLE VIEW & HARBOUR GP GROUP": "Castle View & Harbour GP Group",
		"Riverside Health PCN":           "Riverside Health PCN",
		"UNIT 4, 12 HIGH STREET":         "Unit 4, 12 High Street",
		"ST. ANNE'S PRACTICE":            "St. Anne's Practice",
		"D'ARCY HOUSE":                   "D'Arcy House",
		"":                               "",
	}
	for in, want := range tests {
		if got := TidyName(in); got != want {
			t.Errorf("TidyName(%q) = %q, want %q", in, got, want)
		}
	}
}
