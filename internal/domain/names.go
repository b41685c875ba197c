package domain

import (
	"strings"
	"unicode"
)

// acronyms stay in capitals when a name is tidied.
var acronyms = map[string]bool{
	"PCN": true, "NHS": true, "GP": true, "GPS": true, "ICB": true, "ICS": true, "CCG": true, "UK": true,
	"HC": true, "MC": true, "PMS": true, "GMS": true, "APMS": true, "LLP": true, "LTD": true, "CIC": true,
}

// smallWords are lower case inside a tidied name.
var smallWords = map[string]bool{"AND": true, "OF": true, "THE": true, "AT": true, "IN": true, "ON": true, "FOR": true}

// TidyName turns an all-capitals name, as ODS publishes them
// ("DOWNS RURAL PCN"), into the way people write it ("Downs Rural PCN").
// A name with any lower-case letter is the way someone chose to write it
// and is returned unchanged.
func TidyName(s string) string {
	for _, r := range s {
		if unicode.IsLower(r) {
			return s
		}
	}
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = tidyWord(w, i == 0)
	}
	return strings.Join(words, " ")
}

func tidyWord(w string, first bool) string {
	core := strings.Trim(w, "()[],.&'\"")
	switch {
	case acronyms[core] || strings.ContainsAny(core, "0123456789"):
		return w
	case smallWords[core] && !first:
		return strings.ToLower(w)
	}
	// Capitalise at the start, after a hyphen (SMITH-JONES), and after an
	// apostrophe that follows a single letter (O'BRIEN) — but not a
	// possessive (ANNE'S → Anne's).
	var b strings.Builder
	upper, letters := true, 0
	for _, r := range w {
		if upper {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		switch {
		case unicode.IsLetter(r):
			upper = false
			letters++
		case r == '\'' || r == '’':
			upper = letters == 1
		default:
			upper, letters = true, 0
		}
	}
	return b.String()
}
