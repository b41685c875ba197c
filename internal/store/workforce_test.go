package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// TestMigration0004FromSchema3: a database made before workforce existed
// opens with its records, its edit counter and its last export as they
// were, after a backup; its workforce is "not reported" (never "none"),
// and the new table's changes count as edits.
func TestMigration0004FromSchema3(t *testing.T) {
	ctx := context.Background()
	all, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 4 || !strings.HasPrefix(all[3].name, "0004_") {
		t.Fatalf("migrations %v: want 0004 fourth", all)
	}
	path := filepath.Join(t.TempDir(), "v3.db")
	old, err := Open(ctx, path, Options{Create: true, Period: "2026/27 Q3", migrations: all[:3]})
	if err != nil {
		t.Fatal(err)
	}
	must(t, old.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Old"}))
	_, err = old.SaveNote(ctx, domain.Note{Category: "it", Severity: 2, Date: "2026-11-18", Text: "one"})
	must(t, err)
	// Exported as this release's code cannot (it reads a workforce a
	// schema-3 database has not got): as the last release did.
	_, err = old.db.Exec(`INSERT INTO exports (revision, exported_at, period, digest, content_hash, edit_seq, document)
		VALUES (1, '2026-11-18T00:00:00Z', '2026/27 Q3', 'sha256:x', 'h', (SELECT edit_seq FROM meta), '{}')`)
	must(t, err)
	before, _ := old.Version(ctx)
	old.Close()

	// status on it first: its quick read cannot read a schema-3 file, so
	// it goes through Open, which upgrades it.
	st, err := ReadStatus(ctx, path, Options{})
	if err != nil || st.Workforce != nil || st.ChangedSince || st.SchemaVersion != 4 {
		t.Fatalf("status of a schema-3 database: %+v, %v", st, err)
	}
	d, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if after, _ := d.Version(ctx); after != before {
		t.Errorf("the upgrade moved the edit counter %d → %d", before, after)
	}
	sum, err := d.Summary(ctx)
	must(t, err)
	if sum.Workforce != nil || sum.ChangedSince || sum.Notes != 1 {
		t.Errorf("after the upgrade: workforce %+v, changed since export %v, notes %d; want not reported, unchanged, 1",
			sum.Workforce, sum.ChangedSince, sum.Notes)
	}
	snap, err := d.Snapshot(ctx)
	must(t, err)
	if snap.WorkforceReported || len(snap.Workforce) != 0 {
		t.Errorf("an old database's workforce reads as reported: %+v", snap.Workforce)
	}
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "v3.db", "*schema-3*"))
	if len(backups) != 1 {
		t.Errorf("backups before the upgrade: %v, want one", backups)
	} else if fi, err := os.Stat(backups[0]); err != nil || fi.Size() == 0 {
		t.Errorf("backup %s: %v", backups[0], err)
	}
	var n int
	must(t, d.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND (tbl_name = 'workforce' OR name = 'meta_workforce_reported')").Scan(&n))
	if n != 4 {
		t.Errorf("%d workforce triggers, want 4", n)
	}
	if _, err := d.AddRole(ctx, domain.Role{Key: "paramedic", InPost: 100}); err != nil {
		t.Fatal(err)
	}
	if sum, _ := d.Summary(ctx); !sum.ChangedSince || sum.Workforce == nil || sum.Workforce.InPost != 100 {
		t.Errorf("adding a role after the upgrade: %+v, %v", sum.Workforce, sum.ChangedSince)
	}
}

// TestWorkforceEditsAsSeen walks a director through the section: each
// change bumps the edit counter, is refused when the role is not as seen,
// and "none" and "not reported" are set and taken back on purpose only.
func TestWorkforceEditsAsSeen(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	must(t, d.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Riverside"}))
	state := func() ([]domain.Role, bool) {
		t.Helper()
		rs, reported, err := d.Workforce(ctx)
		must(t, err)
		return rs, reported
	}
	bumps := func(what string, f func() error) {
		t.Helper()
		v0, _ := d.Version(ctx)
		if err := f(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if v1, _ := d.Version(ctx); v1 <= v0 {
			t.Errorf("%s left the edit counter at %d", what, v1)
		}
	}
	if rs, reported := state(); reported || len(rs) != 0 {
		t.Fatalf("a new database reports workforce: %v %v", rs, reported)
	}

	pharm := domain.Role{Key: "clinical-pharmacist", InPost: 200, Planned: 300, Recruiting: 100, Note: "one vacant"}
	bumps("add", func() error { var err error; pharm.ID, err = d.AddRole(ctx, pharm); return err })
	if rs, reported := state(); !reported || len(rs) != 1 || rs[0] != pharm {
		t.Fatalf("after adding: %+v %v", rs, reported)
	}
	if _, err := d.AddRole(ctx, domain.Role{Key: "clinical-pharmacist"}); !errors.Is(err, ErrConflict) {
		t.Errorf("a role listed twice: %v, want ErrConflict", err)
	}
	for _, bad := range []domain.Role{{Key: ""}, {Key: "gp", InPost: -1}, {Key: "gp", Planned: domain.MaxWTE + 1}} {
		if _, err := d.AddRole(ctx, bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if err := d.ReportNoStaff(ctx); !errors.Is(err, ErrChanged) {
		t.Errorf("\"none\" with a role listed: %v, want ErrChanged", err)
	}

	// Another program changes the role; the app's edit of the old one is refused.
	other := pharm
	other.InPost = 300
	must(t, d.UpdateRole(ctx, pharm, other, false))
	mine := pharm
	mine.Note = "mine"
	if err := d.UpdateRole(ctx, pharm, mine, false); !errors.Is(err, ErrChanged) {
		t.Errorf("editing a changed role: %v, want ErrChanged", err)
	}
	if err := d.RemoveRole(ctx, pharm); !errors.Is(err, ErrChanged) {
		t.Errorf("deleting a changed role: %v, want ErrChanged", err)
	}
	bumps("forced edit", func() error { return d.UpdateRole(ctx, pharm, mine, true) })
	if rs, _ := state(); rs[0] != mine {
		t.Errorf("forced edit gave %+v", rs[0])
	}
	renamed := mine
	renamed.Key = "pharmacy-technician"
	bumps("change of role", func() error { return d.UpdateRole(ctx, mine, renamed, false) })

	// The last role goes: the PCN now reports none; u puts it back.
	bumps("delete", func() error { return d.RemoveRole(ctx, renamed) })
	if rs, reported := state(); !reported || len(rs) != 0 {
		t.Errorf("after deleting the last role: %v reported %v, want none reported", rs, reported)
	}
	if err := d.RemoveRole(ctx, renamed); !errors.Is(err, ErrGone) {
		t.Errorf("deleting it twice: %v, want ErrGone", err)
	}
	bumps("undo", func() error { return d.PutRoleBack(ctx, renamed) })
	if err := d.PutRoleBack(ctx, renamed); !errors.Is(err, ErrConflict) {
		t.Errorf("putting it back twice: %v, want ErrConflict", err)
	}
	if rs, _ := state(); len(rs) != 1 || rs[0] != renamed {
		t.Errorf("after undo: %+v", rs)
	}
	must(t, d.RemoveRole(ctx, renamed))

	// "None" is taken back, and said again.
	bumps("not reported", func() error { return d.UnreportWorkforce(ctx) })
	if _, reported := state(); reported {
		t.Error("still reported")
	}
	if err := d.UnreportWorkforce(ctx); !errors.Is(err, ErrGone) {
		t.Errorf("taking back twice: %v, want ErrGone", err)
	}
	bumps("none", func() error { return d.ReportNoStaff(ctx) })
	if rs, reported := state(); !reported || len(rs) != 0 {
		t.Errorf("after none: %v %v", rs, reported)
	}
	v, _ := d.Version(ctx)
	must(t, d.ReportNoStaff(ctx))
	if v2, _ := d.Version(ctx); v2 != v {
		t.Errorf("saying none twice moved the counter %d → %d", v, v2)
	}

	// The table's checks stand behind the domain's.
	if _, err := d.db.Exec("INSERT INTO workforce (role, in_post) VALUES ('gp', 100001)"); err == nil {
		t.Error("the table took 1,000.01 WTE")
	}
}

// TestRestoreWorkforce: a restore sets the workforce exactly as the file
// has it, reported or not, whatever the database held.
func TestRestoreWorkforce(t *testing.T) {
	ctx := context.Background()
	base := domain.Snapshot{Period: domain.Period{Year: 2026, Quarter: 3}, PCN: domain.PCN{Code: "U51234", Name: "Riverside"}}
	roles := []domain.Role{
		{Key: "care-coordinator", InPost: 125, Planned: 300, Recruiting: 100},
		{Key: "zz-local", InPost: 60},
	}
	for _, tc := range []struct {
		name     string
		roles    []domain.Role
		reported bool
	}{
		{"not reported", nil, false},
		{"none", nil, true},
		{"roles", roles, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := openTest(t)
			must(t, d.SavePCN(ctx, base.PCN))
			_, err := d.AddRole(ctx, domain.Role{Key: "paramedic", InPost: 100})
			must(t, err)
			s := base
			s.Workforce, s.WorkforceReported = tc.roles, tc.reported
			must(t, d.Restore(ctx, s, nil))
			got, err := d.Snapshot(ctx)
			must(t, err)
			for i := range got.Workforce {
				got.Workforce[i].ID = 0
			}
			if got.WorkforceReported != tc.reported || !reflect.DeepEqual(got.Workforce, append([]domain.Role{}, tc.roles...)) {
				t.Errorf("restored %+v reported %v, want %+v reported %v", got.Workforce, got.WorkforceReported, tc.roles, tc.reported)
			}
			sum, _ := d.Summary(ctx)
			if (sum.Workforce != nil) != tc.reported {
				t.Errorf("summary workforce %+v, want reported %v", sum.Workforce, tc.reported)
			}
			if tc.name == "roles" && (sum.Workforce.InPost != 185 || sum.Workforce.Planned != 300 || sum.Workforce.Recruiting != 100 || sum.Roles != 2) {
				t.Errorf("summary totals %+v (%d roles), want 1.85 / 3 / 1 over 2 roles", *sum.Workforce, sum.Roles)
			}
		})
	}
}

// TestIsEmptyCountsWorkforce: a database whose only answer is "no
// additional-role staff" holds something a restore would replace.
func TestIsEmptyCountsWorkforce(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if empty, _ := d.IsEmpty(ctx); !empty {
		t.Fatal("new database not empty")
	}
	must(t, d.ReportNoStaff(ctx))
	if empty, _ := d.IsEmpty(ctx); empty {
		t.Error("a reported workforce counts as empty")
	}
}
