package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// The workforce (SPEC §4): one row a role, and whether the PCN reported
// its workforce at all (meta.workforce_reported, migration 0004). Not
// reported and reported as none are different answers: the first leaves
// the member out of the submission, the second writes [].

// Workforce returns the roles sorted by key and whether the workforce was
// reported.
func (d *DB) Workforce(ctx context.Context) ([]domain.Role, bool, error) {
	var rs []domain.Role
	var reported bool
	err := d.read(ctx, func(tx *sql.Tx) error {
		var err error
		rs, reported, err = readWorkforce(ctx, tx)
		return err
	})
	return rs, reported, err
}

// WorkforceAt is Workforce with the version (see Version) it was read at.
func (d *DB) WorkforceAt(ctx context.Context) ([]domain.Role, bool, int64, error) {
	var rs []domain.Role
	var reported bool
	v, err := d.readAt(ctx, func(tx *sql.Tx) error {
		var err error
		rs, reported, err = readWorkforce(ctx, tx)
		return err
	})
	return rs, reported, v, err
}

func readWorkforce(ctx context.Context, tx *sql.Tx) ([]domain.Role, bool, error) {
	var reported bool
	if err := tx.QueryRowContext(ctx, "SELECT workforce_reported FROM meta WHERE id = 1").Scan(&reported); err != nil {
		return nil, false, fmt.Errorf("read workforce: %w", err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, role, in_post, planned, recruiting, note FROM workforce ORDER BY role")
	if err != nil {
		return nil, false, fmt.Errorf("read workforce: %w", err)
	}
	defer rows.Close()
	rs := []domain.Role{}
	for rows.Next() {
		var r domain.Role
		if err := rows.Scan(&r.ID, &r.Key, &r.InPost, &r.Planned, &r.Recruiting, &r.Note); err != nil {
			return nil, false, fmt.Errorf("read workforce: %w", err)
		}
		rs = append(rs, r)
	}
	return rs, reported || len(rs) > 0, rows.Err()
}

func readRole(ctx context.Context, tx *sql.Tx, id int64) (domain.Role, bool, error) {
	r := domain.Role{ID: id}
	err := tx.QueryRowContext(ctx, "SELECT role, in_post, planned, recruiting, note FROM workforce WHERE id = ?", id).
		Scan(&r.Key, &r.InPost, &r.Planned, &r.Recruiting, &r.Note)
	ok, err := found(err)
	return r, ok, err
}

// insertRole adds r, with r.ID when not 0, and returns its ID. A role
// already listed gives ErrConflict.
func insertRole(ctx context.Context, tx *sql.Tx, r domain.Role) (int64, error) {
	var id any
	if r.ID != 0 {
		id = r.ID
	}
	var out int64
	err := tx.QueryRowContext(ctx, `INSERT INTO workforce (id, role, in_post, planned, recruiting, note)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, id, r.Key, int64(r.InPost), int64(r.Planned), int64(r.Recruiting), r.Note).Scan(&out)
	if err != nil {
		return 0, roleErr(r, err)
	}
	return out, nil
}

// roleErr says what went wrong saving r: most often, that its role has a
// line already (ErrConflict).
func roleErr(r domain.Role, err error) error {
	if err = mapErr(err); errors.Is(err, ErrConflict) {
		return conflictError(roleName(r) + " has a line already: edit that one")
	}
	return fmt.Errorf("save %s: %w", roleName(r), err)
}

// The edits of the workforce as seen (see WithEditLog). A role's ID is
// never reused, so an ID the user saw names that role or none.

// AddRole adds r as a new role (its ID ignored) and returns the new ID;
// the workforce is then reported. A role already listed gives ErrConflict.
func (d *DB) AddRole(ctx context.Context, r domain.Role) (int64, error) {
	r.ID = 0
	if err := r.Validate("role"); err != nil {
		return 0, err
	}
	var id int64
	err := d.edit(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = insertRole(ctx, tx, r)
		return err
	})
	return id, err
}

// UpdateRole changes the role was (as the user saw it) to now, which has
// the same ID; now may name another role key (ErrConflict if that one is
// listed). It returns ErrGone or ErrChanged, changing nothing, when the
// stored role is not was. With force now is written whatever is stored:
// over a changed role, or back in place of a deleted one — unless its
// role has a line again (a restore), which gives ErrConflict.
func (d *DB) UpdateRole(ctx context.Context, was, now domain.Role, force bool) error {
	now.ID = was.ID
	if err := now.Validate("role"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		cur, ok, err := readRole(ctx, tx, was.ID)
		if err != nil {
			return err
		}
		if ok && cur == now {
			return nil
		}
		if !force {
			if err := sameAsSeen(roleName(was), cur, ok, was); err != nil {
				return err
			}
		}
		if !ok {
			_, err := insertRole(ctx, tx, now)
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE workforce SET role = ?, in_post = ?, planned = ?, recruiting = ?, note = ? WHERE id = ?",
			now.Key, int64(now.InPost), int64(now.Planned), int64(now.Recruiting), now.Note, now.ID)
		if err != nil {
			return roleErr(now, err)
		}
		return nil
	})
}

// RemoveRole deletes the role was, if it is stored as the user saw it.
// The workforce stays reported: deleting the last role leaves "no
// additional-role staff", which UnreportWorkforce takes back.
func (d *DB) RemoveRole(ctx context.Context, was domain.Role) error {
	return d.edit(ctx, func(tx *sql.Tx) error {
		cur, ok, err := readRole(ctx, tx, was.ID)
		if err != nil {
			return err
		}
		if err := sameAsSeen(roleName(was), cur, ok, was); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM workforce WHERE id = ?", was.ID)
		return err
	})
}

// PutRoleBack restores a role RemoveRole deleted, with its ID. One already
// back, or another line for the same role added since, gives ErrConflict.
func (d *DB) PutRoleBack(ctx context.Context, r domain.Role) error {
	if err := r.Validate("role"); err != nil {
		return err
	}
	return d.edit(ctx, func(tx *sql.Tx) error {
		_, err := insertRole(ctx, tx, r)
		return err
	})
}

// ReportNoStaff records that the PCN has no additional-role staff: the
// workforce is reported, with no roles. It is an edit as seen: if a role
// was added meanwhile (the user saw none), it returns ErrChanged.
func (d *DB) ReportNoStaff(ctx context.Context) error {
	return d.edit(ctx, func(tx *sql.Tx) error {
		if err := noRoles(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE meta SET workforce_reported = 1 WHERE id = 1")
		return err
	})
}

// UnreportWorkforce takes back "no additional-role staff": the workforce
// is not reported, and the submission leaves it out. It returns ErrChanged
// if a role was added meanwhile, ErrGone if it is not reported anyway.
func (d *DB) UnreportWorkforce(ctx context.Context) error {
	return d.edit(ctx, func(tx *sql.Tx) error {
		if err := noRoles(ctx, tx); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE meta SET workforce_reported = 0 WHERE id = 1 AND workforce_reported = 1")
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("“no additional-role staff”: %w", ErrGone)
		}
		return nil
	})
}

func noRoles(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM workforce").Scan(&n); err != nil {
		return fmt.Errorf("read workforce: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("the workforce (a role was added): %w", ErrChanged)
	}
	return nil
}

// restoreWorkforce replaces the workforce with s's, exactly: its roles
// (new IDs) and whether it was reported.
func restoreWorkforce(ctx context.Context, tx *sql.Tx, s domain.Snapshot) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM workforce"); err != nil {
		return fmt.Errorf("restore workforce: %w", err)
	}
	for i, r := range s.Workforce {
		r.ID = 0
		if _, err := insertRole(ctx, tx, r); err != nil {
			return fmt.Errorf("restore workforce[%d]: %w", i, err)
		}
	}
	reported := s.WorkforceReported || len(s.Workforce) > 0
	if _, err := tx.ExecContext(ctx, "UPDATE meta SET workforce_reported = ? WHERE id = 1", reported); err != nil {
		return fmt.Errorf("restore workforce: %w", err)
	}
	return nil
}

func roleName(r domain.Role) string { return "the role " + r.Key }
