package domain

// PCN is the primary care network a database describes. Population is derived:
// the sum of the member practices' list sizes.
type PCN struct {
	Code             string `json:"code"`
	Name             string `json:"name"`
	ICS              string `json:"ics"`
	Place            string `json:"place"`
	ClinicalDirector string `json:"clinical_director"`
	Population       int64  `json:"population"`
}

// Practice is a member GP practice; ListSize is its registered patients.
type Practice struct {
	ODSCode  string `json:"ods_code"`
	Name     string `json:"name"`
	ListSize int64  `json:"list_size"`
}

// Service is how one national service specification is going this period.
type Service struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	Status Status `json:"status"`
	Note   string `json:"note"`
}

// Note is a dated workload note. ID is the database's and never exported.
type Note struct {
	ID       int64    `json:"-"`
	Category string   `json:"category"`
	Severity Severity `json:"severity"`
	Date     string   `json:"date"` // YYYY-MM-DD
	Text     string   `json:"text"`
}

// Priority is one ranked item for the ICS board, with the concrete ask.
// ID is the database's and never exported.
type Priority struct {
	ID        int64  `json:"-"`
	Rank      int    `json:"rank"`
	Theme     string `json:"theme"`
	Title     string `json:"title"`
	Ask       string `json:"ask"`
	Rationale string `json:"rationale"`
}

// Snapshot is everything a director records for one period: the content of a
// submission, read from the database in one transaction.
type Snapshot struct {
	Period     Period
	PCN        PCN
	Practices  []Practice // sorted by ODS code
	Services   []Service  // sorted by key
	Notes      []Note     // sorted by date, category, text
	Priorities []Priority // sorted by rank
	// Workforce is the additional-roles staff, sorted by role key;
	// WorkforceReported says whether the PCN reported it at all: a PCN
	// that never did is "not reported", never "no staff" (SPEC §4).
	Workforce         []Role
	WorkforceReported bool
	Statement         string
}

// Population sums the practices' list sizes.
func Population(practices []Practice) int64 {
	var n int64
	for _, p := range practices {
		n += p.ListSize
	}
	return n
}

// ExportRecord is one submission the database exported: kept for history,
// "changed since export", and to give back the same file for unchanged content.
type ExportRecord struct {
	Revision    int
	ExportedAt  string // RFC 3339 UTC, the document's generated_at
	Period      string
	Digest      string // "sha256:…"
	ContentHash string // hash of the content alone, without revision or time
	Document    []byte // the exported JSON, byte for byte
}
