//go:build e2e && unix

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// renumberingSubmission writes a submission of the demo PCN whose twelve
// notes are all new ("NEW note 1" …): restoring it renumbers every note
// under an app that still shows the old ones.
func renumberingSubmission(t *testing.T, now time.Time) string {
	t.Helper()
	snap := demo.Snapshot(config.Default(), now)
	snap.Notes = nil
	for i := range 12 {
		snap.Notes = append(snap.Notes, domain.Note{Category: "other", Severity: 1,
			Date: now.AddDate(0, 0, -30-i).Format(time.DateOnly), Text: fmt.Sprintf("NEW note %d", i+1)})
	}
	src := filepath.Join(t.TempDir(), "src.db")
	db, err := store.Open(context.Background(), src, store.Options{Create: true, Period: snap.Period.String()})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Restore(context.Background(), snap, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out := filepath.Join(t.TempDir(), "new-notes.json")
	if r := cliRun(t, nil, "--db", src, "export", "-o", out); r.code != 0 {
		t.Fatal(r.stderr)
	}
	return out
}

// TestTUIAnotherProcessImports: the app shows Workload; another process
// imports a submission that renumbers every note; d then must not delete
// any note the screen did not show. The app says the database changed and
// reloads; the next d y deletes the note the screen shows selected.
func TestTUIAnotherProcessImports(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Fatalf("tmux is needed for this test (apt-get install -y tmux; .ci/run installs it): %v", err)
	}
	bin := pcnvoiceBinary(t)
	now := time.Now()
	dbPath := tuiDemoDB(t, now)
	sub := renumberingSubmission(t, now)
	home := t.TempDir()

	tm := term{t: t, tmux: tmux, sock: fmt.Sprintf("pcnvoice-e2e-imp-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { tm.run("kill-server") })
	cmd := fmt.Sprintf("env -u PCNVOICE_CONFIG -u PCNVOICE_DB -u NO_COLOR HOME=%s XDG_CONFIG_HOME=%s %s --db %s; echo \"pcnvoice exited $?\"; sleep 60",
		shellQuote(home), shellQuote(home), shellQuote(bin), shellQuote(dbPath))
	if out, err := tm.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", cmd); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	tm.waitFor("Riverside Health PCN", "1 Overview")
	tm.keys("5")
	first := selected(tm.waitFor("Workload  12 notes", "▸ "))
	tm.keys("j")
	before := first
	for deadline := time.Now().Add(15 * time.Second); before == first && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		before = selected(tm.screen())
	}
	if before == first {
		t.Fatalf("j did not move the selection:\n%s", tm.screen())
	}

	// Another process imports while the app shows the old notes.
	imp := exec.Command(bin, "--db", dbPath, "import", sub)
	imp.Env = append(os.Environ(), "HOME="+home)
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("the other process's import: %v\n%s", err, out)
	}
	if s := tm.screen(); !strings.Contains(s, before) {
		t.Fatalf("the app redrew before any key:\n%s", s)
	}

	tm.keys("d")
	screen := tm.waitFor("another program changed the database", "NEW note")
	if strings.Contains(screen, "Delete the note") {
		t.Fatalf("d asked to delete after the import, before the user saw the new notes:\n%s", screen)
	}
	if ns := notesIn(t, dbPath); len(ns) != 12 {
		t.Fatalf("%d notes after the refused delete, want the import's 12", len(ns))
	}

	tm.keys("d")
	screen = tm.waitFor("Delete the note")
	shown := selected(screen)
	text := regexp.MustCompile(`NEW note \d+`).FindString(shown)
	if text == "" {
		t.Fatalf("the selected row is not one of the imported notes: %q\n%s", shown, screen)
	}
	tm.keys("y")
	tm.waitFor("deleted the note of")
	tm.keys("q")
	tm.waitFor("pcnvoice exited 0")

	ns := notesIn(t, dbPath)
	var texts []string
	for _, n := range ns {
		texts = append(texts, n.Text)
	}
	if len(ns) != 11 || slices.Contains(texts, text) {
		t.Errorf("after deleting %q on screen the database holds %d notes: %q", text, len(ns), texts)
	}
	for _, s := range texts {
		if !strings.HasPrefix(s, "NEW note ") {
			t.Errorf("a note from before the import survived it: %q", s)
		}
	}
}

// selected is the screen's selected row.
func selected(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "▸ ") {
			return l
		}
	}
	return ""
}

func notesIn(t *testing.T, path string) []domain.Note {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ns, err := db.Notes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ns
}
