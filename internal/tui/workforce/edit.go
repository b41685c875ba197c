package workforce

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/listscreen"
)

// The form's fields, in order.
const (
	fRole = iota
	fInPost
	fPlanned
	fRecruiting
	fNote
)

// openForm opens the form on the role r, or an empty one to add a role.
// rows are the lines listed: the role picker offers the period's
// catalogue roles not listed yet (other included), and r's own.
func openForm(com common.Common, r row, adding bool, rows []row) form.Model {
	fy := r.fy
	for _, o := range rows {
		if fy == 0 {
			fy = o.fy
		}
	}
	if fy == 0 { // a key typed before the first load: today's year
		fy = domain.PeriodOf(com.Now()).Year
	}
	listed := map[string]bool{}
	for _, o := range rows {
		if o.state == aRole && (adding || o.r.ID != r.r.ID) {
			listed[o.r.Key] = true
		}
	}
	unlisted := slices.DeleteFunc(com.Config.ActiveRoles(fy), func(e config.Entry) bool { return listed[e.Key] })
	own := r.r.Key // a role from before the period, or a forum's own, stays on offer
	if adding {
		own = ""
	}
	opts := form.CatalogueOptions(unlisted, own, r.name)
	if len(opts) == 0 {
		opts = []form.Option{{Value: "", Label: "every role is listed already: esc to go back"}}
	}
	title, in, planned, recruiting := "Add an additional role", "", "", ""
	if !adding {
		title = "Edit the " + r.name + " line"
		in, planned, recruiting = r.r.InPost.String(), r.r.Planned.String(), r.r.Recruiting.String()
	}
	return form.New(com.Styles, com.Keys, title,
		form.Choice("Role", opts, r.r.Key).WithHint("type a letter to jump"),
		form.Text("In post", in, checkWTE).WithHint("WTE, e.g. 1.25 or 0.6"),
		form.Text("Planned", planned, checkWTE).WithHint("WTE the PCN plans for, filled or not"),
		form.Text("Recruiting", recruiting, checkWTE).WithHint("WTE being recruited now"),
		form.Area("Note", r.full, 4, nil).WithHint("what is behind the figures; for Other, which role"),
	).WithQuestion(func(f form.Model) string {
		ro := role(f)
		if ro.InPost+ro.Recruiting > ro.Planned {
			return "in post and being recruited come to " + (ro.InPost + ro.Recruiting).Text() + " WTE, more than the " +
				ro.Planned.Text() + " planned: save it?"
		}
		return ""
	})
}

// checkWTE wants a WTE figure as typed: blank (0), or a number from 0 to
// 1,000 with at most two decimals.
func checkWTE(v string) error {
	_, err := domain.ParseWTE(v)
	return err
}

// role is the form's values as a role (the form checked the figures).
func role(f form.Model) domain.Role {
	wte := func(i int) domain.WTE { w, _ := domain.ParseWTE(f.Value(i)); return w }
	return domain.Role{
		Key: f.Value(fRole), InPost: wte(fInPost), Planned: wte(fPlanned), Recruiting: wte(fRecruiting),
		Note: strings.TrimSpace(f.Value(fNote)),
	}
}

// writes are the store calls behind the form and d: a role is changed
// only if still as the user saw it (unless forced), and put back with its
// ID; on the "none" line, d takes that answer back (not reported) and u
// gives it again.
func writes(com common.Common) listscreen.Writes[row, int64, domain.Role, row] {
	db := com.DB
	// named says a role that has a line already by its name, not its key.
	named := func(err error, ro domain.Role) error {
		if errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("%s has a line already: edit that one", config.Name(com.Config.Roles, ro.Key))
		}
		return err
	}
	add := func(ctx context.Context, ro domain.Role) (int64, error) {
		id, err := db.AddRole(ctx, ro)
		return id, named(err, ro)
	}
	return listscreen.Writes[row, int64, domain.Role, row]{
		Value: func(_ row, f form.Model) (domain.Role, []pii.Field) {
			ro := role(f)
			return ro, []pii.Field{{Path: "the role's note", Text: ro.Note}}
		},
		Add: add,
		Update: func(ctx context.Context, was row, ro domain.Role, force bool) (int64, error) {
			if was.state != aRole { // the line standing for none adds
				return add(ctx, ro)
			}
			ro.ID = was.r.ID
			return ro.ID, named(db.UpdateRole(ctx, was.r, ro, force), ro)
		},
		Remove: func(ctx context.Context, was row) (row, error) {
			if was.state == noStaff {
				return was, db.UnreportWorkforce(ctx)
			}
			return was, db.RemoveRole(ctx, was.r)
		},
		PutBack: func(ctx context.Context, was row) (int64, error) {
			if was.state == noStaff {
				return 0, db.ReportNoStaff(ctx)
			}
			return was.r.ID, db.PutRoleBack(ctx, was.r)
		},
	}
}

// errRolesListed is what n says with roles listed.
var errRolesListed = errors.New("roles are listed: to report that the PCN has none, delete them first")

// reportNone (n) reports that the PCN has no additional-role staff, shown
// at once and saved only if no role was added meanwhile.
func reportNone(m *Model) tea.Cmd {
	rows := m.Rows()
	switch {
	case len(rows) == 0: // not loaded yet
		return nil
	case len(rows) > 1 || rows[0].state == aRole:
		return common.NoticeCmd("%s", errRolesListed.Error())
	case rows[0].state == noStaff:
		return common.NoticeCmd("already reported: the PCN has no additional-role staff (d takes it back)")
	}
	was := rows[0]
	now := was
	now.state, now.name = noStaff, noStaffText
	now.hay = strings.ToLower(now.name)
	m.ShowRow(now)
	db := m.Common().DB
	return m.Write(was, "reported: the PCN has no additional-role staff", func(ctx context.Context) (string, error) {
		return "", db.ReportNoStaff(ctx)
	})
}
