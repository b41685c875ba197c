package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Summary is the at-a-glance state `pcnvoice status` and the Overview show,
// computed in SQL so that it stays fast for a PCN with thousands of notes.
type Summary struct {
	Period          string
	PCN             *domain.PCN // nil before setup
	Practices       int
	Population      int64
	Services        map[domain.Status]int
	ServicesTotal   int
	Notes           int
	HighNotes       int
	LatestNote      string // newest note date, "" if none
	Priorities      int
	TopPriority     string
	LastExport      *domain.ExportRecord // without Document
	ChangedSince    bool                 // edits since the last export (true when never exported)
	SchemaVersion   int
	DatabasePath    string
	StatementLength int
}

// Summary reads the status summary in one read transaction. The
// population is summed as total() does, in floating point, which cannot
// overflow as sum() can: a database holding a list size stored before
// list sizes were bounded still shows its status.
func (d *DB) Summary(ctx context.Context) (Summary, error) {
	s := Summary{Services: map[domain.Status]int{}, SchemaVersion: SchemaVersion(), DatabasePath: d.path}
	err := d.read(ctx, func(tx *sql.Tx) error {
		var editSeq int64
		var latest, top sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT m.period, m.edit_seq,
				(SELECT count(*) FROM practices), (SELECT CAST(total(list_size) AS INTEGER) FROM practices),
				(SELECT count(*) FROM notes), (SELECT count(*) FROM notes WHERE severity = 3), (SELECT max(date) FROM notes),
				(SELECT count(*) FROM priorities), (SELECT title FROM priorities ORDER BY rank LIMIT 1)
			FROM meta m WHERE m.id = 1`).
			Scan(&s.Period, &editSeq, &s.Practices, &s.Population, &s.Notes, &s.HighNotes, &latest, &s.Priorities, &top)
		if err != nil {
			return fmt.Errorf("read status: %w", err)
		}
		s.LatestNote, s.TopPriority = latest.String, top.String
		var p domain.PCN
		err = tx.QueryRowContext(ctx, "SELECT code, name, ics, place, clinical_director, length(statement) FROM pcn WHERE id = 1").
			Scan(&p.Code, &p.Name, &p.ICS, &p.Place, &p.ClinicalDirector, &s.StatementLength)
		if err == nil {
			p.Population = s.Population
			s.PCN = &p
		} else if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read status: %w", err)
		}
		rows, err := tx.QueryContext(ctx, "SELECT status, count(*) FROM services GROUP BY status")
		if err != nil {
			return fmt.Errorf("read status: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var st string
			var n int
			if err := rows.Scan(&st, &n); err != nil {
				return err
			}
			s.Services[domain.Status(st)] = n
			s.ServicesTotal += n
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var r domain.ExportRecord
		var exportSeq int64
		err = tx.QueryRowContext(ctx, `SELECT revision, exported_at, period, digest, edit_seq FROM exports ORDER BY revision DESC LIMIT 1`).
			Scan(&r.Revision, &r.ExportedAt, &r.Period, &r.Digest, &exportSeq)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			s.ChangedSince = true
		case err != nil:
			return fmt.Errorf("read status: %w", err)
		default:
			s.LastExport = &r
			s.ChangedSince = editSeq != exportSeq
		}
		return nil
	})
	return s, err
}
