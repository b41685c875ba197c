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

// Export runs build inside one write transaction, so that reading the
// content, choosing the revision and recording the export cannot interleave
// with an edit from another window. A new revision is recorded; an unchanged
// one marks the database as exported as it stands.
func (d *DB) Export(ctx context.Context, build ExportFunc) (domain.ExportRecord, error) {
	var rec domain.ExportRecord
	err := d.tx(ctx, func(tx *sql.Tx) error {
		s, err := readSnapshot(ctx, tx)
		if err != nil {
			return err
		}
		last, err := lastExport(ctx, tx)
		if err != nil {
			return err
		}
		if rec, err = build(s, last); err != nil {
			return err
		}
		return recordExport(ctx, tx, rec, false)
	})
	return rec, err
}

// recordExport stores rec if its revision is new and marks the database's
// current edits as exported. With keepExisting, a revision already recorded
// (perhaps with another digest) is left as it was.
func recordExport(ctx context.Context, tx *sql.Tx, rec domain.ExportRecord, keepExisting bool) error {
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
	// Only the newest export's edit_seq matters for "changed since export".
	_, err = tx.ExecContext(ctx, `UPDATE exports SET edit_seq = (SELECT edit_seq FROM meta WHERE id = 1)
		WHERE revision = ? AND revision = (SELECT max(revision) FROM exports)`, rec.Revision)
	return err
}
