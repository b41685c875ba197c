package forumtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Board returns n submissions for the board papers' tests: a forum as a
// chair would receive it, deterministic for n. Unlike Generate's, these
// read like real ones, because people look at the papers made from them:
// PCNs with names and directors, practices with names, every service of
// the period in use plus one a forum added, asks that several PCNs word
// alike (some differing only in case or spacing) beside their own, a
// priority with no ask, long names that must not be cut, and statements
// that name their own PCN, place, director and practices in the ways
// people do, for the anonymiser to find; and a workforce, or none
// reported (see Workforce).
func Board(n int) []File {
	out := make([]File, n)
	for i := range n {
		rng := rand.New(rand.NewPCG(2027, uint64(i)))
		s := BoardSnapshot(rng, i)
		// A workforce too, from an rng of its own (so the rest is as it
		// was): the board papers show the ICS-wide picture at scale.
		s.Workforce, s.WorkforceReported = Workforce(rand.New(rand.NewPCG(2027, uint64(i)+1<<32)))
		out[i] = File{Name: s.PCN.Code + ".json", Code: s.PCN.Code, Data: Encode(s, 1+rng.IntN(3), Exported.Add(time.Duration(i)*time.Minute))}
	}
	return out
}

var boardPlaces = []string{
	"Riverside", "Hillside", "Castlegate", "Moorview", "Harbourside", "Millbrook", "Oakfield", "Northgate",
	"Ashby", "Kingsmead", "Fairfield", "Westbury", "Brackenhurst", "Saltmarsh", "Thornley", "Eastleigh",
	"Larkhill", "Stonebridge", "Greenway", "Elmstead",
}

var boardSuffixes = []string{"Health PCN", "PCN", "Primary Care Network", "Health and Care PCN", "Central PCN"}

var boardFirst = []string{"Asha", "Tom", "Grace", "Imran", "Ruth", "Kwame", "Sofia", "Owen", "Priya", "Declan", "Hannah", "Yusuf"}

var boardSurnames = []string{"Patel", "Okafor", "Whitfield", "Nakamura", "Brennan", "Adeyemi", "Lindqvist", "Moss", "Chaudhry", "Fenwick", "Osei", "Marlowe", "Gallagher"}

var boardStreets = []string{"Bridge Street", "Mill Lane", "Castle View", "Orchard Road", "Station Road", "Church Walk", "Market Place", "Park Avenue"}

var boardPracticeKinds = []string{"Surgery", "Medical Centre", "Health Centre", "Medical Practice", "Family Practice"}

// boardAsks gives, per theme, the ask most PCNs make (as several PCNs
// word it: the same words, but in another case or spacing), then asks of
// their own.
var boardAsks = map[string]struct {
	title  string
	shared []string
	own    []string
}{
	"workforce": {"GP supervision of additional roles",
		[]string{"Fund two sessions a week of GP supervision for additional-role staff from the ICB workforce budget.",
			"fund two sessions a week of GP supervision for additional-role staff from the ICB workforce  budget."},
		[]string{"Underwrite the salaries of two first contact physiotherapists until the ARRS budget is confirmed.",
			"Create a shared bank of salaried GPs across the place, employed by the GP federation."}},
	"estates": {"Rooms for additional-role staff",
		[]string{"Fund modular consulting rooms for additional-role staff.", "FUND MODULAR CONSULTING ROOMS FOR ADDITIONAL-ROLE STAFF."},
		[]string{"Agree a lease for the hub before the current one ends in March, with the ICB as tenant.",
			"Release the empty ward block at the community hospital for PCN clinics."}},
	"funding": {"Confirm next year's funding early",
		[]string{"Publish next year's capacity and access allocation before January."},
		[]string{"Pass the full uplift to PCNs rather than holding back a reserve."}},
	"secondary-care-interface": {"Stop work shifting from hospital",
		[]string{"Enforce the NHS Standard Contract on discharge follow-up and report breaches monthly."},
		[]string{"Fund a phlebotomy service for hospital-requested bloods."}},
	"digital": {"IT kit for PCN staff",
		[]string{"A one-off budget for laptops and smartcards for PCN-employed staff."},
		[]string{"Put every practice on the same telephony contract, with call-back and queue data."}},
	"access": {"Same-day access hub",
		[]string{"Fund a winter same-day hub with 111 direct booking."},
		[]string{"Extend enhanced access to Sunday mornings in the three largest practices."}},
	"data": {"Shared data for proactive care",
		[]string{"Give PCN analysts access to the linked population health dataset."},
		nil},
	"inequalities": {"Outreach in deprived wards",
		[]string{"Restore the outreach clinic funding for the community hub."},
		[]string{"Fund interpreters for same-day appointments, not only booked ones."}},
	"bureaucracy": {"One return, not three",
		[]string{"Agree one ARRS data return between the ICB and NHS England."},
		nil},
	"mental-health": {"Mental health practitioners",
		[]string{"Fill the two vacant mental health practitioner posts with trust support."},
		nil},
	"prevention": {"Blood pressure checks in pharmacies",
		[]string{"Commission pharmacy blood pressure checks across the place."},
		nil},
	"integration": {"Integrated neighbourhood team",
		[]string{"Name a community nursing lead for each neighbourhood team."},
		nil},
	"leadership": {"Protected leadership time",
		[]string{"Fund clinical director time at 0.5 WTE, not 0.25."},
		nil},
	"care-homes": {"Care home ward rounds",
		[]string{"Align each care home to one practice and fund the weekly ward round."},
		nil},
}

// boardServices are the services of 2026/27 in the shipped catalogue,
// named as the catalogue names them, and one a forum added itself.
var boardServices = []struct{ key, name string }{
	{"ehch", "Enhanced health in care homes"}, {"early-cancer-diagnosis", "Supporting early cancer diagnosis"},
	{"cvd-prevention", "CVD prevention and diagnosis"}, {"health-inequalities", "Tackling neighbourhood health inequalities"},
	{"enhanced-access", "Enhanced access"}, {"population-health", "Population health management"},
	{"proactive-care", "Proactive care for frailty"}, {"continuity-of-care", "Continuity of care"},
	{"care-home-vaccination", "Care-home residents offered vaccinations"}, {"neighbourhood-team", "Integrated neighbourhood team"},
	{"local-minor-surgery", "Minor surgery and joint injections (local enhanced service)"},
}

var boardCategories = []string{"workforce", "supervision", "estates", "it", "data", "funding", "secondary-care", "bureaucracy", "demand", "leadership", "icb-capacity", "partnerships"}

// BoardSnapshot returns the i-th PCN of Board, drawn from rng.
func BoardSnapshot(rng *rand.Rand, i int) domain.Snapshot {
	place := boardPlaces[i%len(boardPlaces)]
	if i >= len(boardPlaces) {
		place = boardPlaces[(i*7)%len(boardPlaces)] + " " + []string{"North", "South", "East", "West", "Vale"}[i/len(boardPlaces)%5]
	}
	name := place + " " + boardSuffixes[i%len(boardSuffixes)]
	if i == 5 {
		name = "Brackenhurst, Saltmarsh and Upper Thornley Health and Care PCN" // long: the papers must not cut it
	}
	first, surname := boardFirst[i%len(boardFirst)], boardSurnames[(i*5)%len(boardSurnames)]
	s := domain.Snapshot{
		Period: Period,
		PCN: domain.PCN{Code: Code(i), Name: name, ICS: "North Example ICS", Place: place,
			ClinicalDirector: "Dr " + first + " " + surname},
	}
	for j := range 3 + rng.IntN(5) {
		street := boardStreets[(i+j*3)%len(boardStreets)]
		kind := boardPracticeKinds[(i+j)%len(boardPracticeKinds)]
		s.Practices = append(s.Practices, domain.Practice{
			ODSCode: fmt.Sprintf("B%05d", (i*10+j)%100000), Name: street + " " + kind, ListSize: int64(3000 + rng.IntN(14000)),
		})
	}
	for k, sv := range boardServices {
		if k == len(boardServices)-1 && i%3 != 0 {
			continue // the forum's own service: a third of the PCNs report it
		}
		st := statuses[rng.IntN(len(statuses))]
		s.Services = append(s.Services, domain.Service{Key: sv.key, Name: sv.name, Status: st, Note: serviceNote(st)})
	}
	for range 8 + rng.IntN(14) {
		c := boardCategories[rng.IntN(len(boardCategories))]
		texts := noteTexts[c]
		if len(texts) == 0 {
			texts = []string{"Pressure reported by every practice this quarter."}
		}
		s.Notes = append(s.Notes, domain.Note{
			Category: c, Severity: domain.Severity(1 + rng.IntN(3)),
			Date: Exported.AddDate(0, 0, -rng.IntN(60)).Format("2006-01-02"), Text: texts[rng.IntN(len(texts))],
		})
	}
	for r, theme := range drawThemes(rng, 3+rng.IntN(4)) {
		a := boardAsks[theme]
		ask := a.shared[rng.IntN(len(a.shared))]
		if len(a.own) > 0 && rng.IntN(4) == 0 {
			ask = a.own[rng.IntN(len(a.own))]
		}
		if i%7 == 3 && r == 2 {
			ask = "" // a priority with no ask yet: flagged, never a resolution
		}
		s.Priorities = append(s.Priorities, domain.Priority{Rank: r + 1, Theme: theme, Title: a.title, Ask: ask,
			Rationale: "Raised by every practice at the last PCN board."})
	}
	practice := s.Practices[0].Name
	short := strings.TrimSuffix(practice, " "+boardPracticeKinds[i%len(boardPracticeKinds)])
	switch i % 4 {
	case 0:
		s.Statement = fmt.Sprintf("%s is delivering, but on goodwill. %s and I would welcome the board's support; rooms at the %s hub are the first need.",
			strings.ToUpper(name), surname, place)
	case 1:
		s.Statement = fmt.Sprintf("Speaking for %s (%s): the team at %s cannot take more work from the hospital without the rooms we asked for.",
			strings.ToLower(s.PCN.Code), place, short)
	case 2:
		s.Statement = fmt.Sprintf("Dr %s writes: %s practices have held up access, but %s needs a lease decision by March.", surname, place, practice)
	}
	slices.SortFunc(s.Practices, func(a, b domain.Practice) int { return strings.Compare(a.ODSCode, b.ODSCode) })
	return s
}
