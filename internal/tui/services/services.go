// Package services is section 3: every service of the period with its
// status, in words and colour, and the director's note. A key cycles the
// status (green → amber → red → not started); enter edits the note. The
// services are the national catalogue's for the period, so nothing is
// added or deleted here. The list itself is listscreen's.
package services

import (
	"context"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/listscreen"
)

// Model is the services screen.
type Model = listscreen.Screen[row, string]

// row is one service as stored (s, for saving) and as drawn.
type row struct {
	s          domain.Service
	name, note string // one line each, sanitised
	full       string // the note with its line breaks, sanitised
	hay        string
	// trail is the service's status in each of periods, the last
	// exported ones, oldest first (trail.go).
	trail   []domain.Status
	periods []string
}

// catalogue is why a and d do nothing here.
const catalogue = "services come from the national catalogue for the period, so they are not added or deleted here: " +
	"s changes a status, enter writes a note"

// New returns the services screen; Focus loads it.
func New(com common.Common) Model {
	return listscreen.New(com, listscreen.Spec[row, string]{
		Title: "Services", One: "service", Many: "services",
		FilterHint:  "name, status or note",
		Empty:       "No services this period. They are added when a period starts.",
		DetailLines: minDetail,
		Load:        load(com),
		Key:         func(r row) string { return r.s.Key },
		Hay:         func(r row) string { return r.hay },
		Same:        func(a, b row) bool { return a.s == b.s },
		Record:      func(r row) any { return r.s },
		Label:       func(r row) string { return r.name },
		Summary:     counts,
		Columns:     columns,
		Row:         drawRow(com),
		Detail:      detail(com),
		Form:        func(r row, _ bool, _ []row) form.Model { return openForm(com, r) },
		Writes:      writes(com.DB),
		NoAdd:       catalogue,
		NoDelete:    catalogue,
		Jump: func(j common.JumpMsg) (string, int, bool) {
			return j.Key, fNote, j.Key != ""
		},
		Actions: []listscreen.Action[row, string]{{Key: com.Keys.Cycle, Show: com.Keys.Cycle, Do: cycle}},
		// An export (a write of another section) adds to the trail.
		ReloadOn: func(msg tea.Msg) bool {
			s, ok := msg.(common.Saved)
			return ok && s.Written().Pending == 0 && s.Written().Err == nil
		},
	})
}

func load(com common.Common) func(context.Context) ([]row, int64, error) {
	return func(ctx context.Context) ([]row, int64, error) {
		ss, v, err := com.DB.ServicesAt(ctx)
		if err != nil {
			return nil, v, err
		}
		h, err := loadHistory(ctx, com.DB)
		rows := make([]row, len(ss))
		for i, s := range ss {
			rows[i] = newRow(s)
			rows[i].trail, rows[i].periods = h.trailOf(s.Key), h.periods
		}
		// The catalogue's order (SPEC §5, §6), as the papers and the
		// forum pack show them: a director reading the paper beside the
		// screen finds each service in the same place.
		slices.SortStableFunc(rows, func(a, b row) int {
			return com.Config.CompareServices(a.s.Key, b.s.Key)
		})
		return rows, v, err
	}
}

func newRow(s domain.Service) row {
	name := s.Name
	if name == "" {
		name = s.Key
	}
	r := row{s: s, name: termtext.Line(name), note: termtext.Line(s.Note), full: termtext.Sanitize(s.Note)}
	r.hay = strings.ToLower(r.name + " " + s.Status.Word() + " " + r.note + " " + termtext.Line(s.Key))
	return r
}

// cycle moves the selected service to its next status: shown at once,
// and saved in key order by the Writer, so three quick presses land on
// the third status. Each save names the status it moves from, so one
// that another program changed meanwhile is left alone.
func cycle(m *Model) tea.Cmd {
	r, ok := m.Selected()
	if !ok {
		return nil
	}
	next := r.s
	next.Status = next.Status.Next()
	shown := newRow(next)
	shown.trail, shown.periods = r.trail, r.periods
	m.ShowRow(shown)
	db := m.Common().DB
	return m.Write(r, r.name+": "+next.Status.Word(), func(ctx context.Context) (string, error) {
		return "", db.UpdateService(ctx, r.s, next, false)
	})
}
