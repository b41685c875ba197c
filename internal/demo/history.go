package demo

import (
	"context"
	"slices"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// Past is one quarter of the demo PCN's history: what it exported and when.
type Past struct {
	Snapshot domain.Snapshot
	At       time.Time
}

// trail is each service's status in the three quarters before the
// current one, oldest first: how a director would have seen them move,
// so the Services trail and the changes have a story to tell.
var trail = map[string][3]domain.Status{
	"ehch":                   {domain.Amber, domain.Green, domain.Green},
	"early-cancer-diagnosis": {domain.Green, domain.Green, domain.Green},
	"cvd-prevention":         {domain.Green, domain.Amber, domain.Amber},
	"health-inequalities":    {domain.Amber, domain.Amber, domain.Red},
	"enhanced-access":        {domain.Green, domain.Green, domain.Green},
	"population-health":      {domain.Amber, domain.Amber, domain.Amber},
	"proactive-care":         {domain.NotStarted, domain.Amber, domain.Amber},
	"continuity-of-care":     {domain.NotStarted, domain.NotStarted, domain.Amber},
	"care-home-vaccination":  {domain.NotStarted, domain.Green, domain.Green},
	"neighbourhood-team":     {domain.NotStarted, domain.NotStarted, domain.NotStarted},
}

// History returns the demo PCN's last three quarters, oldest first, each
// as exported a fortnight before the quarter ended, and the current
// quarter as it was exported eight days ago: the statuses moved as trail
// says, notes came and went, priorities were re-ranked. The current
// content (Snapshot) has moved on since that export: population health
// went red and the last week's notes were written.
func History(cfg *config.Config, now time.Time) (past []Past, exported Past) {
	cur := Snapshot(cfg, now)
	period := cur.Period
	var periods []domain.Period
	for p, i := prev(period), 0; i < 3; p, i = prev(p), i+1 {
		periods = append(periods, p)
	}
	slices.Reverse(periods)
	for i, p := range periods {
		end := start(p.Next())
		at := end.AddDate(0, 0, -14).Add(17 * time.Hour)
		s := Snapshot(cfg, at)
		s.Period = p
		s.Services = nil
		for _, e := range cfg.ActiveServices(p.Year) {
			st, ok := trail[e.Key]
			if !ok {
				st[i] = domain.NotStarted
			}
			s.Services = append(s.Services, domain.Service{Key: e.Key, Name: e.Name, Status: st[i], Note: noteFor(cur, e.Key, i)})
		}
		// Fewer notes the further back; the priorities' order settled
		// over the year (data rose as frailty work began).
		s.Notes = s.Notes[:len(s.Notes)-3+i]
		if i < 2 {
			s.Priorities[1].Rank, s.Priorities[2].Rank = 3, 2
			slices.SortFunc(s.Priorities, func(a, b domain.Priority) int { return a.Rank - b.Rank })
		}
		// Care coordinators left for the ICB's hub over the autumn; a
		// pharmacist left in the summer.
		s.Workforce = slices.Clone(s.Workforce)
		for j := range s.Workforce {
			r := &s.Workforce[j]
			switch {
			case r.Key == "care-coordinator" && i < 2:
				r.InPost, r.Recruiting, r.Note = 400, 0, ""
			case r.Key == "care-coordinator":
				r.InPost, r.Recruiting, r.Note = 330, 70, "One left for the ICB's new frailty hub."
			case r.Key == "clinical-pharmacist" && i < 2:
				r.InPost, r.Recruiting, r.Note = 400, 0, ""
			}
		}
		if i == 0 {
			s.Priorities = s.Priorities[:4]
			s.Statement = "Riverside is delivering, but on goodwill."
		}
		past = append(past, Past{Snapshot: s, At: at})
	}
	// The export of a week ago: the current content before population
	// health went red and the notes of the last week were written.
	at := now.AddDate(0, 0, -8).Truncate(time.Hour)
	was := Snapshot(cfg, now)
	was.Services = slices.Clone(was.Services)
	for i := range was.Services {
		if was.Services[i].Key == "population-health" {
			was.Services[i].Status = domain.Amber
		}
	}
	was.Notes = slices.DeleteFunc(slices.Clone(was.Notes), func(n domain.Note) bool { return n.Date >= at.Format(time.DateOnly) })
	return past, Past{Snapshot: was, At: at}
}

// earlier is what a director wrote of a service while it stood where it
// stood before it moved to this quarter's status.
var earlier = map[string]string{
	"ehch":                "Ward rounds in 8 of 12 homes; GP cover for the rest being agreed.",
	"cvd-prevention":      "BP clinics running in all six practices.",
	"health-inequalities": "Outreach clinic at the community hub funded to the end of the year.",
	"population-health":   "Risk stratification tool bought; analyst post out to advert.",
}

// noteFor is a service's note in past quarter i: this quarter's for the
// services whose status held, else what was written of it then.
func noteFor(cur domain.Snapshot, key string, i int) string {
	for _, s := range cur.Services {
		if s.Key == key && trail[key][i] == s.Status {
			return s.Note
		}
	}
	if trail[key][i] == domain.NotStarted {
		return ""
	}
	return earlier[key]
}

func prev(p domain.Period) domain.Period {
	if p.Quarter == 1 {
		return domain.Period{Year: p.Year - 1, Quarter: 4}
	}
	return domain.Period{Year: p.Year, Quarter: p.Quarter - 1}
}

// start is the first day of period p.
func start(p domain.Period) time.Time {
	return time.Date(p.Year, time.Month(4+3*(p.Quarter-1)), 1, 0, 0, 0, 0, time.UTC)
}

// Seed fills an empty database with the demo: its history exported (as
// History has it, each a recorded revision) and the current content.
// generator names the program in the recorded files.
func Seed(ctx context.Context, db *store.DB, cfg *config.Config, now time.Time, generator string) error {
	past, exported := History(cfg, now)
	var last *domain.ExportRecord
	for _, p := range append(past, exported) {
		rec, err := pcnjson.Build(p.At, generator)(p.Snapshot, last)
		if err != nil {
			return err
		}
		if err := db.Restore(ctx, p.Snapshot, &rec); err != nil {
			return err
		}
		last = &rec
	}
	return db.Restore(ctx, Snapshot(cfg, now), nil)
}
