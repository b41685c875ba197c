package forum

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// recommendations drafts the resolutions the forum puts to its board (SPEC
// §5): for each theme in the forum's top or its consensus, in the forum's
// order, the asks the PCNs holding it among their first Top priorities
// made under it — a board votes on asks, not on the name of a theme. Asks
// the same but for spacing or case are merged, with every PCN that made
// them; different asks are listed. A priority with no ask is kept aside
// (Unasked), never made into a resolution. Minority themes are not
// recommended: the papers show them as the minority voice.
//
// A theme in the top that no PCN holds among its first Top priorities
// (a close ranking can put one there) draws on every ask under it.
func recommendations(opt Options, r pcnjson.Ranking, c pcnjson.Consensus, b ballots, refs refs) []pcnjson.Recommendation {
	top, agreed := map[string]bool{}, map[string]bool{}
	for _, t := range r.TopThemes {
		top[t] = true
	}
	for _, t := range c.Themes {
		agreed[t.Theme] = true
	}
	// holds[theme][code]: the PCN's best rank for the theme is within Top.
	holds := map[string]map[string]bool{}
	for i, d := range b.docs {
		for theme, rk := range b.equal[i].Ranks {
			if rk <= opt.Top {
				if holds[theme] == nil {
					holds[theme] = map[string]bool{}
				}
				holds[theme][d.PCN.Code] = true
			}
		}
	}
	asks := map[string][]askBy{}
	for _, d := range b.docs {
		for _, p := range d.Priorities {
			// Quoted as the quotes section quotes it (scrubbed when anonymising).
			quoted := pcnjson.Ask{PCN: refs.of(d.PCN.Code), Rank: p.Rank,
				Title: refs.scrub(d.PCN.Code, p.Title), Ask: refs.scrub(d.PCN.Code, p.Ask)}
			asks[p.Theme] = append(asks[p.Theme], askBy{code: d.PCN.Code, rank: p.Rank, quoted: quoted})
		}
	}
	out := []pcnjson.Recommendation{}
	for _, pl := range r.Order {
		if !top[pl.Theme] && !agreed[pl.Theme] {
			continue
		}
		rec := pcnjson.Recommendation{Theme: pl.Theme, Name: pl.Name, Position: pl.Position,
			InTop: top[pl.Theme], Consensus: agreed[pl.Theme], Asks: []pcnjson.JointAsk{}, Unasked: []pcnjson.Ask{}}
		behind := asks[pl.Theme]
		if len(holds[pl.Theme]) > 0 {
			behind = slices.DeleteFunc(slices.Clone(behind), func(a askBy) bool { return a.rank > opt.Top || !holds[pl.Theme][a.code] })
		}
		rec.Asks, rec.Unasked = joinAsks(behind)
		out = append(out, rec)
	}
	return out
}

// askBy is one priority under a theme: its PCN, rank and the ask as the
// pack quotes it.
type askBy struct {
	code   string
	rank   int
	quoted pcnjson.Ask
}

// joinAsks merges asks whose words are the same after spacing and case
// (normalAsk): most PCNs first, then the best rank, then the first PCN by
// code. The wording shown is the one most of them typed (spacing made
// single), one not in capitals if any is, then the one ranked highest,
// then the first by code. Priorities with no ask go to unasked, by rank
// then code.
func joinAsks(asks []askBy) (joint []pcnjson.JointAsk, unasked []pcnjson.Ask) {
	slices.SortStableFunc(asks, func(a, b askBy) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(a.code, b.code))
	})
	type group struct {
		words []string // each wording, in the order met (best rank first)
		used  map[string]int
		best  int
		first string
		pcns  []pcnjson.Ref
		codes []string
	}
	var groups []*group
	byNorm := map[string]*group{}
	unasked = []pcnjson.Ask{}
	for _, a := range asks {
		norm := normalAsk(a.quoted.Ask)
		if norm == "" {
			unasked = append(unasked, a.quoted)
			continue
		}
		g := byNorm[norm]
		if g == nil {
			g = &group{used: map[string]int{}, best: a.rank, first: a.code}
			byNorm[norm] = g
			groups = append(groups, g)
		}
		w := strings.Join(strings.FieldsFunc(a.quoted.Ask, unicode.IsSpace), " ")
		if g.used[w] == 0 {
			g.words = append(g.words, w)
		}
		g.used[w]++
		if !slices.Contains(g.codes, a.code) { // a PCN asking it twice counts once
			g.codes = append(g.codes, a.code)
			g.pcns = append(g.pcns, a.quoted.PCN)
		}
	}
	slices.SortStableFunc(groups, func(a, b *group) int {
		return cmp.Or(cmp.Compare(len(b.pcns), len(a.pcns)), cmp.Compare(a.best, b.best), strings.Compare(a.first, b.first))
	})
	joint = make([]pcnjson.JointAsk, len(groups))
	for i, g := range groups {
		words := slices.Clone(g.words)
		shouted := func(s string) int {
			if strings.ToUpper(s) == s && strings.ToLower(s) != s {
				return 1
			}
			return 0
		}
		slices.SortStableFunc(words, func(a, b string) int {
			return cmp.Or(cmp.Compare(shouted(a), shouted(b)), cmp.Compare(g.used[b], g.used[a]))
		})
		// PCNs in code order, as everywhere in the pack.
		idx := make([]int, len(g.codes))
		for k := range idx {
			idx[k] = k
		}
		slices.SortFunc(idx, func(x, y int) int { return strings.Compare(g.codes[x], g.codes[y]) })
		refs := make([]pcnjson.Ref, len(idx))
		for k, j := range idx {
			refs[k] = g.pcns[j]
		}
		joint[i] = pcnjson.JointAsk{Text: words[0], PCNs: refs}
	}
	return joint, unasked
}

// normalAsk is an ask as compared for merging: runs of space (of any
// kind) made one, ends trimmed, and case folded, so "Fund  rooms" and
// "fund rooms" are one ask. Nothing else is folded: asks worded
// differently are different asks, and the board sees each.
func normalAsk(s string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "))
}
