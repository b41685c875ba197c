package workload

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// The form's fields, in order.
const (
	fCategory = iota
	fSeverity
	fDate
	fText
)

// openForm opens the form on r, or on a new note dated today.
func openForm(com common.Common, r row, adding bool) form.Model {
	if adding {
		r = newRow(com.Config, domain.Note{Severity: domain.Medium, Date: com.Today()})
	}
	cats := form.CatalogueOptions(com.Config.Categories, r.n.Category, r.cat) // a forum's own category too
	var sevs []form.Option
	for _, s := range []domain.Severity{domain.Low, domain.Medium, domain.High} {
		sevs = append(sevs, form.Option{Value: strconv.Itoa(int(s)), Label: strconv.Itoa(int(s)) + " " + s.String()})
	}
	title := "New workload note"
	if !adding {
		title = "Edit the note of " + r.date
	}
	today := com.Today()
	return form.New(com.Styles, com.Keys, title,
		form.Choice("Category", cats, r.n.Category),
		form.Choice("Severity", sevs, strconv.Itoa(int(r.n.Severity))).WithHint("1 low · 2 medium · 3 high"),
		form.Text("Date", termtext.Line(r.n.Date), checkDate).WithHint("YYYY-MM-DD"),
		form.Area("Text", r.full, 8, func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("say what the pressure is")
			}
			return nil
		}),
	).WithQuestion(func(f form.Model) string {
		// Dates written YYYY-MM-DD compare as strings.
		if d := strings.TrimSpace(f.Value(fDate)); d > today {
			return "this note is dated " + d + ", in the future: save it?"
		}
		return ""
	})
}

// checkDate wants a date that exists, written YYYY-MM-DD, and says what is
// wrong with one that does not ("there is no 30 February 2026").
func checkDate(v string) error {
	v = strings.TrimSpace(v)
	if domain.ValidDate(v) {
		return nil
	}
	var y, m, d int
	if n, _ := fmt.Sscanf(v, "%4d-%2d-%2d", &y, &m, &d); n != 3 || len(v) != 10 {
		return errors.New("a date is written YYYY-MM-DD, e.g. 2026-11-18")
	}
	if m < 1 || m > 12 {
		return fmt.Errorf("there is no month %d: months run 01 to 12", m)
	}
	return fmt.Errorf("there is no %d %s %d", d, time.Month(m), y)
}

// note is the form's values as a note.
func note(f form.Model) domain.Note {
	sev, _ := strconv.Atoi(f.Value(fSeverity))
	return domain.Note{
		Category: f.Value(fCategory),
		Severity: domain.Severity(sev),
		Date:     strings.TrimSpace(f.Value(fDate)),
		Text:     strings.TrimSpace(f.Value(fText)),
	}
}

// save is the write for a submitted form: a new note, or the note the user
// opened changed, only if it is still as they saw it (unless forced).
func save(com common.Common) func(row, bool, form.Model) func(context.Context, bool) (int64, []pii.Field, error) {
	return func(was row, adding bool, f form.Model) func(context.Context, bool) (int64, []pii.Field, error) {
		n, db := note(f), com.DB
		guard := []pii.Field{{Path: "the note's text", Text: n.Text}}
		return func(ctx context.Context, force bool) (int64, []pii.Field, error) {
			if adding {
				id, err := db.AddNote(ctx, n)
				return id, guard, err
			}
			n.ID = was.n.ID
			return n.ID, guard, db.UpdateNote(ctx, was.n, n, force)
		}
	}
}

// remove is the write that deletes a note as seen, and the one that puts
// it back with its ID.
func remove(com common.Common) func(row) func(context.Context) (func(context.Context) (int64, error), error) {
	return func(was row) func(context.Context) (func(context.Context) (int64, error), error) {
		db, n := com.DB, was.n
		return func(ctx context.Context) (func(context.Context) (int64, error), error) {
			return func(ctx context.Context) (int64, error) { return n.ID, db.PutNoteBack(ctx, n) }, db.RemoveNote(ctx, n)
		}
	}
}
