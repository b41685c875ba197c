package pcnjson

import (
	"strconv"

	"github.com/pcnvoice/pcnvoice/internal/pii"
)

// FreeText lists the members a person typed freely, named as the file names
// them, for the patient-data guard. Names of the PCN, its director and its
// practices are public and left out: "Dr Patel" is the director, not a patient.
// prefix, if not empty, goes before each path (a PCN code in a merge).
func (d *Document) FreeText(prefix string) []pii.Field {
	if prefix != "" {
		prefix += " "
	}
	// Paths are joined by hand, not by fmt: a national merge names a
	// hundred thousand of them.
	at := func(list string, i int, member string) string {
		return prefix + list + "[" + strconv.Itoa(i) + "]." + member
	}
	fields := make([]pii.Field, 0, 1+len(d.Services)+len(d.Workload)+3*len(d.Priorities))
	fields = append(fields, pii.Field{Path: prefix + "statement", Text: d.Statement})
	for i, s := range d.Services {
		fields = append(fields, pii.Field{Path: at("services", i, "note"), Text: s.Note})
	}
	for i, n := range d.Workload {
		fields = append(fields, pii.Field{Path: at("workload", i, "text"), Text: n.Text})
	}
	for i, p := range d.Priorities {
		fields = append(fields,
			pii.Field{Path: at("priorities", i, "title"), Text: p.Title},
			pii.Field{Path: at("priorities", i, "ask"), Text: p.Ask},
			pii.Field{Path: at("priorities", i, "rationale"), Text: p.Rationale},
		)
	}
	return fields
}
