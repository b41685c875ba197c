//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// The kill -9 suite for what pcnvoice writes besides the database:
// backups, export -o, merge -o, and imports of NHS files, which back up.

// runBin runs the real binary and fails the test unless it exits 0.
func runBin(t testing.TB, args ...string) string {
	t.Helper()
	out, err := exec.Command(pcnvoiceBinary(t), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("pcnvoice %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestCrashDuringBackup kills imports while their backup is being written
// (a temporary file is in the backups folder), so the transaction never
// commits: the database keeps its old records, nothing that looks like a
// backup is incomplete, and the next import clears the temporary file.
func TestCrashDuringBackup(t *testing.T) {
	bin := pcnvoiceBinary(t)
	big := crashSubmission(t, 2000, "big")
	small := crashSubmission(t, 1500, "small")
	db := filepath.Join(t.TempDir(), "b.db")
	runBin(t, "--db", db, "import", big)
	fp := map[string]string{big: dbFingerprint(t, db)}
	runBin(t, "--db", db, "import", small)
	fp[small] = dbFingerprint(t, db)
	current := small
	backups := store.BackupDir(db)
	killRounds(t, 4, func(i int) bool {
		next := map[string]string{big: small, small: big}[current]
		cmd := exec.Command(bin, "--db", db, "import", next)
		killed := killWhen(t, cmd, func(time.Duration) bool { return hasTemp(backups) })
		checkAfterKill(t, db)
		switch got := dbFingerprint(t, db); {
		case got == fp[next]:
			current = next // finished, or killed just after the commit
			return false
		case got != fp[current]:
			t.Fatalf("round %d: the database holds neither what it held before nor the import", i)
		case !killed:
			t.Fatalf("round %d: the import ended on its own without importing", i)
		}
		return true // killed mid-backup, before the commit: nothing changed
	})
	// The next backup clears what a killed one left: an import of the
	// other file (one of what the database holds would change nothing
	// and take no backup).
	runBin(t, "--db", db, "import", map[string]string{big: small, small: big}[current])
	if hasTemp(backups) {
		t.Error("the next import left the killed backup's temporary file")
	}
	if n, _ := os.ReadDir(backups); len(n) > 10 {
		t.Errorf("%d backups kept, want at most 10", len(n))
	}
}

// TestCrashDuringExport kills exports while the file is being written. A
// revision recorded in history is always in the file: recorded means
// written; the file may be one revision ahead of history (written, killed
// before the record), never behind it, and never half written.
func TestCrashDuringExport(t *testing.T) {
	bin := pcnvoiceBinary(t)
	db := filepath.Join(t.TempDir(), "e.db")
	runBin(t, "--db", db, "import", crashSubmission(t, 2000, "export"))
	dir := t.TempDir()
	out := filepath.Join(dir, "out.html")
	json := filepath.Join(dir, "out.json")
	rng := rand.New(rand.NewPCG(3, 4))
	killRounds(t, 4, func(i int) bool {
		editDB(t, db, i)
		before := lastExport(t, db)
		target := []string{out, json}[rng.IntN(2)]
		cmd := exec.Command(bin, "--db", db, "export", "--format", strings.TrimPrefix(filepath.Ext(target), "."), "-o", target)
		killed := killWhen(t, cmd, func(time.Duration) bool { return hasTemp(dir) })
		checkAfterKill(t, db)
		checkWhole(t, json, out)
		if after := lastExport(t, db); after.Revision != before.Revision {
			// Recorded means written: the new revision is in the file.
			if data, _ := os.ReadFile(target); !bytes.Contains(data, []byte(after.Digest)) {
				t.Fatalf("round %d: revision %d is recorded but %s does not hold it", i, after.Revision, target)
			}
		}
		return killed
	})
	for _, target := range []string{json, out} {
		runBin(t, "--db", db, "export", "--format", strings.TrimPrefix(filepath.Ext(target), "."), "-o", target)
		if data, _ := os.ReadFile(target); !bytes.Contains(data, []byte(lastExport(t, db).Digest)) {
			t.Fatalf("%s does not hold the revision just recorded", target)
		}
	}
	if hasTemp(dir) {
		t.Error("the next exports left a killed export's temporary file")
	}
}

func lastExport(t testing.TB, db string) domain.ExportRecord {
	t.Helper()
	d, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	last, err := d.LastExport(context.Background())
	if err != nil || last == nil {
		t.Fatalf("no last export: %v", err)
	}
	return *last
}

// editDB adds note n, so the next export is a new revision.
func editDB(t testing.TB, path string, n int) {
	t.Helper()
	d, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.SaveNote(context.Background(), domain.Note{Category: "it", Severity: 1, Date: "2026-11-18", Text: fmt.Sprintf("Edit %d.", n)}); err != nil {
		t.Fatal(err)
	}
}

// checkWhole fails unless each export file that exists is whole.
func checkWhole(t testing.TB, json, paper string) {
	t.Helper()
	if data, err := os.ReadFile(json); err == nil {
		if _, _, err := pcnjson.Decode(json, data); err != nil {
			t.Fatalf("the JSON export is not whole: %v", err)
		}
	}
	if data, err := os.ReadFile(paper); err == nil && !bytes.HasSuffix(bytes.TrimSpace(data), []byte("</html>")) {
		t.Fatalf("the HTML export is not whole (%d bytes)", len(data))
	}
}

// TestCrashDuringMerge kills merges while the pack is being written: the
// pack is absent or whole, and the next merge clears the temporary file.
func TestCrashDuringMerge(t *testing.T) {
	bin := pcnvoiceBinary(t)
	in := t.TempDir()
	if _, err := forumtest.WriteFiles(in, forumtest.Generate(12, 300)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pack := filepath.Join(dir, "pack.json")
	env := append(os.Environ(), "PCNVOICE_DB="+filepath.Join(t.TempDir(), "none.db"), "PCNVOICE_CONFIG=")
	killRounds(t, 4, func(i int) bool {
		cmd := exec.Command(bin, "merge", "-o", pack, in)
		cmd.Env = env
		killed := killWhen(t, cmd, func(time.Duration) bool { return hasTemp(dir) })
		if _, err := os.Stat(pack); err == nil {
			check := exec.Command(bin, "merge", "--format", "json", pack)
			check.Env = env
			if out, err := check.CombinedOutput(); err != nil {
				t.Fatalf("round %d: the pack left by a killed merge is not whole: %v\n%.300s", i, err, out)
			}
		}
		return killed
	})
	cmd := exec.Command(bin, "merge", "-o", pack, in)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if hasTemp(dir) {
		t.Error("the next merge left a killed merge's temporary file")
	}
}

// sizesCSV writes a list-size CSV: the demo's six practices at size,
// padded with other practices' rows so that reading it takes a while.
func sizesCSV(t testing.TB, dir string, size, padding int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("PUBLICATION,EXTRACT_DATE,TYPE,CODE,SEX,AGE,NUMBER_OF_PATIENTS\n")
	for i := range padding {
		fmt.Fprintf(&b, "GP_PRAC_PAT_LIST,2026-04-01,GP,%c%05d,ALL,ALL,%d\n", 'A'+i/100000, i%100000, 1000+i%7000)
	}
	for i := range 6 {
		fmt.Fprintf(&b, "GP_PRAC_PAT_LIST,2026-04-01,GP,Y9910%d,ALL,ALL,%d\n", i+1, size+i)
	}
	path := filepath.Join(dir, fmt.Sprintf("sizes-%d.csv", size))
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCrashDuringCSVImport kills list-size imports at random moments and
// during their backup: the list sizes are all the old ones or all the new,
// and the backups are whole.
func TestCrashDuringCSVImport(t *testing.T) {
	bin := pcnvoiceBinary(t)
	db := cliDemoDB(t)
	dir := t.TempDir()
	csvs := map[int]string{1000: sizesCSV(t, dir, 1000, 50000), 2000: sizesCSV(t, dir, 2000, 50000)}
	runBin(t, "--db", db, "import", csvs[1000])
	start := time.Now()
	runBin(t, "--db", db, "import", csvs[2000])
	full := time.Since(start) * 3 / 2
	current := 2000
	rng := rand.New(rand.NewPCG(5, 6))
	backups := store.BackupDir(db)
	killRounds(t, 6, func(i int) bool {
		next := 3000 - current
		cmd := exec.Command(bin, "--db", db, "import", csvs[next])
		var killed bool
		if i%2 == 0 {
			killed = killAfter(t, cmd, time.Duration(rng.Int64N(int64(full))))
		} else {
			killed = killWhen(t, cmd, func(time.Duration) bool { return hasTemp(backups) })
		}
		checkAfterKill(t, db)
		sizes := map[int64]bool{}
		for code, n := range nhsPractices(t, db) {
			sizes[n-int64(code[5]-'1')] = true
		}
		switch {
		case len(sizes) != 1:
			t.Fatalf("round %d: list sizes mixed: %v", i, nhsPractices(t, db))
		case sizes[int64(next)]:
			current = next
		case !sizes[int64(current)]:
			t.Fatalf("round %d: list sizes neither old nor new: %v", i, sizes)
		}
		return killed
	})
	runBin(t, "--db", db, "import", csvs[3000-current])
	if hasTemp(backups) {
		t.Error("the next import left a killed backup's temporary file")
	}
}

// TestSignalStopsImport sends SIGINT to an import in progress: it stops
// within a second, says it was interrupted, changes nothing and leaves no
// temporary file. Signal times are spread over the import's measured
// length; a round whose import finished first is tried again earlier.
func TestSignalStopsImport(t *testing.T) {
	bin := pcnvoiceBinary(t)
	db := cliDemoDB(t)
	dir := t.TempDir()
	csvs := map[int]string{1000: sizesCSV(t, dir, 1000, 400000), 2000: sizesCSV(t, dir, 2000, 400000)}
	runBin(t, "--db", db, "import", csvs[1000])
	start := time.Now()
	runBin(t, "--db", db, "import", csvs[1000]) // changes nothing: the time to read and check
	full := time.Since(start)
	current := 1000
	before := dbFingerprint(t, db)
	rng := rand.New(rand.NewPCG(7, 8))
	slow, stopped := 0, 0
	for round := 0; stopped < 3*crashScale(); round++ {
		if round == 30*crashScale() {
			t.Fatalf("only %d of %d signals arrived before the import finished", stopped, round)
		}
		// A signal that arrives before the handler is set kills the
		// process the default way: wait a little first.
		delay := 50*time.Millisecond + time.Duration(rng.Int64N(int64(full/2)))
		for try := 0; ; try++ {
			cmd := exec.Command(bin, "--db", db, "import", csvs[3000-current])
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			sent := time.Now()
			cmd.Process.Signal(syscall.SIGINT)
			err := cmd.Wait()
			took := time.Since(sent)
			if err == nil {
				// Finished before the signal: the other sizes are in now.
				current = 3000 - current
				before = dbFingerprint(t, db)
				break
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Fatalf("round %d: %v: %s", round, err, stderr.String())
			}
			if took > time.Second {
				// A busy machine can stall any process; a second try tells
				// a stall from an import that does not stop.
				slow++
				if try == 0 {
					continue
				}
				t.Fatalf("round %d: stopped %v after SIGINT, twice over a second", round, took)
			}
			stopped++
			if got := dbFingerprint(t, db); got != before {
				t.Fatalf("round %d: an interrupted import changed the database", round)
			}
			if hasTemp(store.BackupDir(db)) || hasTemp(filepath.Dir(db)) {
				t.Fatalf("round %d: an interrupted import left a temporary file", round)
			}
			break
		}
	}
	if slow > 0 {
		t.Logf("%d stops took over a second and were tried again", slow)
	}
}

// TestSignalDuringBackup sends SIGINT to a restore while its backup is
// being written, inside the import's transaction: the process stops within
// a second, rolls back, and removes the temporary file itself.
func TestSignalDuringBackup(t *testing.T) {
	bin := pcnvoiceBinary(t)
	db := filepath.Join(t.TempDir(), "s.db")
	subs := []string{crashSubmission(t, 2000, "one"), crashSubmission(t, 2000, "two")}
	runBin(t, "--db", db, "import", subs[0])
	current := 0
	before := dbFingerprint(t, db)
	backups := store.BackupDir(db)
	hit := 0
	for round := 0; hit < 2*crashScale(); round++ {
		if round == 20*crashScale() {
			t.Fatalf("only %d of %d signals arrived during a backup", hit, round)
		}
		cmd := exec.Command(bin, "--db", db, "import", subs[1-current])
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		var sent time.Time
		stopped := killWhen(t, cmd, func(time.Duration) bool {
			if sent.IsZero() && hasTemp(backups) {
				cmd.Process.Signal(syscall.SIGINT)
				sent = time.Now()
			}
			// Give it up to five seconds to stop by itself, then kill.
			return !sent.IsZero() && time.Since(sent) > 5*time.Second
		})
		took := time.Since(sent)
		if stopped {
			t.Fatalf("round %d: still running 5 s after SIGINT", round)
		}
		if sent.IsZero() && cmd.ProcessState.ExitCode() != 0 {
			t.Fatalf("round %d: the import failed: %s", round, stderr.String())
		}
		if sent.IsZero() || cmd.ProcessState.ExitCode() == 0 {
			// Finished before a backup was seen, or the signal came after
			// the commit: the other file's records are in.
			current = 1 - current
			before = dbFingerprint(t, db)
			continue
		}
		if !strings.Contains(stderr.String(), "interrupted") {
			t.Fatalf("round %d: exit %d: %s", round, cmd.ProcessState.ExitCode(), stderr.String())
		}
		if took > time.Second {
			t.Errorf("round %d: stopped %v after SIGINT", round, took)
		}
		if dbFingerprint(t, db) != before {
			t.Fatalf("round %d: an interrupted restore changed the database", round)
		}
		if hasTemp(backups) {
			t.Fatalf("round %d: the interrupted backup left its temporary file", round)
		}
		hit++
	}
}

// TestConcurrentProcesses runs several pcnvoice processes at once against
// one database — list-size imports, restores, exports to files — and
// checks every one succeeds, the database is whole, and the backups are
// exactly the newest ten, each whole.
func TestConcurrentProcesses(t *testing.T) {
	bin := pcnvoiceBinary(t)
	db := cliDemoDB(t)
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub.json")
	runBin(t, "--db", db, "export", "-o", sub)
	csvs := []string{sizesCSV(t, dir, 1000, 0), sizesCSV(t, dir, 2000, 0)}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for w := range 4 {
		wg.Go(func() {
			for i := range 3 {
				for _, args := range [][]string{
					{"import", csvs[(w+i)%2]},
					{"export", "-o", filepath.Join(dir, fmt.Sprintf("out-%d.json", w))},
					{"import", sub},
				} {
					out, err := exec.Command(bin, append([]string{"--db", db}, args...)...).CombinedOutput()
					if err != nil {
						errs <- fmt.Sprintf("worker %d, %s: %v: %s", w, args[0], err, out)
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	checkAfterKill(t, db)
	entries, _ := os.ReadDir(store.BackupDir(db))
	if len(entries) != 10 {
		t.Errorf("%d files in the backups folder after 24 backups, want the newest 10", len(entries))
	}
	if hasTemp(store.BackupDir(db)) || hasTemp(dir) {
		t.Error("temporary files left")
	}
}
