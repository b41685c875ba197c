// Package forum merges PCN submissions, and other forum packs, into one
// forum pack (SPEC §5): the collective view a forum of clinical directors
// takes to its ICS board. Everything here is a pure function of its inputs:
// reading and decoding files (pcnjson, mergejob), the clock, the config and
// the patient-data guard belong to the caller, so the same set of inputs
// always gives the same pack, byte for byte, whatever order they arrive in.
// TestForumIsPure holds it to that: forum imports nothing that touches a
// file, the database or the terminal.
//
// A pack embeds every submission it counted, verbatim (as JSON values, so
// each still verifies against its own digest). Merging a pack therefore
// means merging the submissions inside it, and merge is associative:
// neighbourhood packs merged at place level, then at ICS level, give the
// pack a flat merge of every submission would.
package forum

import (
	"fmt"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// Weight says how much a PCN's ballot counts; its value is the --weight
// flag's spelling.
type Weight string

// The weightings SPEC §5 names.
const (
	Equal      Weight = "equal"      // one PCN, one vote
	Population Weight = "population" // a ballot weighs its PCN's registered patients
)

// ParseWeight returns the Weight spelled s, exactly.
func ParseWeight(s string) (Weight, error) {
	switch w := Weight(s); w {
	case Equal, Population:
		return w, nil
	}
	return "", fmt.Errorf("unknown weighting %q: use equal or population", s)
}

// other returns the weighting the pack compares w with.
func (w Weight) other() Weight {
	if w == Population {
		return Equal
	}
	return Population
}

// Options are the merge's settings. Zero values take SPEC §5's defaults
// (Schulze, equal weights, top 3); names default to the keys themselves.
type Options struct {
	Method    rank.Method
	Weight    Weight
	Top       int
	Anonymise bool
	// Now is written into generated_at (whole seconds, UTC). The caller
	// passes SOURCE_DATE_EPOCH's time for reproducible packs.
	Now       time.Time
	Generator string // e.g. "pcnvoice 0.1.0"
	Meeting   pcnjson.Meeting
	// Members are the forum's member PCN codes, from [forum] members. When
	// not empty, the pack's coverage names members that sent nothing and
	// flags submissions from PCNs outside the list.
	Members []string
	// Display names by key, from the config's catalogues. A key with no
	// name here shows as itself (a forum may add its own keys).
	ThemeNames, CategoryNames, ServiceNames, RoleNames map[string]string
	// ServiceOrder is the catalogue's order of service keys (SPEC §6):
	// the pack lists services in it, keys it lacks after, by key.
	ServiceOrder []string
	// AllowMixedPeriods merges submissions for more than one period
	// (--allow-mixed-periods); without it, that is an error. The pack is
	// then for the period most submissions are for, and its submissions
	// list says which PCN sent which.
	AllowMixedPeriods bool
	// Since is the forum's previous pack (--since), decoded and checked
	// (pcnjson.DecodePack): the pack then says what changed since it
	// (changes.go). It must be for an earlier period.
	Since *pcnjson.Pack
}

// withDefaults fills zero options with SPEC §5's defaults and checks the rest.
func (o Options) withDefaults() (Options, error) {
	if o.Method == "" {
		o.Method = rank.Schulze
	}
	if _, err := rank.ParseMethod(string(o.Method)); err != nil {
		return o, err
	}
	if o.Weight == "" {
		o.Weight = Equal
	}
	if _, err := ParseWeight(string(o.Weight)); err != nil {
		return o, err
	}
	if o.Top == 0 {
		o.Top = 3
	}
	if o.Top < 1 {
		return o, fmt.Errorf("top must be 1 or more, got %d", o.Top)
	}
	return o, nil
}

// Warning is something the forum chair should know that does not stop the
// merge: a revision set aside, periods that disagree, a non-member's file.
type Warning struct {
	Msg string
}

// String gives the warning as one line for stderr.
func (w Warning) String() string { return w.Msg }

func warnf(format string, args ...any) Warning {
	return Warning{Msg: fmt.Sprintf(format, args...)}
}

// name returns names[key], or key when the catalogue does not know it.
func name(names map[string]string, key string) string {
	if n, ok := names[key]; ok && n != "" {
		return n
	}
	return key
}
