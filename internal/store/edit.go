package store

// Edits made on a user's behalf: each one names the record as the user saw
// it and changes it only if the database still holds exactly that, so a
// program that shows a list can never change a record its user did not see
// (another process may have imported, restored or edited meanwhile).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Errors an edit of a record as seen returns. Both leave the database as it
// was.
var (
	// ErrGone says the record is no longer in the database.
	ErrGone = errors.New("it is no longer in the database")
	// ErrChanged says the record differs from the one the edit was based on.
	ErrChanged = errors.New("it was changed since it was read")
)

// Change is what one edit did to the database's edit counter (meta.edit_seq,
// which triggers raise on every change to a record): the counter when its
// transaction began and when it ended. The transaction holds the write lock
// throughout, so every step from Before to After is this edit's own.
type Change struct{ Before, After int64 }

type editLogKey struct{}

// WithEditLog returns a context under which every edit this package makes
// for a user (the methods documented as edits of a record as seen) reports
// its Change to log, from the goroutine that made it. A program uses it to
// tell its own changes from another program's.
func WithEditLog(ctx context.Context, log func(Change)) context.Context {
	return context.WithValue(ctx, editLogKey{}, log)
}

// Version is the database's edit counter: it rises with every change to a
// record, whichever process makes it.
func (d *DB) Version(ctx context.Context) (int64, error) {
	var v int64
	err := d.db.QueryRowContext(ctx, "SELECT edit_seq FROM meta WHERE id = 1").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("read the database's version: %w", mapErr(err))
	}
	return v, nil
}

// edit runs fn in one transaction and reports its Change to the context's
// edit log, if any, once committed.
func (d *DB) edit(ctx context.Context, fn func(*sql.Tx) error) error {
	var c Change
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if err := readVersion(ctx, tx, &c.Before); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		return readVersion(ctx, tx, &c.After)
	})
	if log, ok := ctx.Value(editLogKey{}).(func(Change)); ok && err == nil && c.After != c.Before {
		log(c)
	}
	return err
}

// readAt runs fn in one read transaction and reports the version the
// records it read are at.
func (d *DB) readAt(ctx context.Context, fn func(*sql.Tx) error) (int64, error) {
	var v int64
	err := d.read(ctx, func(tx *sql.Tx) error {
		if err := readVersion(ctx, tx, &v); err != nil {
			return err
		}
		return fn(tx)
	})
	return v, err
}

func readVersion(ctx context.Context, tx *sql.Tx, v *int64) error {
	if err := tx.QueryRowContext(ctx, "SELECT edit_seq FROM meta WHERE id = 1").Scan(v); err != nil {
		return fmt.Errorf("read the database's version: %w", err)
	}
	return nil
}

// sameAsSeen checks a record before an edit of it as seen: cur is the
// record as stored (ok false when there is none) and was as the user saw it.
func sameAsSeen[T comparable](what string, cur T, ok bool, was T) error {
	switch {
	case !ok:
		return fmt.Errorf("%s: %w", what, ErrGone)
	case cur != was:
		return fmt.Errorf("%s: %w", what, ErrChanged)
	}
	return nil
}

// found turns a single-row read's error into found, keeping other errors.
func found(err error) (bool, error) {
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
