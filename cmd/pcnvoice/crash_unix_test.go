//go:build unix

package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// pcnvoiceBinary builds the real binary once per test run, so crash tests
// kill a real process, not a goroutine.
func pcnvoiceBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pcnvoice-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "pcnvoice")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// crashSubmission writes a submission for the demo PCN with n workload
// notes, exported through the real code path, and returns its path.
func crashSubmission(t *testing.T, n int, statement string) string {
	t.Helper()
	snap := demo.Snapshot(config.Default(), cliClock)
	snap.Statement = statement
	snap.Notes = nil
	for i := range n {
		snap.Notes = append(snap.Notes, domain.Note{
			Category: []string{"workforce", "estates", "it", "demand"}[i%4], Severity: domain.Severity(i%3 + 1),
			Date: cliClock.AddDate(0, 0, -(i % 300)).Format(time.DateOnly),
			Text: fmt.Sprintf("Note %d: rooms, staff and data, as reported by a practice manager this week.", i),
		})
	}
	dbPath := filepath.Join(t.TempDir(), "src.db")
	db, err := store.Open(context.Background(), dbPath, store.Options{Create: true, Period: snap.Period.String()})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Restore(context.Background(), snap, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out := filepath.Join(t.TempDir(), fmt.Sprintf("sub-%d.json", n))
	if r := cliRun(t, nil, "--db", dbPath, "export", "-o", out); r.code != 0 {
		t.Fatal(r.stderr)
	}
	return out
}

// TestCrashDuringImport kills real pcnvoice processes with SIGKILL at random
// moments of an import, again and again, and checks after each that the
// database is intact and holds exactly the old records or exactly the new.
// Rounds go on until enough kills landed before the process finished (a
// busy machine may need more rounds), so the test never passes by luck.
func TestCrashDuringImport(t *testing.T) {
	bin := pcnvoiceBinary(t)
	big := crashSubmission(t, 4000, "big")
	small := crashSubmission(t, 40, "small")
	db := filepath.Join(t.TempDir(), "crash.db")

	run := func(file string) error {
		cmd := exec.Command(bin, "--db", db, "import", file)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%v: %s", err, out)
		}
		return nil
	}
	if err := run(small); err != nil {
		t.Fatal(err)
	}
	fp := map[string]string{}
	var full time.Duration
	for _, f := range []string{small, big} {
		start := time.Now()
		if err := run(f); err != nil {
			t.Fatal(err)
		}
		full = time.Since(start) // the big import's
		fp[f] = dbFingerprint(t, db)
	}
	if err := run(small); err != nil {
		t.Fatal(err)
	}
	// Kill anywhere from the start to past a typical big import, so some
	// rounds die mid-transaction and some finish.
	full = full * 3 / 2

	rng := rand.New(rand.NewPCG(1, 2))
	switched := 0
	current := small
	killRounds(t, 8, func(i int) bool {
		next := big
		if current == big {
			next = small
		}
		cmd := exec.Command(bin, "--db", db, "import", next)
		killed := killAfter(t, cmd, time.Duration(rng.Int64N(int64(full))))
		checkAfterKill(t, db)
		got := dbFingerprint(t, db)
		switch got {
		case fp[next]:
			current = next
			switched++
		case fp[current]:
		default:
			t.Fatalf("round %d: the database holds a mix of old and new records", i)
		}
		return killed
	})
	t.Logf("%d rounds ended on the new records; every one left old or new, never a mix", switched)
}

// crashScale multiplies how many mid-operation kills each crash test
// wants: 1 by default (seconds), more in CI (PCNVOICE_CRASH_SCALE=5).
func crashScale() int {
	if n, err := strconv.Atoi(os.Getenv("PCNVOICE_CRASH_SCALE")); err == nil && n > 0 {
		return n
	}
	return 1
}

// killRounds runs round until want×crashScale rounds report that they
// killed a process before it finished, and fails after ten times as many
// rounds without that: a run that never killed mid-operation retries
// rather than passing or failing by luck.
func killRounds(t *testing.T, want int, round func(i int) bool) {
	t.Helper()
	want *= crashScale()
	killed, i := 0, 0
	for ; killed < want; i++ {
		if i == 10*want+10 {
			t.Fatalf("only %d of %d rounds killed a process before it finished: the test proves nothing", killed, i)
		}
		if round(i) {
			killed++
		}
	}
	t.Logf("%d of %d rounds killed a process mid-operation", killed, i)
}

// killAfter starts cmd and kills it with SIGKILL after d, reporting
// whether it was still running then.
func killAfter(t testing.TB, cmd *exec.Cmd, d time.Duration) bool {
	t.Helper()
	return killWhen(t, cmd, func(since time.Duration) bool { return since >= d })
}

// killWhen starts cmd and kills it with SIGKILL (no deferred cleanup runs)
// as soon as now reports true, polling while it runs; it reports whether
// the process was still running when killed.
func killWhen(t testing.TB, cmd *exec.Cmd, now func(since time.Duration) bool) bool {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		close(done)
	}()
	start := time.Now()
	for {
		select {
		case <-done:
			return false
		default:
		}
		if now(time.Since(start)) {
			cmd.Process.Kill()
			<-done
			// Killed by the signal, not exited on its own just before it.
			return !cmd.ProcessState.Exited()
		}
		time.Sleep(50 * time.Microsecond)
	}
}

// hasTemp reports whether dir holds a temporary file of an atomic write,
// or the journal SQLite keeps beside one it fills.
func hasTemp(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if isTemp(e.Name()) {
			return true
		}
	}
	return false
}

func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && (strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, ".tmp-journal"))
}

// checkAfterKill fails unless the database passes integrity_check and
// every file in its backups folder is a whole backup, or a temporary file
// (hidden, never named like a backup) that the next run removes.
func checkAfterKill(t testing.TB, db string) {
	t.Helper()
	check := openRaw(t, db)
	var ic string
	if err := check.QueryRow("PRAGMA integrity_check").Scan(&ic); err != nil || ic != "ok" {
		t.Fatalf("integrity_check = %q, %v", ic, err)
	}
	check.Close()
	dir := store.BackupDir(db)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !isTemp(e.Name()) {
			checkBackup(t, filepath.Join(dir, e.Name()))
		}
	}
}

func openRaw(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", store.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	return db
}
