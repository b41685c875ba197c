package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Practices returns the member practices sorted by ODS code.
func (d *DB) Practices(ctx context.Context) ([]domain.Practice, error) {
	var ps []domain.Practice
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		ps, err = readPractices(ctx, tx)
		return err
	})
	return ps, err
}

func readPractices(ctx context.Context, tx *sql.Tx) ([]domain.Practice, error) {
	rows, err := tx.QueryContext(ctx, "SELECT ods_code, name, list_size FROM practices ORDER BY ods_code")
	if err != nil {
		return nil, fmt.Errorf("read practices: %w", err)
	}
	defer rows.Close()
	ps := []domain.Practice{}
	for rows.Next() {
		var p domain.Practice
		if err := rows.Scan(&p.ODSCode, &p.Name, &p.ListSize); err != nil {
			return nil, fmt.Errorf("read practices: %w", err)
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// SavePractice adds a member practice or updates one with the same code.
func (d *DB) SavePractice(ctx context.Context, p domain.Practice) error {
	p.ODSCode = domain.NormaliseCode(p.ODSCode)
	if err := p.Validate("practice"); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error { return savePractice(ctx, tx, p) })
}

func savePractice(ctx context.Context, tx *sql.Tx, p domain.Practice) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO practices (ods_code, name, list_size) VALUES (?, ?, ?)
		ON CONFLICT (ods_code) DO UPDATE SET name = excluded.name, list_size = excluded.list_size
		WHERE (name, list_size) IS NOT (excluded.name, excluded.list_size)`, p.ODSCode, p.Name, p.ListSize)
	if err != nil {
		return fmt.Errorf("save practice %s: %w", p.ODSCode, err)
	}
	return nil
}

// RenamePractice changes a practice's code as well as its details (an edit
// that corrects a mistyped code).
func (d *DB) RenamePractice(ctx context.Context, oldCode string, p domain.Practice) error {
	p.ODSCode = domain.NormaliseCode(p.ODSCode)
	if err := p.Validate("practice"); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE practices SET ods_code = ?, name = ?, list_size = ? WHERE ods_code = ?",
			p.ODSCode, p.Name, p.ListSize, oldCode)
		if err != nil {
			return fmt.Errorf("save practice %s: %w", p.ODSCode, mapErr(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("practice %s: %w", oldCode, ErrNotFound)
		}
		return nil
	})
}

// PracticePostcodes returns the member practices' postcodes (those known
// from an NHS import), which the patient-data guard does not warn about.
func (d *DB) PracticePostcodes(ctx context.Context) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT postcode FROM practices WHERE postcode <> '' ORDER BY postcode")
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var pc string
		if err := rows.Scan(&pc); err != nil {
			return nil, err
		}
		out = append(out, pc)
	}
	return out, rows.Err()
}

// PracticesAt is Practices with the version (see Version) they were read at.
func (d *DB) PracticesAt(ctx context.Context) ([]domain.Practice, int64, error) {
	var ps []domain.Practice
	v, err := d.readAt(ctx, func(tx *sql.Tx) error {
		var err error
		ps, err = readPractices(ctx, tx)
		return err
	})
	return ps, v, err
}

// The edits of a practice as seen (see WithEditLog). A practice is named
// by its ODS code, which is the practice's own for good.

// AddPractice adds a member practice; one with its code already gives
// ErrConflict, changing nothing.
func (d *DB) AddPractice(ctx context.Context, p domain.Practice) error {
	p.ODSCode = domain.NormaliseCode(p.ODSCode)
	if err := p.Validate("practice"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO practices (ods_code, name, list_size) VALUES (?, ?, ?)", p.ODSCode, p.Name, p.ListSize)
		if err != nil {
			return fmt.Errorf("add practice %s: %w", p.ODSCode, mapErr(err))
		}
		return nil
	})
}

// UpdatePractice changes the practice was to now, correcting its code too
// when now's differs (ErrConflict if another practice has that code). It
// returns ErrGone or ErrChanged when the stored practice is not was. With
// force now is written whatever is stored: over a changed practice, or
// added back for a deleted one.
func (d *DB) UpdatePractice(ctx context.Context, was, now domain.Practice, force bool) error {
	now.ODSCode = domain.NormaliseCode(now.ODSCode)
	if err := now.Validate("practice"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		cur, ok, err := readPractice(ctx, tx, was.ODSCode)
		if err != nil {
			return err
		}
		if ok && cur == now {
			return nil
		}
		if !force {
			if err := sameAsSeen("practice "+was.ODSCode, cur, ok, was); err != nil {
				return err
			}
		}
		if ok {
			_, err = tx.ExecContext(ctx, "UPDATE practices SET ods_code = ?, name = ?, list_size = ? WHERE ods_code = ?",
				now.ODSCode, now.Name, now.ListSize, was.ODSCode)
		} else {
			_, err = tx.ExecContext(ctx, "INSERT INTO practices (ods_code, name, list_size) VALUES (?, ?, ?)", now.ODSCode, now.Name, now.ListSize)
		}
		if err != nil {
			return fmt.Errorf("save practice %s: %w", now.ODSCode, mapErr(err))
		}
		return nil
	})
}

func readPractice(ctx context.Context, tx *sql.Tx, code string) (domain.Practice, bool, error) {
	p := domain.Practice{ODSCode: code}
	err := tx.QueryRowContext(ctx, "SELECT name, list_size FROM practices WHERE ods_code = ?", code).Scan(&p.Name, &p.ListSize)
	ok, err := found(err)
	return p, ok, err
}
