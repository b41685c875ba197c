package overview

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// Moving on to a new period is the director's explicit act (SPEC §2): the
// database stays in the quarter its data is in until they say so. n opens
// a form that asks what to carry over — the services always, with their
// statuses kept or reset; the workload notes and the priorities by choice —
// warns when the period being left was never exported (what is not carried
// over is then gone), and says when the new period has not begun.

// The period form's fields, in order, and their choices.
const (
	fStatuses = iota
	fNotes
	fPriorities
)

const (
	keep  = "keep"
	reset = "reset"
	carry = "carry"
	leave = "leave"
)

// current is the database's period, and whether it is known.
func (m Model) current() (domain.Period, bool) {
	p, err := domain.ParsePeriod(m.data.sum.Period)
	return p, err == nil
}

// behind reports whether today falls in a later period than the database's.
func (m Model) behind() bool {
	p, ok := m.current()
	return ok && p.Before(domain.PeriodOf(m.com.Now()))
}

// starts is the first day of period p.
func starts(p domain.Period) time.Time {
	return time.Date(p.Year, time.Month(4+3*(p.Quarter-1)), 1, 0, 0, 0, 0, time.UTC) // month 13 is January
}

// openPeriod opens the form that asks how to move on.
func (m *Model) openPeriod() {
	cur, ok := m.current()
	if !ok {
		return
	}
	next, sum := cur.Next(), m.data.sum
	var intro []string
	switch {
	case sum.LastExport == nil || sum.LastExport.Period != cur.String():
		intro = append(intro, cur.String()+" was never exported: export it first (section 7) if the forum is to see it; what is not carried over will be gone.")
	case sum.ChangedSince:
		intro = append(intro, cur.String()+" changed since its last export (revision "+fmt.Sprint(sum.LastExport.Revision)+"): export it again first if the forum is to see the changes.")
	}
	if today := m.com.Now(); today.Before(starts(next)) {
		intro = append(intro, next.String()+" has not begun yet: it starts on "+starts(next).Format("2 January 2006")+".")
	}
	intro = append(intro, "Services are always carried over, with the catalogue's new ones for "+next.FinancialYear()+"; so is the workforce.")
	notes, prios := sum.Notes, m.data.prios
	m.form = form.New(m.com.Styles, m.com.Keys, "Move on from "+cur.String()+" to "+next.String(),
		form.Choice("Service statuses", []form.Option{{Value: keep, Label: "keep each service's status"}, {Value: reset, Label: "reset every status to not started"}}, keep),
		form.Choice("Workload notes", carryOptions(notes, "note", "notes"), carry),
		form.Choice("Priorities", carryOptions(prios, "priority", "priorities"), carry),
	).WithIntro(strings.Join(intro, "\n")).WithSubmit("Move on", "moves on").WithQuestion(m.periodQuestion(next, notes, prios)).
		SetSize(m.com.Width, m.com.Height)
	m.editing = periodForm
}

func carryOptions(n int, one, many string) []form.Option {
	return []form.Option{
		{Value: carry, Label: "carry over all " + wording.Plural(n, one, many)},
		{Value: leave, Label: "leave behind: delete " + wording.Plural(n, one, many)},
	}
}

// periodQuestion is asked before moving on. It says "delete" only when
// something is deleted.
func (m Model) periodQuestion(next domain.Period, notes, prios int) func(form.Model) string {
	return func(f form.Model) string {
		var gone, kept []string
		for _, c := range []struct {
			field int
			what  string
		}{{fNotes, wording.Plural(notes, "note", "notes")}, {fPriorities, wording.Plural(prios, "priority", "priorities")}} {
			if f.Value(c.field) == leave {
				gone = append(gone, c.what)
			} else {
				kept = append(kept, c.what)
			}
		}
		statuses := "keeping each service's status"
		if f.Value(fStatuses) == reset {
			statuses = "setting every service to not started"
		}
		q := "Move on to " + next.String() + ", " + statuses
		if len(kept) > 0 {
			q += ", carrying over " + strings.Join(kept, " and ")
		}
		if len(gone) > 0 {
			q += ", and delete " + strings.Join(gone, " and ")
		}
		return q + "?"
	}
}

// movedOn is the move's result: ErrChanged when another program changed
// the database while the user was choosing.
type movedOn struct{ err error }

// Refused reports that the store did not move on.
func (r movedOn) Refused() bool { return r.err != nil }

// moveOn queues the move with the form's choices, adding the services the
// catalogue has for the new financial year as not started.
func (m Model) moveOn() tea.Cmd {
	cur, _ := m.current()
	next := cur.Next()
	carry := store.CarryOver{
		ResetStatuses: m.form.Value(fStatuses) == reset,
		Notes:         m.form.Value(fNotes) == carry,
		Priorities:    m.form.Value(fPriorities) == carry,
		Seen:          m.data.version,
	}
	var active []domain.Service
	for _, e := range m.com.Config.ActiveServices(next.Year) {
		active = append(active, domain.Service{Key: e.Key, Name: e.Name, Status: domain.NotStarted})
	}
	db := m.com.DB
	return common.Do(m.com.Writer, "now in "+next.String(), func(ctx context.Context) (movedOn, error) {
		err := db.MoveOn(ctx, cur, next, active, carry)
		if errors.Is(err, store.ErrChanged) {
			return movedOn{err}, nil
		}
		return movedOn{}, err
	})
}

// movedOn reloads, saying so when another program had moved on first.
func (m Model) movedOn(msg common.SavedMsg[movedOn]) (Model, tea.Cmd) {
	m, load := m.Focus()
	if err := msg.Value.err; err != nil {
		return m, tea.Batch(load, common.NoticeCmd("not moved on: another program changed the database while you chose (%s); look again", common.ErrText(err)))
	}
	return m, load
}
