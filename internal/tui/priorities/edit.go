package priorities

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/listscreen"
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

// writes are the store calls behind the form and d: a new priority joins
// at the end; one is changed only if still as the user saw it; a delete
// closes the gap in the ranks, and u puts it back at its rank.
func writes(db *store.DB) listscreen.Writes[row, int64, domain.Priority, domain.Priority] {
	return listscreen.Writes[row, int64, domain.Priority, domain.Priority]{
		Value: func(_ row, f form.Model) (domain.Priority, []pii.Field) {
			p := domain.Priority{
				Theme:     f.Value(fTheme),
				Title:     strings.TrimSpace(f.Value(fTitle)),
				Ask:       strings.TrimSpace(f.Value(fAsk)),
				Rationale: strings.TrimSpace(f.Value(fRationale)),
			}
			return p, []pii.Field{{Path: "the title", Text: p.Title}, {Path: "the ask", Text: p.Ask}, {Path: "the rationale", Text: p.Rationale}}
		},
		Add: db.AddPriority,
		Update: func(ctx context.Context, was row, p domain.Priority, force bool) (int64, error) {
			return was.p.ID, db.UpdatePriority(ctx, was.p, p, force)
		},
		Remove:  func(ctx context.Context, was row) (domain.Priority, error) { return db.RemovePriority(ctx, was.p) },
		PutBack: func(ctx context.Context, p domain.Priority) (int64, error) { return p.ID, db.PutPriorityBack(ctx, p) },
	}
}
