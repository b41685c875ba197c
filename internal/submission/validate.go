package submission

import (
	"fmt"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Validate checks everything SPEC §4 asks of a submission's content except
// the digest: codes well formed, list sizes not negative, the population the
// sum of list sizes, statuses in the closed set, severities 1..3, ranks
// contiguous, no repeated practice or service. Errors are *domain.FieldError
// naming the member.
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
	for i, p := range d.Practices {
		if err := p.Validate(fmt.Sprintf("practices[%d]", i)); err != nil {
			return err
		}
		if seen[p.ODSCode] {
			return fe(fmt.Sprintf("practices[%d].ods_code", i), "%s is listed twice", p.ODSCode)
		}
		seen[p.ODSCode] = true
	}
	if sum := domain.Population(d.Practices); d.PCN.Population != sum {
		return fe("pcn.population", "is %d but the practices' list sizes add up to %d", d.PCN.Population, sum)
	}
	clear(seen)
	for i, s := range d.Services {
		if err := s.Validate(fmt.Sprintf("services[%d]", i)); err != nil {
			return err
		}
		if seen[s.Key] {
			return fe(fmt.Sprintf("services[%d].key", i), "%q is listed twice", s.Key)
		}
		seen[s.Key] = true
	}
	for i, n := range d.Workload {
		if err := n.Validate(fmt.Sprintf("workload[%d]", i)); err != nil {
			return err
		}
	}
	for i, p := range d.Priorities {
		if err := p.Validate(fmt.Sprintf("priorities[%d]", i)); err != nil {
			return err
		}
	}
	return domain.ValidateRanks("priorities", d.Priorities)
}
