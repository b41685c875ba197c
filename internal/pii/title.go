package pii

import (
	"unicode"
	"unicode/utf8"
)

// titlePattern matches a courtesy title followed by a capitalised word:
// "Mrs Jones", "Mr. O'Brien", "Dr Smith-Jones", "Mrs J Jones", "Ms Ødegaard".
//
// Titles must be written as titles (capital first letter, the rest lower
// case): "MS Teams", "MR scanner" and "DR screening" are everyday NHS text
// and not people. "Dr" before a capital still warns even though it is
// usually a clinician: a warning is cheap, and the guard cannot tell a GP
// from a patient.
var titlePattern = lazyRegexp(
	`^(Mrs|Mr|Ms|Miss|Mx|Dr|Master)(?:\.[ \t]{0,3}|[ \t]{1,3})(\p{Lu})`)

// titleWindow is longer than any match ("Master." and three spaces and a
// four-byte capital is 14 bytes).
const titleWindow = 32

// scanTitles warns about each title followed by a name. The name is
// masked to its initial: the user knows whom they wrote about, and the
// finding may end up in a log.
func scanTitles(out []Finding, f Field) []Finding {
	s := f.Text
	for i := 0; i < len(s); i++ {
		if s[i] != 'M' && s[i] != 'D' {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 &&
			(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_') {
			continue // the title must not end a word ("ADr Smith")
		}
		m := matchAt(titlePattern(), s, i, titleWindow)
		if m == nil {
			continue
		}
		title := s[m[2]:m[3]]
		if s[m[3]] == '.' {
			title += "."
		}
		out = append(out, newFinding(f, Warn, KindTitleName, title+" "+s[m[4]:m[5]]+"***", span{i, m[1]},
			"a title and name (%q), perhaps a patient's"))
		i = m[1] - 1
	}
	return out
}
