package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Notes returns the workload notes newest first (date, then most recently
// added), the order a director reads them in.
func (d *DB) Notes(ctx context.Context) ([]domain.Note, error) {
	var ns []domain.Note
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		ns, err = readNotes(ctx, tx, "ORDER BY date DESC, id DESC")
		return err
	})
	return ns, err
}

func readNotes(ctx context.Context, tx *sql.Tx, order string) ([]domain.Note, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, category, severity, date, text FROM notes "+order)
	if err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	defer rows.Close()
	ns := []domain.Note{}
	for rows.Next() {
		var n domain.Note
		if err := rows.Scan(&n.ID, &n.Category, &n.Severity, &n.Date, &n.Text); err != nil {
			return nil, fmt.Errorf("read notes: %w", err)
		}
		ns = append(ns, n)
	}
	return ns, rows.Err()
}

// SaveNote adds a note (ID 0, or an ID not in use — how an undone delete
// comes back) or updates the note with its ID. It returns the note's ID.
func (d *DB) SaveNote(ctx context.Context, n domain.Note) (int64, error) {
	if err := n.Validate("note"); err != nil {
		return 0, err
	}
	id := n.ID
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = saveNote(ctx, tx, n)
		return err
	})
	return id, err
}

func saveNote(ctx context.Context, tx *sql.Tx, n domain.Note) (int64, error) {
	var id any
	if n.ID != 0 {
		id = n.ID
	}
	var out int64
	err := tx.QueryRowContext(ctx, `INSERT INTO notes (id, category, severity, date, text) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET category = excluded.category, severity = excluded.severity,
			date = excluded.date, text = excluded.text
		RETURNING id`, id, n.Category, int(n.Severity), n.Date, n.Text).Scan(&out)
	if err != nil {
		return 0, fmt.Errorf("save note: %w", err)
	}
	return out, nil
}

// DeleteNote removes a note.
func (d *DB) DeleteNote(ctx context.Context, id int64) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM notes WHERE id = ?", id)
		return err
	})
}
