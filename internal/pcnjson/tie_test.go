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
