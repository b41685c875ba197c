package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// The history the database keeps of its exports (SPEC §14): what
// `pcnvoice history` and `diff @N` read, the Services trail and the
// submission paper's previous-period status.

// ExportHistory returns every export with its document, newest first.
func (d *DB) ExportHistory(ctx context.Context) ([]domain.ExportRecord, error) {
	var out []domain.ExportRecord
	err := d.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT revision, exported_at, period, digest, content_hash, document
			FROM exports ORDER BY revision DESC`)
		if err != nil {
			return fmt.Errorf("read history: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r domain.ExportRecord
			if err := rows.Scan(&r.Revision, &r.ExportedAt, &r.Period, &r.Digest, &r.ContentHash, &r.Document); err != nil {
				return fmt.Errorf("read history: %w", err)
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// ExportRevision returns export revision n with its document, or nil when
// the database never exported revision n.
func (d *DB) ExportRevision(ctx context.Context, n int) (*domain.ExportRecord, error) {
	var rec *domain.ExportRecord
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		rec, err = exportRevision(ctx, tx, n)
		return err
	})
	return rec, err
}

func exportRevision(ctx context.Context, tx *sql.Tx, n int) (*domain.ExportRecord, error) {
	r := domain.ExportRecord{Revision: n}
	err := tx.QueryRowContext(ctx, `SELECT exported_at, period, digest, content_hash, document FROM exports WHERE revision = ?`, n).
		Scan(&r.ExportedAt, &r.Period, &r.Digest, &r.ContentHash, &r.Document)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read revision %d: %w", n, err)
	}
	return &r, nil
}

// PeriodExports returns, for each of the newest n periods the database
// exported (all of them when n < 1), the last export of that period with
// its document, newest period first: what a period's history is, its
// final word. Periods are compared as periods, not as text, so
// "2026/27 q3" from an imported file is the same quarter as "2026/27 Q3".
func (d *DB) PeriodExports(ctx context.Context, n int) ([]domain.ExportRecord, error) {
	var out []domain.ExportRecord
	err := d.read(ctx, func(tx *sql.Tx) error {
		revs, err := periodLasts(ctx, tx)
		if err != nil {
			return err
		}
		if n > 0 && len(revs) > n {
			revs = revs[:n]
		}
		for _, pr := range revs {
			rec, err := exportRevision(ctx, tx, pr.revision)
			if err != nil {
				return err
			}
			if rec != nil {
				out = append(out, *rec)
			}
		}
		return nil
	})
	return out, err
}

// PreviousPeriodExport returns the last export of the newest period
// before p that the database exported, nil when there is none: the
// submission the paper for p compares each service with.
func (d *DB) PreviousPeriodExport(ctx context.Context, p domain.Period) (*domain.ExportRecord, error) {
	var rec *domain.ExportRecord
	err := d.read(ctx, func(tx *sql.Tx) error {
		revs, err := periodLasts(ctx, tx)
		if err != nil {
			return err
		}
		for _, pr := range revs {
			if pr.period.Before(p) {
				rec, err = exportRevision(ctx, tx, pr.revision)
				return err
			}
		}
		return nil
	})
	return rec, err
}

type periodRevision struct {
	period   domain.Period
	revision int
}

// periodLasts is each exported period's last revision, newest period
// first. An export whose period does not read as one (no pcnvoice writes
// such) belongs to no period.
func periodLasts(ctx context.Context, tx *sql.Tx) ([]periodRevision, error) {
	rows, err := tx.QueryContext(ctx, `SELECT revision, period FROM exports`)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	last := map[domain.Period]int{}
	for rows.Next() {
		var rev int
		var period string
		if err := rows.Scan(&rev, &period); err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		p, err := domain.ParsePeriod(period)
		if err != nil {
			continue
		}
		last[p] = max(last[p], rev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	out := make([]periodRevision, 0, len(last))
	for p, rev := range last {
		out = append(out, periodRevision{p, rev})
	}
	slices.SortFunc(out, func(a, b periodRevision) int {
		return cmp.Or(cmp.Compare(b.period.Year, a.period.Year), cmp.Compare(b.period.Quarter, a.period.Quarter))
	})
	return out, nil
}

// SinceExport reads, in one snapshot, the current content and the newest
// export (nil if none): the two the Overview compares to say what changed
// since the last export.
func (d *DB) SinceExport(ctx context.Context) (domain.Snapshot, *domain.ExportRecord, error) {
	var s domain.Snapshot
	var last *domain.ExportRecord
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		if s, err = readSnapshot(ctx, tx); err != nil {
			return err
		}
		last, err = lastExport(ctx, tx)
		return err
	})
	return s, last, err
}
