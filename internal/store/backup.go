package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// keepBackups is how many backup copies are kept beside the database.
const keepBackups = 10

// BackupDir is where backups of the database at path are kept: a "backups"
// folder beside it.
func BackupDir(path string) string {
	return filepath.Join(filepath.Dir(path), "backups")
}

// Backup writes a consistent copy of the database (VACUUM INTO, so a writer
// in another process cannot tear it) into BackupDir, named for the time and
// reason, and prunes all but the newest ten. It returns the copy's path.
func (d *DB) Backup(ctx context.Context, reason string) (string, error) {
	dir := BackupDir(d.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	base := strings.TrimSuffix(filepath.Base(d.path), filepath.Ext(d.path))
	stamp := time.Now().UTC().Format("20060102T150405.000Z")
	dst := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.db", base, stamp, reason))
	if _, err := d.db.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return "", fmt.Errorf("backup to %s: %w", dst, mapErr(err))
	}
	if err := os.Chmod(dst, 0o600); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	return dst, pruneBackups(dir, base)
}

func pruneBackups(dir, base string) error {
	// ReadDir, not Glob: a folder name with '[' in it would be read as a pattern.
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var matches []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, base+"-") && strings.HasSuffix(n, ".db") {
			matches = append(matches, filepath.Join(dir, n))
		}
	}
	sort.Strings(matches) // names carry a sortable UTC stamp after the common prefix
	for len(matches) > keepBackups {
		if err := os.Remove(matches[0]); err != nil {
			return fmt.Errorf("prune backups: %w", err)
		}
		matches = matches[1:]
	}
	return nil
}
