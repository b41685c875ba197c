package pii

import "testing"

func TestScanTitles(t *testing.T) {
	runScanCases(t, []scanCase{
		{"Mrs", "saw Mrs Jones", []string{"title-name@4 Mrs J***"}},
		{"Mr dot apostrophe", "Mr. O'Brien", []string{"title-name@0 Mr. O***"}},
		{"Dr double-barrelled", "Dr Smith-Jones", []string{"title-name@0 Dr S***"}},
		{"Ms", "Ms Patel", []string{"title-name@0 Ms P***"}},
		{"Miss", "Miss Amin", []string{"title-name@0 Miss A***"}},
		{"Mx", "Mx Taylor", []string{"title-name@0 Mx T***"}},
		{"Master", "Master Ali", []string{"title-name@0 Master A***"}},
		{"initial", "Mrs J Jones", []string{"title-name@0 Mrs J***"}},
		{"dot no space", "Dr.Smith", []string{"title-name@0 Dr. S***"}},
		{"non-ASCII capital", "Ms Ødegaard", []string{"title-name@0 Ms Ø***"}},
		{"after punctuation", "(Mr Khan)", []string{"title-name@1 Mr K***"}},
		{"two", "Mr A and Mrs B", []string{"title-name@0 Mr A***", "title-name@9 Mrs B***"}},

		{"lower-case word", "the Dr said", nil},
		{"at the end", "spoke to Mrs", nil},
		{"title then dot at end", "spoke to Mrs.", nil},
		{"inside a word", "ADr Smith", nil},
		{"glued", "MrSmith", nil},
		{"all capitals MS", "MS Teams call", nil},
		{"MR scanner", "MR Imaging", nil},
		{"lower-case title", "mrs Jones", nil},
		{"digit after", "Dr 2", nil},
		{"line break", "Mrs\nJones", nil},
	}, Options{})
}
