package tui_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// TestRemoteOpensNoFile: over SSH, even with edits allowed, the keys that
// would read a file (import) or write one (export, and naming its file)
// say why they do nothing, and nothing is read, written or changed.
func TestRemoteOpensNoFile(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	csv := filepath.Join(home, "gp-reg-pat-prac-map.csv")
	if err := os.WriteFile(csv, []byte("PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME\nN81001,Secret Surgery,U99001,Riverside Health PCN\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, readOnly := range []bool{false, true} {
		db := tuitest.DB(t, true)
		before, _ := db.Snapshot(context.Background())
		m := app(t, db, tui.Options{Remote: true, ReadOnly: readOnly}, 100, 30)
		for _, keys := range [][]string{
			{"2", "i"}, {"2", "i", csv, "enter", "i"},
			// o opens no file name to type (the path, typed all the same,
			// would be keys outside any field: "n" in it opens the new
			// period's form), so x is pressed straight after.
			{"7", "x"}, {"7", "o", "x"},
		} {
			m, _ = press(t, m, keys...)
			v := tuitest.Strip(m.View())
			if !strings.Contains(v, common.RemoteText[:40]) {
				t.Errorf("read-only %v, %q: no refusal shown:\n%s", readOnly, keys, v)
			}
			m, _ = press(t, m, "esc", "esc")
		}
		after, _ := db.Snapshot(context.Background())
		if !reflect.DeepEqual(before, after) {
			t.Errorf("read-only %v: a remote session changed the database through a file", readOnly)
		}
		if entries, _ := os.ReadDir(home); len(entries) != 1 {
			t.Errorf("read-only %v: the home folder holds %d files, want only the CSV", readOnly, len(entries))
		}
	}
}

// TestWindowClampedInApp: told of a window larger than 500×200, the app
// draws at most that; told of 0×0, it draws something that fits 1×1.
func TestWindowClampedInApp(t *testing.T) {
	m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
	for _, tc := range []struct{ w, h, wantW, wantH int }{
		{2147483647, 2147483647, tui.MaxWidth, tui.MaxHeight},
		{2147483647, 10, tui.MaxWidth, 10},
		{-5, -5, 1, 5}, // the layout's least height is its chrome and a line
	} {
		m, _ = tuitest.Drive[tea.Model](t, m, tea.WindowSizeMsg{Width: tc.w, Height: tc.h})
		for _, keys := range [][]string{nil, {"2"}, {"8"}, {"?"}} {
			m, _ = press(t, m, keys...)
			lines := strings.Split(tuitest.Strip(m.View()), "\n")
			if len(lines) > tc.wantH {
				t.Errorf("%dx%d, %v: %d lines", tc.w, tc.h, keys, len(lines))
			}
			for _, l := range lines {
				if w := len([]rune(l)); w > tc.wantW {
					t.Errorf("%dx%d, %v: a line of %d cells", tc.w, tc.h, keys, w)
					break
				}
			}
			m, _ = press(t, m, "esc")
		}
	}
}

// TestRemoteNamesNoServerFile: over SSH the app, opening, does not name
// the server's database file, which the user can do nothing with; at the
// machine itself it does, so that a slow start says what it waits on.
func TestRemoteNamesNoServerFile(t *testing.T) {
	db := tuitest.DB(t, true)
	for _, remote := range []bool{false, true} {
		m := tui.New(context.Background(), tui.Options{DB: db, Remote: remote, Renderer: tuitest.Renderer(true), Now: tuitest.Now})
		m.Update(tea.WindowSizeMsg{Width: 200, Height: 24})
		v := tuitest.Strip(m.View())
		if strings.Contains(v, db.Path()) != !remote || !strings.Contains(v, "opening ") {
			t.Errorf("remote %v, opening:\n%s", remote, v)
		}
	}
}

// TestReadOnlyBrowsesTheForum: the Forum section writes nothing, so in a
// read-only session (the app over SSH) every view's key shows its view
// rather than being refused as an edit — s is a status change elsewhere.
func TestReadOnlyBrowsesTheForum(t *testing.T) {
	for _, opt := range []tui.Options{{ReadOnly: true}, {ReadOnly: true, Remote: true, ForumDir: boardDir}} {
		m := app(t, tuitest.DB(t, true), opt, 80, 24)
		open := []string{"8", "o", boardDir, "enter"}
		if opt.Remote {
			open = []string{"8", "o", "j", "enter"} // the second pack in the folder
		}
		m, _ = press(t, m, open...)
		for _, tc := range []struct{ key, tab string }{
			{"c", "[c consensus]"}, {"m", "[m minority]"}, {"s", "[s services]"}, {"f", "[f workforce]"},
			{"w", "[w workload]"}, {"v", "[v coverage]"}, {"p", "[p PCNs]"}, {"r", "[r ranking]"},
		} {
			m, _ = press(t, m, tc.key)
			if v := tuitest.Strip(m.View()); !strings.Contains(v, tc.tab) || strings.Contains(v, "read-only session") {
				t.Errorf("remote %v: %s does not show %s:\n%s", opt.Remote, tc.key, tc.tab, v)
			}
		}
	}
}

// TestAgentSocketFromOptions: the Export section signs through the agent
// tui.Options names (cmd/pcnvoice passes the user's SSH_AUTH_SOCK), not
// one it looks up itself; over SSH the same options sign and write
// nothing.
func TestAgentSocketFromOptions(t *testing.T) {
	k := sshsigntest.NewKey(t)
	sock := sshsigntest.StartAgent(t, k)
	cfg := config.Default()
	cfg.Director.SigningKey = sshsign.Agent
	for _, remote := range []bool{false, true} {
		home := t.TempDir()
		t.Setenv("HOME", home)
		t.Setenv("USERPROFILE", home)
		t.Setenv("SSH_AUTH_SOCK", "") // only the options name the agent
		db := tuitest.DB(t, true)
		m := app(t, db, tui.Options{Config: cfg, AgentSocket: sock, Remote: remote}, 100, 30)
		press(t, m, "7", "x")
		m.(*tui.Model).Wait()
		sigs, _ := filepath.Glob(filepath.Join(home, "*.sig"))
		recs, _ := db.Exports(context.Background())
		if remote && (len(recs) != 0 || len(sigs) != 0) {
			t.Errorf("over SSH: %d exports, signatures %v", len(recs), sigs)
		}
		if !remote && (len(recs) != 1 || len(sigs) != 1) {
			t.Errorf("at the machine: %d exports, signatures %v; want one, signed through the agent", len(recs), sigs)
		}
	}
}
