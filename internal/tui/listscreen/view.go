package listscreen

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// View draws the form when open, else the heading, the visible rows only,
// the delete question or a rule, and the selected record's detail.
func (s Screen[R, K]) View() string {
	if s.edit != nil {
		return s.form.View()
	}
	st, w := s.com.Styles, s.com.Width
	if !s.loaded {
		return st.Subtle.Render("loading…")
	}
	var b strings.Builder
	b.Grow(w * (s.table.Height() + 8))
	words := s.table.Count(s.spec.One, s.spec.Many)
	if s.count != "" && !s.table.Filtered() {
		words = s.count
	}
	if s.summary != "" && !s.table.Filtered() {
		words += " · " + s.summary
	}
	head := st.Title.Render(s.spec.Title) + st.Subtle.Render("  "+words)
	if f := s.table.FilterView(w / 2); f != "" {
		head = common.Truncate(head, w-w/2-2) + "  " + f
	}
	b.WriteString(common.Truncate(head, w) + "\n")
	if s.table.Len() == 0 {
		b.WriteString("\n" + strings.Join(common.Wrap(s.spec.Empty, w, 3), "\n"))
		return b.String()
	}
	b.WriteString(st.Header.Render(common.Truncate("  "+s.spec.Columns(w-2), w)) + "\n")
	s.table.Each(func(r R, selected bool) {
		if selected {
			b.WriteString(st.Marker.Render("▸ ") + s.spec.Row(r, w-2, true) + "\n")
		} else {
			b.WriteString("  " + s.spec.Row(r, w-2, false) + "\n")
		}
	})
	if s.table.Shown() == 0 {
		b.WriteString(st.Subtle.Render(common.Truncate("  no "+s.spec.One+" matches the filter (esc clears it)", w)) + "\n")
	}
	if s.confirm != nil {
		b.WriteString(s.com.Confirm("Delete "+s.spec.Label(*s.confirm)+"?", "delete") + "\n")
	} else {
		b.WriteString(st.Subtle.Render(strings.Repeat("─", w)) + "\n")
	}
	if r, ok := s.table.Selected(); ok && s.spec.Detail != nil {
		b.WriteString(s.spec.Detail(r, w, s.detailHeight()))
	}
	return b.String()
}

// ShortHelp is the keys that work now, the most needed first: the root
// cuts the bar short from the right at 80 columns, so moving and `/`
// come before the rest.
func (s Screen[R, K]) ShortHelp() []key.Binding {
	km := s.com.Keys
	switch {
	case s.edit != nil:
		return s.form.ShortHelp()
	case s.confirm != nil:
		return []key.Binding{km.Yes, km.No}
	case s.table.Typing():
		return s.table.FilterHelp()
	}
	bs := []key.Binding{km.Move}
	for _, a := range s.spec.Actions {
		if a.Show.Enabled() {
			bs = append(bs, a.Show)
		}
	}
	bs = append(bs, km.Filter)
	if s.spec.Form != nil {
		bs = append(bs, km.Edit)
	}
	if s.spec.Form != nil && s.spec.NoAdd == "" {
		bs = append(bs, km.Add)
	}
	if s.deletes() {
		bs = append(bs, km.Delete)
		if s.undo != nil {
			bs = append(bs, km.Undo)
		}
	}
	return bs
}

// FullHelp is every key of the screen, in columns narrow enough that the
// root can lay them out at 80 columns.
func (s Screen[R, K]) FullHelp() [][]key.Binding {
	if s.edit != nil {
		return s.form.FullHelp()
	}
	km := s.com.Keys
	var own []key.Binding
	for _, a := range s.spec.Actions {
		own = append(own, a.Key)
	}
	var acts []key.Binding
	if s.spec.Form != nil {
		acts = append(acts, km.Edit)
	}
	if s.spec.Form != nil && s.spec.NoAdd == "" {
		acts = append(acts, km.Add)
	}
	if s.deletes() {
		acts = append(acts, km.Delete, km.Undo)
	}
	acts = append(acts, km.Filter)
	groups := [][]key.Binding{km.Nav(), acts}
	if len(own) > 0 {
		groups = append(groups, own)
	}
	return groups
}

// Selected is the selected row, if any row shows.
func (s Screen[R, K]) Selected() (R, bool) { return s.table.Selected() }

// Rows is every row as loaded (and as changed on screen since), in order.
func (s Screen[R, K]) Rows() []R { return s.table.Rows() }

// Filtered reports whether a filter hides some rows.
func (s Screen[R, K]) Filtered() bool { return s.table.Filtered() }

// Loaded reports whether the rows have been loaded.
func (s Screen[R, K]) Loaded() bool { return s.loaded }

// Editing reports whether a form is open.
func (s Screen[R, K]) Editing() bool { return s.edit != nil }

// CanUndo reports whether u would put a deleted record back.
func (s Screen[R, K]) CanUndo() bool { return s.undo != nil }

// Show replaces the rows at once, keeping the selection by key: a change
// shown while its write (Write) is queued. The next load replaces them.
func (s *Screen[R, K]) Show(rows []R) { s.table.SetRows(rows) }

// ShowRow replaces one row at once (see Show).
func (s *Screen[R, K]) ShowRow(r R) { s.table.SetRow(r) }

// Common is the screen's shared state: database, catalogues, keys, styles.
func (s Screen[R, K]) Common() common.Common { return s.com }

// Shown is how many rows the filter lets through.
func (s Screen[R, K]) Shown() int { return s.table.Shown() }

// Listing is what a list screen holds, to check it against the database:
// the stored record of every row in order, which of them the filter shows
// and which is selected.
type Listing struct {
	Loaded   bool
	Records  []any
	Shown    []int // indices into Records
	Selected int   // an index into Records; -1 when no row shows
	// Busy is true while a form or question is open: what was on screen
	// before is what the user sees.
	Busy bool
}

// Listing reports what the screen holds (see Listing).
func (s Screen[R, K]) Listing() Listing {
	l := Listing{Loaded: s.loaded, Selected: -1, Busy: s.edit != nil || s.confirm != nil}
	sel, ok := s.table.Selected()
	for i, r := range s.table.Rows() {
		l.Records = append(l.Records, s.spec.Record(r))
		if _, shown := s.table.Index(s.spec.Key(r)); shown {
			l.Shown = append(l.Shown, i)
		}
		if ok && s.spec.Key(r) == s.spec.Key(sel) {
			l.Selected = i
		}
	}
	return l
}
