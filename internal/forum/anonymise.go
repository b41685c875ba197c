package forum

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// Label returns the anonymous label for the i-th PCN (from 0) in code order:
// "PCN A" … "PCN Z", then "PCN AA", "PCN AB" … as spreadsheet columns run.
// Labels come from sorted codes, so the same set of PCNs always gets the
// same labels whatever order the files were read in.
func Label(i int) string {
	var b []byte
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return "PCN " + string(b)
}

// refs names the counted PCNs for the quoted sections: by name and code,
// or, when anonymising, by label alone. docs are in code order.
type refs struct {
	byCode    map[string]pcnjson.Ref
	scrubbers map[string]*strings.Replacer
	anonymise bool
}

func newRefs(docs []*pcnjson.Document, anonymise bool) refs {
	r := refs{byCode: make(map[string]pcnjson.Ref, len(docs)), anonymise: anonymise}
	if anonymise {
		r.scrubbers = make(map[string]*strings.Replacer, len(docs))
	}
	for i, d := range docs {
		if anonymise {
			r.byCode[d.PCN.Code] = pcnjson.Ref{Label: Label(i)}
			r.scrubbers[d.PCN.Code] = scrubber(d, Label(i))
			continue
		}
		label := d.PCN.Name
		if label == "" {
			label = d.PCN.Code
		}
		r.byCode[d.PCN.Code] = pcnjson.Ref{Label: label, Code: d.PCN.Code}
	}
	return r
}

// of returns the Ref for a counted PCN's code.
func (r refs) of(code string) pcnjson.Ref {
	return r.byCode[code]
}

// label returns the anonymous label of code, or "" when not anonymising.
func (r refs) label(code string) string {
	if !r.anonymise {
		return ""
	}
	return r.byCode[code].Label
}

// scrub returns text as quoted for code's PCN: unchanged, or when
// anonymising with the PCN's own name, code, place, director and practice
// names replaced, since directors often name themselves ("Riverside is
// delivering…"). It is a best effort: other identifying detail in free
// text stays the author's to leave out, and the pack's notes say so.
func (r refs) scrub(code, text string) string {
	if s := r.scrubbers[code]; s != nil {
		return s.Replace(text)
	}
	return text
}

// scrubber replaces d's identifying names with label (the PCN's) or "a
// member practice", longest first so that "Riverside Health PCN" goes
// whole before "Riverside" could match inside it.
func scrubber(d *pcnjson.Document, label string) *strings.Replacer {
	type pair struct{ old, new string }
	var pairs []pair
	add := func(old, new string) {
		if len(strings.TrimSpace(old)) >= 3 { // "A" or "Dr" would shred ordinary words
			pairs = append(pairs, pair{old, new})
		}
	}
	add(d.PCN.Name, label)
	add(d.PCN.Code, label)
	add(d.PCN.Place, label) // "Riverside is delivering": the place often names the PCN
	add(d.PCN.ClinicalDirector, "the clinical director")
	for _, p := range d.Practices {
		add(p.Name, "a member practice")
		add(p.ODSCode, "a member practice")
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		return cmp.Or(cmp.Compare(len(b.old), len(a.old)), strings.Compare(a.old, b.old))
	})
	args := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		args = append(args, p.old, p.new)
	}
	return strings.NewReplacer(args...)
}
