package store

// Queries the TUI needs beyond those the command line uses.

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// HighNotes returns up to limit high-severity workload notes, newest first:
// the overview's "what hurts most lately" without reading every note.
func (d *DB) HighNotes(ctx context.Context, limit int) ([]domain.Note, error) {
	var ns []domain.Note
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		ns, err = readNotes(ctx, tx, fmt.Sprintf("WHERE severity = %d ORDER BY date DESC, id DESC LIMIT %d", domain.High, max(limit, 0)))
		return err
	})
	return ns, err
}

// SetUp records a new database's PCN and starts period p with the catalogue
// services active in it, in one transaction, so that a first run that stops
// half-way never leaves a PCN without its services.
func (d *DB) SetUp(ctx context.Context, pcn domain.PCN, p domain.Period, active []domain.Service) error {
	pcn.Code = domain.NormaliseCode(pcn.Code)
	if err := pcn.Validate("pcn"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		if err := savePCN(ctx, tx, pcn); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE meta SET period = ?, edit_seq = edit_seq + 1 WHERE id = 1", p.String()); err != nil {
			return fmt.Errorf("set period: %w", err)
		}
		return seedServices(ctx, tx, active)
	})
}

// DeletedPractice is a practice as it was before RemovePractice, with the
// fields domain.Practice does not carry (the postcode an NHS import set, which
// the patient-data guard allows), so that an undo puts back all of it.
type DeletedPractice struct {
	Practice domain.Practice
	Postcode string
}

// RemovePractice deletes the member practice was, if it is stored as the
// user saw it (else ErrGone or ErrChanged), and returns it whole for
// RestorePractice. It is an edit as seen (see WithEditLog).
func (d *DB) RemovePractice(ctx context.Context, was domain.Practice) (DeletedPractice, error) {
	var out DeletedPractice
	err := d.edit(ctx, func(tx *sql.Tx) error {
		p := &out.Practice
		err := tx.QueryRowContext(ctx, "SELECT ods_code, name, list_size, postcode FROM practices WHERE ods_code = ?", was.ODSCode).
			Scan(&p.ODSCode, &p.Name, &p.ListSize, &out.Postcode)
		ok, err := found(err)
		if err != nil {
			return fmt.Errorf("delete practice %s: %w", was.ODSCode, err)
		}
		if err := sameAsSeen("practice "+was.ODSCode, *p, ok, was); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM practices WHERE ods_code = ?", was.ODSCode); err != nil {
			return fmt.Errorf("delete practice %s: %w", was.ODSCode, err)
		}
		return nil
	})
	return out, err
}

// RestorePractice puts back a practice RemovePractice took out. If a
// practice with its code was added since, that one is kept and ErrConflict
// returned.
func (d *DB) RestorePractice(ctx context.Context, dp DeletedPractice) error {
	p := dp.Practice
	if err := p.Validate("practice"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO practices (ods_code, name, list_size, postcode) VALUES (?, ?, ?, ?)",
			p.ODSCode, p.Name, p.ListSize, dp.Postcode)
		if err != nil {
			return fmt.Errorf("restore practice %s: %w", p.ODSCode, err)
		}
		return nil
	})
}
