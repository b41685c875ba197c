package report

import (
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/change"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// sinceView is what the submission paper says of the last period the PCN
// exported before this one (SPEC §14): each service's status then beside
// its status now, and a line counting the moves. Nil when history has no
// earlier period.
type sinceView struct {
	Period   string
	Revision int
	Line     string
}

// since compares d's services with prev's, the last submission of an
// earlier period, through the one change model. prev of the same or a
// later period is not a previous period, and is left out.
func (v *view) since(d, prev *pcnjson.Document, cfg *config.Config) {
	if prev == nil {
		return
	}
	was, errW := domain.ParsePeriod(prev.Period)
	now, errN := domain.ParsePeriod(d.Period)
	if errW != nil || errN != nil || !was.Before(now) {
		return
	}
	c := change.Diff(prev, d, change.Options{CompareServices: cfg.CompareServices})
	moved := map[string]change.Service{}
	for _, s := range c.Services {
		moved[s.Key] = s
	}
	var worse, better, other, added, same int
	for i := range v.Services {
		r := &v.Services[i]
		s, ok := moved[r.Key]
		switch {
		case !ok || !s.StatusChanged() && s.Change == change.Changed:
			r.Was = r.Status
			same++
		case s.Change == change.Added:
			r.New = true
			added++
		default:
			r.Was = domain.Status(clean(string(s.Then.Status)))
			switch {
			case change.Worse(s.Then.Status, s.Now.Status):
				worse++
			case change.Better(s.Then.Status, s.Now.Status):
				better++
			default:
				other++
			}
		}
	}
	gone := 0
	for _, s := range c.Services {
		if s.Change == change.Removed {
			gone++
		}
	}
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(worse, "worse")
	add(better, "better")
	add(other, "moved to or from not started")
	add(added, "new this period")
	add(same, "unchanged")
	add(gone, "no longer listed")
	line := "No services then or now."
	if len(parts) > 0 {
		line = "Services: " + strings.Join(parts, ", ") + "."
	}
	v.Since = &sinceView{Period: clean(prev.Period), Revision: prev.Revision, Line: line}
}

// WasText is the service's status in the previous period, for the status
// column: "amber", or "new" for a service that period did not list.
func (r serviceRow) WasText() string {
	if r.New {
		return "new"
	}
	return r.Was.Word()
}

// Moved reports whether the service's status is not what it was.
func (r serviceRow) Moved() bool { return r.New || r.Was != r.Status }

// mdSince says, before the service table, which period each status is
// set beside, and returns the status column's heading.
func mdSince(b *strings.Builder, v *view) string {
	if v.Since == nil {
		return "Status"
	}
	fmt.Fprintf(b, "Each status is shown beside the service's status in %s (revision %d), the last period this PCN exported before this one. %s\n\n",
		MarkdownCell(v.Since.Period), v.Since.Revision, MarkdownCell(v.Since.Line))
	return "Status: " + MarkdownCell(v.Since.Period) + " → now"
}
