package change

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// priorities pairs a's priorities with b's (the same in every member
// first, so an unchanged priority is never reported; then by theme and
// title; then by title; see the package comment) and reports the pairs
// that differ and the priorities left over.
func priorities(a, b []domain.Priority) []Priority {
	left := byRank(a)
	right := byRank(b)
	var out []Priority
	// Each pass pairs, per key, the i-th priority left (in rank order)
	// with the i-th right: the same pairs whichever side is a, so that
	// Diff(b, a) mirrors Diff(a, b).
	for _, key := range []func(domain.Priority) string{
		func(p domain.Priority) string {
			return fmt.Sprint(p.Rank, "\x00", p.Theme, "\x00", p.Title, "\x00", p.Ask, "\x00", p.Rationale)
		},
		func(p domain.Priority) string { return p.Theme + "\x00" + fold(p.Title) },
		func(p domain.Priority) string { return fold(p.Title) },
	} {
		groups := map[string][]int{}
		for i, p := range right {
			if p != nil {
				k := key(*p)
				groups[k] = append(groups[k], i)
			}
		}
		for i, p := range left {
			if p == nil {
				continue
			}
			k := key(*p)
			g := groups[k]
			if len(g) == 0 {
				continue
			}
			j := g[0]
			groups[k] = g[1:]
			if f := priorityFields(p, right[j]); f != nil {
				out = append(out, Priority{Change: Changed, Fields: f, Then: clone(p), Now: clone(right[j])})
			}
			left[i], right[j] = nil, nil
		}
	}
	for _, p := range left {
		if p != nil {
			out = append(out, Priority{Change: Removed, Fields: []string{}, Then: clone(p)})
		}
	}
	for _, p := range right {
		if p != nil {
			out = append(out, Priority{Change: Added, Fields: []string{}, Now: clone(p)})
		}
	}
	if out == nil {
		out = []Priority{}
	}
	return out
}

// byRank returns pointers to ps's items in rank order (then by their other
// members, so that equal ranks — only in a document that is not valid —
// still pair the same way from either side).
func byRank(ps []domain.Priority) []*domain.Priority {
	out := make([]*domain.Priority, len(ps))
	for i := range ps {
		out[i] = &ps[i]
	}
	slices.SortStableFunc(out, func(a, b *domain.Priority) int { return comparePriority(a, b) })
	return out
}

// fold is a title as a person compares it: case and spacing ignored.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// priorityFields lists the members of two paired priorities that differ,
// nil when none does.
func priorityFields(a, b *domain.Priority) []string {
	var f []string
	add := func(name string, differ bool) {
		if differ {
			f = append(f, name)
		}
	}
	add("rank", a.Rank != b.Rank)
	add("theme", a.Theme != b.Theme)
	add("title", a.Title != b.Title)
	add("ask", a.Ask != b.Ask)
	add("rationale", a.Rationale != b.Rationale)
	return f
}

// noteKey is what a note is: it has no identity beyond its content.
type noteKey struct {
	date, category, text string
	severity             domain.Severity
}

func keyOf(n domain.Note) noteKey { return noteKey{n.Date, n.Category, n.Text, n.Severity} }

// notes is the multiset difference of two lists of notes, both ways.
func notes(a, b []domain.Note) Workload {
	count := map[noteKey]int{}
	for _, n := range a {
		count[keyOf(n)]++
	}
	w := Workload{Added: []domain.Note{}, Removed: []domain.Note{}}
	for _, n := range b {
		k := keyOf(n)
		if count[k] > 0 {
			count[k]--
			continue
		}
		w.Added = append(w.Added, exported(n))
	}
	// What is left in count was in a and not in b, as often as it is left.
	for _, n := range a {
		k := keyOf(n)
		if count[k] > 0 {
			count[k]--
			w.Removed = append(w.Removed, exported(n))
		}
	}
	sortNotes(w.Added)
	sortNotes(w.Removed)
	return w
}

// exported is n as a submission holds it, without the database's ID.
func exported(n domain.Note) domain.Note {
	n.ID = 0
	return n
}

// sortNotes orders notes as a submission lists them: by date, category,
// text, then severity.
func sortNotes(ns []domain.Note) {
	slices.SortStableFunc(ns, func(a, b domain.Note) int {
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.Category, b.Category),
			strings.Compare(a.Text, b.Text), cmp.Compare(a.Severity, b.Severity))
	})
}
