package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
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
func TestCrashDuringImport(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL semantics are POSIX; Windows' TerminateProcess is covered by CI on Linux")
	}
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
	for _, f := range []string{small, big} {
		if err := run(f); err != nil {
			t.Fatal(err)
		}
		fp[f] = dbFingerprint(t, db)
	}
	start := time.Now()
	if err := run(small); err != nil {
		t.Fatal(err)
	}
	// Kill anywhere from the start to well past a typical big import, so
	// some rounds die mid-transaction and some finish.
	full := time.Since(start) * 4

	rng := rand.New(rand.NewPCG(1, 2))
	const rounds = 25
	killedMidway, switched := 0, 0
	current := small
	for i := range rounds {
		next := big
		if current == big {
			next = small
		}
		cmd := exec.Command(bin, "--db", db, "import", next)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(full))))
		cmd.Process.Kill() // SIGKILL: no deferred cleanup runs
		err := cmd.Wait()
		if err != nil {
			killedMidway++
		}

		check := openRaw(t, db)
		var ic string
		if err := check.QueryRow("PRAGMA integrity_check").Scan(&ic); err != nil || ic != "ok" {
			t.Fatalf("round %d: integrity_check = %q, %v", i, ic, err)
		}
		check.Close()
		got := dbFingerprint(t, db)
		switch got {
		case fp[next]:
			current = next
			switched++
		case fp[current]:
		default:
			t.Fatalf("round %d: the database holds a mix of old and new records", i)
		}
	}
	if killedMidway == 0 {
		t.Fatalf("no import was killed before it finished in %d rounds: the test proves nothing", rounds)
	}
	t.Logf("%d of %d imports killed, %d rounds ended on the new records; every one left old or new, never a mix", killedMidway, rounds, switched)
}

func openRaw(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", store.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	return db
}
