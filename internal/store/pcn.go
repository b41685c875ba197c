package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// PCN returns the database's PCN, or nil when none is set up yet.
// Population is the sum of the practices' list sizes.
func (d *DB) PCN(ctx context.Context) (*domain.PCN, error) {
	var p *domain.PCN
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = readPCN(ctx, tx)
		return err
	})
	return p, err
}

func readPCN(ctx context.Context, tx *sql.Tx) (*domain.PCN, error) {
	var p domain.PCN
	err := tx.QueryRowContext(ctx, `SELECT code, name, ics, place, clinical_director,
		(SELECT coalesce(sum(list_size), 0) FROM practices) FROM pcn WHERE id = 1`).
		Scan(&p.Code, &p.Name, &p.ICS, &p.Place, &p.ClinicalDirector, &p.Population)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read pcn: %w", err)
	}
	return &p, nil
}

// SavePCN creates or updates the PCN's details (not its statement or practices).
func (d *DB) SavePCN(ctx context.Context, p domain.PCN) error {
	p.Code = domain.NormaliseCode(p.Code)
	if err := p.Validate("pcn"); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error { return savePCN(ctx, tx, p) })
}

func savePCN(ctx context.Context, tx *sql.Tx, p domain.PCN) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pcn (id, code, name, ics, place, clinical_director)
		VALUES (1, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, ics = excluded.ics,
			place = excluded.place, clinical_director = excluded.clinical_director
		WHERE (code, name, ics, place, clinical_director) IS NOT (excluded.code, excluded.name, excluded.ics, excluded.place, excluded.clinical_director)`,
		p.Code, p.Name, p.ICS, p.Place, p.ClinicalDirector)
	if err != nil {
		return fmt.Errorf("save pcn: %w", err)
	}
	return nil
}

// Statement returns the director's statement to the forum.
func (d *DB) Statement(ctx context.Context) (string, error) {
	var s string
	err := d.db.QueryRowContext(ctx, "SELECT statement FROM pcn WHERE id = 1").Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return s, mapErr(err)
}

// SetStatement saves the director's statement. The PCN must exist.
func (d *DB) SetStatement(ctx context.Context, s string) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE pcn SET statement = ? WHERE id = 1 AND statement IS NOT ?", s, s)
		if err != nil {
			return fmt.Errorf("save statement: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var one int
			if err := tx.QueryRowContext(ctx, "SELECT 1 FROM pcn").Scan(&one); errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("save statement: set up the PCN first: %w", ErrNotFound)
			}
		}
		return nil
	})
}

// Period returns the database's current period.
func (d *DB) Period(ctx context.Context) (domain.Period, error) {
	var s string
	if err := d.db.QueryRowContext(ctx, "SELECT period FROM meta WHERE id = 1").Scan(&s); err != nil {
		return domain.Period{}, fmt.Errorf("read period: %w", mapErr(err))
	}
	return domain.ParsePeriod(s)
}

// StartPeriod moves the database on to period p — the user's explicit act —
// and adds the catalogue services active in it that are not stored yet, as
// not started. Stored services are never dropped.
func (d *DB) StartPeriod(ctx context.Context, p domain.Period, active []domain.Service) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE meta SET period = ?, edit_seq = edit_seq + 1 WHERE id = 1", p.String()); err != nil {
			return fmt.Errorf("set period: %w", err)
		}
		return seedServices(ctx, tx, active)
	})
}
