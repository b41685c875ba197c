package pii

import "testing"

func TestScanDatesOfBirth(t *testing.T) {
	runScanCases(t, []scanCase{
		// Each keyword.
		{"DOB", "DOB 12/03/1954", []string{"dob@0 DOB **/**/1954"}},
		{"dob lower case", "pt dob 12/03/1954", []string{"dob@3 dob **/**/1954"}},
		{"D.O.B.", "D.O.B. 12/03/1954", []string{"dob@0 D.O.B. **/**/1954"}},
		{"d.o.b. dotted date", "d.o.b. 12.3.54", []string{"dob@0 d.o.b. **.*.54"}},
		{"D. O. B.", "D. O. B.: 1/2/1960", []string{"dob@0 D. O. B. */*/1960"}},
		{"date of birth", "date of birth: 1954-03-12", []string{"dob@0 date of birth ****-**-12"}},
		{"Date Of Birth over lines", "Date of\nbirth -\n12/03/1954", []string{"dob@0 Date of birth **/**/1954"}},
		{"born", "born 3 March 1950", []string{"dob@0 born * March 1950"}},
		{"born on the", "Born on the 3rd of March, 1950", []string{"dob@0 Born *rd of March, 1950"}},
		{"DOB glued", "DOB12/03/1954", []string{"dob@0 DOB **/**/1954"}},
		{"DOB in brackets", "Jo (DOB: 12/03/1954)", []string{"dob@4 DOB **/**/1954"}},
		{"date of birth is", "her date of birth is 12 Mar 1954", []string{"dob@4 date of birth ** Mar 1954"}},

		// Each date style.
		{"d/m/yy", "DOB 3/3/54", []string{"dob@0 DOB */*/54"}},
		{"dd-mm-yyyy", "DOB 12-03-1954", []string{"dob@0 DOB **-**-1954"}},
		{"dd.mm.yyyy", "DOB 12.03.1954", []string{"dob@0 DOB **.**.1954"}},
		{"yyyy/m/d", "DOB 1954/3/12", []string{"dob@0 DOB ****/*/12"}},
		{"3rd Mar 1950", "born 3rd Mar 1950", []string{"dob@0 born *rd Mar 1950"}},
		{"dd Mon yy", "DOB 12 Mar 54", []string{"dob@0 DOB ** Mar 54"}},
		{"clinical system", "DOB: 12-Mar-1954", []string{"dob@0 DOB **-Mar-1954"}},
		{"clinical upper", "DOB 12-MAR-54", []string{"dob@0 DOB **-MAR-54"}},
		{"slashed month name", "DOB 12/Mar/1954", []string{"dob@0 DOB **/Mar/1954"}},
		{"month first", "born March 3, 1950", []string{"dob@0 born March *, 1950"}},
		{"month first ordinal", "born Mar 3rd 1950", []string{"dob@0 born Mar *rd 1950"}},
		{"month and year", "born March 1950", []string{"dob@0 born March 1950"}},
		{"abbreviated with dot", "born Sept. 1950", []string{"dob@0 born Sept. 1950"}},
		{"impossible date still blocks", "DOB 31/02/1950", []string{"dob@0 DOB **/**/1950"}},

		// Not dates of birth.
		{"date without keyword", "reviewed 12/03/2025", nil},
		{"keyword without date", "DOB not recorded", nil},
		{"year alone", "born in 1950", nil},
		{"too far away", "DOB was recorded as 12/03/1954", nil},
		{"newborn", "newborn 12/03/2025 checks", nil},
		{"stubborn", "stubborn 3 March 2025", nil},
		{"Dobson", "Dobson 12/03/2025", nil},
		{"date continues", "DOB 12/03/19545", nil},
		{"two-part date", "born 12/03", nil},
	}, Options{})
}

func TestScanAges(t *testing.T) {
	runScanCases(t, []scanCase{
		{"aged", "man aged 84 with", []string{"age@4 aged 84"}},
		{"Aged years", "Aged 84 years, lives alone", []string{"age@0 aged 84"}},
		{"aged and", "aged 84 and lives alone", []string{"age@0 aged 84"}},
		{"at the end", "a woman aged 101", []string{"age@8 aged 101"}},
		{"cohort and over", "patients aged 65 and over", nil},
		{"cohort years and over", "patients aged 65 years and over", nil},
		{"cohort or older", "aged 75 or older", nil},
		{"cohort plus sign", "aged 75+ invited", nil},
		{"cohort range", "aged 18-64", nil},
		{"cohort en dash", "aged 18–64", nil},
		{"cohort to", "aged 16 to 25", nil},
		{"cohort and number", "aged 40 and 74", nil},
		{"no number", "aged care", nil},
		{"over", "aged over 75", nil},
		{"too many digits", "aged 1234", nil},
		{"not a word", "outraged 84 times", nil},
		{"with dob", "born 3 March 1950, aged 75", []string{"dob@0 born * March 1950", "age@19 aged 75"}},
	}, Options{})
}
