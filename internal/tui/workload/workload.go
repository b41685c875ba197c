// Package workload is section 5: the workload notes, newest first, with a
// filter by category, severity and text; add, edit and delete (with undo).
// It stays quick with thousands of notes: text is sanitised and lower-cased
// once when loaded, and only the rows on screen are drawn. The list itself
// is listscreen's; this package says what a note is.
package workload

import (
	"context"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/listscreen"
)

// Model is the workload screen.
type Model = listscreen.Screen[row, int64]

// row is one note as stored (n, for saving) and as drawn.
type row struct {
	n         domain.Note
	date, cat string
	line      string // the text on one line
	full      string // the text with its line breaks
	hay       string // lower-case: "cat:<key> <name> sev:<n> sev:<word> <date> <text>"
}

// New returns the workload screen; Focus loads it.
func New(com common.Common) Model {
	return newModel(com, func(ctx context.Context) ([]row, int64, error) {
		ns, v, err := com.DB.NotesAt(ctx)
		return rowsOf(com.Config, ns), v, err
	})
}

// newModel builds the screen over load (a benchmark loads from memory).
func newModel(com common.Common, load func(context.Context) ([]row, int64, error)) Model {
	return listscreen.New(com, listscreen.Spec[row, int64]{
		Title: "Workload", One: "note", Many: "notes",
		FilterHint:  "words · cat:estates · sev:high · 2026-11",
		Empty:       "No workload notes yet: press a to record a pressure your practices report.",
		DetailLines: minDetail,
		Load:        load,
		Key:         func(r row) int64 { return r.n.ID },
		Hay:         func(r row) string { return r.hay },
		Same:        func(a, b row) bool { return a.n == b.n },
		Record:      func(r row) any { return r.n },
		Label:       label,
		Summary:     highCount,
		Columns:     columns,
		Row:         drawRow(com),
		Detail:      func(r row, w, h int) string { return strings.Join(common.Wrap(r.full, w, h), "\n") },
		Form:        func(r row, adding bool, _ []row) form.Model { return openForm(com, r, adding) },
		Writes:      writes(com.DB),
		Jump: func(j common.JumpMsg) (int64, int, bool) {
			return j.ID, fText, j.ID != 0
		},
	})
}

// rowsOf prepares notes for drawing and filtering: the work done once per
// load rather than once per frame.
func rowsOf(cfg *config.Config, ns []domain.Note) []row {
	rows := make([]row, len(ns))
	for i, n := range ns {
		rows[i] = newRow(cfg, n)
	}
	return rows
}

func newRow(cfg *config.Config, n domain.Note) row {
	r := row{
		n:    n,
		date: termtext.Line(n.Date),
		cat:  termtext.Line(config.Name(cfg.Categories, n.Category)),
		line: termtext.Line(n.Text),
		full: termtext.Sanitize(n.Text),
	}
	r.hay = strings.ToLower("cat:" + termtext.Line(n.Category) + " " + r.cat + " sev:" + strconv.Itoa(int(n.Severity)) +
		" sev:" + n.Severity.String() + " " + r.date + " " + r.line)
	return r
}

// label names a note in questions and notices.
func label(r row) string {
	return "the note of " + r.date + " (" + common.Truncate(r.cat, 20) + ")"
}

// highCount is the heading's "4 high".
func highCount(rows []row) string {
	n := 0
	for i := range rows {
		if rows[i].n.Severity == domain.High {
			n++
		}
	}
	return strconv.Itoa(n) + " high"
}
