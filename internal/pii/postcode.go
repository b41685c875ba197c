package pii

import (
	"strings"
)

// postcodePattern matches a full UK postcode in any case, with no space
// or up to two spaces (of any kind, once read) between the outward and
// inward codes. The letter classes follow Royal Mail's rules (no Q, V or X first;
// no I, J or Z second; restricted letters in the A9A and AA9A shapes; no
// C, I, K, M, O or V in the inward code), which keeps prose such as
// "Q1 2ND" or "pt1 1CM" from looking like an address.
//
// An outward code alone ("TS18") is a district, not an address, and is
// not matched.
var postcodePattern = lazyRegexp(`^(?i)(` +
	`[A-PR-UWYZ][0-9][0-9]?` +
	`|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?` +
	`|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]` +
	`|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]` +
	`) {0,2}([0-9][ABD-HJLNP-UW-Z]{2})\b`)

// postcodeWindow is longer than any match (at most 11 bytes).
const postcodeWindow = 24

// scanPostcodes warns about full postcodes that are not in allowed, the
// set of member practices' postcodes in normalised form. A postcode starts
// a word with one or two letters and then a digit.
func scanPostcodes(out []Finding, f Field, allowed map[string]bool) []Finding {
	s := f.Text
	for i := 0; i+5 <= len(s); i++ {
		if !isLetter(s[i]) || !wordStart(s, i) ||
			!(isDigit(s[i+1]) || isLetter(s[i+1]) && isDigit(s[i+2])) {
			continue
		}
		m := matchAt(postcodePattern(), s, i, postcodeWindow)
		if m == nil {
			continue
		}
		i = m[1] - 1
		outward := strings.ToUpper(s[m[2]:m[3]])
		inward := strings.ToUpper(s[m[4]:m[5]])
		if allowed[outward+" "+inward] {
			continue
		}
		out = append(out, newFinding(f, Warn, KindPostcode, outward+" ***", span{m[0], m[1]},
			"a full postcode (%q) that is not a member practice's"))
	}
	return out
}

// NormalisePostcode gives the form postcodes are compared in: upper case,
// no space but one before the three-character inward code. "ts181hu",
// " TS18  1HU " and "TS18 1HU" all give "TS18 1HU". Text too short to hold
// an inward code is returned upper-cased and without spaces.
func NormalisePostcode(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(s) <= 3 {
		return s
	}
	return s[:len(s)-3] + " " + s[len(s)-3:]
}

// allowSet builds the set scanPostcodes checks against.
func allowSet(postcodes []string) map[string]bool {
	if len(postcodes) == 0 {
		return nil
	}
	set := make(map[string]bool, len(postcodes))
	for _, p := range postcodes {
		set[NormalisePostcode(p)] = true
	}
	return set
}
