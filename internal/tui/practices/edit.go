package practices

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
		return 0, errors.New("a list size is at most " + common.Thousands(domain.MaxListSize) + " registered patients")
	}
	return n, nil
}

// save is the write for a submitted form: a new practice, or the one the
// user opened changed (its code too) if still as they saw it.
func save(com common.Common) func(row, bool, form.Model) func(context.Context, bool) (string, []pii.Field, error) {
	return func(was row, adding bool, f form.Model) func(context.Context, bool) (string, []pii.Field, error) {
		size, _ := parseSize(f.Value(fSize)) // the form checked it
		p := domain.Practice{
			ODSCode:  domain.NormaliseCode(f.Value(fCode)),
			Name:     strings.TrimSpace(f.Value(fName)),
			ListSize: size,
		}
		db := com.DB
		return func(ctx context.Context, force bool) (string, []pii.Field, error) {
			if adding {
				return p.ODSCode, nil, db.AddPractice(ctx, p)
			}
			return p.ODSCode, nil, db.UpdatePractice(ctx, was.p, p, force)
		}
	}
}

// remove is the write that deletes a practice as seen, and the one that
// puts it back whole (with the postcode an NHS import gave it).
func remove(com common.Common) func(row) func(context.Context) (func(context.Context) (string, error), error) {
	return func(was row) func(context.Context) (func(context.Context) (string, error), error) {
		db := com.DB
		return func(ctx context.Context) (func(context.Context) (string, error), error) {
			dp, err := db.RemovePractice(ctx, was.p)
			return func(ctx context.Context) (string, error) {
				return dp.Practice.ODSCode, db.RestorePractice(ctx, dp)
			}, err
		}
	}
}
