//go:build e2e && unix

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

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// TestTUIWorkforceEndToEnd is the director's minute in a real terminal: a
// PCN that never reported its workforce opens section 4, adds a role
// (a letter jumps the picker), types 1.25 in post and 2 planned, saves
// with ctrl+s and quits; then `pcnvoice status`, a separate process,
// shows the figures exactly.
func TestTUIWorkforceEndToEnd(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Fatalf("tmux is needed for this test (CI installs it): %v", err)
	}
	bin := pcnvoiceBinary(t)
	dbPath := filepath.Join(t.TempDir(), "brook.db")
	db, err := store.Open(context.Background(), dbPath, store.Options{Create: true, Period: domain.PeriodOf(time.Now()).String()})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SavePCN(context.Background(), domain.PCN{Code: "U51234", Name: "Brook PCN", ICS: "North Example ICS"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	home := t.TempDir()

	tm := term{t: t, tmux: tmux, sock: fmt.Sprintf("pcnvoice-e2e-wf-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { tm.run("kill-server") })
	cmd := fmt.Sprintf("env -u PCNVOICE_CONFIG -u PCNVOICE_DB -u NO_COLOR HOME=%s XDG_CONFIG_HOME=%s %s --db %s; echo \"pcnvoice exited $?\"; sleep 60",
		shellQuote(home), shellQuote(home), shellQuote(bin), shellQuote(dbPath))
	if out, err := tm.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", cmd); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	tm.waitFor("Brook PCN", "Workforce   not reported")

	start := time.Now()
	tm.keys("4")
	tm.waitFor("Workforce  not reported", "▸ Not reported")
	tm.keys("a")
	tm.waitFor("Add an additional role")
	tm.keys("c")
	tm.waitFor("◂ Care coordinator ▸")
	tm.keys("Tab")
	tm.text("1.255")
	tm.waitFor("has more than two decimals") // checked as typed
	tm.keys("BSpace")
	tm.keys("Tab")
	tm.text("2")
	tm.keys("C-s")
	tm.waitFor("Workforce  1 role", "Care coordinator", "1.25", "63%")
	t.Logf("role added and saved %s after pressing 4 (tmux round trips included)", time.Since(start).Round(time.Millisecond))

	tm.keys("1")
	tm.waitFor("Workforce   1.25 of 2.0 planned WTE in post (63%)") // the Overview's totals
	tm.keys("q")
	tm.waitFor("pcnvoice exited 0")

	out, err := exec.Command(bin, "--db", dbPath, "status").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Workforce: 1.25 of 2.0 planned WTE in post (63%)") {
		t.Errorf("status after the app quit (%v):\n%s", err, out)
	}
	out, err = exec.Command(bin, "--db", dbPath, "status", "--json").CombinedOutput()
	if err != nil || !strings.Contains(string(out), `"in_post": 1.25`) || !strings.Contains(string(out), `"planned": 2,`) {
		t.Errorf("status --json after the app quit (%v):\n%s", err, out)
	}
}
