//go:build e2e && unix

// The end-to-end test drives the real binary in a real terminal, tmux's:
// an outside tool, so it runs with `go test -tags e2e` (as .ci/run does),
// not in the plain `go test ./...` that needs only Go. tmux does not exist
// on Windows, hence unix; with the tag, a missing tmux fails the test
// rather than skipping it (CI installs tmux), so it never silently stops.

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// term is one tmux server with one 80×24 window running pcnvoice.
type term struct {
	t    *testing.T
	tmux string
	sock string
}

func (tm term) run(args ...string) (string, error) {
	out, err := exec.Command(tm.tmux, append([]string{"-L", tm.sock}, args...)...).CombinedOutput()
	return string(out), err
}

// keys sends tmux key names (Enter, Tab, C-s, or plain characters), one
// at a time, as a person types.
func (tm term) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		if out, err := tm.run("send-keys", "-t", "e2e", k); err != nil {
			tm.t.Fatalf("send-keys %q: %v %s", k, err, out)
		}
	}
}

// text types s literally.
func (tm term) text(s string) {
	tm.t.Helper()
	if out, err := tm.run("send-keys", "-t", "e2e", "-l", s); err != nil {
		tm.t.Fatalf("send-keys -l %q: %v %s", s, err, out)
	}
}

func (tm term) screen() string {
	out, _ := tm.run("capture-pane", "-p", "-t", "e2e")
	return out
}

// waitFor polls the screen until it shows every one of want.
func (tm term) waitFor(want ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.screen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen never showed %q; it shows:\n%s", want, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// TestTUIEndToEnd types into the app in a real terminal: adds a workload
// note, reorders priorities with J and K, exports the submission from
// section 7 to a file it names, quits with q, and then finds all three: the
// edits in the database, and the file a valid submission of the revision
// the database recorded.
func TestTUIEndToEnd(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Fatalf("tmux is needed for this test (CI installs it): %v", err)
	}
	bin := pcnvoiceBinary(t)
	dbPath := tuiDemoDB(t, time.Now())
	home := t.TempDir()

	tm := term{t: t, tmux: tmux, sock: fmt.Sprintf("pcnvoice-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { tm.run("kill-server") })
	// The shell line reports how pcnvoice exited and keeps the pane open to
	// show it (and anything printed on a crash).
	cmd := fmt.Sprintf("env -u PCNVOICE_CONFIG -u PCNVOICE_DB -u NO_COLOR HOME=%s XDG_CONFIG_HOME=%s %s --db %s; echo \"pcnvoice exited $?\"; sleep 60",
		shellQuote(home), shellQuote(home), shellQuote(bin), shellQuote(dbPath))
	if out, err := tm.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", cmd); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}

	tm.waitFor("Riverside Health PCN", "1 Overview")

	const note = "E2E: the hub lift is out of order again"
	tm.keys("5")
	tm.waitFor("Workload  12 notes")
	tm.keys("a")
	tm.waitFor("New workload note")
	tm.keys("e")
	tm.waitFor("◂ Estates and rooms ▸")
	tm.keys("Tab", "3", "Tab", "Tab")
	tm.text(note)
	tm.waitFor("│ " + note)
	tm.keys("C-s")
	tm.waitFor("Workload  13 notes", note)

	tm.keys("6")
	tm.waitFor("Priorities  5 priorities")
	tm.keys("J")
	tm.waitFor("1. Fund GP supervision", "▸   2. Rooms for additional-role staff")
	tm.keys("j")
	tm.waitFor("▸   3. Shared data for frailty")
	tm.keys("K")
	tm.waitFor("▸   2. Shared data for frailty", "3. Rooms for additional-role staff")

	out := filepath.Join(t.TempDir(), "sub.json")
	tm.keys("7")
	tm.waitFor("Export  Riverside Health PCN", "will be revision 1")
	tm.keys("o", "C-u")
	tm.text(out)
	tm.keys("Enter")
	tm.waitFor("sub.json") // the path itself may be cut to fit 80 columns
	tm.keys("x")
	tm.waitFor("revision 1 exported to", "unchanged: revision 1")

	tm.keys("q")
	tm.waitFor("pcnvoice exited 0")

	db, err := store.Open(context.Background(), dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	notes, err := db.Notes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 13 || notes[0].Text != note || notes[0].Category != "estates" || notes[0].Severity != 3 ||
		notes[0].Date != time.Now().Format(time.DateOnly) {
		t.Errorf("newest note %+v of %d", notes[0], len(notes))
	}
	doc, _, err := pcnjson.ReadFile(out)
	if err != nil {
		t.Fatalf("the exported file: %v", err)
	}
	last, err := db.LastExport(context.Background())
	if err != nil || last == nil || doc.Revision != last.Revision || doc.Digest != last.Digest || len(doc.Workload) != 13 {
		t.Errorf("file: revision %d, digest %s, %d notes; database: %+v, %v", doc.Revision, doc.Digest, len(doc.Workload), last, err)
	}
	ps, err := db.Priorities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%d %s", p.Rank, p.Title))
	}
	want := []string{"1 Fund GP supervision of ARRS staff", "2 Shared data for frailty", "3 Rooms for additional-role staff",
		"4 Stop work shifting from hospital", "5 IT kit for PCN staff"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("priorities stored as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
