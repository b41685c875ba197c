package pcnjson

import (
	"fmt"

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
	fields := []pii.Field{{Path: prefix + "statement", Text: d.Statement}}
	for i, s := range d.Services {
		fields = append(fields, pii.Field{Path: fmt.Sprintf("%sservices[%d].note", prefix, i), Text: s.Note})
	}
	for i, n := range d.Workload {
		fields = append(fields, pii.Field{Path: fmt.Sprintf("%sworkload[%d].text", prefix, i), Text: n.Text})
	}
	for i, p := range d.Priorities {
		fields = append(fields,
			pii.Field{Path: fmt.Sprintf("%spriorities[%d].title", prefix, i), Text: p.Title},
			pii.Field{Path: fmt.Sprintf("%spriorities[%d].ask", prefix, i), Text: p.Ask},
			pii.Field{Path: fmt.Sprintf("%spriorities[%d].rationale", prefix, i), Text: p.Rationale},
		)
	}
	return fields
}
