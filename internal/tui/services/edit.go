package services

import (
	"context"
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
	fStatus = iota
	fNote
)

// openForm edits a service's status and note.
func openForm(com common.Common, r row) form.Model {
	var opts []form.Option
	for _, st := range domain.Statuses {
		opts = append(opts, form.Option{Value: string(st), Label: st.Label()})
	}
	return form.New(com.Styles, com.Keys, r.name,
		form.Choice("Status", opts, string(r.s.Status)),
		form.Area("Note", r.full, 8, nil),
	)
}

// writes are the store calls behind the form: the service as the user saw
// it gets the form's status and note. Services are the catalogue's, so
// none is added or deleted here.
func writes(db *store.DB) listscreen.Writes[row, string, domain.Service, struct{}] {
	return listscreen.Writes[row, string, domain.Service, struct{}]{
		Value: func(was row, f form.Model) (domain.Service, []pii.Field) {
			now := was.s
			now.Status = domain.Status(f.Value(fStatus))
			now.Note = strings.TrimSpace(f.Value(fNote))
			return now, []pii.Field{{Path: was.name + " note", Text: now.Note}}
		},
		Update: func(ctx context.Context, was row, now domain.Service, force bool) (string, error) {
			return now.Key, db.UpdateService(ctx, was.s, now, force)
		},
	}
}
