package list

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
	"github.com/pcnvoice/pcnvoice/internal/tui/styles"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

type rec struct {
	id   int
	text string
}

func table(rows ...rec) Table[rec, int] {
	km := keys.New(false)
	t := NewTable(func(r rec) int { return r.id }, func(r rec) string { return strings.ToLower(r.text) },
		NewFilter(styles.New(tuitest.Renderer(true)), km, ""))
	t.SetHeight(3)
	t.SetRows(rows)
	return t
}

func recs(ids ...int) []rec {
	var out []rec
	for _, id := range ids {
		out = append(out, rec{id, fmt.Sprintf("row %d", id)})
	}
	return out
}

func selected(t Table[rec, int]) int {
	r, ok := t.Selected()
	if !ok {
		return -1
	}
	return r.id
}

// TestTableKeepsTheSelectionByKey: whatever the reload does to the rows,
// the selection follows its record, or stays in place, clamped, when the
// record is gone; it is never past the end.
func TestTableKeepsTheSelectionByKey(t *testing.T) {
	km := keys.New(false)
	for _, tc := range []struct {
		name   string
		do     func(t *Table[rec, int])
		want   int
		length int
	}{
		{"the last deleted: the new last", func(t *Table[rec, int]) { t.HandleKey(km, tuitest.Key("G")); t.SetRows(recs(1, 2, 3, 4)) }, 4, 4},
		{"the only one deleted: none", func(t *Table[rec, int]) { t.SetRows(recs(1)); t.SetRows(nil) }, -1, 0},
		{"one above deleted: still it", func(t *Table[rec, int]) { t.HandleKey(km, tuitest.Key("G")); t.SetRows(recs(2, 3, 4, 5)) }, 5, 4},
		{"re-sorted: still it", func(t *Table[rec, int]) { t.HandleKey(km, tuitest.Key("j")); t.SetRows(recs(5, 4, 3, 2, 1)) }, 2, 5},
		{"gone from the middle: same place", func(t *Table[rec, int]) {
			t.HandleKey(km, tuitest.Key("j"))
			t.HandleKey(km, tuitest.Key("j"))
			t.SetRows(recs(1, 2, 4, 5))
		}, 4, 4},
		{"wanted after the reload", func(t *Table[rec, int]) { t.Want(9); t.SetRows(recs(1, 2, 9, 3)) }, 9, 4},
		{"filtered to nothing, then reloaded", func(t *Table[rec, int]) {
			for _, k := range []string{"/", "zzz", "enter"} {
				t.HandleKey(km, tuitest.Key(k))
			}
			t.SetRows(recs(1, 2))
		}, -1, 2},
		{"filter kept the selection", func(t *Table[rec, int]) {
			t.HandleKey(km, tuitest.Key("G"))
			for _, k := range []string{"/", "5", "enter"} {
				t.HandleKey(km, tuitest.Key(k))
			}
			t.HandleKey(km, tuitest.Key("esc"))
		}, 5, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab := table(recs(1, 2, 3, 4, 5)...)
			tc.do(&tab)
			if got := selected(tab); got != tc.want || tab.Len() != tc.length {
				t.Errorf("selected %d of %d rows, want %d of %d", got, tab.Len(), tc.want, tc.length)
			}
			n := 0
			tab.Each(func(r rec, sel bool) {
				if sel {
					n++
				}
			})
			if n > 1 || (n == 0) != (tc.want == -1) && tab.Shown() > 0 {
				t.Errorf("%d rows drawn selected", n)
			}
		})
	}
}

func TestTableCount(t *testing.T) {
	km := keys.New(false)
	tab := table(recs(1, 2, 3, 11)...)
	if got := tab.Count("row", "rows"); got != "4 rows" {
		t.Errorf("count %q", got)
	}
	for _, k := range []string{"/", "1", "enter"} {
		tab.HandleKey(km, tuitest.Key(k))
	}
	if got := tab.Count("row", "rows"); got != "2 of 4 rows" {
		t.Errorf("filtered count %q", got)
	}
}
