package forum

import (
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
	anonymise bool
	names     *scrubber // when anonymising: every counted PCN's names
}

func newRefs(docs []*pcnjson.Document, anonymise bool) refs {
	r := refs{byCode: make(map[string]pcnjson.Ref, len(docs)), anonymise: anonymise}
	for i, d := range docs {
		if anonymise {
			r.byCode[d.PCN.Code] = pcnjson.Ref{Label: Label(i)}
			continue
		}
		label := d.PCN.Name
		if label == "" {
			label = d.PCN.Code
		}
		r.byCode[d.PCN.Code] = pcnjson.Ref{Label: label, Code: d.PCN.Code}
	}
	if anonymise {
		labels := make([]string, len(docs))
		for i := range docs {
			labels[i] = Label(i)
		}
		r.names = newScrubber(docs, labels)
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
// anonymising with every counted PCN's names replaced (see scrubber),
// code's own taking precedence where two PCNs share a name.
func (r refs) scrub(code, text string) string {
	if r.names == nil {
		return text
	}
	return r.names.scrub(code, text)
}
