// Package demo makes the demo database's content: a believable fictional
// PCN, so that a director can try pcnvoice before typing anything. Every
// name, code and figure is invented.
package demo

import (
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Snapshot returns the demo content for the period containing now: dates
// are set relative to now so the demo always looks current.
func Snapshot(cfg *config.Config, now time.Time) domain.Snapshot {
	period := domain.PeriodOf(now)
	day := func(daysAgo int) string { return now.AddDate(0, 0, -daysAgo).Format(time.DateOnly) }

	// Each service's status fits its note, as a director would set them.
	type entry struct {
		status domain.Status
		note   string
	}
	known := map[string]entry{
		"ehch":                   {domain.Green, "Weekly ward rounds in 11 of 12 homes; the last one joins in January."},
		"early-cancer-diagnosis": {domain.Green, "FIT pathway audit done; safety-netting template live in all practices."},
		"cvd-prevention":         {domain.Amber, "Hypertension case-finding behind: no spare HCA time for BP clinics."},
		"health-inequalities":    {domain.Red, "Outreach clinic at the community hub paused after funding ended."},
		"enhanced-access":        {domain.Green, "Saturday clinics full; evening slots at two sites only."},
		"population-health":      {domain.Red, "Risk stratification tool bought, but no analyst to run it."},
		"proactive-care":         {domain.Amber, "Frailty MDT meets monthly; housebound reviews not yet started."},
		"continuity-of-care":     {domain.Amber, "Cohort identified; named-GP lists being built."},
		"care-home-vaccination":  {domain.Green, "Autumn programme 70% done; two homes had outbreaks."},
		"neighbourhood-team":     {domain.NotStarted, "Waiting for the ICB's neighbourhood footprint before the first INT meeting."},
	}
	var services []domain.Service
	for _, e := range cfg.ActiveServices(period.Year) {
		k, ok := known[e.Key]
		if !ok { // a service from another year's catalogue or a user's config
			k = entry{domain.NotStarted, ""}
		}
		services = append(services, domain.Service{Key: e.Key, Name: e.Name, Status: k.status, Note: k.note})
	}

	return domain.Snapshot{
		Period:            period,
		Workforce:         workforce(cfg, period),
		WorkforceReported: true,
		PCN: domain.PCN{
			Code: "U99001", Name: "Riverside Health PCN", ICS: "North Example ICS",
			Place: "Riverside", ClinicalDirector: "Dr Asha Patel",
		},
		Practices: []domain.Practice{
			{ODSCode: "Y99101", Name: "Bridge Street Surgery", ListSize: 9834},
			{ODSCode: "Y99102", Name: "Mill Lane Medical Centre", ListSize: 12410},
			{ODSCode: "Y99103", Name: "Riverside Family Practice", ListSize: 7265},
			{ODSCode: "Y99104", Name: "Castle View Health Centre", ListSize: 5120},
			{ODSCode: "Y99105", Name: "Orchard Road Surgery", ListSize: 3987},
			{ODSCode: "Y99106", Name: "Harbour Medical Group", ListSize: 2614},
		},
		Services: services,
		Notes: []domain.Note{
			{Category: "estates", Severity: 3, Date: day(2), Text: "No clinical room for the new first contact physiotherapist at Mill Lane; she works from the staff kitchen two days a week."},
			{Category: "workforce", Severity: 3, Date: day(4), Text: "Two salaried GPs leaving in January; locum rates up 20% since April."},
			{Category: "supervision", Severity: 2, Date: day(6), Text: "Each ARRS role needs a named supervisor; GP supervision time is not funded."},
			{Category: "it", Severity: 2, Date: day(9), Text: "Paramedics and care coordinators share three laptops; no IT budget for PCN staff."},
			{Category: "data", Severity: 2, Date: day(12), Text: "No access to secondary care activity data: we are working blind on frailty."},
			{Category: "secondary-care", Severity: 3, Date: day(15), Text: "Discharge letters ask practices to arrange bloods and follow-up that the hospital used to do."},
			{Category: "bureaucracy", Severity: 1, Date: day(18), Text: "Same ARRS claim data asked for by the ICB and NHS England in different formats."},
			{Category: "demand", Severity: 3, Date: day(21), Text: "Same-day demand up 14% on last winter; 111 referrals doubled at weekends."},
			{Category: "funding", Severity: 2, Date: day(26), Text: "Capacity and access payment uncertain for next year; hard to plan recruitment."},
			{Category: "leadership", Severity: 1, Date: day(33), Text: "Clinical director time is 0.25 WTE but the role takes two days a week."},
			{Category: "icb-capacity", Severity: 2, Date: day(40), Text: "ICB primary care team halved after the merger; no named contact for estates."},
			{Category: "partnerships", Severity: 1, Date: day(47), Text: "Good start with community pharmacy on blood pressure checks."},
		},
		Priorities: []domain.Priority{
			{Rank: 1, Theme: "estates", Title: "Rooms for additional-role staff",
				Ask:       "Fund a feasibility study and rent for four clinical rooms at the Riverside hub by April.",
				Rationale: "Twelve ARRS staff share five rooms; the roles we are funded for cannot see patients."},
			{Rank: 2, Theme: "workforce", Title: "Fund GP supervision of ARRS staff",
				Ask:       "Pay two sessions a week of GP supervision across the PCN from the ICB's workforce budget.",
				Rationale: "Supervision is a contract requirement with no funding behind it."},
			{Rank: 3, Theme: "data", Title: "Shared data for frailty",
				Ask:       "Give the PCN analyst access to the linked population health dataset.",
				Rationale: "Proactive care needs hospital and community data we cannot see."},
			{Rank: 4, Theme: "secondary-care-interface", Title: "Stop work shifting from hospital",
				Ask:       "Enforce the NHS Standard Contract on discharge follow-up and report breaches monthly.",
				Rationale: "Unfunded transferred work is now a session a day per practice."},
			{Rank: 5, Theme: "digital", Title: "IT kit for PCN staff",
				Ask:       "A one-off £18,000 for laptops and smartcards for PCN-employed staff.",
				Rationale: "Staff share devices; clinics start late."},
		},
		Statement: "Riverside is delivering, but on goodwill. Our asks are concrete and costed: rooms, supervision and data. " +
			"Without rooms, the additional roles the ICS funds cannot see patients.",
	}
}

// workforce is the demo PCN's additional-roles staff: about what a PCN of
// 41,000 patients has, with the gaps directors talk about (care
// coordinators lost to a new hub, a paramedic post on hold for want of a
// room and a supervisor). Only roles reimbursable in the period appear.
func workforce(cfg *config.Config, p domain.Period) []domain.Role {
	all := []domain.Role{
		{Key: "clinical-pharmacist", InPost: 300, Planned: 400, Recruiting: 100, Note: "One post vacant since the summer; interviews in December."},
		{Key: "pharmacy-technician", InPost: 160, Planned: 200},
		{Key: "social-prescribing-link-worker", InPost: 200, Planned: 200},
		{Key: "care-coordinator", InPost: 260, Planned: 400, Recruiting: 140, Note: "Two left for the ICB's new frailty hub; backfill advertised."},
		{Key: "health-and-wellbeing-coach", InPost: 100, Planned: 100},
		{Key: "first-contact-physiotherapist", InPost: 150, Planned: 200, Recruiting: 50, Note: "No clinical room at Mill Lane two days a week."},
		{Key: "paramedic", InPost: 100, Planned: 200, Note: "Second post on hold: no room and no GP to supervise."},
		{Key: "mental-health-practitioner", InPost: 60, Planned: 100, Note: "Shared with the mental health trust, which funds the rest."},
		{Key: "digital-transformation-lead", InPost: 40, Planned: 100, Recruiting: 60},
	}
	active := map[string]bool{}
	for _, e := range cfg.ActiveRoles(p.Year) {
		active[e.Key] = true
	}
	var out []domain.Role
	for _, r := range all {
		if active[r.Key] {
			out = append(out, r)
		}
	}
	return out
}
