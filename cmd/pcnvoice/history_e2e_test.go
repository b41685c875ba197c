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

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// TestHistoryEndToEnd drives the real binary in tmux over the demo with
// its year of exports: the Overview says what changed since the last
// export; a status changed in Services is counted there at once and
// listed under D; an export from section 7 clears it and moves the
// Services trail on; and after quitting, `pcnvoice diff` agrees there is
// nothing new and `history` lists the new revision.
func TestHistoryEndToEnd(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Fatalf("tmux is needed for this test (CI installs it): %v", err)
	}
	bin := pcnvoiceBinary(t)
	dbPath := filepath.Join(t.TempDir(), "pcnvoice.db")
	db, err := store.Open(context.Background(), dbPath, store.Options{Create: true, Period: "2026/27 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Seed(context.Background(), db, config.Default(), time.Now(), "pcnvoice test"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	home := t.TempDir()

	tm := term{t: t, tmux: tmux, sock: fmt.Sprintf("pcnvoice-history-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { tm.run("kill-server") })
	cmd := fmt.Sprintf("env -u PCNVOICE_CONFIG -u PCNVOICE_DB -u NO_COLOR HOME=%s XDG_CONFIG_HOME=%s %s --db %s; echo \"pcnvoice exited $?\"; sleep 60",
		shellQuote(home), shellQuote(home), shellQuote(bin), shellQuote(dbPath))
	if out, err := tm.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", cmd); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}

	tm.waitFor("Riverside Health PCN", "revision 4,", "· changed since", "1 service changed status, 3 notes added — D for details")

	tm.keys("3")
	tm.waitFor("Last 4 exports", "amb grn grn grn Enhanced health")
	tm.keys("s") // Enhanced health in care homes: green → amber
	tm.waitFor("● amber       amb grn grn grn Enhanced health")

	tm.keys("1")
	tm.waitFor("2 services changed status, 3 notes added — D for details")
	tm.keys("D")
	tm.waitFor("What changed since revision 4", "Enhanced health in care homes: green → amber", "Population health management: amber → red")
	tm.keys("Escape")
	tm.waitFor("Period      ")

	out := filepath.Join(t.TempDir(), "sub.json")
	tm.keys("7")
	tm.waitFor("will be revision 5")
	tm.keys("o", "C-u")
	tm.text(out)
	tm.keys("Enter")
	tm.waitFor("sub.json")
	tm.keys("x")
	tm.waitFor("revision 5 exported to")

	tm.keys("1")
	tm.waitFor("revision 5, ", "· no changes since")
	tm.keys("3")
	tm.waitFor("● amber       amb grn grn amb Enhanced health")

	tm.keys("q")
	tm.waitFor("pcnvoice exited 0")

	diff, _ := exec.Command(bin, "--db", dbPath, "diff").CombinedOutput()
	if !strings.HasPrefix(string(diff), "No changes from revision 5") {
		t.Errorf("diff after the export: %s", diff)
	}
	diff, _ = exec.Command(bin, "--db", dbPath, "diff", "@4", out).CombinedOutput()
	for _, want := range []string{"Enhanced health in care homes: green → amber", "Population health management: amber → red"} {
		if !strings.Contains(string(diff), want) {
			t.Errorf("diff @4 and the exported file lacks %q:\n%s", want, diff)
		}
	}
	history, _ := exec.Command(bin, "--db", dbPath, "history").CombinedOutput()
	if !strings.Contains(string(history), "5 exports, newest first") {
		t.Errorf("history: %s", history)
	}
}
