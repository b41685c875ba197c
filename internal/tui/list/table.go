package list

import (
	"slices"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
)

// Table is the rows of a list screen, the `/` filter over them and the
// cursor over the rows the filter shows.
//
// Rows are addressed by a key K that names one record for good (a note's
// ID, a practice's code), never by their place: the selection follows its
// record when the rows are reloaded, re-sorted or filtered, and when that
// record is gone it stays where it was, clamped to the list. Every method
// leaves the selection on a shown row, or on none when none shows, so no
// reload can leave it past the end.
type Table[R any, K comparable] struct {
	rows   []R
	shown  []int // indices into rows that pass the filter, in order
	cur    Cursor
	filter Filter
	key    func(R) K
	hay    func(R) string // the lower-case text the filter searches

	want    K // select this record at the next SetRows
	wanting bool
}

// NewTable returns an empty table whose rows are named by key and found by
// the filter in hay (lower-case text).
func NewTable[R any, K comparable](key func(R) K, hay func(R) string, filter Filter) Table[R, K] {
	return Table[R, K]{key: key, hay: hay, filter: filter}
}

// SetRows replaces the rows, keeping the selected record selected (or the
// one Want named), and re-applies the filter.
func (t *Table[R, K]) SetRows(rows []R) {
	k, ok := t.want, t.wanting
	if !ok {
		var r R
		r, ok = t.Selected()
		if ok {
			k = t.key(r)
		}
	}
	t.rows, t.wanting = rows, false
	t.refilter(k, ok)
}

// SetRow replaces the row whose key is r's, if there is one: a change
// shown at once while its write is queued.
func (t *Table[R, K]) SetRow(r R) {
	for i := range t.rows {
		if t.key(t.rows[i]) == t.key(r) {
			t.rows = slices.Clone(t.rows) // copies of the model share the old rows
			t.rows[i] = r
			return
		}
	}
}

// refilter recomputes the shown rows and selects the record k, if asked
// and shown; otherwise the cursor keeps its place, clamped.
func (t *Table[R, K]) refilter(k K, keep bool) {
	words := Words(t.filter.Query())
	t.shown = make([]int, 0, len(t.rows)) // not reused: copies of the model share the old one
	for i, r := range t.rows {
		if len(words) == 0 || Match(t.hay(r), words) {
			t.shown = append(t.shown, i)
		}
	}
	t.cur.SetLen(len(t.shown))
	if keep {
		t.Select(k)
	}
}

// Want asks the next SetRows to select the record k (a record just added,
// or put back by an undo).
func (t *Table[R, K]) Want(k K) { t.want, t.wanting = k, true }

// Select selects the record k if it is shown, and reports whether it is.
func (t *Table[R, K]) Select(k K) bool {
	j, ok := t.Index(k)
	if ok {
		t.cur.Select(j)
	}
	return ok
}

// Selected is the selected row, if any row shows.
func (t Table[R, K]) Selected() (R, bool) {
	if len(t.shown) == 0 {
		var zero R
		return zero, false
	}
	return t.rows[t.shown[t.cur.Index()]], true
}

// Index is the place among the shown rows of record k, if it shows.
func (t Table[R, K]) Index(k K) (int, bool) {
	for j, i := range t.shown {
		if t.key(t.rows[i]) == k {
			return j, true
		}
	}
	return -1, false
}

// Find is the row of record k, shown or not.
func (t Table[R, K]) Find(k K) (R, bool) {
	for _, r := range t.rows {
		if t.key(r) == k {
			return r, true
		}
	}
	var zero R
	return zero, false
}

// Rows is every row, filtered or not, in order. The caller must not
// change it: SetRows with a changed copy.
func (t Table[R, K]) Rows() []R { return t.rows }

// Len is the number of rows; Shown the number the filter lets through.
func (t Table[R, K]) Len() int { return len(t.rows) }

// Shown is the number of rows the filter lets through.
func (t Table[R, K]) Shown() int { return len(t.shown) }

// Key is row r's key.
func (t Table[R, K]) Key(r R) K { return t.key(r) }

// SetHeight sets how many rows fit on screen.
func (t *Table[R, K]) SetHeight(h int) { t.cur.SetHeight(h) }

// Height is how many rows fit on screen.
func (t Table[R, K]) Height() int { return t.cur.Height() }

// Each calls fn for each shown row in the window on screen, in order, and
// says which is selected: only the visible rows are drawn, however long
// the list.
func (t Table[R, K]) Each(fn func(r R, selected bool)) {
	start, end := t.cur.Window()
	for j := start; j < end; j++ {
		fn(t.rows[t.shown[j]], j == t.cur.Index())
	}
}

// Filtered reports whether a filter query is applied.
func (t Table[R, K]) Filtered() bool { return t.filter.Query() != "" }

// Typing reports whether the filter has the keyboard.
func (t Table[R, K]) Typing() bool { return t.filter.Typing() }

// ClearFilter drops the filter, keeping the selection.
func (t *Table[R, K]) ClearFilter() {
	r, ok := t.Selected()
	t.filter = t.filter.Clear()
	t.refilter(t.keyOf(r, ok))
}

func (t Table[R, K]) keyOf(r R, ok bool) (K, bool) {
	if !ok {
		var zero K
		return zero, false
	}
	return t.key(r), true
}

// HandleKey moves about the table and works its filter: while the filter
// has the keyboard every key is the filter's; otherwise the moving keys,
// `/` to filter and esc to clear an applied filter. It reports whether msg
// was one of these.
func (t *Table[R, K]) HandleKey(km *keys.KeyMap, msg tea.KeyMsg) bool {
	switch {
	case t.filter.Typing():
		r, ok := t.Selected()
		var changed bool
		if t.filter, changed = t.filter.Update(msg); changed {
			t.refilter(t.keyOf(r, ok))
		}
	case t.cur.HandleKey(km, msg):
	case key.Matches(msg, km.Filter):
		t.filter = t.filter.Start()
	case key.Matches(msg, km.Back) && t.Filtered():
		t.ClearFilter()
	default:
		return false
	}
	return true
}

// Count says how many rows there are, or how many of them show: "12
// notes", "3 of 12 notes".
func (t Table[R, K]) Count(one, many string) string {
	if t.Filtered() {
		return strconv.Itoa(len(t.shown)) + " of " + strconv.Itoa(len(t.rows)) + " " + many
	}
	if len(t.rows) == 1 {
		return "1 " + one
	}
	return strconv.Itoa(len(t.rows)) + " " + many
}

// FilterView is the filter line: the input while typing, the applied
// query after ("" when there is none).
func (t Table[R, K]) FilterView(width int) string { return t.filter.View(width) }

// FilterHelp is the keys that work while the filter is typed into.
func (t Table[R, K]) FilterHelp() []key.Binding { return t.filter.ShortHelp() }
