package forumtest

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// themeWeights skews how often each theme is chosen, as a real forum's are:
// workforce and estates come up everywhere, care homes in a few places.
var themeWeights = []struct {
	theme  string
	weight int
}{
	{"workforce", 30}, {"estates", 24}, {"funding", 16}, {"secondary-care-interface", 14},
	{"digital", 12}, {"access", 10}, {"data", 8}, {"inequalities", 7}, {"bureaucracy", 6},
	{"mental-health", 5}, {"prevention", 4}, {"integration", 4}, {"leadership", 3}, {"care-homes", 2},
}

var asks = map[string][2]string{
	"workforce":                {"Fund GP supervision of additional roles", "Pay two sessions a week of GP supervision from the ICB workforce budget."},
	"estates":                  {"Rooms for additional-role staff", "Fund rent for four clinical rooms at the hub by April."},
	"funding":                  {"Confirm next year's funding early", "Publish the capacity and access allocation before January."},
	"secondary-care-interface": {"Stop work shifting from hospital", "Enforce the Standard Contract on discharge follow-up; report breaches monthly."},
	"digital":                  {"IT kit for PCN staff", "A one-off budget for laptops and smartcards for PCN-employed staff."},
	"access":                   {"Same-day access hub", "Fund a winter same-day hub with 111 direct booking."},
	"data":                     {"Shared data for proactive care", "Give PCN analysts access to the linked population health dataset."},
	"inequalities":             {"Outreach in deprived wards", "Restore the outreach clinic funding for the community hub."},
	"bureaucracy":              {"One return, not three", "Agree one ARRS data return between the ICB and NHS England."},
	"mental-health":            {"Mental health practitioners", "Fill the two vacant ARRS mental health posts with trust support."},
	"prevention":               {"Blood pressure checks in pharmacies", "Commission pharmacy BP checks across the place."},
	"integration":              {"Integrated neighbourhood team", "Name a community nursing lead for each neighbourhood team."},
	"leadership":               {"Protected leadership time", "Fund clinical director time at 0.5 WTE, not 0.25."},
	"care-homes":               {"Care home ward rounds", "Align each care home to one practice and fund the ward round."},
}

var noteTexts = map[string][]string{
	"workforce":      {"Two salaried GPs leaving in January; locum rates up 20% since April.", "Paramedic post vacant for six months after two failed adverts."},
	"supervision":    {"Each additional role needs a named supervisor; GP supervision time is not funded."},
	"estates":        {"No clinical room for the new physiotherapist; she works from the staff kitchen two days a week.", "Hub lease ends in March with no replacement agreed."},
	"it":             {"Care coordinators share three laptops; clinics start late.", "Smartcards for new staff take six weeks to arrive."},
	"data":           {"No access to secondary care activity data: we are working blind on frailty."},
	"funding":        {"Capacity and access payment uncertain for next year; hard to plan recruitment."},
	"secondary-care": {"Discharge letters ask practices to arrange bloods the hospital used to do.", "Outpatient follow-up pushed back to practices without funding."},
	"bureaucracy":    {"Same claim data asked for by the ICB and NHS England in different formats."},
	"demand":         {"Same-day demand up 14% on last winter; 111 referrals doubled at weekends.", "Winter respiratory cases filled every urgent slot by 9am."},
	"leadership":     {"Clinical director time is 0.25 WTE but the role takes two days a week."},
	"icb-capacity":   {"ICB primary care team halved after the merger; no named contact for estates."},
	"partnerships":   {"Good start with community pharmacy on blood pressure checks."},
}

var statuses = []domain.Status{domain.Green, domain.Green, domain.Green, domain.Amber, domain.Amber, domain.Red, domain.NotStarted}

var services = []struct{ key, name string }{
	{"care-home-vaccination", "Care-home residents offered vaccinations"}, {"continuity-of-care", "Continuity of care"},
	{"cvd-prevention", "CVD prevention and diagnosis"}, {"early-cancer-diagnosis", "Supporting early cancer diagnosis"},
	{"ehch", "Enhanced health in care homes"}, {"enhanced-access", "Enhanced access"},
	{"health-inequalities", "Tackling neighbourhood health inequalities"}, {"neighbourhood-team", "Integrated neighbourhood team"},
	{"population-health", "Population health management"}, {"proactive-care", "Proactive care for frailty"},
}

var places = []string{"Riverside", "Hillside", "Castlegate", "Moorview", "Harbourside", "Millbrook", "Oakfield", "Northgate"}

// Snapshot returns a realistic snapshot for PCN code, drawn from rng. i
// numbers the PCN, for unique practice codes and names.
func Snapshot(rng *rand.Rand, code string, i int) domain.Snapshot {
	place := places[i%len(places)]
	s := domain.Snapshot{
		Period: Period,
		PCN: domain.PCN{Code: code, Name: fmt.Sprintf("%s %d Health PCN", place, i), ICS: "North Example ICS",
			Place: place, ClinicalDirector: fmt.Sprintf("Clinical director %d", i)},
	}
	for j := range 3 + rng.IntN(6) {
		s.Practices = append(s.Practices, domain.Practice{
			ODSCode: fmt.Sprintf("Y%05d", (i*10+j)%100000), Name: fmt.Sprintf("%s Surgery %d", place, j+1), ListSize: int64(2000 + rng.IntN(18000)),
		})
	}
	for _, k := range rng.Perm(len(services))[:6+rng.IntN(5)] {
		st := statuses[rng.IntN(len(statuses))]
		s.Services = append(s.Services, domain.Service{Key: services[k].key, Name: services[k].name, Status: st, Note: serviceNote(st)})
	}
	cats := make([]string, 0, len(noteTexts))
	for c := range noteTexts {
		cats = append(cats, c)
	}
	slices.Sort(cats) // map order is random; the generator must not be
	for range 20 + rng.IntN(21) {
		c := cats[rng.IntN(len(cats))]
		texts := noteTexts[c]
		s.Notes = append(s.Notes, domain.Note{
			Category: c, Severity: domain.Severity(1 + rng.IntN(3)),
			Date: Exported.AddDate(0, 0, -rng.IntN(60)).Format("2006-01-02"), Text: texts[rng.IntN(len(texts))],
		})
	}
	for r, theme := range drawThemes(rng, 3+rng.IntN(6)) {
		a := asks[theme]
		s.Priorities = append(s.Priorities, domain.Priority{Rank: r + 1, Theme: theme, Title: a[0], Ask: a[1],
			Rationale: "Raised by every practice at the last PCN board."})
	}
	if rng.IntN(5) > 0 {
		s.Statement = fmt.Sprintf("%s is delivering, but on goodwill. Our asks are concrete and costed.", s.PCN.Name)
	}
	return s
}

func serviceNote(st domain.Status) string {
	switch st {
	case domain.Red:
		return "Behind plan: no staff time to run the clinics."
	case domain.Amber:
		return "At risk over winter."
	case domain.NotStarted:
		return "Waiting for the ICB's specification."
	}
	return ""
}

// drawThemes draws n distinct themes, each with chance in proportion to its
// weight among those not yet drawn: a weighted ranking.
func drawThemes(rng *rand.Rand, n int) []string {
	left := slices.Clone(themeWeights)
	var out []string
	for range n {
		total := 0
		for _, t := range left {
			total += t.weight
		}
		x := rng.IntN(total)
		for k, t := range left {
			if x -= t.weight; x < 0 {
				out = append(out, t.theme)
				left = slices.Delete(left, k, k+1)
				break
			}
		}
	}
	return out
}

// roleKeys are the additional roles a generated PCN draws from.
var roleKeys = []string{
	"care-coordinator", "clinical-pharmacist", "first-contact-physiotherapist", "health-and-wellbeing-coach",
	"mental-health-practitioner", "paramedic", "pharmacy-technician", "physician-associate", "social-prescribing-link-worker",
}

// Workforce returns a realistic workforce drawn from rng, and whether it
// was reported: about one PCN in six reports none at all, one in twenty no
// additional-role staff, the rest three to nine roles, mostly part-filled.
// It draws from an rng of its own, so the rest of a generated submission
// is what it was before workforce existed.
func Workforce(rng *rand.Rand) ([]domain.Role, bool) {
	switch x := rng.IntN(20); {
	case x < 3:
		return nil, false
	case x < 4:
		return []domain.Role{}, true
	}
	var out []domain.Role
	for _, k := range rng.Perm(len(roleKeys))[:3+rng.IntN(7)] {
		planned := domain.WTE(50 * (1 + rng.IntN(10)))             // 0.5 to 5 WTE
		inPost := planned * domain.WTE(rng.IntN(11)) / 10          // 0 to all of it
		recruiting := (planned - inPost) * domain.WTE(rng.IntN(2)) // some gaps being filled
		out = append(out, domain.Role{Key: roleKeys[k], InPost: inPost, Planned: planned, Recruiting: recruiting})
	}
	return out, true
}
