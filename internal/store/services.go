package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Services returns the period's services sorted by key.
func (d *DB) Services(ctx context.Context) ([]domain.Service, error) {
	var ss []domain.Service
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		ss, err = readServices(ctx, tx)
		return err
	})
	return ss, err
}

func readServices(ctx context.Context, tx *sql.Tx) ([]domain.Service, error) {
	rows, err := tx.QueryContext(ctx, "SELECT key, name, status, note FROM services ORDER BY key")
	if err != nil {
		return nil, fmt.Errorf("read services: %w", err)
	}
	defer rows.Close()
	ss := []domain.Service{}
	for rows.Next() {
		var s domain.Service
		if err := rows.Scan(&s.Key, &s.Name, &s.Status, &s.Note); err != nil {
			return nil, fmt.Errorf("read services: %w", err)
		}
		ss = append(ss, s)
	}
	return ss, rows.Err()
}

// SaveService sets a service's status and note, adding it if it is new.
func (d *DB) SaveService(ctx context.Context, s domain.Service) error {
	if err := s.Validate("service"); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error { return saveService(ctx, tx, s) })
}

func saveService(ctx context.Context, tx *sql.Tx, s domain.Service) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO services (key, name, status, note) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET name = excluded.name, status = excluded.status, note = excluded.note
		WHERE (name, status, note) IS NOT (excluded.name, excluded.status, excluded.note)`,
		s.Key, s.Name, string(s.Status), s.Note)
	if err != nil {
		return fmt.Errorf("save service %s: %w", s.Key, err)
	}
	return nil
}

// seedServices adds the services not stored yet; existing ones keep their status.
func seedServices(ctx context.Context, tx *sql.Tx, active []domain.Service) error {
	for _, s := range active {
		if s.Status == "" {
			s.Status = domain.NotStarted
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO services (key, name, status, note) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO NOTHING`, s.Key, s.Name, string(s.Status), s.Note); err != nil {
			return fmt.Errorf("seed service %s: %w", s.Key, err)
		}
	}
	return nil
}

// DeleteService removes a service (a local one added by mistake).
func (d *DB) DeleteService(ctx context.Context, key string) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM services WHERE key = ?", key)
		return err
	})
}

// ServicesAt is Services with the version (see Version) they were read at.
func (d *DB) ServicesAt(ctx context.Context) ([]domain.Service, int64, error) {
	var ss []domain.Service
	v, err := d.readAt(ctx, func(tx *sql.Tx) error {
		var err error
		ss, err = readServices(ctx, tx)
		return err
	})
	return ss, v, err
}

// UpdateService sets the service was (as the user saw it) to now's status
// and note: an edit as seen (see WithEditLog), refused with ErrGone or
// ErrChanged when the stored service is not was; with force, a changed
// service is overwritten, and a gone one (a restore dropped it) added back.
func (d *DB) UpdateService(ctx context.Context, was, now domain.Service, force bool) error {
	now.Key, now.Name = was.Key, was.Name
	if err := now.Validate("service"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		cur := domain.Service{Key: was.Key}
		err := tx.QueryRowContext(ctx, "SELECT name, status, note FROM services WHERE key = ?", was.Key).Scan(&cur.Name, &cur.Status, &cur.Note)
		ok, err := found(err)
		if err != nil {
			return err
		}
		if ok && cur == now {
			return nil
		}
		if !force {
			if err := sameAsSeen("service "+was.Name, cur, ok, was); err != nil {
				return err
			}
		}
		return saveService(ctx, tx, now)
	})
}
