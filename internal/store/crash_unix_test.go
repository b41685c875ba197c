//go:build unix

package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// editorEnv, when set, makes this test binary an editor process: it saves
// numbered notes and priority moves one by one and prints "confirmed N"
// after each save returns — the moment the TUI tells a user an edit is saved.
const editorEnv = "PCNVOICE_TEST_EDITOR_DB"

// backupsEnv makes the editor back the database up after every edit.
const backupsEnv = "PCNVOICE_TEST_EDITOR_BACKUPS"

func TestMain(m *testing.M) {
	if path := os.Getenv(editorEnv); path != "" {
		os.Exit(runEditor(path))
	}
	os.Exit(m.Run())
}

func runEditor(path string) int {
	ctx := context.Background()
	d, err := Open(ctx, path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ps, _ := d.Priorities(ctx)
	for n := 1; ; n++ {
		if _, err := d.SaveNote(ctx, domain.Note{Category: "it", Severity: 2, Date: "2026-11-18", Text: "edit " + strconv.Itoa(n)}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if len(ps) > 1 {
			if err := d.MovePriority(ctx, ps[n%len(ps)].ID, []int{-1, 1}[n%2]); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
		if os.Getenv(backupsEnv) != "" {
			if _, err := d.Backup(ctx, "test"); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
		fmt.Printf("confirmed %d\n", n)
	}
}

// crashScale multiplies the kills each crash test wants: 1 by default
// (seconds), more in CI (PCNVOICE_CRASH_SCALE=5).
func crashScale() int {
	if n, err := strconv.Atoi(os.Getenv("PCNVOICE_CRASH_SCALE")); err == nil && n > 0 {
		return n
	}
	return 1
}

// TestCrashDuringEdits kills an editing process with SIGKILL at random
// moments and checks that every edit it confirmed is in the database, that
// the ranks are still contiguous, and that integrity_check passes.
func TestCrashDuringEdits(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "edits.db")
	d, err := Open(ctx, path, Options{Create: true, Period: "2026/27 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	d.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Crash PCN"})
	for _, title := range []string{"A", "B", "C", "D"} {
		d.SavePriority(ctx, domain.Priority{Theme: "workforce", Title: title})
	}
	d.Close()

	rng := rand.New(rand.NewPCG(7, 7))
	total := 0
	for round := range 15 * crashScale() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), editorEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		confirmed := make(chan int, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "confirmed ")); err == nil {
					confirmed <- n
				}
			}
			close(confirmed)
		}()
		time.Sleep(time.Duration(20+rng.IntN(180)) * time.Millisecond)
		cmd.Process.Kill()
		last := 0
		for n := range confirmed {
			last = n
		}
		cmd.Wait()

		d, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		var ic string
		if err := d.db.QueryRow("PRAGMA integrity_check").Scan(&ic); err != nil || ic != "ok" {
			t.Fatalf("round %d: integrity_check %q %v", round, ic, err)
		}
		notes, _ := d.Notes(ctx)
		have := map[string]bool{}
		for _, n := range notes {
			have[n.Text] = true
		}
		for n := 1; n <= last; n++ {
			if !have["edit "+strconv.Itoa(n)] {
				t.Fatalf("round %d: confirmed edit %d lost", round, n)
			}
		}
		ps, _ := d.Priorities(ctx)
		if err := domain.ValidateRanks("priorities", ps); err != nil || len(ps) != 4 {
			t.Fatalf("round %d: priorities after kill: %v (%d)", round, err, len(ps))
		}
		// Start the next round from a clean slate of notes.
		d.db.Exec("DELETE FROM notes")
		d.Close()
		total += last
	}
	if total == 0 {
		t.Fatal("no edit was confirmed before any kill: the test proves nothing")
	}
	t.Logf("%d confirmed edits across %d kills, none lost", total, 15*crashScale())
}

// TestCrashDuringBackups kills an editor that backs up after every edit,
// aiming at the moment a backup's temporary file exists, and checks that
// every confirmed edit survives, every file named like a backup is a whole
// database, and the next backup removes what the killed one left.
func TestCrashDuringBackups(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "b.db")
	d, err := Open(ctx, path, Options{Create: true, Period: "2026/27 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	d.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Crash PCN"})
	for i := range 3000 {
		d.SaveNote(ctx, domain.Note{Category: "it", Severity: 1, Date: "2026-11-18", Text: fmt.Sprintf("ballast %d: enough text to make a backup take a moment", i)})
	}
	d.Close()
	dir := BackupDir(path)
	isTemp := func(name string) bool { return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp") }
	killed, rounds := 0, 0
	for ; killed < 4*crashScale(); rounds++ {
		if rounds == 60*crashScale() {
			t.Fatalf("only %d of %d rounds killed a backup in progress", killed, rounds)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), editorEnv+"="+path, backupsEnv+"=1")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		confirmed := make(chan int, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "confirmed ")); err == nil {
					confirmed <- n
				}
			}
			close(confirmed)
		}()
		// Kill when a backup is being written, after a random number of them.
		want, seen := 1+rounds%3, 0
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			entries, _ := os.ReadDir(dir)
			if slices.ContainsFunc(entries, func(e os.DirEntry) bool { return isTemp(e.Name()) }) {
				if seen++; seen >= want {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(50 * time.Microsecond)
		}
		cmd.Process.Kill()
		last := 0
		for n := range confirmed {
			last = n
		}
		cmd.Wait()
		entries, _ := os.ReadDir(dir)
		if slices.ContainsFunc(entries, func(e os.DirEntry) bool { return isTemp(e.Name()) }) {
			killed++
		}
		for _, e := range entries {
			if !isTemp(e.Name()) {
				checkWholeBackup(t, filepath.Join(dir, e.Name()))
			}
		}
		d, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", rounds, err)
		}
		notes, _ := d.Notes(ctx)
		have := map[string]bool{}
		for _, n := range notes {
			have[n.Text] = true
		}
		for n := 1; n <= last; n++ {
			if !have["edit "+strconv.Itoa(n)] {
				t.Fatalf("round %d: confirmed edit %d lost", rounds, n)
			}
		}
		d.db.Exec("DELETE FROM notes WHERE text LIKE 'edit %'")
		d.Close()
	}
	d, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Backup(ctx, "test"); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if slices.ContainsFunc(entries, func(e os.DirEntry) bool { return isTemp(e.Name()) }) || len(entries) > keepBackups {
		t.Errorf("after the next backup: %v", entries)
	}
	t.Logf("%d of %d rounds killed a backup in progress", killed, rounds)
}

// checkWholeBackup fails unless path is a whole pcnvoice database.
func checkWholeBackup(t testing.TB, path string) {
	t.Helper()
	b, err := Open(context.Background(), path, Options{ReadOnlyOK: true, readOnly: "a backup"})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer b.Close()
	var ic string
	if err := b.db.QueryRow("PRAGMA integrity_check").Scan(&ic); err != nil || ic != "ok" {
		t.Fatalf("%s: integrity_check %q %v", path, ic, err)
	}
}
