package services

import (
	"context"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
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

// save is the write for the submitted form: the service as the user saw
// it gets the form's status and note.
func save(com common.Common) func(row, bool, form.Model) func(context.Context, bool) (string, []pii.Field, error) {
	return func(was row, _ bool, f form.Model) func(context.Context, bool) (string, []pii.Field, error) {
		now := was.s
		now.Status = domain.Status(f.Value(fStatus))
		now.Note = strings.TrimSpace(f.Value(fNote))
		db := com.DB
		return func(ctx context.Context, force bool) (string, []pii.Field, error) {
			guard := []pii.Field{{Path: was.name + " note", Text: now.Note}}
			return now.Key, guard, db.UpdateService(ctx, was.s, now, force)
		}
	}
}
