package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
)

// keepBackups is how many backup copies of each database are kept.
const keepBackups = 10

// backupStamp names a backup for its moment, in UTC to the microsecond, so
// that names sort in time order and two backups a moment apart differ.
const backupStamp = "20060102T150405.000000Z"

// reasonRE is what a backup's reason may be: it goes into a file name.
// Compiled on first use, not at start-up: status never backs up (SPEC §12).
var reasonRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })

// BackupRoot is the "backups" folder beside the database at path, which
// holds one folder of backups per database.
func BackupRoot(path string) string {
	return filepath.Join(filepath.Dir(path), "backups")
}

// BackupDir is where the backups of the database at path are kept:
// backups/<file name>/, its own, so that pruning one database's backups
// never touches another's.
func BackupDir(path string) string {
	return filepath.Join(BackupRoot(path), filepath.Base(path))
}

// backupName matches exactly the names Backup gives the database at path's
// backups: NAME-STAMP-REASON.db, where NAME is the file name without its
// extension. Nothing else in the folder is ever pruned.
func backupName(path string) *regexp.Regexp {
	base := filepath.Base(path)
	base = base[:len(base)-len(filepath.Ext(base))]
	return regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `-\d{8}T\d{6}\.\d{6}Z-[a-z0-9]+(-[a-z0-9]+)*\.db$`)
}

// Backup writes a consistent copy of the database (VACUUM INTO, so a writer
// in another process cannot tear it) into BackupDir, named for the time and
// reason, prunes that folder to the newest ten, and returns the copy's
// path, which exists when Backup returns. The copy is made in a hidden
// temporary file of mode 0600 and given its name only once complete and
// synced, so a backup cut short by an error, a cancellation or a kill
// leaves nothing that looks like one.
func (d *DB) Backup(ctx context.Context, reason string) (string, error) {
	if d.readOnly != "" {
		return "", d.errReadOnly()
	}
	return d.backup(ctx, reason)
}

func (d *DB) backup(ctx context.Context, reason string) (string, error) {
	if !reasonRE().MatchString(reason) {
		return "", fmt.Errorf("backup: reason %q is not a name", reason)
	}
	dir := BackupDir(d.path)
	if err := mkdirDurable(dir); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	tmp, err := atomicfile.NewTemp(ctx, dir, filepath.Base(d.path), 0o600)
	if err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	defer tmp.Abort()
	// VACUUM INTO fills an empty file; the temporary file already has its mode.
	if _, err := d.db.ExecContext(ctx, "VACUUM INTO ?", tmp.Name()); err != nil {
		return "", fmt.Errorf("backup to %s: %w", dir, mapErr(err))
	}
	base := filepath.Base(d.path)
	base = base[:len(base)-len(filepath.Ext(base))]
	re := backupName(d.path)
	// A backup is named after every backup already there, even if the
	// clock went back (or a test holds it still), so that name order is
	// the order they were made in and pruning keeps the newest.
	stamp := d.now().UTC().Truncate(time.Microsecond)
	if newest, ok := newestStamp(dir, re, len(base)+1); ok && !stamp.After(newest) {
		stamp = newest.Add(time.Microsecond)
	}
	var dst string
	// Another process may take the same name meanwhile: the next
	// microsecond is free.
	for i := 0; ; i++ {
		dst = filepath.Join(dir, fmt.Sprintf("%s-%s-%s.db", base, stamp.Add(time.Duration(i)*time.Microsecond).Format(backupStamp), reason))
		err = tmp.CommitNew(dst)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || i == 1000 {
			return "", fmt.Errorf("backup to %s: %w", dst, err)
		}
	}
	if err := pruneBackups(dir, re, dst); err != nil {
		return "", err
	}
	return dst, nil
}

// mkdirDurable makes dir (mode 0700) and any missing parents, and syncs
// each new folder's parent so that the folder survives a power cut along
// with the backup about to be synced into it.
func mkdirDurable(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirDurable(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return atomicfile.SyncDir(filepath.Dir(dir))
}

// newestStamp is the time in the newest backup name in dir; at is where the
// stamp starts in a name.
func newestStamp(dir string, re *regexp.Regexp, at int) (time.Time, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return time.Time{}, false
	}
	newest := ""
	for _, e := range entries {
		if n := e.Name(); re.MatchString(n) && n[at:] > newest {
			newest = n[at:]
		}
	}
	if newest == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(backupStamp, newest[:len(backupStamp)])
	return t, err == nil
}

// pruneBackups removes all but the newest keepBackups files in dir whose
// names match re, never keep itself. Several processes may prune at once:
// a file another one removed first is not an error.
func pruneBackups(dir string, re *regexp.Regexp, keep string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("prune backups: %w", err)
	}
	var matches []string
	for _, e := range entries {
		if re.MatchString(e.Name()) && e.Type().IsRegular() {
			matches = append(matches, e.Name())
		}
	}
	sort.Strings(matches) // names carry a sortable UTC stamp after a common prefix
	for _, name := range matches[:max(0, len(matches)-keepBackups)] {
		path := filepath.Join(dir, name)
		if path == keep {
			continue
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("prune backups: %w", err)
		}
	}
	return nil
}

// txBackedUp runs fn in one write transaction and, when fn reports that it
// changed something in a database that held records, backs the database
// up before committing. The copy is taken through another connection, so
// it holds the last committed state — the database as it was before fn —
// and because this transaction holds the write lock meanwhile, no other
// write can land between the copy and the change. A backup that fails
// rolls the change back. It returns the copy's path, "" when none was made.
func (d *DB) txBackedUp(ctx context.Context, reason string, fn func(*sql.Tx) (bool, error)) (string, error) {
	var backup string
	err := d.tx(ctx, func(tx *sql.Tx) error {
		backup = ""
		empty, err := isEmpty(ctx, tx)
		if err != nil {
			return err
		}
		changed, err := fn(tx)
		if err != nil || !changed || empty {
			return err
		}
		backup, err = d.backup(ctx, reason)
		return err
	})
	if err != nil {
		return "", err
	}
	return backup, nil
}

// Protected lists what no output may replace: the database at path, the
// files SQLite keeps beside it, and the backups folder beside it (every
// database's backups).
func Protected(path string) []atomicfile.Protect {
	return []atomicfile.Protect{
		{Path: path, What: "the database"},
		{Path: path + "-wal", What: "the database's write-ahead log"},
		{Path: path + "-shm", What: "the database's shared-memory file"},
		{Path: path + "-journal", What: "the database's journal"},
		{Path: BackupRoot(path), What: "the database's backups folder", Tree: true},
	}
}
