package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Snapshot reads everything a submission holds in one read transaction.
// Notes come sorted by date, category and text, as the submission lists them.
// A database with no PCN yet gives a zero PCN.
func (d *DB) Snapshot(ctx context.Context) (domain.Snapshot, error) {
	var s domain.Snapshot
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		s, err = readSnapshot(ctx, tx)
		return err
	})
	return s, err
}

func readSnapshot(ctx context.Context, tx *sql.Tx) (domain.Snapshot, error) {
	var s domain.Snapshot
	var period string
	if err := tx.QueryRowContext(ctx, "SELECT period FROM meta WHERE id = 1").Scan(&period); err != nil {
		return s, fmt.Errorf("read period: %w", err)
	}
	p, err := domain.ParsePeriod(period)
	if err != nil {
		return s, err
	}
	s.Period = p
	pcn, err := readPCN(ctx, tx)
	if err != nil {
		return s, err
	}
	if pcn != nil {
		s.PCN = *pcn
		if err := tx.QueryRowContext(ctx, "SELECT statement FROM pcn WHERE id = 1").Scan(&s.Statement); err != nil {
			return s, fmt.Errorf("read statement: %w", err)
		}
	}
	if s.Practices, err = readPractices(ctx, tx); err != nil {
		return s, err
	}
	if s.Services, err = readServices(ctx, tx); err != nil {
		return s, err
	}
	if s.Notes, err = readNotes(ctx, tx, "ORDER BY date, category, text, id"); err != nil {
		return s, err
	}
	if s.Priorities, err = readPriorities(ctx, tx); err != nil {
		return s, err
	}
	if s.Workforce, s.WorkforceReported, err = readWorkforce(ctx, tx); err != nil {
		return s, err
	}
	return s, nil
}

// IsEmpty reports whether the database holds no PCN and no records: a
// restore into it needs no backup and cannot clash with another PCN.
func (d *DB) IsEmpty(ctx context.Context) (bool, error) {
	var empty bool
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		empty, err = isEmpty(ctx, tx)
		return err
	})
	return empty, err
}

func isEmpty(ctx context.Context, tx *sql.Tx) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM pcn) + (SELECT count(*) FROM practices)
		+ (SELECT count(*) FROM services) + (SELECT count(*) FROM notes) + (SELECT count(*) FROM priorities)
		+ (SELECT count(*) FROM workforce) + (SELECT workforce_reported FROM meta) + (SELECT count(*) FROM exports)`).Scan(&n)
	return n == 0, err
}

// ErrOtherPCN is returned by Restore when the database belongs to another PCN.
var ErrOtherPCN = fmt.Errorf("the database belongs to another PCN")

// Restore replaces the database's records with s exactly — its period,
// services, notes, priorities and workforce (reported or not) as given,
// nothing seeded or added — in one
// transaction, and records rec, if not nil, as an export (the submission it
// came from) unless that revision is already recorded. It refuses a snapshot
// of another PCN. It makes no backup: RestoreBackedUp does.
func (d *DB) Restore(ctx context.Context, s domain.Snapshot, rec *domain.ExportRecord) error {
	return d.tx(ctx, func(tx *sql.Tx) error { return restore(ctx, tx, s, rec) })
}

// RestoreBackedUp is Restore after a backup copy of the database as it
// was, when it held any records, taken inside the restore's transaction
// so that nothing can land between the copy and the restore. It returns
// the copy's path, "" when the database was empty, and whether anything
// changed: a restore of what the database already holds, its export
// already recorded, is undone whole — no backup (which would push an
// older, meaningful one out of the ten kept), no new row ids.
func (d *DB) RestoreBackedUp(ctx context.Context, s domain.Snapshot, rec *domain.ExportRecord) (backup string, changed bool, err error) {
	backup, err = d.txBackedUp(ctx, "before-import", func(tx *sql.Tx) (bool, error) {
		before, err := readContent(ctx, tx)
		if err != nil {
			return false, err
		}
		if err := restore(ctx, tx, s, rec); err != nil {
			return false, err
		}
		after, err := readContent(ctx, tx)
		if err != nil {
			return false, err
		}
		if reflect.DeepEqual(before, after) {
			return false, errUnchanged // roll back: not even the ids move
		}
		return true, nil
	})
	if errors.Is(err, errUnchanged) {
		return "", false, nil
	}
	return backup, err == nil, err
}

// errUnchanged rolls back a restore that changed nothing.
var errUnchanged = errors.New("the database already holds exactly this")

// restorable is what a restore can change, row ids aside: the records,
// how many exports are recorded, and whether the content has changed since
// the newest of them (a restore of that export clears it, as status says).
type restorable struct {
	snap         domain.Snapshot
	exports      int
	changedSince bool
}

// readContent reads the database's content as a restore sees it, with
// the row ids a restore renews zeroed.
func readContent(ctx context.Context, tx *sql.Tx) (restorable, error) {
	s, err := readSnapshot(ctx, tx)
	if err != nil {
		return restorable{}, err
	}
	for i := range s.Notes {
		s.Notes[i].ID = 0
	}
	for i := range s.Priorities {
		s.Priorities[i].ID = 0
	}
	for i := range s.Workforce {
		s.Workforce[i].ID = 0
	}
	c := restorable{snap: s}
	// As status reads it (summarySQL): edits past the newest export's.
	err = tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM exports),
		coalesce((SELECT edit_seq FROM exports ORDER BY revision DESC LIMIT 1) != m.edit_seq, 1)
		FROM meta m WHERE m.id = 1`).Scan(&c.exports, &c.changedSince)
	if err != nil {
		return restorable{}, fmt.Errorf("count exports: %w", err)
	}
	return c, nil
}

func restore(ctx context.Context, tx *sql.Tx, s domain.Snapshot, rec *domain.ExportRecord) error {
	cur, err := readPCN(ctx, tx)
	if err != nil {
		return err
	}
	if cur != nil && cur.Code != s.PCN.Code {
		return fmt.Errorf("%w (%s %s); this file is for %s", ErrOtherPCN, cur.Code, cur.Name, s.PCN.Code)
	}
	for _, q := range []string{"DELETE FROM practices", "DELETE FROM services", "DELETE FROM notes", "DELETE FROM priorities"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
	}
	if err := savePCN(ctx, tx, s.PCN); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE pcn SET statement = ? WHERE id = 1", s.Statement); err != nil {
		return fmt.Errorf("restore statement: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE meta SET period = ? WHERE id = 1", s.Period.String()); err != nil {
		return fmt.Errorf("restore period: %w", err)
	}
	for _, p := range s.Practices {
		if err := savePractice(ctx, tx, p); err != nil {
			return err
		}
	}
	for _, sv := range s.Services {
		if err := saveService(ctx, tx, sv); err != nil {
			return err
		}
	}
	for _, n := range s.Notes {
		n.ID = 0
		if _, err := saveNote(ctx, tx, n); err != nil {
			return err
		}
	}
	for i, p := range s.Priorities {
		if _, err := tx.ExecContext(ctx, `INSERT INTO priorities (rank, theme, title, ask, rationale) VALUES (?, ?, ?, ?, ?)`,
			i+1, p.Theme, p.Title, p.Ask, p.Rationale); err != nil {
			return fmt.Errorf("restore priorities[%d]: %w", i, err)
		}
	}
	if err := restoreWorkforce(ctx, tx, s); err != nil {
		return err
	}
	if rec == nil {
		return nil
	}
	seq, err := editSeq(ctx, tx)
	if err != nil {
		return err
	}
	return recordExport(ctx, tx, *rec, seq, true)
}
