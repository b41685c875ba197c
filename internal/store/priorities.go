package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Ranks are kept contiguous (1..n) by every operation here. Because rank is
// UNIQUE and SQLite checks it row by row, shifting a block goes through
// negative ranks: first to -(new), then flipped back.

// Priorities returns the priorities in rank order.
func (d *DB) Priorities(ctx context.Context) ([]domain.Priority, error) {
	var ps []domain.Priority
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		ps, err = readPriorities(ctx, tx)
		return err
	})
	return ps, err
}

func readPriorities(ctx context.Context, tx *sql.Tx) ([]domain.Priority, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, rank, theme, title, ask, rationale FROM priorities ORDER BY rank")
	if err != nil {
		return nil, fmt.Errorf("read priorities: %w", err)
	}
	defer rows.Close()
	ps := []domain.Priority{}
	for rows.Next() {
		var p domain.Priority
		if err := rows.Scan(&p.ID, &p.Rank, &p.Theme, &p.Title, &p.Ask, &p.Rationale); err != nil {
			return nil, fmt.Errorf("read priorities: %w", err)
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// SavePriority updates the priority with p.ID (its rank unchanged), or adds
// a new one: at p.Rank if that is within 1..n+1 (how an undone delete goes
// back to its place), else at the end. It returns the priority's ID.
func (d *DB) SavePriority(ctx context.Context, p domain.Priority) (int64, error) {
	if err := p.Validate("priority"); err != nil {
		return 0, err
	}
	id := p.ID
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if p.ID != 0 {
			res, err := tx.ExecContext(ctx, `UPDATE priorities SET theme = ?, title = ?, ask = ?, rationale = ?
				WHERE id = ? AND (theme, title, ask, rationale) IS NOT (?, ?, ?, ?)`,
				p.Theme, p.Title, p.Ask, p.Rationale, p.ID, p.Theme, p.Title, p.Ask, p.Rationale)
			if err != nil {
				return fmt.Errorf("save priority: %w", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				return nil
			}
			var one int
			if err := tx.QueryRowContext(ctx, "SELECT 1 FROM priorities WHERE id = ?", p.ID).Scan(&one); err == nil {
				return nil // unchanged
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM priorities").Scan(&n); err != nil {
			return err
		}
		rank := p.Rank
		if rank < 1 || rank > n+1 {
			rank = n + 1
		}
		if err := shiftRanks(ctx, tx, rank, n, +1); err != nil {
			return err
		}
		var pid any
		if p.ID != 0 {
			pid = p.ID
		}
		return tx.QueryRowContext(ctx, `INSERT INTO priorities (id, rank, theme, title, ask, rationale)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, pid, rank, p.Theme, p.Title, p.Ask, p.Rationale).Scan(&id)
	})
	return id, err
}

// shiftRanks moves ranks from..to (inclusive) by delta (+1 or -1).
func shiftRanks(ctx context.Context, tx *sql.Tx, from, to, delta int) error {
	if from > to {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE priorities SET rank = -(rank + ?) WHERE rank BETWEEN ? AND ?", delta, from, to); err != nil {
		return fmt.Errorf("renumber priorities: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE priorities SET rank = -rank WHERE rank < 0"); err != nil {
		return fmt.Errorf("renumber priorities: %w", err)
	}
	return nil
}

// DeletePriority removes a priority and closes the gap in the ranks.
func (d *DB) DeletePriority(ctx context.Context, id int64) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		var rank, n int
		if err := tx.QueryRowContext(ctx, "SELECT rank, (SELECT count(*) FROM priorities) FROM priorities WHERE id = ?", id).Scan(&rank, &n); err != nil {
			if err == sql.ErrNoRows {
				return nil
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM priorities WHERE id = ?", id); err != nil {
			return fmt.Errorf("delete priority: %w", err)
		}
		return shiftRanks(ctx, tx, rank+1, n, -1)
	})
}

// MovePriority moves a priority up (delta -1) or down (+1) one place,
// swapping it with its neighbour. Moving past either end does nothing.
func (d *DB) MovePriority(ctx context.Context, id int64, delta int) error {
	if delta != -1 && delta != 1 {
		return fmt.Errorf("move priority: delta must be -1 or +1")
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		var rank, n int
		if err := tx.QueryRowContext(ctx, "SELECT rank, (SELECT count(*) FROM priorities) FROM priorities WHERE id = ?", id).Scan(&rank, &n); err != nil {
			return fmt.Errorf("move priority: %w", err)
		}
		to := rank + delta
		if to < 1 || to > n {
			return nil
		}
		// Swap through a negative rank to keep UNIQUE(rank) happy.
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"UPDATE priorities SET rank = ? WHERE id = ?", []any{-to, id}},
			{"UPDATE priorities SET rank = ? WHERE rank = ?", []any{rank, to}},
			{"UPDATE priorities SET rank = ? WHERE id = ?", []any{to, id}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return fmt.Errorf("move priority: %w", err)
			}
		}
		return nil
	})
}
