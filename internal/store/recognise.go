package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// applicationID marks a pcnvoice database in the SQLite header
// (PRAGMA application_id): "PCNV". Databases made before it was set are
// recognised by their tables.
const applicationID = 0x50434E56

// ErrNotPCNVoice is what Open's error matches (errors.Is) for a file that
// is not a pcnvoice database: another program's SQLite file, a JSON file,
// a folder. Such a file is never changed.
var ErrNotPCNVoice = errors.New("not a pcnvoice database")

func notPCNVoice(path, why string) error {
	return fmt.Errorf("%s: %w (%s); pcnvoice has not changed it: give --db the path of your pcnvoice database, or a new file name to start one", path, ErrNotPCNVoice, why)
}

// pcnvoiceTables are the tables every pcnvoice schema has had since the first.
var pcnvoiceTables = []string{"meta", "pcn", "practices", "services", "notes", "priorities", "exports"}

// Recognise returns nil if path holds a pcnvoice database (or an empty
// file), ErrNoDatabase if there is nothing there, and an error matching
// ErrNotPCNVoice for anything else. It changes nothing.
func Recognise(ctx context.Context, path string) error {
	_, err := recognise(ctx, path)
	return err
}

// sqliteHeader is the first 16 bytes of every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// recognise tells a pcnvoice database, or an empty file about to become
// one, from anything else, without changing the file: it reads the header
// and, for files made before pcnvoice set an application id, looks at the
// schema through a connection that runs no pragma and writes nothing.
// It reports whether the header already carries pcnvoice's application id.
func recognise(ctx context.Context, path string) (marked bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	case err != nil:
		return false, fmt.Errorf("open %s: %w", path, err)
	case fi.IsDir():
		return false, notPCNVoice(path, "it is a folder")
	case !fi.Mode().IsRegular():
		return false, notPCNVoice(path, "it is not a regular file")
	}
	head, err := readHead(path, 100)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	if len(head) == 0 {
		return false, nil // an empty file: a new database
	}
	if len(head) < 100 || !bytes.HasPrefix(head, sqliteHeader) {
		return false, notPCNVoice(path, "it is not an SQLite database file")
	}
	if binary.BigEndian.Uint32(head[68:72]) == applicationID {
		return true, nil
	}
	return false, inspect(ctx, path)
}

func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	return buf[:k], nil
}

// inspect reads the application id, user_version and table names. With
// no log beside the file (-wal, -journal) it opens the file immutable, so
// not even a -shm file appears beside another program's database.
func inspect(ctx context.Context, path string) error {
	dsn := fileURI(path) + "?mode=ro"
	if !exists(path+"-wal") && !exists(path+"-journal") {
		dsn += "&immutable=1"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	var appID, version int64
	if err := db.QueryRowContext(ctx, "SELECT application_id, user_version FROM pragma_application_id, pragma_user_version").Scan(&appID, &version); err != nil {
		if errors.Is(mapErr(err), ErrCorrupt) {
			return notPCNVoice(path, "it is not an SQLite database file")
		}
		return fmt.Errorf("open %s: %w", path, mapErr(err))
	}
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table'")
	if err != nil {
		return fmt.Errorf("open %s: %w", path, mapErr(err))
	}
	defer rows.Close()
	tables := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("open %s: %w", path, err)
		}
		tables[name] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("open %s: %w", path, mapErr(err))
	}
	switch {
	case appID == applicationID:
		return nil
	case appID != 0:
		return notPCNVoice(path, fmt.Sprintf("another program's SQLite database, application id %#x", appID))
	case version == 0 && len(tables) == 0:
		return nil // an empty SQLite file: a new database
	case version == 0:
		return notPCNVoice(path, "an SQLite database with tables pcnvoice did not make")
	}
	for _, t := range pcnvoiceTables {
		if !tables[t] {
			return notPCNVoice(path, fmt.Sprintf("an SQLite database at schema %d without pcnvoice's %s table", version, t))
		}
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// readOnlyDSN opens path for reading only. SQLite reads a WAL database
// read-only through its -shm file, which a read-only folder keeps it from
// creating: there, with no log beside the file (a clean close removes it),
// the file alone is the whole database and is opened immutable.
func readOnlyDSN(path string) (string, error) {
	const readPragmas = "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"
	dsn := fileURI(path) + "?mode=ro&" + readPragmas
	if dirWritable(filepath.Dir(path)) {
		return dsn, nil
	}
	wal := exists(path + "-wal")
	switch {
	case !wal && !exists(path+"-journal"):
		return dsn + "&immutable=1", nil
	case wal && !exists(path+"-shm"):
		return "", fmt.Errorf("%s: %w (its folder is read-only and its -wal file holds changes pcnvoice cannot read without writing a -shm file beside it): copy the folder somewhere you can write, and open the copy", path, ErrReadOnly)
	}
	return dsn, nil
}
