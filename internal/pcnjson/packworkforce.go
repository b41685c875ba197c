package pcnjson

import "github.com/pcnvoice/pcnvoice/internal/domain"

// Workforce is the forum's additional-roles workforce (SPEC §5):
// every figure is over the PCNs that reported their workforce (a list in
// their submission, even an empty one). A PCN that did not report it is
// named in NotReporting and left out of every figure — never counted as
// having no staff, which would pull the fill rates and the per-10,000
// figures down with zeros nobody reported.
type Workforce struct {
	// Reporting is how many PCNs reported their workforce; Population is
	// their registered patients, the base of every per-10,000 figure.
	Reporting    int   `json:"reporting"`
	Population   int64 `json:"population"`
	NotReporting []Ref `json:"not_reporting"`
	// Totals are over every role; Roles one per role key any reporting
	// PCN listed, by key.
	Totals WorkforceFigures `json:"totals"`
	Roles  []WorkforceRole  `json:"roles"`
	// Gaps are the role keys with the biggest shortfall (planned − in
	// post), biggest first, at most three.
	Gaps []string `json:"gaps"`
}

// WorkforceFigures are WTE summed over the reporting PCNs, and the rates
// worked from them. FillRate is in post ÷ planned, to four decimals, null
// when nothing is planned; the per-10,000 figures are WTE per 10,000
// registered patients of the reporting PCNs, to two decimals, null when
// they have no registered patients.
type WorkforceFigures struct {
	InPost          domain.WTETotal `json:"wte_in_post"`
	Planned         domain.WTETotal `json:"wte_planned"`
	Recruiting      domain.WTETotal `json:"wte_recruiting"`
	Gap             domain.WTETotal `json:"wte_gap"` // planned − in post, 0 when at or past the plan
	FillRate        *float64        `json:"fill_rate"`
	InPostPer10000  *float64        `json:"wte_in_post_per_10000"`
	PlannedPer10000 *float64        `json:"wte_planned_per_10000"`
}

// WorkforceRole is one role across the forum: PCNs is how many reporting
// PCNs list it.
type WorkforceRole struct {
	Role    string           `json:"role"`
	Name    string           `json:"name"`
	PCNs    int              `json:"pcns"`
	Figures WorkforceFigures `json:"figures"`
}
