// Package store is the only place SQL lives. It keeps one PCN's records in a
// local SQLite file (modernc.org/sqlite, pure Go) in WAL mode, applies the
// embedded migrations in order, and hands out operations that each run in
// one transaction.
package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// pragmas go in the DSN so that every pooled connection gets them.
// _txlock=immediate makes a writer wait for the lock (busy_timeout) instead
// of failing at once with "database is locked"; synchronous(FULL) keeps a
// clinician's last edit through a power cut.
const pragmas = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_txlock=immediate"

// ErrNoDatabase is returned by Open when the file does not exist and
// Options.Create is false.
var ErrNoDatabase = errors.New("no database")

// DB is an open pcnvoice database.
type DB struct {
	db   *sql.DB
	path string
	now  func() time.Time
	// readOnly says why the database cannot be written; "" when it can.
	readOnly string
	marked   bool // the header carries pcnvoice's application id
}

// Options control Open.
type Options struct {
	// Create makes the file (mode 0600, its folder 0700) if it does not exist.
	Create bool
	// Period is the current period of a newly created database.
	Period string
	// ReadOnlyOK opens a database that cannot be written (a read-only file,
	// or a file in a read-only folder) for reading instead of refusing it:
	// what status and an unrecorded export need. ReadOnly then says why.
	ReadOnlyOK bool
	// Now is the clock that names backups; nil means the system clock.
	Now func() time.Time

	migrations []migration // tests substitute their own; nil means the embedded ones
	readOnly   string      // tests: open as if the database could not be written, for this reason
}

// Open opens (and if asked creates) the database at path, checks that the
// pragmas took, and brings the schema up to date, backing the file up first
// when an older schema is upgraded. A file that is not a pcnvoice database
// is refused (ErrNotPCNVoice) before anything could change it. A database
// that cannot be written is refused (ErrReadOnly) unless opt.ReadOnlyOK.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && opt.Create {
		if err := createFile(path); err != nil {
			return nil, err
		}
	}
	marked, err := recognise(ctx, path)
	if err != nil {
		return nil, err
	}
	d := &DB{path: path, now: opt.Now, readOnly: cmp.Or(opt.readOnly, unwritable(path)), marked: marked}
	if d.readOnly != "" && !opt.ReadOnlyOK {
		return nil, d.errReadOnly()
	}
	dsn := DSN(path)
	if d.readOnly != "" {
		if dsn, err = readOnlyDSN(path); err != nil {
			return nil, err
		}
	}
	if d.db, err = sql.Open("sqlite", dsn); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := d.verifyPragmas(ctx); err != nil {
		d.db.Close()
		return nil, err
	}
	if err := d.migrate(ctx, opt.Period, opt.migrations); err != nil {
		d.db.Close()
		return nil, err
	}
	return d, nil
}

// DSN builds the driver's data source name for path: a file: URI with the
// characters that would end the path ('?', '#') or start an escape ('%')
// escaped, so a folder named "Q3 #2" opens the right file.
func DSN(path string) string {
	return fileURI(path) + "?" + pragmas
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && filepath.VolumeName(path) != "" {
		p = "/" + p
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file:" + p
}

func createFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if f != nil {
		return f.Close()
	}
	return nil
}

func (d *DB) verifyPragmas(ctx context.Context) error {
	var mode string
	var fk, timeout, sync int
	row := d.db.QueryRowContext(ctx, `SELECT journal_mode, foreign_keys, timeout, synchronous
		FROM pragma_journal_mode, pragma_foreign_keys, pragma_busy_timeout, pragma_synchronous`)
	if err := row.Scan(&mode, &fk, &timeout, &sync); err != nil {
		return fmt.Errorf("open %s: %w", d.path, mapErr(err))
	}
	// Read-only, the journal mode is the file's own (an immutable open
	// reports "delete") and synchronous does not matter: nothing is written.
	if d.readOnly != "" && fk == 1 && timeout == 5000 {
		return nil
	}
	if mode != "wal" || fk != 1 || timeout != 5000 || sync != 2 {
		return fmt.Errorf("open %s: settings did not take (journal_mode=%s foreign_keys=%d busy_timeout=%d synchronous=%d)", d.path, mode, fk, timeout, sync)
	}
	return nil
}

// Path returns the database file's path.
func (d *DB) Path() string { return d.path }

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// ReadOnly says why the database was opened read-only (Options.ReadOnlyOK),
// or "" when it can be written.
func (d *DB) ReadOnly() string { return d.readOnly }

func (d *DB) errReadOnly() error {
	return fmt.Errorf("%s: %w (%s)", d.path, ErrReadOnly, d.readOnly)
}

// tx runs fn in one transaction (immediate, so writers queue rather than
// fail), committing if fn returns nil.
func (d *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if d.readOnly != "" {
		return d.errReadOnly()
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// read runs fn in a read-only transaction so that all it reads is one snapshot.
func (d *DB) read(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	return mapErr(fn(tx))
}
