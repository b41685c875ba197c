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

// UpdateStatement changes the director's statement from was (as the user
// saw it) to now: an edit as seen (see WithEditLog), refused with
// ErrChanged when another program changed it meanwhile, unless force.
func (d *DB) UpdateStatement(ctx context.Context, was, now string, force bool) error {
	return d.edit(ctx, func(tx *sql.Tx) error {
		var cur string
		err := tx.QueryRowContext(ctx, "SELECT statement FROM pcn WHERE id = 1").Scan(&cur)
		ok, err := found(err)
		switch {
		case err != nil:
			return err
		case !ok:
			return fmt.Errorf("save statement: set up the PCN first: %w", ErrNotFound)
		case cur == now:
			return nil
		case cur != was && !force:
			return fmt.Errorf("your statement: %w", ErrChanged)
		}
		_, err = tx.ExecContext(ctx, "UPDATE pcn SET statement = ? WHERE id = 1", now)
		return err
	})
}

// CarryOver says what moving on to a new period keeps. Services are always
// kept (and the new period's catalogue services added), and so is the
// workforce: staff in post do not leave at a quarter's end.
type CarryOver struct {
	// ResetStatuses sets every service to not started; otherwise each
	// keeps its status.
	ResetStatuses bool
	// Notes and Priorities keep the workload notes and the priorities;
	// those not kept are deleted.
	Notes, Priorities bool
	// Seen, when not 0, is the database's version (see Version) when the
	// user chose: if anything changed since, MoveOn refuses, so it never
	// deletes a note the user did not count.
	Seen int64
}

// MoveOn moves the database from period from to period to — the user's
// explicit act — carrying over what carry says and adding the catalogue
// services active in to. It is an edit as seen (see WithEditLog): if the
// database is no longer in from (another program moved it), or changed
// since carry.Seen, it returns ErrChanged and changes nothing.
func (d *DB) MoveOn(ctx context.Context, from, to domain.Period, active []domain.Service, carry CarryOver) error {
	return d.edit(ctx, func(tx *sql.Tx) error {
		var cur string
		if err := tx.QueryRowContext(ctx, "SELECT period FROM meta WHERE id = 1").Scan(&cur); err != nil {
			return fmt.Errorf("read period: %w", err)
		}
		if cur != from.String() {
			return fmt.Errorf("the database is in %s, not %s: %w", cur, from, ErrChanged)
		}
		var v int64
		if err := readVersion(ctx, tx, &v); err != nil {
			return err
		}
		if carry.Seen != 0 && v != carry.Seen {
			return fmt.Errorf("records changed: %w", ErrChanged)
		}
		stmts := []string{"UPDATE meta SET period = ?, edit_seq = edit_seq + 1 WHERE id = 1"}
		if carry.ResetStatuses {
			stmts = append(stmts, "UPDATE services SET status = 'not_started' WHERE status <> 'not_started'")
		}
		if !carry.Notes {
			stmts = append(stmts, "DELETE FROM notes")
		}
		if !carry.Priorities {
			stmts = append(stmts, "DELETE FROM priorities")
		}
		for i, q := range stmts {
			var args []any
			if i == 0 {
				args = []any{to.String()}
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("move on to %s: %w", to, err)
			}
		}
		return seedServices(ctx, tx, active)
	})
}
