package priorities

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// The form's fields, in order.
const (
	fTheme = iota
	fTitle
	fAsk
	fRationale
)

// openForm opens the form on r, or on a new priority.
func openForm(com common.Common, r row, adding bool) form.Model {
	themes := form.CatalogueOptions(com.Config.Themes, r.p.Theme, r.theme) // a forum's own theme too
	title := "New priority (it joins at the bottom; move it with K/J)"
	if !adding {
		title = "Edit priority " + strconv.Itoa(r.p.Rank)
	}
	return form.New(com.Styles, com.Keys, title,
		form.Choice("Theme", themes, r.p.Theme),
		form.Text("Title", r.title1, func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("give the priority a short title")
			}
			return nil
		}),
		form.Area("Ask", r.ask, 5, nil).WithHint("what the ICS should do"),
		form.Area("Rationale", r.rationale, 5, nil),
	)
}

// save is the write for a submitted form: a new priority at the end, or
// the one the user opened changed, if still as they saw it.
func save(com common.Common) func(row, bool, form.Model) func(context.Context, bool) (int64, []pii.Field, error) {
	return func(was row, adding bool, f form.Model) func(context.Context, bool) (int64, []pii.Field, error) {
		p := domain.Priority{
			Theme:     f.Value(fTheme),
			Title:     strings.TrimSpace(f.Value(fTitle)),
			Ask:       strings.TrimSpace(f.Value(fAsk)),
			Rationale: strings.TrimSpace(f.Value(fRationale)),
		}
		db := com.DB
		guard := []pii.Field{{Path: "the title", Text: p.Title}, {Path: "the ask", Text: p.Ask}, {Path: "the rationale", Text: p.Rationale}}
		return func(ctx context.Context, force bool) (int64, []pii.Field, error) {
			if adding {
				id, err := db.AddPriority(ctx, p)
				return id, guard, err
			}
			return was.p.ID, guard, db.UpdatePriority(ctx, was.p, p, force)
		}
	}
}

// remove is the write that deletes a priority as seen (closing the gap in
// the ranks), and the one that puts it back at its rank.
func remove(com common.Common) func(row) func(context.Context) (func(context.Context) (int64, error), error) {
	return func(was row) func(context.Context) (func(context.Context) (int64, error), error) {
		db := com.DB
		return func(ctx context.Context) (func(context.Context) (int64, error), error) {
			gone, err := db.RemovePriority(ctx, was.p)
			return func(ctx context.Context) (int64, error) { return gone.ID, db.PutPriorityBack(ctx, gone) }, err
		}
	}
}
