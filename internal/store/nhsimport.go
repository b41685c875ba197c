package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// PracticeImport is what an NHS open-data file contributes, applied in one
// transaction by ImportPractices.
type PracticeImport struct {
	// PCN, when set, creates the PCN or fills in its name and ICS. Its code
	// must match the database's PCN, if it has one.
	PCN *domain.PCN
	// Members are practices to add if missing; a known member's postcode
	// is refreshed and a blank name filled in, its list size kept.
	Members []MemberPractice
	// ListSizes, when not nil, updates the list sizes of member practices
	// only; codes that are not members are ignored.
	ListSizes map[string]int64
	// Seed are the services to add as not started when the PCN is created
	// here (the period's catalogue), so a new database is ready to use.
	Seed []domain.Service
}

// MemberPractice is a practice as NHS files name it.
type MemberPractice struct {
	Code, Name, Postcode string
}

// ImportReport says what an import changed, for the user.
type ImportReport struct {
	PCNCreated   bool
	PCNUpdated   bool     // a blank name or ICS filled in
	Added        []string // practice codes added
	Refreshed    []string // members whose postcode changed or blank name was filled
	SizesUpdated int      // members whose list size changed
	SizesSame    int      // members whose list size was already right
	NoSizeRow    []string // members the list-size file has no row for
	// Backup is the copy of the database made before the import changed
	// it; "" when nothing changed or the database was empty.
	Backup string
}

// changed reports whether the import changed anything.
func (r ImportReport) changed() bool {
	return r.PCNCreated || r.PCNUpdated || len(r.Added) > 0 || len(r.Refreshed) > 0 || r.SizesUpdated > 0
}

// ImportPractices applies imp in one transaction: all of it or none. When
// it changes a database that held records, the database as it was is
// backed up first (ImportReport.Backup), inside the same transaction.
// List sizes outside 0..domain.MaxListSize are refused before anything is
// stored.
func (d *DB) ImportPractices(ctx context.Context, imp PracticeImport) (ImportReport, error) {
	for code, n := range imp.ListSizes {
		if n < 0 || n > domain.MaxListSize {
			return ImportReport{}, fmt.Errorf("list size of %s: %d is outside 0..%d", code, n, domain.MaxListSize)
		}
	}
	var rep ImportReport
	backup, err := d.txBackedUp(ctx, "before-import", func(tx *sql.Tx) (bool, error) {
		rep = ImportReport{}
		err := importPractices(ctx, tx, imp, &rep)
		return rep.changed(), err
	})
	rep.Backup = backup
	return rep, err
}

func importPractices(ctx context.Context, tx *sql.Tx, imp PracticeImport, rep *ImportReport) error {
	cur, err := readPCN(ctx, tx)
	if err != nil {
		return err
	}
	if imp.PCN != nil {
		if err := importPCN(ctx, tx, cur, *imp.PCN, imp.Seed, rep); err != nil {
			return err
		}
	} else if cur == nil && len(imp.Members) > 0 {
		return errors.New("no PCN is set up yet: give --pcn CODE")
	}
	for _, m := range imp.Members {
		if err := importMember(ctx, tx, m, rep); err != nil {
			return err
		}
	}
	if imp.ListSizes != nil {
		return importListSizes(ctx, tx, imp.ListSizes, rep)
	}
	return nil
}

func importPCN(ctx context.Context, tx *sql.Tx, cur *domain.PCN, p domain.PCN, seed []domain.Service, rep *ImportReport) error {
	if cur != nil && cur.Code != p.Code {
		return fmt.Errorf("%w (%s %s), not %s", ErrOtherPCN, cur.Code, cur.Name, p.Code)
	}
	if cur == nil {
		rep.PCNCreated = true
		if err := savePCN(ctx, tx, p); err != nil {
			return err
		}
		return seedServices(ctx, tx, seed)
	}
	// Only blanks are filled: a name or ICS the director typed or corrected
	// is theirs, and a later file does not overwrite it.
	next := *cur
	next.Name = cmpOr(next.Name, p.Name)
	next.ICS = cmpOr(next.ICS, p.ICS)
	if next != *cur {
		rep.PCNUpdated = true
		return savePCN(ctx, tx, next)
	}
	return nil
}

func importMember(ctx context.Context, tx *sql.Tx, m MemberPractice, rep *ImportReport) error {
	var name, postcode string
	err := tx.QueryRowContext(ctx, "SELECT name, postcode FROM practices WHERE ods_code = ?", m.Code).Scan(&name, &postcode)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.ExecContext(ctx, "INSERT INTO practices (ods_code, name, list_size, postcode) VALUES (?, ?, 0, ?)",
			m.Code, m.Name, m.Postcode); err != nil {
			return fmt.Errorf("add practice %s: %w", m.Code, err)
		}
		rep.Added = append(rep.Added, m.Code)
	case err != nil:
		return err
	default:
		// A name the director may have corrected is kept; a postcode is a
		// fact the file knows better.
		newName, newPostcode := cmpOr(name, m.Name), cmpOr(m.Postcode, postcode)
		if newName != name || newPostcode != postcode {
			if _, err := tx.ExecContext(ctx, "UPDATE practices SET name = ?, postcode = ? WHERE ods_code = ?", newName, newPostcode, m.Code); err != nil {
				return fmt.Errorf("update practice %s: %w", m.Code, err)
			}
			rep.Refreshed = append(rep.Refreshed, m.Code)
		}
	}
	return nil
}

func importListSizes(ctx context.Context, tx *sql.Tx, sizes map[string]int64, rep *ImportReport) error {
	members, err := readPractices(ctx, tx)
	if err != nil {
		return err
	}
	for _, p := range members {
		n, ok := sizes[p.ODSCode]
		switch {
		case !ok:
			rep.NoSizeRow = append(rep.NoSizeRow, p.ODSCode)
		case n == p.ListSize:
			rep.SizesSame++
		default:
			if _, err := tx.ExecContext(ctx, "UPDATE practices SET list_size = ? WHERE ods_code = ?", n, p.ODSCode); err != nil {
				return fmt.Errorf("update list size of %s: %w", p.ODSCode, err)
			}
			rep.SizesUpdated++
		}
	}
	slices.Sort(rep.NoSizeRow)
	return nil
}

// cmpOr returns a unless it is empty.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
