package pii

import "testing"

func TestValidNHSNumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"9434765919", true},
		{"4010232137", true},
		{"4857773457", true},
		{"9876544322", true},
		{"0000000000", true},  // trap: passes the check
		{"1111111111", true},  // trap: passes the check
		{"5555555555", true},  // repeated digits can pass too
		{"9876544321", false}, // trap: the often-quoted example fails
		{"9434765918", false}, // wrong check digit
		{"1234567890", false}, // check would be 10: no valid number has this prefix
		{"9990000000", false}, // test range prefix whose check is 10
		{"9990000018", true},  // test range
		{"9999999999", true},  // test range
		{"9991234578", true},  // test range
		{"943476591", false},  // nine digits
		{"94347659190", false},
		{"943 476 5919", false}, // digits only: callers strip separators
		{"943476591a", false},
		{"", false},
		{"９４３４７６５９１９", false}, // full-width digits are not ASCII
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := ValidNHSNumber(tc.in); got != tc.want {
				t.Errorf("ValidNHSNumber(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestScanNHSNumbers(t *testing.T) {
	runScanCases(t, []scanCase{
		// Valid numbers block in every writing.
		{"spaced", "943 476 5919", []string{"nhs-number@0 943 *** **19"}},
		{"dashed", "943-476-5919", []string{"nhs-number@0 943-***-**19"}},
		{"run together", "9434765919", []string{"nhs-number@0 943*****19"}},
		{"mixed separators", "943 476-5919", []string{"nhs-number@0 943 ***-**19"}},
		{"spaced dashes", "943 - 476 - 5919", []string{"nhs-number@0 943-***-**19"}},
		{"double spaces", "943  476  5919", []string{"nhs-number@0 943 *** **19"}},
		{"no-break spaces", "943\u00a0476\u00a05919", []string{"nhs-number@0 943 *** **19"}},
		{"en dashes", "943\u2013476\u20135919", []string{"nhs-number@0 943-***-**19"}},
		{"in a sentence", "NHS no 943 476 5919 seen", []string{"nhs-number@7 943 *** **19"}},
		{"at the end", "seen: 9434765919", []string{"nhs-number@6 943*****19"}},
		{"in brackets", "(943 476 5919).", []string{"nhs-number@1 943 *** **19"}},
		{"after punctuation", "NHS:9434765919,", []string{"nhs-number@4 943*****19"}},
		{"letters before", "ref9434765919", []string{"nhs-number@3 943*****19"}},
		{"letters after", "9434765919abc", []string{"nhs-number@0 943*****19"}},
		{"after a short number", "Case 3 943 476 5919", []string{"nhs-number@7 943 *** **19"}},
		{"list of two", "9434765919 4010232137", []string{"nhs-number@0 943*****19", "nhs-number@11 401*****37"}},
		{"grouped list", "943 476 5919 401 023 2137", []string{"nhs-number@0 943 *** **19", "nhs-number@13 401 *** **37"}},
		{"followed by more digits", "943 476 5919 12", []string{"nhs-number@0 943 *** **19"}},
		{"across a line break", "943 476\n5919", nil},

		// The DOMAIN traps and the test range: they pass, so they block.
		{"zeros spaced", "000 000 0000", []string{"nhs-number@0 000 *** **00"}},
		{"zeros together", "0000000000", []string{"nhs-number@0 000*****00"}},
		{"ones", "111 111 1111", []string{"nhs-number@0 111 *** **11"}},
		{"often quoted fails", "987 654 4321", []string{"nhs-number-invalid@0 987 *** **21"}},
		{"often quoted together", "9876544321", nil},
		{"test range top", "999 999 9999", []string{"nhs-number@0 999 *** **99"}},
		{"test range", "999-000-0018", []string{"nhs-number@0 999-***-**18"}},
		{"test range together", "9991234578", []string{"nhs-number@0 999*****78"}},
		{"test range bottom fails", "999 000 0000", []string{"nhs-number-invalid@0 999 *** **00"}},

		// Grouped but failing: a mistyped NHS number still warns.
		{"typo spaced", "943 476 5918", []string{"nhs-number-invalid@0 943 *** **18"}},
		{"check of ten", "123-456-7890", []string{"nhs-number-invalid@0 123-***-**90"}},
		{"typo run together", "9434765918", nil},

		// Near misses: not ten digits, or part of a longer number.
		{"eleven digits", "19434765919", nil},
		{"eleven digits after", "94347659190", nil},
		{"twelve digits", "449434765919", nil},
		{"nine digits", "943476591", nil},
		{"grouped 3-3-5", "943 476 59191", nil},
		{"grouped 4-3-4", "1943 476 5919", nil},
		{"grouped 3-3-3", "943 476 591", nil},
		{"commas", "943,476,5919", nil},

		// Telephone numbers.
		{"domestic", "Tel 0161 943 4765", nil},
		{"domestic together", "01619434765", nil},
		{"mobile", "07700 900123", nil},
		{"international", "+44 161 943 4765", nil},
		{"international (0)", "+44 (0)161 943 4765", nil},
		{"international together", "+441619434765", nil},
		{"number then phone", "9434765919 0161 943 4765", []string{"nhs-number@0 943*****19"}},

		// Fourteen digits are no telephone number: the ten after the
		// space are read as one, as a person would.
		{"after four digits", "0161 9434765919", []string{"nhs-number@5 943*****19"}},
		{"after four digits grouped", "0161 943 476 5919", []string{"nhs-number@5 943 *** **19"}},
	}, Options{})
}
