package store

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors the store returns for conditions a caller may act on, mapped from
// SQLite's result codes rather than from message text.
var (
	ErrBusy     = errors.New("the database is busy in another pcnvoice window; try again in a moment")
	ErrReadOnly = errors.New("the database is read-only")
	ErrCorrupt  = errors.New("the database file is damaged; restore the newest backup or import your last submission")
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("already exists")
)

// conflictError is an ErrConflict whose text is a whole sentence of its
// own ("the role … has a line already: edit that one"), without
// ErrConflict's "already exists" tacked on.
type conflictError string

func (e conflictError) Error() string { return string(e) }
func (e conflictError) Unwrap() error { return ErrConflict }

func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	// Already mapped (mapErr ran inside a transaction, then again on its way out).
	for _, known := range []error{ErrBusy, ErrReadOnly, ErrCorrupt, ErrConflict} {
		if errors.Is(err, known) {
			return err
		}
	}
	switch se.Code() & 0xff { // primary result code
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w (%v)", ErrBusy, err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w (%v)", ErrReadOnly, err)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w (%v)", ErrCorrupt, err)
	case sqlite3.SQLITE_CONSTRAINT:
		if se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY || se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE {
			return fmt.Errorf("%w (%v)", ErrConflict, err)
		}
	}
	return err
}
