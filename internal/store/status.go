package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Summary is the at-a-glance state `pcnvoice status` and the Overview show,
// computed in SQL so that it stays fast for a PCN with thousands of notes.
type Summary struct {
	Period        string
	PCN           *domain.PCN // nil before setup
	Practices     int
	Population    int64
	Services      map[domain.Status]int
	ServicesTotal int
	Notes         int
	HighNotes     int
	LatestNote    string // newest note date, "" if none
	Priorities    int
	TopPriority   string
	// Workforce is the roles' WTE totals, nil when the workforce was not
	// reported; Roles is how many roles are listed.
	Workforce       *domain.WorkforceTotals
	Roles           int
	LastExport      *domain.ExportRecord // without Document
	ChangedSince    bool                 // edits since the last export (true when never exported)
	SchemaVersion   int
	DatabasePath    string
	StatementLength int
}

// summarySQL reads the whole summary in one statement, which is one
// snapshot without a transaction, and one statement for the driver to
// prepare: in pure-Go SQLite, preparing is most of the cost of a small
// read, and status runs in a fresh process every time (SPEC §12). The
// population is summed as total() does, in floating point, which cannot
// overflow as sum() can: a database holding a list size stored before
// list sizes were bounded still shows its status. The first column is
// the schema version, for ReadStatus. The workforce is summed in one
// aggregate over its table.
const summarySQL = `SELECT (SELECT user_version FROM pragma_user_version), m.period, m.edit_seq,
	(SELECT count(*) FROM practices), (SELECT CAST(total(list_size) AS INTEGER) FROM practices),
	(SELECT count(*) FROM notes), (SELECT count(*) FROM notes WHERE severity = 3), (SELECT max(date) FROM notes),
	(SELECT count(*) FROM priorities), (SELECT title FROM priorities ORDER BY rank LIMIT 1),
	(SELECT count(*) FROM services), (SELECT count(*) FROM services WHERE status = 'green'),
	(SELECT count(*) FROM services WHERE status = 'amber'), (SELECT count(*) FROM services WHERE status = 'red'),
	(SELECT count(*) FROM services WHERE status = 'not_started'),
	p.code, p.name, p.ics, p.place, p.clinical_director, length(p.statement),
	e.revision, e.exported_at, e.period, e.digest, e.edit_seq,
	m.workforce_reported, w.n, w.in_post, w.planned, w.recruiting
FROM meta m
CROSS JOIN (SELECT count(*) AS n, coalesce(sum(in_post), 0) AS in_post, coalesce(sum(planned), 0) AS planned,
	coalesce(sum(recruiting), 0) AS recruiting FROM workforce) w
LEFT JOIN pcn p ON p.id = 1
LEFT JOIN (SELECT revision, exported_at, period, digest, edit_seq FROM exports ORDER BY revision DESC LIMIT 1) e ON 1
WHERE m.id = 1`

// StatusStatement is the one statement ReadStatus runs, for pcnbench to
// time in a bare program beside status itself.
func StatusStatement() string { return summarySQL }

// queryRower is a *sql.DB or a *sql.Tx.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readSummary runs summarySQL and returns the summary and the schema
// version the database is at.
func readSummary(ctx context.Context, q queryRower, path string) (Summary, int, error) {
	s := Summary{Services: map[domain.Status]int{}, SchemaVersion: SchemaVersion(), DatabasePath: path}
	var version int
	var editSeq int64
	var latest, top sql.NullString
	var green, amber, red, notStarted int
	var code, name, ics, place, director sql.NullString
	var statementLength sql.NullInt64
	var revision, exportSeq sql.NullInt64
	var exportedAt, exportPeriod, digest sql.NullString
	var reported bool
	var wf domain.WorkforceTotals
	err := q.QueryRowContext(ctx, summarySQL).Scan(&version, &s.Period, &editSeq,
		&s.Practices, &s.Population, &s.Notes, &s.HighNotes, &latest, &s.Priorities, &top,
		&s.ServicesTotal, &green, &amber, &red, &notStarted,
		&code, &name, &ics, &place, &director, &statementLength,
		&revision, &exportedAt, &exportPeriod, &digest, &exportSeq,
		&reported, &s.Roles, &wf.InPost, &wf.Planned, &wf.Recruiting)
	if err != nil {
		return Summary{}, 0, fmt.Errorf("read status: %w", mapErr(err))
	}
	if reported || s.Roles > 0 {
		s.Workforce = &wf
	}
	s.LatestNote, s.TopPriority = latest.String, top.String
	for st, n := range map[domain.Status]int{domain.Green: green, domain.Amber: amber, domain.Red: red, domain.NotStarted: notStarted} {
		if n > 0 {
			s.Services[st] = n
		}
	}
	if code.Valid {
		s.PCN = &domain.PCN{Code: code.String, Name: name.String, ICS: ics.String, Place: place.String,
			ClinicalDirector: director.String, Population: s.Population}
		s.StatementLength = int(statementLength.Int64)
	}
	if revision.Valid {
		s.LastExport = &domain.ExportRecord{Revision: int(revision.Int64), ExportedAt: exportedAt.String, Period: exportPeriod.String, Digest: digest.String}
		s.ChangedSince = editSeq != exportSeq.Int64
	} else {
		s.ChangedSince = true
	}
	return s, version, nil
}

// Summary reads the status summary, as one snapshot.
func (d *DB) Summary(ctx context.Context) (Summary, error) {
	s, _, err := readSummary(ctx, d.db, d.path)
	return s, err
}

// ReadStatus reads the status summary of the database at path the quick
// way, for `pcnvoice status`, which is a fresh process every time and is
// measured against the sqlite3 shell (SPEC §12): one connection with no
// pragma but the busy timeout — journal mode is the file's own, and
// foreign keys and sync do not matter to a read — and one statement. A
// file that is not a pcnvoice database is refused as Open refuses it. A
// database Open would change first (an older schema to upgrade, no
// application id yet) is read through Open, with opt, which does that.
func ReadStatus(ctx context.Context, path string, opt Options) (Summary, error) {
	if marked, err := recognise(ctx, path); err == nil && marked {
		dsn := fileURI(path) + "?_pragma=busy_timeout(5000)"
		if unwritable(path) != "" {
			dsn, err = readOnlyDSN(path)
		}
		if err == nil {
			if db, err := sql.Open("sqlite", dsn); err == nil {
				s, version, err := readSummary(ctx, db, path)
				db.Close()
				if err == nil && version == SchemaVersion() {
					return s, nil
				}
			}
		}
	}
	// Anything else — no database, another program's file, an older
	// schema, a read that failed — Open says what is wrong, or upgrades.
	d, err := Open(ctx, path, opt)
	if err != nil {
		return Summary{}, err
	}
	defer d.Close()
	return d.Summary(ctx)
}
