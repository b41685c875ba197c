// Package pcnjson is pcnvoice's two file formats, pcnvoice.submission and
// pcnvoice.forum (SPEC §4, §5), and the one way they are read and written:
// the strict decoder (I-JSON, as RFC 8785 requires: no name twice in an
// object, exact names, no lone surrogates, no number beyond ±(2^53−1),
// bounded depth and size), the RFC 8785 canonicaliser, the digest, and the
// encoders. Import, merge, verify and the app all read through it, so no two
// commands can disagree about a file.
//
// A document is read from its canonical form, not from the file's text: the
// digest covers the canonical form, so two files with one digest are one
// document however each was spelled.
package pcnjson

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Format and Version identify the submission format.
const (
	Format  = "pcnvoice.submission"
	Version = 1
	// MaxSize is the largest submission file read (SPEC §4); bigger ones
	// are refused before they are read whole.
	MaxSize = 16 << 20
)

// Document is a submission as it is written to JSON. Member order here is
// the order a person reading the file sees; the digest does not depend on
// it. An optional member (workforce) is a pointer with omitempty, so that
// absent and empty stay apart; see readDocument.
type Document struct {
	Format      string            `json:"format"`
	Version     int               `json:"version"`
	Generator   string            `json:"generator"`
	GeneratedAt string            `json:"generated_at"`
	Period      string            `json:"period"`
	Revision    int               `json:"revision"`
	PCN         domain.PCN        `json:"pcn"`
	Practices   []domain.Practice `json:"practices"`
	Services    []domain.Service  `json:"services"`
	Workload    []domain.Note     `json:"workload"`
	Priorities  []domain.Priority `json:"priorities"`
	// Workforce is nil when the PCN did not report its workforce (the
	// member is absent), and points to an empty list when it reported no
	// additional-role staff (SPEC §4).
	Workforce *[]domain.Role `json:"workforce,omitempty"`
	Statement string         `json:"statement"`
	Digest    string         `json:"digest,omitempty"`
}

// FromSnapshot builds the content of a submission from s, in canonical
// order. Generator, time, revision and digest are left for Encode's caller.
func FromSnapshot(s domain.Snapshot) Document {
	d := Document{
		Format:     Format,
		Version:    Version,
		Period:     s.Period.String(),
		PCN:        s.PCN,
		Practices:  slices.Clone(s.Practices),
		Services:   slices.Clone(s.Services),
		Workload:   slices.Clone(s.Notes),
		Priorities: slices.Clone(s.Priorities),
		Statement:  s.Statement,
	}
	if s.WorkforceReported {
		w := append([]domain.Role{}, s.Workforce...)
		d.Workforce = &w
	}
	d.PCN.Population = domain.Population(d.Practices)
	d.sort()
	return d
}

// sort puts every array in the order SPEC §4 fixes, and makes nil arrays
// empty so they encode as [] rather than null.
func (d *Document) sort() {
	if d.Practices == nil {
		d.Practices = []domain.Practice{}
	}
	if d.Services == nil {
		d.Services = []domain.Service{}
	}
	if d.Workload == nil {
		d.Workload = []domain.Note{}
	}
	if d.Priorities == nil {
		d.Priorities = []domain.Priority{}
	}
	slices.SortStableFunc(d.Practices, func(a, b domain.Practice) int { return strings.Compare(a.ODSCode, b.ODSCode) })
	slices.SortStableFunc(d.Services, func(a, b domain.Service) int { return strings.Compare(a.Key, b.Key) })
	slices.SortStableFunc(d.Workload, func(a, b domain.Note) int {
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.Category, b.Category), strings.Compare(a.Text, b.Text),
			cmp.Compare(a.Severity, b.Severity))
	})
	slices.SortStableFunc(d.Priorities, func(a, b domain.Priority) int { return cmp.Compare(a.Rank, b.Rank) })
	if d.Workforce != nil {
		if *d.Workforce == nil {
			*d.Workforce = []domain.Role{}
		}
		slices.SortStableFunc(*d.Workforce, func(a, b domain.Role) int { return strings.Compare(a.Key, b.Key) })
	}
}

// Roles is the workforce reported, nil when it was not (see Workforce).
func (d *Document) Roles() []domain.Role {
	if d.Workforce == nil {
		return nil
	}
	return *d.Workforce
}

// Snapshot turns a decoded document back into database content.
func (d *Document) Snapshot() domain.Snapshot {
	p, _ := domain.ParsePeriod(d.Period) // validated on decode
	return domain.Snapshot{
		Period:            p,
		PCN:               d.PCN,
		Practices:         slices.Clone(d.Practices),
		Services:          slices.Clone(d.Services),
		Notes:             slices.Clone(d.Workload),
		Priorities:        slices.Clone(d.Priorities),
		Workforce:         slices.Clone(d.Roles()),
		WorkforceReported: d.Workforce != nil,
		Statement:         d.Statement,
	}
}
