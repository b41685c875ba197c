package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Their file names
// start with the schema version they bring the database to: 0001_init.sql.
func migrations() ([]migration, error) { return readMigrations(migrationFS, "migrations") }

func readMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its version number", e.Name())
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema this build of pcnvoice writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

func (d *DB) userVersion(ctx context.Context) (int, error) {
	var v int
	err := d.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// migrate applies each pending migration in its own transaction, recording
// the version in PRAGMA user_version. An existing database is backed up
// before its schema changes; one from a newer pcnvoice is refused untouched.
func (d *DB) migrate(ctx context.Context, period string, ms []migration) error {
	var err error
	if ms == nil {
		ms, err = migrations()
	}
	if err != nil {
		return err
	}
	current, err := d.userVersion(ctx)
	if err != nil {
		return fmt.Errorf("open %s: %w", d.path, mapErr(err))
	}
	if current > len(ms) {
		return fmt.Errorf("%s: made by a newer pcnvoice (schema %d; this one knows up to %d): update pcnvoice to open it", d.path, current, len(ms))
	}
	if d.readOnly != "" {
		if current < len(ms) {
			return fmt.Errorf("%s: %w (%s), and it was made by an older pcnvoice (schema %d; this one writes %d), so it cannot be upgraded to be read: copy it somewhere you can write, and open the copy", d.path, ErrReadOnly, d.readOnly, current, len(ms))
		}
		return nil
	}
	if current == len(ms) {
		if d.marked {
			return nil
		}
		return d.markApplication(ctx)
	}
	if current > 0 {
		if _, err := d.Backup(ctx, fmt.Sprintf("schema-%d", current)); err != nil {
			return fmt.Errorf("back up %s before upgrading it: %w", d.path, err)
		}
	}
	for _, m := range ms {
		err := d.tx(ctx, func(tx *sql.Tx) error {
			// Re-read inside the write lock: another process may have migrated meanwhile.
			var v int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
				return err
			}
			if v >= m.version {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if m.version == 1 {
				if _, err := tx.ExecContext(ctx, "INSERT INTO meta (id, period) VALUES (1, ?)", period); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return fmt.Errorf("upgrade %s: %w", d.path, err)
		}
	}
	var check string
	if err := d.db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		return fmt.Errorf("check %s: %w", d.path, mapErr(err))
	}
	if check != "ok" {
		return fmt.Errorf("check %s after upgrade: %s", d.path, check)
	}
	return d.markApplication(ctx)
}

// markApplication sets the application id on a database made before
// pcnvoice set one, so that later opens know it from its header alone.
func (d *DB) markApplication(ctx context.Context) error {
	var id int64
	if err := d.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil {
		return fmt.Errorf("open %s: %w", d.path, mapErr(err))
	}
	if id == applicationID {
		return nil
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID))
		return err
	})
	if err != nil {
		return fmt.Errorf("open %s: %w", d.path, err)
	}
	return nil
}
