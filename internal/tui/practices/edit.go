package practices

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
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// The form's fields, in order.
const (
	fCode = iota
	fName
	fSize
)

// openForm opens the add form, or the edit form for r. rows are the
// practices listed, whose codes a new or corrected code must not take.
func openForm(com common.Common, r row, adding bool, rows []row) form.Model {
	title, size := "Add a member practice", ""
	if !adding {
		title, size = "Edit "+r.code, strconv.FormatInt(r.p.ListSize, 10)
	}
	return form.New(com.Styles, com.Keys, title,
		form.Text("ODS code", r.code, checkCode(r.p.ODSCode, rows)).WithHint("a letter and five digits, e.g. N81002"),
		form.Text("Name", r.name, func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("give the practice's name")
			}
			return nil
		}),
		form.Text("List size", size, func(v string) error {
			_, err := parseSize(v)
			return err
		}).WithHint("registered patients"),
	)
}

// checkCode wants a well-formed code that no other practice has: saving
// over another practice by mistyping a code would lose it.
func checkCode(own string, rows []row) func(string) error {
	return func(v string) error {
		code := domain.NormaliseCode(v)
		if !domain.ValidPracticeCode(code) {
			return errors.New("an ODS code is a letter and five digits, e.g. N81002")
		}
		if code == own {
			return nil
		}
		for _, r := range rows {
			if r.p.ODSCode == code {
				return errors.New(code + " is already a member practice")
			}
		}
		return nil
	}
}

// parseSize reads a list size, allowing the thousands separators people
// copy from spreadsheets ("9,834"), up to domain.MaxListSize.
func parseSize(v string) (int64, error) {
	v = strings.NewReplacer(",", "", " ", "", "_", "").Replace(v)
	if v == "" {
		return 0, errors.New("give the list size (registered patients), 0 if unknown")
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, errors.New("a list size is a whole number, 0 or more")
	}
	if n > domain.MaxListSize {
		return 0, errors.New("a list size is at most " + wording.Thousands(domain.MaxListSize) + " registered patients")
	}
	return n, nil
}

// writes are the store calls behind the form and d: a practice is changed
// (its code too) only if still as the user saw it, and put back whole,
// with the postcode an NHS import gave it.
func writes(db *store.DB) listscreen.Writes[row, string, domain.Practice, store.DeletedPractice] {
	return listscreen.Writes[row, string, domain.Practice, store.DeletedPractice]{
		Value: func(_ row, f form.Model) (domain.Practice, []pii.Field) {
			size, _ := parseSize(f.Value(fSize)) // the form checked it
			p := domain.Practice{
				ODSCode:  domain.NormaliseCode(f.Value(fCode)),
				Name:     strings.TrimSpace(f.Value(fName)),
				ListSize: size,
			}
			return p, []pii.Field{{Path: "the practice's name", Text: p.Name, Name: true}}
		},
		Add: func(ctx context.Context, p domain.Practice) (string, error) { return p.ODSCode, db.AddPractice(ctx, p) },
		Update: func(ctx context.Context, was row, p domain.Practice, force bool) (string, error) {
			return p.ODSCode, db.UpdatePractice(ctx, was.p, p, force)
		},
		Remove: func(ctx context.Context, was row) (store.DeletedPractice, error) {
			return db.RemovePractice(ctx, was.p)
		},
		PutBack: func(ctx context.Context, dp store.DeletedPractice) (string, error) {
			return dp.Practice.ODSCode, db.RestorePractice(ctx, dp)
		},
	}
}
