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
		var err error
		id, err = insertPriority(ctx, tx, p)
		return err
	})
	return id, err
}

// insertPriority adds p at p.Rank if that is within 1..n+1, else at the
// end, with p.ID when not 0, and returns its ID.
func insertPriority(ctx context.Context, tx *sql.Tx, p domain.Priority) (int64, error) {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM priorities").Scan(&n); err != nil {
		return 0, err
	}
	rank := p.Rank
	if rank < 1 || rank > n+1 {
		rank = n + 1
	}
	if err := shiftRanks(ctx, tx, rank, n, +1); err != nil {
		return 0, err
	}
	var pid any
	if p.ID != 0 {
		pid = p.ID
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO priorities (id, rank, theme, title, ask, rationale)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, pid, rank, p.Theme, p.Title, p.Ask, p.Rationale).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("save priority: %w", err)
	}
	return id, nil
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
		p, ok, err := readPriority(ctx, tx, id)
		if !ok || err != nil {
			return err
		}
		return deletePriority(ctx, tx, p)
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

// PrioritiesAt is Priorities with the version (see Version) they were read at.
func (d *DB) PrioritiesAt(ctx context.Context) ([]domain.Priority, int64, error) {
	var ps []domain.Priority
	v, err := d.readAt(ctx, func(tx *sql.Tx) error {
		var err error
		ps, err = readPriorities(ctx, tx)
		return err
	})
	return ps, v, err
}

// The edits of a priority as seen (see WithEditLog). A priority's ID is
// never reused (migration 0003). Its content is what the user saw; its rank
// is where they saw it, which only moving checks: a priority another
// program moved is still the one the user chose to edit or delete.

// AddPriority adds p at the end of the ranking and returns its new ID.
func (d *DB) AddPriority(ctx context.Context, p domain.Priority) (int64, error) {
	p.ID, p.Rank = 0, 0
	if err := p.Validate("priority"); err != nil {
		return 0, err
	}
	var id int64
	err := d.edit(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = insertPriority(ctx, tx, p)
		return err
	})
	return id, err
}

// UpdatePriority changes the priority was to now (same ID, its rank kept),
// or returns ErrGone or ErrChanged. With force now is written whatever is
// stored: over a changed priority, or back (at the end) for a deleted one.
func (d *DB) UpdatePriority(ctx context.Context, was, now domain.Priority, force bool) error {
	now.ID = was.ID
	if err := now.Validate("priority"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		cur, ok, err := readPriority(ctx, tx, was.ID)
		if err != nil {
			return err
		}
		if ok && content(cur) == content(now) {
			return nil
		}
		if !force {
			if err := sameAsSeen(priorityName(was), content(cur), ok, content(was)); err != nil {
				return err
			}
		}
		if !ok {
			now.Rank = 0
			_, err := insertPriority(ctx, tx, now)
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE priorities SET theme = ?, title = ?, ask = ?, rationale = ? WHERE id = ?",
			now.Theme, now.Title, now.Ask, now.Rationale, now.ID)
		return err
	})
}

// RemovePriority deletes the priority was, if stored as the user saw it,
// closing the gap in the ranks. It returns the priority as it was, with the
// rank it had, for PutPriorityBack.
func (d *DB) RemovePriority(ctx context.Context, was domain.Priority) (domain.Priority, error) {
	var cur domain.Priority
	err := d.edit(ctx, func(tx *sql.Tx) error {
		var ok bool
		var err error
		if cur, ok, err = readPriority(ctx, tx, was.ID); err != nil {
			return err
		}
		if err := sameAsSeen(priorityName(was), content(cur), ok, content(was)); err != nil {
			return err
		}
		return deletePriority(ctx, tx, cur)
	})
	return cur, err
}

// PutPriorityBack restores a priority RemovePriority deleted, with its ID,
// at its old rank (or the end). One already back gives ErrConflict.
func (d *DB) PutPriorityBack(ctx context.Context, p domain.Priority) error {
	if err := p.Validate("priority"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		_, err := insertPriority(ctx, tx, p)
		return err
	})
}

// SwapPriorities swaps the ranks of a and b, neighbours as the user saw
// them, or returns ErrChanged (nothing moved) if either is no longer at the
// rank it was seen at.
func (d *DB) SwapPriorities(ctx context.Context, a, b domain.Priority) error {
	if a.Rank-b.Rank != 1 && b.Rank-a.Rank != 1 {
		return fmt.Errorf("move priority: ranks %d and %d are not neighbours", a.Rank, b.Rank)
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		for _, p := range []domain.Priority{a, b} {
			cur, ok, err := readPriority(ctx, tx, p.ID)
			if err != nil {
				return err
			}
			if err := sameAsSeen(priorityName(p), cur.Rank, ok, p.Rank); err != nil {
				return err
			}
		}
		for _, q := range []struct {
			rank int
			id   int64
		}{{-b.Rank, a.ID}, {a.Rank, b.ID}, {b.Rank, a.ID}} { // through a negative rank: UNIQUE(rank)
			if _, err := tx.ExecContext(ctx, "UPDATE priorities SET rank = ? WHERE id = ?", q.rank, q.id); err != nil {
				return fmt.Errorf("move priority: %w", err)
			}
		}
		return nil
	})
}

func readPriority(ctx context.Context, tx *sql.Tx, id int64) (domain.Priority, bool, error) {
	p := domain.Priority{ID: id}
	err := tx.QueryRowContext(ctx, "SELECT rank, theme, title, ask, rationale FROM priorities WHERE id = ?", id).
		Scan(&p.Rank, &p.Theme, &p.Title, &p.Ask, &p.Rationale)
	ok, err := found(err)
	return p, ok, err
}

// deletePriority removes p (as stored) and closes the gap it leaves.
func deletePriority(ctx context.Context, tx *sql.Tx, p domain.Priority) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM priorities").Scan(&n); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM priorities WHERE id = ?", p.ID); err != nil {
		return fmt.Errorf("delete priority: %w", err)
	}
	return shiftRanks(ctx, tx, p.Rank+1, n, -1)
}

// content is a priority without its rank: what the user reads and edits.
func content(p domain.Priority) domain.Priority { p.Rank = 0; return p }

func priorityName(p domain.Priority) string { return fmt.Sprintf("priority %q", p.Title) }
