package pcnjson

import "github.com/pcnvoice/pcnvoice/internal/domain"

// Changes is a pack's "changes" section (SPEC §5): what moved since the
// forum's previous pack (merge --since PACK). Absent from a pack merged
// without one.
//
// Baseline keeps what the comparison needs of the previous pack, so that
// the pack merged again — rendered on its own, or with late submissions
// added — compares with the same previous pack and gives the same
// changes, whatever the order of its inputs. The sections before it are
// worked from Baseline and from this pack's own sections and documents.
type Changes struct {
	Since Since `json:"since"`
	// Notes say what the reader should know to read the section right:
	// another forum's pack, another ranking method.
	Notes []string `json:"notes"`
	// Themes are this pack's themes in its order, each with its position
	// last time; Dropped the themes ranked last time and not now.
	Themes  []ThemeMove `json:"themes"`
	Dropped []ThemeMove `json:"dropped"`
	// Services are per service key, in the catalogue's order: the PCNs
	// at each status then and now, and of the PCNs in both packs, how
	// many got worse or better and which went red.
	Services []ServiceMove `json:"services"`
	// Joined are PCNs counted now and not last time; Missing the other way
	// round, named by code and name from the previous pack even in an
	// anonymised one, as the coverage's missing members are (the papers
	// then give a count).
	Joined    []Ref          `json:"joined"`
	Missing   []Ref          `json:"missing"`
	Workload  []WorkloadMove `json:"workload"`
	Workforce WorkforceMove  `json:"workforce"`
	Baseline  Baseline       `json:"baseline"`
}

// Since names the previous pack.
type Since struct {
	Period      string `json:"period"`
	GeneratedAt string `json:"generated_at"`
	Digest      string `json:"digest"`
	Forum       string `json:"forum"` // its [forum] name
	Method      string `json:"method"`
	Weight      string `json:"weight"`
	PCNs        int    `json:"pcns"`
}

// ThemeMove is a theme's place now and last time. Previous is nil for a
// theme new to the ranking, Position 0 for one that dropped out. Movement
// is Previous − Position: places risen (negative: fallen). Change is "up",
// "down", "same", "new" or "dropped".
type ThemeMove struct {
	Theme    string `json:"theme"`
	Name     string `json:"name"`
	Position int    `json:"position"`
	Previous *int   `json:"previous"`
	Movement int    `json:"movement"`
	Change   string `json:"change"`
}

// ServiceMove is one service then and now. Compared is how many PCNs
// listed it in both packs; Worse and Better count those whose status moved
// on the RAG scale (a move to or from not started is neither); WentRed
// are those red now and not red then.
type ServiceMove struct {
	Key      string       `json:"key"`
	Name     string       `json:"name"`
	Then     StatusCounts `json:"then"`
	Now      StatusCounts `json:"now"`
	Compared int          `json:"compared"`
	Worse    int          `json:"worse"`
	Better   int          `json:"better"`
	WentRed  []Ref        `json:"went_red"`
}

// WorkloadMove is one workload category then and now; nil on the side
// where no note had it.
type WorkloadMove struct {
	Category string           `json:"category"`
	Name     string           `json:"name"`
	Then     *WorkloadFigures `json:"then"`
	Now      *WorkloadFigures `json:"now"`
}

// WorkloadFigures are a category's notes, high-severity notes and PCNs.
type WorkloadFigures struct {
	Notes int `json:"notes"`
	High  int `json:"high"`
	PCNs  int `json:"pcns"`
}

// WorkforceMove is the forum's workforce then and now: over the PCNs that
// reported it each time, and per role.
type WorkforceMove struct {
	Then  WorkforceSide `json:"then"`
	Now   WorkforceSide `json:"now"`
	Roles []RoleMove    `json:"roles"`
}

// WorkforceSide is how many PCNs reported their workforce, and its totals.
type WorkforceSide struct {
	Reporting int              `json:"reporting"`
	Totals    WorkforceFigures `json:"totals"`
}

// RoleMove is one role then and now; nil on the side where no PCN listed it.
type RoleMove struct {
	Role string            `json:"role"`
	Name string            `json:"name"`
	Then *WorkforceFigures `json:"then"`
	Now  *WorkforceFigures `json:"now"`
}

// Baseline is what a later merge needs of the previous pack: its ranking
// as published, each PCN's statuses from its embedded submission, and its
// workload and workforce sections.
type Baseline struct {
	Themes    []Place       `json:"themes"`
	PCNs      []BaselinePCN `json:"pcns"`
	Workload  []Workload    `json:"workload"`
	Workforce BaselineForce `json:"workforce"`
}

// BaselineForce is the previous pack's workforce: reporting PCNs, totals
// and roles.
type BaselineForce struct {
	Reporting int              `json:"reporting"`
	Totals    WorkforceFigures `json:"totals"`
	Roles     []WorkforceRole  `json:"roles"`
}

// BaselinePCN is one PCN the previous pack counted: its services' statuses,
// by key.
type BaselinePCN struct {
	Code     string          `json:"code"`
	Name     string          `json:"name"`
	Services []ServiceStatus `json:"services"`
}

// ServiceStatus is one service's status in a PCN's submission.
type ServiceStatus struct {
	Key    string        `json:"key"`
	Status domain.Status `json:"status"`
}
