package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// LastExport returns the newest export, or nil if the database never exported.
func (d *DB) LastExport(ctx context.Context) (*domain.ExportRecord, error) {
	var rec *domain.ExportRecord
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		rec, err = lastExport(ctx, tx)
		return err
	})
	return rec, err
}

func lastExport(ctx context.Context, tx *sql.Tx) (*domain.ExportRecord, error) {
	var r domain.ExportRecord
	err := tx.QueryRowContext(ctx, `SELECT revision, exported_at, period, digest, content_hash, document
		FROM exports ORDER BY revision DESC LIMIT 1`).
		Scan(&r.Revision, &r.ExportedAt, &r.Period, &r.Digest, &r.ContentHash, &r.Document)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read last export: %w", err)
	}
	return &r, nil
}

// Exports returns every export, newest first, without the documents.
func (d *DB) Exports(ctx context.Context) ([]domain.ExportRecord, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT revision, exported_at, period, digest, content_hash FROM exports ORDER BY revision DESC`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []domain.ExportRecord
	for rows.Next() {
		var r domain.ExportRecord
		if err := rows.Scan(&r.Revision, &r.ExportedAt, &r.Period, &r.Digest, &r.ContentHash); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ExportFunc builds the export from the current snapshot and the last export
// (nil if none). Returning last itself means "content unchanged".
type ExportFunc func(s domain.Snapshot, last *domain.ExportRecord) (domain.ExportRecord, error)

// ErrExportRace is returned by RecordExport when another export was
// recorded between PrepareExport and RecordExport.
var ErrExportRace = errors.New("another export was recorded while this one was being written; export again for the next revision")

// Export builds the export inside one write transaction, hands it to
// deliver (which writes the file), and records it only if deliver returns
// nil: history then never names a file that was not written. Holding the
// write lock throughout means no edit from another window can land between
// the content read and the export recorded. A new revision is recorded; an
// unchanged one marks the database as exported as it stands. deliver may
// be nil when there is nothing to write.
func (d *DB) Export(ctx context.Context, build ExportFunc, deliver func(domain.ExportRecord) error) (domain.ExportRecord, error) {
	var rec domain.ExportRecord
	err := d.tx(ctx, func(tx *sql.Tx) error {
		p, err := prepareExport(ctx, tx, build)
		if err != nil {
			return err
		}
		rec = p.Record
		if deliver != nil {
			if err := deliver(rec); err != nil {
				return err
			}
		}
		return recordExport(ctx, tx, rec, p.editSeq, false)
	})
	return rec, err
}

// PendingExport is an export built but not yet recorded: PrepareExport's
// result, for output that must not hold the write lock while it is written
// (a pipe to a pager may wait on a person).
type PendingExport struct {
	Record domain.ExportRecord
	// Last is the newest export when the content was read, nil if none.
	Last    *domain.ExportRecord
	editSeq int64
}

// PrepareExport builds the export from one read snapshot and records
// nothing. It works on a read-only database too.
func (d *DB) PrepareExport(ctx context.Context, build ExportFunc) (PendingExport, error) {
	var p PendingExport
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = prepareExport(ctx, tx, build)
		return err
	})
	return p, err
}

func prepareExport(ctx context.Context, tx *sql.Tx, build ExportFunc) (PendingExport, error) {
	var p PendingExport
	s, err := readSnapshot(ctx, tx)
	if err != nil {
		return p, err
	}
	if p.editSeq, err = editSeq(ctx, tx); err != nil {
		return p, err
	}
	if p.Last, err = lastExport(ctx, tx); err != nil {
		return p, err
	}
	p.Record, err = build(s, p.Last)
	return p, err
}

// RecordExport records a prepared export once its output is written. The
// edits it marks as exported are those it was built from: an edit made
// meanwhile still counts as changed since. If another export was recorded
// meanwhile it returns ErrExportRace and records nothing.
func (d *DB) RecordExport(ctx context.Context, p PendingExport) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		cur, err := lastExport(ctx, tx)
		if err != nil {
			return err
		}
		switch {
		case cur == nil && p.Last == nil:
		case cur != nil && p.Last != nil && cur.Revision == p.Last.Revision && cur.Digest == p.Last.Digest:
		case cur != nil && cur.Revision == p.Record.Revision && cur.Digest == p.Record.Digest:
			// The same export, recorded by a twin run: nothing to add.
		default:
			return ErrExportRace
		}
		return recordExport(ctx, tx, p.Record, p.editSeq, false)
	})
}

func editSeq(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seq int64
	if err := tx.QueryRowContext(ctx, "SELECT edit_seq FROM meta WHERE id = 1").Scan(&seq); err != nil {
		return 0, fmt.Errorf("read edit count: %w", err)
	}
	return seq, nil
}

// recordExport stores rec if its revision is new and marks the edits up to
// seq as exported. With keepExisting, a revision already recorded (perhaps
// with another digest) is left as it was.
func recordExport(ctx context.Context, tx *sql.Tx, rec domain.ExportRecord, seq int64, keepExisting bool) error {
	var digest string
	err := tx.QueryRowContext(ctx, "SELECT digest FROM exports WHERE revision = ?", rec.Revision).Scan(&digest)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.ExecContext(ctx, `INSERT INTO exports (revision, exported_at, period, digest, content_hash, edit_seq, document)
			VALUES (?, ?, ?, ?, ?, 0, ?)`, rec.Revision, rec.ExportedAt, rec.Period, rec.Digest, rec.ContentHash, rec.Document); err != nil {
			return fmt.Errorf("record export: %w", err)
		}
	case err != nil:
		return fmt.Errorf("record export: %w", err)
	case digest != rec.Digest && !keepExisting:
		return fmt.Errorf("record export: revision %d is already recorded with another digest", rec.Revision)
	}
	// Only the newest export's edit_seq matters for "changed since export";
	// it never goes back (a slower twin run marks no fewer edits).
	_, err = tx.ExecContext(ctx, `UPDATE exports SET edit_seq = max(edit_seq, ?)
		WHERE revision = ? AND revision = (SELECT max(revision) FROM exports)`, seq, rec.Revision)
	return err
}
