package change

import "github.com/pcnvoice/pcnvoice/internal/domain"

// rag places the statuses on one scale, best first; not started is off
// it: starting work is neither better nor worse than being on track.
func rag(s domain.Status) (int, bool) {
	switch s {
	case domain.Green:
		return 0, true
	case domain.Amber:
		return 1, true
	case domain.Red:
		return 2, true
	}
	return 0, false
}

// Worse reports whether a service moved to a worse status: green to
// amber or red, amber to red. A move to or from not started is neither
// worse nor better (Better), only a change.
func Worse(then, now domain.Status) bool {
	a, okA := rag(then)
	b, okB := rag(now)
	return okA && okB && b > a
}

// Better reports whether a service moved to a better status: red to amber
// or green, amber to green.
func Better(then, now domain.Status) bool { return Worse(now, then) }
