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
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/listscreen"
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

// writes are the store calls behind the form and d: a note is changed
// only if still as the user saw it (unless forced), and put back with
// its ID.
func writes(db *store.DB) listscreen.Writes[row, int64, domain.Note, domain.Note] {
	return listscreen.Writes[row, int64, domain.Note, domain.Note]{
		Value: func(_ row, f form.Model) (domain.Note, []pii.Field) {
			n := note(f)
			return n, []pii.Field{{Path: "the note's text", Text: n.Text}}
		},
		Add: db.AddNote,
		Update: func(ctx context.Context, was row, n domain.Note, force bool) (int64, error) {
			n.ID = was.n.ID
			return n.ID, db.UpdateNote(ctx, was.n, n, force)
		},
		Remove:  func(ctx context.Context, was row) (domain.Note, error) { return was.n, db.RemoveNote(ctx, was.n) },
		PutBack: func(ctx context.Context, n domain.Note) (int64, error) { return n.ID, db.PutNoteBack(ctx, n) },
	}
}
