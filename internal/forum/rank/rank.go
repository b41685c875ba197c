// Package rank orders a forum's themes from its PCNs' ballots: Schulze (the
// default, Condorcet-consistent) or Borda, with equal or population weights.
// Everything here is a pure function of its inputs, so a merge can promise
// byte-identical packs whatever order the submissions arrive in.
//
// Conventions shared by both methods:
//
//   - A theme a ballot does not rank ties below every theme it does rank.
//   - Tied themes share a Position using standard competition ranking
//     (1, 1, 3): the next theme's Position still says how many themes are
//     ahead of it, which is what a forum reading "3rd" expects. Tied themes
//     are listed by theme key, so output order never depends on input order.
//   - Sums run over the ballots in a canonical order (by Voter, then Weight,
//     then Ranks). Whole-number weights — the 1 of --weight equal and the
//     populations of --weight population — keep every total an exact
//     integer or half-integer in float64 (exact up to 2^52, millions of
//     times a national merge's totals), so results are exact and ties are
//     real ties; fractional weights are still deterministic.
//   - A Weight that is negative, NaN or infinite counts as 0: a pure ranking
//     function has no error to return, and a bad weight must not panic or
//     poison every total. Callers should validate weights before ranking.
package rank

import (
	"fmt"
	"math"
)

// Ballot is one PCN's ranking: Ranks maps a theme to its rank (1 = first;
// equal numbers tie; only the order of the numbers matters). Themes absent
// from Ranks tie below all ranked ones.
type Ballot struct {
	Voter  string
	Weight float64
	Ranks  map[string]int
}

// NewBallot builds a ballot from a PCN's priority themes listed in rank order
// (themes[0] is the theme of priority 1). A theme named by several
// priorities takes the best of their ranks, as SPEC §5 asks, so a PCN that
// puts three workforce asks first and second cannot outvote its own list.
func NewBallot(voter string, weight float64, themes []string) Ballot {
	ranks := make(map[string]int, len(themes))
	for i, t := range themes {
		if _, seen := ranks[t]; !seen {
			ranks[t] = i + 1
		}
	}
	return Ballot{Voter: voter, Weight: weight, Ranks: ranks}
}

// Method is a ranking method; its value is the --method flag's spelling.
type Method string

// The ranking methods SPEC §5 names.
const (
	Schulze Method = "schulze"
	Borda   Method = "borda"
)

// ParseMethod returns the Method spelled s. The spelling is exact (no case
// folding): the flag value is an interface scripts depend on.
func ParseMethod(s string) (Method, error) {
	switch m := Method(s); m {
	case Schulze, Borda:
		return m, nil
	}
	return "", fmt.Errorf("unknown ranking method %q: use schulze or borda", s)
}

// Place is one theme's place in an order. Themes that tie share Position
// (standard competition ranking, 1, 1, 3) and are listed by theme key.
//
// Score explains the Position: under Borda it is the theme's points (ties
// share points, so it may end in .5 times a weight); under Schulze it is the
// number of other themes the theme beats by strongest path (p[i][j] >
// p[j][i]), a whole number — "beats 11 of 13 themes".
type Place struct {
	Position int
	Theme    string
	Score    float64
}

// Result is a complete ranking with the numbers behind it, so a pack can show
// a forum how close the call was.
type Result struct {
	Method     Method
	Candidates []string    // every theme any ballot ranked, sorted by key (byte order)
	Order      []Place     // every candidate, best first
	Pairwise   [][]float64 // d[i][j]: weight strictly preferring Candidates[i] to Candidates[j]
	Strongest  [][]float64 // Schulze strongest-path strengths p[i][j]; nil under Borda
}

// Rank ranks the themes of ballots by method m. An unknown m ranks by
// Schulze, SPEC §5's default, and Result.Method says so; use ParseMethod to
// reject bad input at the edge. Slices in the Result are never nil (except
// Strongest under Borda), so an empty ranking encodes as [] rather than null.
func Rank(m Method, ballots []Ballot) Result {
	if m != Borda {
		m = Schulze
	}
	cands := Candidates(ballots)
	t := tally(cands, ballots)
	r := Result{Method: m, Candidates: cands, Pairwise: t.d}
	if m == Borda {
		r.Order = bordaOrder(cands, t.borda)
		return r
	}
	r.Strongest = strongest(t.d)
	r.Order = schulzeOrder(cands, r.Strongest)
	return r
}

// Top returns the themes whose Position is at most n, best first. A tie at
// the cut is kept whole, so Top may return more than n themes: leaving out
// one of two equally placed themes would be an arbitrary choice by theme
// key, and a pack's "top 3" must not hinge on spelling.
func Top(order []Place, n int) []string {
	out := []string{}
	for _, p := range order {
		if p.Position <= n {
			out = append(out, p.Theme)
		}
	}
	return out
}

// weight is b's weight as counted: invalid weights count as nothing (see the
// package comment).
func weight(b Ballot) float64 {
	w := b.Weight
	if !(w >= 0) || math.IsInf(w, 1) {
		return 0
	}
	return w
}
