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

// NotesAt is Notes with the version (see Version) they were read at.
func (d *DB) NotesAt(ctx context.Context) ([]domain.Note, int64, error) {
	var ns []domain.Note
	v, err := d.readAt(ctx, func(tx *sql.Tx) error {
		var err error
		ns, err = readNotes(ctx, tx, "ORDER BY date DESC, id DESC")
		return err
	})
	return ns, v, err
}

// The edits of a note as seen (see WithEditLog). A note's ID is never
// reused (migration 0003), so an ID the user saw names that note or none.

// AddNote adds n as a new note (its ID is ignored) and returns the new ID.
func (d *DB) AddNote(ctx context.Context, n domain.Note) (int64, error) {
	n.ID = 0
	if err := n.Validate("note"); err != nil {
		return 0, err
	}
	var id int64
	err := d.edit(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = saveNote(ctx, tx, n)
		return err
	})
	return id, err
}

// UpdateNote changes the note was (as the user saw it) to now, which has
// the same ID. It returns ErrGone or ErrChanged, changing nothing, when the
// stored note is not was. With force (the user was told, and saved again)
// now is written whatever is stored: over a changed note, or back in place
// of a deleted one.
func (d *DB) UpdateNote(ctx context.Context, was, now domain.Note, force bool) error {
	now.ID = was.ID
	if err := now.Validate("note"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		cur, err := readNote(ctx, tx, was.ID)
		ok, err := found(err)
		if err != nil {
			return err
		}
		if ok && cur == now { // no change, or another program made this one
			return nil
		}
		if !force {
			if err := sameAsSeen(noteName(was), cur, ok, was); err != nil {
				return err
			}
		}
		_, err = saveNote(ctx, tx, now)
		return err
	})
}

// RemoveNote deletes the note was, if it is stored as the user saw it.
func (d *DB) RemoveNote(ctx context.Context, was domain.Note) error {
	return d.edit(ctx, func(tx *sql.Tx) error {
		cur, err := readNote(ctx, tx, was.ID)
		ok, err := found(err)
		if err != nil {
			return err
		}
		if err := sameAsSeen(noteName(was), cur, ok, was); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM notes WHERE id = ?", was.ID)
		return err
	})
}

// PutNoteBack restores a note RemoveNote deleted, with its ID. A note
// already back gives ErrConflict.
func (d *DB) PutNoteBack(ctx context.Context, n domain.Note) error {
	if err := n.Validate("note"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO notes (id, category, severity, date, text) VALUES (?, ?, ?, ?, ?)",
			n.ID, n.Category, int(n.Severity), n.Date, n.Text)
		if err != nil {
			return fmt.Errorf("put back %s: %w", noteName(n), err)
		}
		return nil
	})
}

func readNote(ctx context.Context, tx *sql.Tx, id int64) (domain.Note, error) {
	n := domain.Note{ID: id}
	err := tx.QueryRowContext(ctx, "SELECT category, severity, date, text FROM notes WHERE id = ?", id).
		Scan(&n.Category, &n.Severity, &n.Date, &n.Text)
	return n, err
}

func noteName(n domain.Note) string { return "the note of " + n.Date }
