package pii

import "testing"

func TestScanPostcodes(t *testing.T) {
	runScanCases(t, []scanCase{
		{"spaced", "hub at TS18 1HU today", []string{"postcode@7 TS18 ***"}},
		{"no space", "TS181HU", []string{"postcode@0 TS18 ***"}},
		{"lower case", "m1 1ae", []string{"postcode@0 M1 ***"}},
		{"A9A shape", "W1A 0AX", []string{"postcode@0 W1A ***"}},
		{"AA9A shape", "SW1A 1AA", []string{"postcode@0 SW1A ***"}},
		{"AA9A no space", "sw1a1aa", []string{"postcode@0 SW1A ***"}},
		{"AA99 shape", "LS11 5AB", []string{"postcode@0 LS11 ***"}},
		{"no-break space", "NE1\u00a04LP", []string{"postcode@0 NE1 ***"}},
		{"in brackets", "(B33 8TH)", []string{"postcode@1 B33 ***"}},
		{"two", "M1 1AE, TS18 1HU", []string{"postcode@0 M1 ***", "postcode@8 TS18 ***"}},

		{"outward only", "practices in TS18 and TS19", nil},
		{"glued to a word", "XTS18 1HU", nil},
		{"inward continues", "TS18 1HUX", nil},
		{"Q first", "Q1 2ND", nil},
		{"inward C", "M1 1CA", nil},
		{"quarter and year", "Q3 2025", nil},
		{"two spaces", "TS18  1HU", []string{"postcode@0 TS18 ***"}},
		{"three spaces", "TS18   1HU", nil},
	}, Options{})
}

func TestScanAllowedPostcodes(t *testing.T) {
	opt := Options{AllowedPostcodes: []string{"ts18 1hu", " SW1A1AA ", "M1  1AE"}}
	runScanCases(t, []scanCase{
		{"allowed as written", "TS18 1HU", nil},
		{"allowed other spelling", "ts181hu and sw1a 1aa and m11ae", nil},
		{"not allowed", "TS18 1HU and TS19 1HU", []string{"postcode@13 TS19 ***"}},
	}, opt)
}

func TestNormalisePostcode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"TS18 1HU", "TS18 1HU"},
		{"ts181hu", "TS18 1HU"},
		{"  sw1a   1aa ", "SW1A 1AA"},
		{"M1\t1AE", "M1 1AE"},
		{"TS1", "TS1"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := NormalisePostcode(tc.in); got != tc.want {
				t.Errorf("NormalisePostcode(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
