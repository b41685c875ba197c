package pcnjson

import (
	"reflect"
	"testing"
)

func TestTieAtCut(t *testing.T) {
	order := func(pos ...int) []Place {
		var out []Place
		for i, p := range pos {
			out = append(out, Place{Position: p, Theme: string(rune('a' + i))})
		}
		return out
	}
	themes := func(ps []Place) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Theme)
		}
		return out
	}
	for _, c := range []struct {
		name  string
		order []Place
		n     int
		want  []string
	}{
		{"no tie", order(1, 2, 3, 4), 3, nil},
		{"tie inside the top", order(1, 1, 3, 4), 3, nil},
		{"tie across the cut", order(1, 2, 3, 3, 5), 3, []string{"c", "d"}},
		{"three-way tie across the cut", order(1, 2, 2, 2, 5), 2, []string{"b", "c", "d"}},
		{"tie below the cut", order(1, 2, 3, 4, 4), 3, nil},
		{"all tied", order(1, 1, 1), 1, []string{"a", "b", "c"}},
		{"empty", nil, 3, nil},
	} {
		if got := themes(TieAtCut(c.order, c.n)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestSettledTie(t *testing.T) {
	r := Ranking{Top: 3, TopThemes: []string{"a", "b", "c", "d"},
		Order: []Place{{Position: 1, Theme: "a"}, {Position: 2, Theme: "b"}, {Position: 3, Theme: "c"}, {Position: 3, Theme: "d"}, {Position: 5, Theme: "e"}}}
	for _, c := range []struct {
		alt  []string
		want int
	}{
		{[]string{"b", "a", "c"}, 3}, // settles the tie for c
		{[]string{"a", "b", "d"}, 3}, // or for d
		{[]string{"a", "b", "e"}, 0}, // brings in another theme: a disagreement
		{[]string{"a", "c", "d"}, 0}, // drops b, placed above the tie: a disagreement
		{[]string{"a", "b", "c", "d"}, 3},
	} {
		if got := r.SettledTie(Alternative{TopThemes: c.alt}); got != c.want {
			t.Errorf("SettledTie(%v) = %d, want %d", c.alt, got, c.want)
		}
	}
	r.Order[3].Position, r.TopThemes = 4, []string{"a", "b", "c"}
	if got := r.SettledTie(Alternative{TopThemes: []string{"a", "b", "c"}}); got != 0 {
		t.Errorf("no tie, SettledTie = %d", got)
	}
}
