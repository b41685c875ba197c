// Package listscreen is the one list screen every section that lists
// records is built on (Practices, Services, Workload, Priorities, and later
// Workforce): the rows with their `/` filter and cursor (list.Table), the
// add and edit form, delete with a y/n question and one undo, a check that
// the database has not changed under the user before they act, and the
// help bar. A section describes its kind of record in a Spec; the crash
// fixes and the rules about what may be edited live here, once.
//
// The rules: a record is named by a key that is never reused for another
// record (a note's ID, a practice's code); before a delete is asked or a
// form opened, and whenever the section comes back into view, the
// database's version is read and the rows reloaded if it moved; and every
// write names the record as the user saw it, so the store refuses it
// (store.ErrGone, store.ErrChanged) rather than change a record the user
// did not see. The app's own writes are told apart from another program's
// by the Writer's Ledger.
package listscreen

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// Spec describes one kind of record to a Screen: R is a row as loaded and
// drawn (the record and its sanitised text), K the key that names its
// record for good. Funcs marked optional may be nil.
type Spec[R any, K comparable] struct {
	// Title heads the screen ("Workload"); One and Many name a record and
	// records in counts ("note", "notes").
	Title, One, Many string
	// FilterHint says what the filter matches.
	FilterHint string
	// Empty is what the screen says with no records: how to add the first.
	Empty string
	// DetailLines is the least height of the selected record's Detail
	// under the list (a taller window gives more); 0 for no detail.
	DetailLines int

	// Load reads the rows and the database version they were read at. It
	// runs in a command, never in Update.
	Load func(ctx context.Context) ([]R, int64, error)
	// Key names a row's record.
	Key func(R) K
	// Hay is a row's lower-case text for the filter.
	Hay func(R) string
	// Same reports whether two rows hold the same record as stored: what
	// the user saw is still what is there.
	Same func(a, b R) bool
	// Label names a row's record in messages: "the note of 2026-11-16".
	Label func(R) string
	// Record is the stored record a row shows (a domain.Note, say): what
	// Listing reports, to check the screen against the database.
	Record func(R) any

	// Summary (optional) is the heading's words after the count: "4 high".
	Summary func(rows []R) string
	// Count (optional) replaces the heading's "12 notes" while no filter
	// is on: for a list whose rows are not all records (Workforce's line
	// saying the PCN reports none).
	Count func(rows []R) string
	// Columns is the column headings line for width w.
	Columns func(w int) string
	// Row draws one row in width w (without the two-cell marker).
	Row func(r R, w int, selected bool) string
	// Detail (optional) is the selected row's full text, w × h at most.
	Detail func(r R, w, h int) string

	// Form (optional) opens the form on r (the zero R when adding); rows
	// are the others, for a field that must differ from theirs. Unset,
	// the list is only to read: enter and a do nothing.
	Form func(r R, adding bool, rows []R) form.Model
	// Adds (optional) reports that enter on r opens the form to add a
	// record, as a: r is a line standing for none (Workforce's "none").
	Adds func(r R) bool
	// Writes (with Form) are the store calls that add, change, delete and
	// put back a record: a Writes value.
	Writes Writing[R, K]
	// NoAdd, when set, is what `a` says: why this screen adds nothing.
	NoAdd string
	// NoDelete is what `d` says when the Writes delete nothing.
	NoDelete string
	// Undeletable (optional) says why `d` does nothing on r ("" when it
	// may be deleted), before anything is asked.
	Undeletable func(r R) string
	// Jump (optional) finds the record a JumpMsg names and the form field
	// to open on.
	Jump func(common.JumpMsg) (K, int, bool)

	// Actions are the screen's own keys (a status cycle, a move).
	Actions []Action[R, K]

	// ReloadOn (optional) reports that msg, from elsewhere in the app,
	// changes what the rows show though no record changed — an export
	// moves the Services trail — so the rows are read again.
	ReloadOn func(msg tea.Msg) bool
}

// Action is a key of a screen's own: Do runs when Key is pressed while the
// list has the keyboard, with the Screen to act through.
type Action[R any, K comparable] struct {
	Key key.Binding
	// Show, when set, is the entry for the one-line help bar (K/J stands
	// for two actions there); Key is always in the full help.
	Show key.Binding
	Do   func(s *Screen[R, K]) tea.Cmd
}
