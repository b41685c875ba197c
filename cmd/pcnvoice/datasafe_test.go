package main

import (
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// The tests in this file are issue 12's numbered faults, one test (or a
// few) each: nothing the user confirmed is ever lost.

// fileSum is a file's SHA-256, "" when it does not exist.
func fileSum(t testing.TB, path string) string {
	t.Helper()
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		entries, _ := os.ReadDir(path)
		return fmt.Sprintf("folder of %d", len(entries))
	}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// demoCSV writes a list-size CSV for the demo PCN's practices (Y99101…)
// with the sizes given, and returns its path.
func demoCSV(t testing.TB, dir string, sizes ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("PUBLICATION,EXTRACT_DATE,TYPE,CODE,SEX,AGE,NUMBER_OF_PATIENTS\n")
	for i, s := range sizes {
		fmt.Fprintf(&b, "GP_PRAC_PAT_LIST,2026-04-01,GP,Y9910%d,ALL,ALL,%s\n", i+1, s)
	}
	path := filepath.Join(dir, fmt.Sprintf("sizes-%s.csv", strings.Join(sizes, "-")))
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// distinctRevisions exports n submissions of db's PCN, each with another list
// size for its first practice, and returns their paths: restoring any of
// them over another changes the database, so each restore backs it up
// (a restore of what the database already holds changes nothing and
// takes no backup).
func distinctRevisions(t testing.TB, db string, n int) []string {
	t.Helper()
	dir := t.TempDir()
	var out []string
	for i := range n {
		if r := cliRun(t, nil, "--db", db, "import", demoCSV(t, dir, fmt.Sprint(5001+i))); r.code != 0 {
			t.Fatal(r.stderr)
		}
		path := filepath.Join(dir, fmt.Sprintf("rev-%d.json", i))
		if r := cliRun(t, nil, "--db", db, "export", "-o", path); r.code != 0 {
			t.Fatal(r.stderr)
		}
		out = append(out, path)
	}
	return out
}

// TestRestoringWhatIsThereChangesNothing: importing the submission the
// database already holds (a forum chair's inbox often has it twice) says
// so, takes no backup — each would push an older, meaningful one out of
// the ten kept — and changes nothing, not even a note's id.
func TestRestoringWhatIsThereChangesNothing(t *testing.T) {
	db := cliDemoDB(t)
	sub := filepath.Join(t.TempDir(), "sub.json")
	if r := cliRun(t, nil, "--db", db, "export", "-o", sub); r.code != 0 {
		t.Fatal(r.stderr)
	}
	before := dbFingerprint(t, db)
	for range 3 {
		r := cliRun(t, nil, "--db", db, "import", sub)
		if r.code != 0 || !strings.Contains(r.stdout, "nothing changed") || strings.Contains(r.stdout, "backed up") {
			t.Fatalf("exit %d: %s%s", r.code, r.stdout, r.stderr)
		}
	}
	if backups, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*", "*.db")); len(backups) != 0 {
		t.Errorf("backups of a database nothing changed: %v", backups)
	}
	if after := dbFingerprint(t, db); after != before {
		t.Errorf("the database changed:\n%s\n---\n%s", before, after)
	}
}

// TestRestoringTheLastExportClearsChangedSince: edits made and undone
// after an export leave the content as exported but "changed since";
// importing that export is then a real change — it says so, clears the
// flag as a restore always did, and backs up first.
func TestRestoringTheLastExportClearsChangedSince(t *testing.T) {
	db := cliDemoDB(t)
	sub := filepath.Join(t.TempDir(), "sub.json")
	if r := cliRun(t, nil, "--db", db, "export", "-o", sub); r.code != 0 {
		t.Fatal(r.stderr)
	}
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE services SET note = note"); err != nil { // an edit undone: same content
		t.Fatal(err)
	}
	raw.Close()
	changed := func() bool {
		t.Helper()
		r := cliRun(t, nil, "--db", db, "status", "--json")
		var st struct {
			Changed bool `json:"changed_since_export"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
			t.Fatalf("status --json: %v: %s", err, r.stdout)
		}
		return st.Changed
	}
	if !changed() {
		t.Fatal("the undone edit did not count as a change: the test tests nothing")
	}
	r := cliRun(t, nil, "--db", db, "import", sub)
	if r.code != 0 || strings.Contains(r.stdout, "nothing changed") || !strings.Contains(r.stdout, "backed up") {
		t.Errorf("exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	if changed() {
		t.Error("still changed since the export it restored")
	}
}

// Fault 1: -o never replaces the database, its -wal/-shm, a backup, or an
// input, however the path is spelled.
func TestOutputNeverReplacesTheDatabase(t *testing.T) {
	db := cliDemoDB(t)
	dir := filepath.Dir(db)
	// A backup to protect: an import that changes data makes one.
	sub := filepath.Join(t.TempDir(), "sub.json")
	if r := cliRun(t, nil, "--db", db, "export", "-o", sub); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := cliRun(t, nil, "--db", db, "import", demoCSV(t, t.TempDir(), "4321")); r.code != 0 {
		t.Fatal(r.stderr)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", "*", "*.db"))
	if len(backups) != 1 {
		t.Fatalf("want one backup after an import that changed data, have %v", backups)
	}
	other := t.TempDir()
	link := filepath.Join(other, "link.json")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.json")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	dirLink := filepath.Join(other, "dirlink")
	if err := os.Symlink(dir, dirLink); err != nil {
		t.Fatal(err)
	}
	targets := map[string]string{
		"the database":               db,
		"the database, dotted":       filepath.Join(dir, ".", "sub", "..", filepath.Base(db)),
		"its -wal":                   db + "-wal",
		"its -shm":                   db + "-shm",
		"a backup":                   backups[0],
		"a new name among backups":   filepath.Join(filepath.Dir(backups[0]), "x.json"),
		"a symlink to it":            link,
		"a hard link to it":          hard,
		"it through a linked folder": filepath.Join(dirLink, filepath.Base(db)),
	}
	for name, target := range targets {
		t.Run("export/"+name, func(t *testing.T) {
			before, beforeDB := fileSum(t, target), fileSum(t, db)
			r := cliRun(t, nil, "--db", db, "export", "-o", target)
			if r.code != 1 || !strings.Contains(r.stderr, target) {
				t.Fatalf("exit %d, want 1 and an error naming %s: %s", r.code, target, r.stderr)
			}
			if fileSum(t, target) != before || fileSum(t, db) != beforeDB {
				t.Fatal("the refused output was written")
			}
		})
	}
	t.Run("export/the config file", func(t *testing.T) {
		env := exportEnv(t)
		cfg := env["PCNVOICE_CONFIG"]
		r := cliRun(t, env, "--db", db, "export", "--format", "md", "-o", cfg)
		if r.code != 1 || !strings.Contains(r.stderr, cfg) {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("merge/the database", func(t *testing.T) {
		before := fileSum(t, db)
		r := cliRun(t, mergeEnv(t, ""), "--db", db, "merge", "--format", "json", "-o", db, sub)
		if r.code != 1 || !strings.Contains(r.stderr, db) || fileSum(t, db) != before {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("merge/an input", func(t *testing.T) {
		before := fileSum(t, sub)
		r := cliRun(t, mergeEnv(t, ""), "--db", db, "merge", "-o", sub, sub)
		if r.code != 1 || !strings.Contains(r.stderr, sub) || fileSum(t, sub) != before {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
	if s := dbFingerprint(t, db); !strings.Contains(s, "Riverside") {
		t.Fatal("the database lost its content")
	}
}

// Fault 2: each database's backups are its own; the path reported exists;
// concurrent imports do not trip over each other's pruning.
func TestBackupsPerDatabase(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "pcnvoice.db")
	demo := filepath.Join(dir, "pcnvoice-demo.db")
	if r := cliRun(t, nil, "--db", main, "demo", "--no-tui"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	// Two revisions: restoring one over the other changes the database,
	// so each restore backs it up.
	subs := distinctRevisions(t, demo, 2)
	if r := cliRun(t, nil, "--db", main, "import", subs[0]); r.code != 0 {
		t.Fatal(r.stderr)
	}
	for i := range 11 {
		r := cliRun(t, nil, "--db", demo, "import", subs[i%2])
		if r.code != 0 {
			t.Fatalf("import %d: %s", i, r.stderr)
		}
	}
	r := cliRun(t, nil, "--db", main, "import", subs[1])
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	_, after, ok := strings.Cut(r.stdout, "backed up at ")
	if !ok {
		t.Fatalf("no backup reported: %s", r.stdout)
	}
	reported := strings.TrimSpace(after)
	if _, err := os.Stat(reported); err != nil {
		t.Fatalf("the backup reported does not exist: %v", err)
	}
	mainBackups, _ := filepath.Glob(filepath.Join(dir, "backups", "pcnvoice.db", "*.db"))
	demoBackups, _ := filepath.Glob(filepath.Join(dir, "backups", "pcnvoice-demo.db", "*.db"))
	if len(mainBackups) != 1 || len(demoBackups) != 10 {
		t.Errorf("backups: %d of pcnvoice.db (want 1), %d of pcnvoice-demo.db (want 10)", len(mainBackups), len(demoBackups))
	}
	for _, b := range append(mainBackups, demoBackups...) {
		checkBackup(t, b)
	}
}

// checkBackup fails unless path is a complete SQLite database with mode 0600.
func checkBackup(t testing.TB, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, want 0600", path, fi.Mode().Perm())
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ic string
	var n int
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ic); err != nil || ic != "ok" {
		t.Errorf("%s: integrity_check %q %v", path, ic, err)
	}
	if err := db.QueryRow("SELECT count(*) FROM meta").Scan(&n); err != nil || n != 1 {
		t.Errorf("%s: not a pcnvoice database: %v", path, err)
	}
}

func TestConcurrentImportsBackUp(t *testing.T) {
	db := cliDemoDB(t)
	// Sixteen revisions, each with its own list size: whichever order the
	// imports land in, each changes the database and backs it up.
	subs := distinctRevisions(t, db, 16)
	var wg sync.WaitGroup
	errs := make(chan string, 24)
	for g := range 4 {
		wg.Go(func() {
			for i := range 4 {
				if r := cliRun(t, nil, "--db", db, "import", subs[4*g+i]); r.code != 0 {
					errs <- r.stderr
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", filepath.Base(db), "*.db"))
	if len(backups) != 10 {
		t.Errorf("%d backups after 16 imports, want the newest 10", len(backups))
	}
}

// Fault 3: a list size past the bound is refused, naming the file, row and
// column; the database stays usable; a CSV import that changes data is
// backed up first.
func TestListSizeBounds(t *testing.T) {
	db := cliDemoDB(t)
	dir := t.TempDir()
	for _, n := range []string{"9223372036854775807", "1000001", "99999999999999999999"} {
		csv := demoCSV(t, dir, "5000", n)
		before := dbFingerprint(t, db)
		r := cliRun(t, nil, "--db", db, "import", csv)
		if r.code != 1 {
			t.Fatalf("%s: exit %d, want 1: %s", n, r.code, r.stdout)
		}
		for _, want := range []string{csv, "row 3", "NUMBER_OF_PATIENTS"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: error lacks %q: %s", n, want, r.stderr)
			}
		}
		if dbFingerprint(t, db) != before {
			t.Errorf("%s: the database changed", n)
		}
	}
	if r := cliRun(t, nil, "--db", db, "status"); r.code != 0 {
		t.Fatalf("status after refused imports: %s", r.stderr)
	}
	r := cliRun(t, nil, "--db", db, "import", demoCSV(t, dir, "1000000", "0"))
	if r.code != 0 || !strings.Contains(r.stdout, "backed up at ") {
		t.Fatalf("in-bounds CSV import: exit %d, want a backup reported:\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The same file again changes nothing, so needs no backup.
	r = cliRun(t, nil, "--db", db, "import", demoCSV(t, dir, "1000000", "0"))
	if r.code != 0 || strings.Contains(r.stdout, "backed up") {
		t.Errorf("an import that changes nothing: exit %d\n%s", r.code, r.stdout)
	}
}

// Fault 4: a failed -o write records nothing.
func TestFailedWriteRecordsNothing(t *testing.T) {
	db := cliDemoDB(t)
	dir := t.TempDir()
	// A folder where the file should go: the write fails at the rename.
	target := filepath.Join(dir, "out.json")
	if err := os.Mkdir(target, 0o700); err != nil {
		t.Fatal(err)
	}
	r := cliRun(t, nil, "--db", db, "export", "-o", target)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	if s := cliRun(t, nil, "--db", db, "status", "--json"); !strings.Contains(s.stdout, `"last_export": null`) {
		t.Errorf("a failed export was recorded:\n%s", s.stdout)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

var notADatabaseRe = regexp.MustCompile(`not a (pcnvoice )?database`)

// Fault 7: a database whose schema pcnvoice does not know is refused with
// a message that says so, and never changed.
func TestUnknownDatabaseRefused(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "foreign.db")
	raw, err := sql.Open("sqlite", "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE meta (x); CREATE TABLE stuff (y); INSERT INTO stuff VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	versioned := filepath.Join(dir, "versioned.db")
	raw, _ = sql.Open("sqlite", "file:"+versioned)
	if _, err := raw.Exec("CREATE TABLE things (x); PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	jsonFile := filepath.Join(dir, "sub.json")
	os.WriteFile(jsonFile, []byte(`{"format": "pcnvoice.submission"}`), 0o600)
	folder := filepath.Join(dir, "folder.db")
	os.Mkdir(folder, 0o700)

	for _, path := range []string{foreign, versioned, jsonFile, folder} {
		for _, args := range [][]string{{"status"}, {"export"}, {"import", demoCSV(t, t.TempDir(), "10")}} {
			t.Run(filepath.Base(path)+"/"+args[0], func(t *testing.T) {
				before := fileSum(t, path)
				r := cliRun(t, nil, append([]string{"--db", path}, args...)...)
				// A JSON file and a folder are named for what they are (consistency_test.go).
				if r.code != 1 || !strings.Contains(r.stderr, path) || !notADatabaseRe.MatchString(r.stderr) {
					t.Errorf("exit %d: %s", r.code, r.stderr)
				}
				if fileSum(t, path) != before {
					t.Error("the file changed")
				}
				for _, suffix := range []string{"-wal", "-shm", "-journal"} {
					if _, err := os.Stat(path + suffix); err == nil {
						t.Errorf("%s appeared beside it", suffix)
					}
				}
			})
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("the folder gained files: %v", entries)
	}
	// demo replaces only a demo database, never another program's file
	// that has the demo database's name (x-demo.db for --db x.db).
	demoAt := filepath.Join(dir, "mine-demo.db")
	if err := os.Rename(foreign, demoAt); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, demoAt)
	r := cliRun(t, nil, "--db", filepath.Join(dir, "mine.db"), "demo", "--no-tui")
	if r.code != 1 || !strings.Contains(r.stderr, "not a pcnvoice database") || fileSum(t, demoAt) != before {
		t.Errorf("demo over another program's file: exit %d: %s", r.code, r.stderr)
	}
}
