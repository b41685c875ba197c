package pcnjson

import (
	"fmt"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Validate checks everything SPEC §4 asks of a submission's content except
// the digest: codes well formed, list sizes whole numbers from 0 to
// domain.MaxListSize, the population the sum of list sizes, statuses in
// the closed set, severities 1..3, ranks contiguous, WTE from 0 to
// domain.MaxWTE, no repeated practice, service or role. Errors are *domain.FieldError naming the member.
func (d *Document) Validate() error {
	fe := func(field, format string, args ...any) error {
		return &domain.FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if d.Format != Format {
		return fe("format", "must be %q", Format)
	}
	if d.Version != Version {
		return fe("version", "must be %d", Version)
	}
	if d.GeneratedAt != "" {
		if _, err := time.Parse(time.RFC3339, d.GeneratedAt); err != nil {
			return fe("generated_at", "%q is not an RFC 3339 time such as 2026-11-18T16:45:00Z", d.GeneratedAt)
		}
	}
	if _, err := domain.ParsePeriod(d.Period); err != nil {
		return fe("period", "%q is not a period such as \"2026/27 Q3\"", d.Period)
	}
	if d.Revision < 1 {
		return fe("revision", "must be 1 or more, got %d", d.Revision)
	}
	if err := d.PCN.Validate("pcn"); err != nil {
		return err
	}
	seen := map[string]bool{}
	// Each list size is checked before it is added, so the sum cannot
	// overflow: at most 2^63 / 10^6 practices would, and a file holds
	// fewer than 10^6.
	var sum int64
	for i, p := range d.Practices {
		if err := p.Validate("practices"); err != nil {
			return at(err, "practices", i)
		}
		if seen[p.ODSCode] {
			return fe(fmt.Sprintf("practices[%d].ods_code", i), "%s is listed twice", p.ODSCode)
		}
		seen[p.ODSCode] = true
		sum += p.ListSize
	}
	if d.PCN.Population != sum {
		return fe("pcn.population", "is %d but the practices' list sizes add up to %d", d.PCN.Population, sum)
	}
	clear(seen)
	for i, s := range d.Services {
		if err := s.Validate("services"); err != nil {
			return at(err, "services", i)
		}
		if seen[s.Key] {
			return fe(fmt.Sprintf("services[%d].key", i), "%q is listed twice", s.Key)
		}
		seen[s.Key] = true
	}
	for i, n := range d.Workload {
		if err := n.Validate("workload"); err != nil {
			return at(err, "workload", i)
		}
	}
	for i, p := range d.Priorities {
		if err := p.Validate("priorities"); err != nil {
			return at(err, "priorities", i)
		}
	}
	if err := domain.ValidateRanks("priorities", d.Priorities); err != nil {
		return err
	}
	clear(seen)
	for i, r := range d.Roles() {
		if err := r.Validate("workforce"); err != nil {
			return at(err, "workforce", i)
		}
		if seen[r.Key] {
			return fe(fmt.Sprintf("workforce[%d].role", i), "%q is listed twice: give each role one line", r.Key)
		}
		seen[r.Key] = true
	}
	return nil
}

// at puts the index i into the field an item of list was validated under
// ("workload.date" becomes "workload[3].date"): the item's own path is
// only built when it has something wrong, not for each of thousands.
func at(err error, list string, i int) error {
	if fe, ok := err.(*domain.FieldError); ok {
		if rest, ok := strings.CutPrefix(fe.Field, list); ok {
			return &domain.FieldError{Field: fmt.Sprintf("%s[%d]%s", list, i, rest), Msg: fe.Msg}
		}
	}
	return err
}
