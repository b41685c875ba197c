package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// TestMigration0003KeepsIDsAndNeverReusesThem: a schema-2 database keeps
// its notes' and priorities' ids and its edit counter through 0003; after
// it, a restore that replaces every note gives the new notes new ids.
func TestMigration0003KeepsIDsAndNeverReusesThem(t *testing.T) {
	ctx := context.Background()
	all, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v2.db")
	old, err := Open(ctx, path, Options{Create: true, Period: "2026/27 Q3", migrations: all[:2]})
	if err != nil {
		t.Fatal(err)
	}
	must(t, old.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Old"}))
	var ids []int64
	for _, text := range []string{"one", "two", "three"} {
		id, err := old.SaveNote(ctx, domain.Note{Category: "it", Severity: 2, Date: "2026-11-18", Text: text})
		must(t, err)
		ids = append(ids, id)
	}
	pid, err := old.SavePriority(ctx, domain.Priority{Theme: "data", Title: "P"})
	must(t, err)
	before, _ := old.Version(ctx)
	old.Close()

	d, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ns, _ := d.Notes(ctx)
	ps, _ := d.Priorities(ctx)
	if len(ns) != 3 || ns[2].ID != ids[0] || ns[0].ID != ids[2] || len(ps) != 1 || ps[0].ID != pid {
		t.Fatalf("ids changed in the upgrade: %+v %+v", ns, ps)
	}
	if after, _ := d.Version(ctx); after != before {
		t.Errorf("the upgrade moved the edit counter %d → %d (it would read as an edit since export)", before, after)
	}
	var n int
	must(t, d.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('notes', 'priorities')").Scan(&n))
	if n != 6 {
		t.Errorf("%d triggers on notes and priorities, want 6", n)
	}
	must(t, d.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN ('notes_by_date', 'notes_by_severity')").Scan(&n))
	if n != 2 {
		t.Errorf("%d note indexes, want 2", n)
	}

	// Another program restores a snapshot with new notes.
	must(t, d.Restore(ctx, domain.Snapshot{Period: domain.Period{Year: 2026, Quarter: 3}, PCN: domain.PCN{Code: "U51234", Name: "Old"},
		Notes:      []domain.Note{{Category: "it", Severity: 1, Date: "2026-10-01", Text: "NEW"}},
		Priorities: []domain.Priority{{Rank: 1, Theme: "data", Title: "NEW"}}}, nil))
	ns, _ = d.Notes(ctx)
	ps, _ = d.Priorities(ctx)
	for _, id := range ids {
		if ns[0].ID == id {
			t.Errorf("the restored note took the old id %d", id)
		}
	}
	if ps[0].ID == pid {
		t.Errorf("the restored priority took the old id %d", pid)
	}
	stale := domain.Note{ID: ids[0], Category: "it", Severity: 2, Date: "2026-11-18", Text: "one"}
	if err := d.RemoveNote(ctx, stale); !errors.Is(err, ErrGone) {
		t.Errorf("deleting a note that went in the restore: %v, want ErrGone", err)
	}
	if err := d.UpdateNote(ctx, stale, domain.Note{Category: "it", Severity: 3, Date: "2026-11-18", Text: "x"}, false); !errors.Is(err, ErrGone) {
		t.Errorf("editing a note that went in the restore: %v, want ErrGone", err)
	}
	if ns, _ := d.Notes(ctx); len(ns) != 1 || ns[0].Text != "NEW" {
		t.Errorf("a refused edit changed the notes: %+v", ns)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestEditsAsSeen: each kind of record is changed only when it is as the
// user saw it, says why not otherwise, and force overrides a change.
func TestEditsAsSeen(t *testing.T) {
	ctx := context.Background()
	type result struct {
		err   error
		check func(*DB) bool
	}
	for _, tc := range []struct {
		name string
		run  func(d *DB) result
		want error
	}{
		{"note unchanged", func(d *DB) result {
			n := note(t, d, "a")
			now := n
			now.Text = "b"
			return result{d.UpdateNote(ctx, n, now, false), func(d *DB) bool { return noteText(d) == "b" }}
		}, nil},
		{"note changed elsewhere", func(d *DB) result {
			n := note(t, d, "a")
			other := n
			other.Text = "theirs"
			must(t, d.UpdateNote(ctx, n, other, false))
			mine := n
			mine.Text = "mine"
			return result{d.UpdateNote(ctx, n, mine, false), func(d *DB) bool { return noteText(d) == "theirs" }}
		}, ErrChanged},
		{"note changed elsewhere, forced", func(d *DB) result {
			n := note(t, d, "a")
			other := n
			other.Text = "theirs"
			must(t, d.UpdateNote(ctx, n, other, false))
			mine := n
			mine.Text = "mine"
			return result{d.UpdateNote(ctx, n, mine, true), func(d *DB) bool { return noteText(d) == "mine" }}
		}, nil},
		{"note deleted elsewhere, delete", func(d *DB) result {
			n := note(t, d, "a")
			must(t, d.RemoveNote(ctx, n))
			return result{d.RemoveNote(ctx, n), func(d *DB) bool { return noteText(d) == "" }}
		}, ErrGone},
		{"note changed elsewhere, delete", func(d *DB) result {
			n := note(t, d, "a")
			other := n
			other.Severity = 3
			must(t, d.UpdateNote(ctx, n, other, false))
			return result{d.RemoveNote(ctx, n), func(d *DB) bool { return noteText(d) == "a" }}
		}, ErrChanged},
		{"note put back twice", func(d *DB) result {
			n := note(t, d, "a")
			must(t, d.RemoveNote(ctx, n))
			must(t, d.PutNoteBack(ctx, n))
			return result{d.PutNoteBack(ctx, n), func(d *DB) bool { return noteText(d) == "a" }}
		}, ErrConflict},
		{"priority moved elsewhere is still edited", func(d *DB) result {
			a, b := prio(t, d, "A"), prio(t, d, "B")
			must(t, d.SwapPriorities(ctx, a, b))
			now := a
			now.Ask = "more"
			return result{d.UpdatePriority(ctx, a, now, false), func(d *DB) bool { ps, _ := d.Priorities(ctx); return ps[1].Ask == "more" }}
		}, nil},
		{"priority swap seen stale", func(d *DB) result {
			a, b := prio(t, d, "A"), prio(t, d, "B")
			must(t, d.SwapPriorities(ctx, a, b))
			return result{d.SwapPriorities(ctx, a, b), func(d *DB) bool { ps, _ := d.Priorities(ctx); return ps[0].Title == "B" }}
		}, ErrChanged},
		{"priority removed, put back at its rank", func(d *DB) result {
			prio(t, d, "A")
			b := prio(t, d, "B")
			prio(t, d, "C")
			gone, err := d.RemovePriority(ctx, b)
			must(t, err)
			return result{d.PutPriorityBack(ctx, gone), func(d *DB) bool {
				ps, _ := d.Priorities(ctx)
				return len(ps) == 3 && ps[1].ID == b.ID && domain.ValidateRanks("p", ps) == nil
			}}
		}, nil},
		{"practice changed elsewhere", func(d *DB) result {
			p := domain.Practice{ODSCode: "A00001", Name: "One", ListSize: 10}
			must(t, d.AddPractice(ctx, p))
			must(t, d.SavePractice(ctx, domain.Practice{ODSCode: "A00001", Name: "One", ListSize: 11}))
			_, err := d.RemovePractice(ctx, p)
			return result{err, func(d *DB) bool { ps, _ := d.Practices(ctx); return len(ps) == 1 }}
		}, ErrChanged},
		{"practice added twice", func(d *DB) result {
			p := domain.Practice{ODSCode: "A00001", Name: "One", ListSize: 10}
			must(t, d.AddPractice(ctx, p))
			return result{d.AddPractice(ctx, p), func(d *DB) bool { ps, _ := d.Practices(ctx); return len(ps) == 1 }}
		}, ErrConflict},
		{"practice renamed onto another", func(d *DB) result {
			p := domain.Practice{ODSCode: "A00001", Name: "One"}
			must(t, d.AddPractice(ctx, p))
			must(t, d.AddPractice(ctx, domain.Practice{ODSCode: "A00002", Name: "Two"}))
			now := p
			now.ODSCode = "A00002"
			return result{d.UpdatePractice(ctx, p, now, false), func(d *DB) bool { ps, _ := d.Practices(ctx); return len(ps) == 2 && ps[0].Name == "One" }}
		}, ErrConflict},
		{"service changed elsewhere", func(d *DB) result {
			s := domain.Service{Key: "ehch", Name: "EHCH", Status: domain.Green}
			must(t, d.SaveService(ctx, s))
			must(t, d.SaveService(ctx, domain.Service{Key: "ehch", Name: "EHCH", Status: domain.Red}))
			now := s
			now.Status = domain.Amber
			return result{d.UpdateService(ctx, s, now, false), func(d *DB) bool { ss, _ := d.Services(ctx); return ss[0].Status == domain.Red }}
		}, ErrChanged},
		{"statement changed elsewhere", func(d *DB) result {
			must(t, d.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "X"}))
			must(t, d.UpdateStatement(ctx, "", "theirs", false))
			return result{d.UpdateStatement(ctx, "", "mine", false), func(d *DB) bool { s, _ := d.Statement(ctx); return s == "theirs" }}
		}, ErrChanged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := openTest(t)
			r := tc.run(d)
			if !errors.Is(r.err, tc.want) || (tc.want == nil) != (r.err == nil) {
				t.Errorf("error %v, want %v", r.err, tc.want)
			}
			if !r.check(d) {
				t.Error("the database is not as it should be after that")
			}
		})
	}
}

func note(t testing.TB, d *DB, text string) domain.Note {
	t.Helper()
	n := domain.Note{Category: "it", Severity: 2, Date: "2026-11-18", Text: text}
	id, err := d.AddNote(context.Background(), n)
	must(t, err)
	n.ID = id
	return n
}

func noteText(d *DB) string {
	ns, _ := d.Notes(context.Background())
	if len(ns) == 0 {
		return ""
	}
	return ns[0].Text
}

func prio(t testing.TB, d *DB, title string) domain.Priority {
	t.Helper()
	p := domain.Priority{Theme: "data", Title: title}
	id, err := d.AddPriority(context.Background(), p)
	must(t, err)
	ps, _ := d.Priorities(context.Background())
	for _, q := range ps {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("priority %d not stored", id)
	return p
}

// TestEditLogTellsOwnChanges: an edit reports the counter's steps it made,
// and another handle's edits in between show as a gap.
func TestEditLogTellsOwnChanges(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	other, err := Open(ctx, d.Path(), Options{})
	must(t, err)
	defer other.Close()
	var log []Change
	mine := WithEditLog(ctx, func(c Change) { log = append(log, c) })
	v0, _ := d.Version(ctx)
	n := note(t, d, "untracked") // no log on this context
	_, err = d.AddNote(mine, domain.Note{Category: "it", Severity: 1, Date: "2026-11-01", Text: "mine"})
	must(t, err)
	_, err = other.AddNote(ctx, domain.Note{Category: "it", Severity: 1, Date: "2026-11-02", Text: "theirs"})
	must(t, err)
	must(t, d.RemoveNote(mine, n))
	must(t, d.UpdateNote(mine, n, n, true)) // forced back, as it was: a change
	must(t, d.UpdateNote(mine, n, n, false))
	v, _ := d.Version(ctx)
	want := []Change{{v0 + 1, v0 + 2}, {v0 + 3, v0 + 4}, {v0 + 4, v0 + 5}}
	if len(log) != len(want) || v != v0+5 {
		t.Fatalf("log %v, version %d (from %d)", log, v, v0)
	}
	for i := range want {
		if log[i] != want[i] {
			t.Errorf("log %v, want %v", log, want)
			break
		}
	}
	ns, ver, err := d.NotesAt(ctx)
	if err != nil || ver != v || len(ns) != 3 {
		t.Errorf("NotesAt: %d notes at %d, %v", len(ns), ver, err)
	}
}

// TestMoveOn: what is carried over is kept, what is not is deleted, and a
// database another program already moved on is refused untouched.
func TestMoveOn(t *testing.T) {
	ctx := context.Background()
	q3, q4 := domain.Period{Year: 2026, Quarter: 3}, domain.Period{Year: 2026, Quarter: 4}
	for _, tc := range []struct {
		carry            CarryOver
		notes, prios     int
		status           domain.Status
		from             domain.Period
		want             error
		period, services string
	}{
		{CarryOver{Notes: true, Priorities: true}, 1, 1, domain.Red, q3, nil, "2026/27 Q4", "2"},
		{CarryOver{ResetStatuses: true}, 0, 0, domain.NotStarted, q3, nil, "2026/27 Q4", "2"},
		{CarryOver{}, 1, 1, domain.Red, q4, ErrChanged, "2026/27 Q3", "1"},
		{CarryOver{Seen: 1}, 1, 1, domain.Red, q3, ErrChanged, "2026/27 Q3", "1"}, // changed since seen
	} {
		d := openTest(t)
		must(t, d.SaveService(ctx, domain.Service{Key: "ehch", Name: "EHCH", Status: domain.Red}))
		note(t, d, "n")
		prio(t, d, "p")
		err := d.MoveOn(ctx, tc.from, q4, []domain.Service{{Key: "new", Name: "New"}}, tc.carry)
		if !errors.Is(err, tc.want) || (err == nil) != (tc.want == nil) {
			t.Errorf("%+v: %v, want %v", tc.carry, err, tc.want)
		}
		ns, _ := d.Notes(ctx)
		ps, _ := d.Priorities(ctx)
		ss, _ := d.Services(ctx)
		p, _ := d.Period(ctx)
		if len(ns) != tc.notes || len(ps) != tc.prios || p.String() != tc.period || len(ss) != int(tc.services[0]-'0') || ss[0].Status != tc.status {
			t.Errorf("%+v: %d notes, %d priorities, period %s, services %+v", tc.carry, len(ns), len(ps), p, ss)
		}
	}
}
