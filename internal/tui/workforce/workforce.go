// Package workforce is section 4: the PCN's additional-roles (ARRS)
// staff, one line a role with its WTE in post, planned and being
// recruited and a fill bar in words and numbers; add a role (from the
// period's catalogue), edit its figures and note, delete with undo, `/`
// to filter, and `n` to report that the PCN has no additional-role staff.
// The list itself is listscreen's; this package says what a role is.
//
// Not reported and "none" are different answers (SPEC §4): a PCN that
// never filled the section in leaves workforce out of its submission,
// and the forum leaves it out of its figures; one that says "none" is
// counted with no staff. So the list always holds a line saying which,
// when no role is listed: n makes "not reported" into "none", d takes
// "none" back.
package workforce

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/listscreen"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// Model is the workforce screen.
type Model = listscreen.Screen[row, int64]

// state is what a line of the list is: a role, or, with no role listed,
// what the PCN reported.
type state int

const (
	aRole       state = iota
	notReported       // no role, and the workforce not reported
	noStaff           // no role: the PCN reports no additional-role staff
)

// row is one line: a role as stored (r, for saving) and as drawn, or the
// line saying the workforce is not reported or none. fy is the financial
// year of the database's period, whose catalogue roles the form offers.
type row struct {
	r     domain.Role
	state state
	fy    int
	order int    // the role's place in the catalogue; unknown roles after
	name  string // the catalogue's name, or the key itself, sanitised
	line  string // the note on one line
	full  string // the note with its line breaks
	fill  string // "65%", or "" with nothing planned
	hay   string
}

// Words for the lines that are not roles.
const (
	notReportedText = "Not reported: your submission leaves the workforce out"
	noStaffText     = "None: the PCN has no additional-role staff"
)

// New returns the workforce screen; Focus loads it.
func New(com common.Common) Model {
	km := com.Keys
	return listscreen.New(com, listscreen.Spec[row, int64]{
		Title: "Workforce", One: "role", Many: "roles",
		FilterHint:  "role or note",
		Empty:       "No roles listed: press a to add an additional role, or n if the PCN has none.",
		DetailLines: minDetail,
		Load:        load(com),
		Key:         func(r row) int64 { return r.r.ID }, // 0 for the line that is not a role
		Hay:         func(r row) string { return r.hay },
		Same:        func(a, b row) bool { return a.r == b.r && a.state == b.state },
		Record:      record,
		Label:       label,
		Count:       count,
		Summary:     summary,
		Columns:     columns,
		Row:         drawRow(com),
		Detail:      detail(com),
		Form:        func(r row, adding bool, rows []row) form.Model { return openForm(com, r, adding, rows) },
		Adds:        func(r row) bool { return r.state != aRole },
		Writes:      writes(com),
		Undeletable: func(r row) string {
			if r.state == notReported {
				return "nothing to delete: the workforce is not reported (a adds a role, n says the PCN has none)"
			}
			return ""
		},
		Jump: func(j common.JumpMsg) (int64, int, bool) { return j.ID, fNote, j.ID != 0 },
		Actions: []listscreen.Action[row, int64]{
			{Key: km.NoStaff, Show: km.NoStaff, Do: reportNone},
		},
	})
}

func load(com common.Common) func(context.Context) ([]row, int64, error) {
	return func(ctx context.Context) ([]row, int64, error) {
		p, err := com.DB.Period(ctx)
		if err != nil {
			return nil, 0, err
		}
		roles, reported, v, err := com.DB.WorkforceAt(ctx)
		return rowsOf(com.Config, p.Year, roles, reported), v, err
	}
}

// rowsOf prepares the roles for drawing, in the catalogue's order (a
// forum's own roles after, by key); with none listed, the one line that
// says whether the workforce was reported.
func rowsOf(cfg *config.Config, fy int, roles []domain.Role, reported bool) []row {
	if len(roles) == 0 {
		st := notReported
		if reported {
			st = noStaff
		}
		r := row{state: st, fy: fy, name: notReportedText}
		if st == noStaff {
			r.name = noStaffText
		}
		r.hay = strings.ToLower(r.name)
		return []row{r}
	}
	at := map[string]int{}
	for i, e := range cfg.Roles {
		at[e.Key] = i
	}
	rows := make([]row, len(roles))
	for i, ro := range roles {
		order, ok := at[ro.Key]
		if !ok {
			order = len(cfg.Roles)
		}
		r := row{
			r: ro, fy: fy, order: order,
			name: termtext.Line(config.Name(cfg.Roles, ro.Key)),
			line: termtext.Line(ro.Note), full: termtext.Sanitize(ro.Note),
		}
		if p, ok := domain.Percent(ro.InPost, ro.Planned); ok {
			r.fill = strconv.FormatInt(p, 10) + "%"
		}
		r.hay = strings.ToLower(r.name + " " + termtext.Line(ro.Key) + " " + r.line)
		rows[i] = r
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		if a.order != b.order {
			return a.order - b.order
		}
		return strings.Compare(a.r.Key, b.r.Key)
	})
	return rows
}

// record is what a line shows of the database: the role, or the state.
func record(r row) any {
	switch r.state {
	case notReported:
		return "workforce not reported"
	case noStaff:
		return "no additional-role staff"
	}
	return r.r
}

// label names a line in questions and notices.
func label(r row) string {
	switch r.state {
	case notReported:
		return "the workforce"
	case noStaff:
		return "“no additional-role staff”"
	}
	return "the " + common.Truncate(r.name, 30) + " line"
}

// count is the heading's count: roles, or what was reported.
func count(rows []row) string {
	if len(rows) == 1 && rows[0].state != aRole {
		if rows[0].state == noStaff {
			return "no additional-role staff"
		}
		return "not reported"
	}
	return wording.Plural(len(rows), "role", "roles")
}

// summary is the heading's totals: "13.7 of 19.0 planned WTE in post (72%)".
func summary(rows []row) string {
	var roles []domain.Role
	for _, r := range rows {
		if r.state == aRole {
			roles = append(roles, r.r)
		}
	}
	if len(roles) == 0 {
		return ""
	}
	t := domain.Totals(roles)
	s := domain.FillLine(t.InPost, t.Planned)
	if t.Recruiting > 0 {
		s += " · " + t.Recruiting.Text() + " recruiting"
	}
	return s
}
