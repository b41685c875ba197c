package domain

import "fmt"

// Status is how a national service specification is going.
type Status string

// The closed set of statuses, in the order a RAG grid shows them.
const (
	Green      Status = "green"
	Amber      Status = "amber"
	Red        Status = "red"
	NotStarted Status = "not_started"
)

// Statuses lists every valid status, best first.
var Statuses = []Status{Green, Amber, Red, NotStarted}

// ParseStatus accepts exactly one of the four status words.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("status %q: want green, amber, red or not_started", s)
}

// Label is the status in words for people: "on track", "at risk" …
func (s Status) Label() string {
	switch s {
	case Green:
		return "green (on track)"
	case Amber:
		return "amber (at risk)"
	case Red:
		return "red (off track)"
	case NotStarted:
		return "not started"
	}
	return string(s)
}

// Word is the status as one short word or phrase: "green", "not started".
func (s Status) Word() string {
	if s == NotStarted {
		return "not started"
	}
	return string(s)
}

// Next cycles green → amber → red → not started → green, for a quick-change key.
func (s Status) Next() Status {
	for i, st := range Statuses {
		if st == s {
			return Statuses[(i+1)%len(Statuses)]
		}
	}
	return NotStarted
}

// Severity of a workload note: 1 low, 2 medium, 3 high.
type Severity int

// The three severities.
const (
	Low    Severity = 1
	Medium Severity = 2
	High   Severity = 3
)

// Valid reports whether s is 1, 2 or 3.
func (s Severity) Valid() bool { return s >= Low && s <= High }

// String writes the severity in words.
func (s Severity) String() string {
	switch s {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}
