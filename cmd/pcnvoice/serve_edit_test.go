package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// TestServeAllowEditBesideLocalApp: with --allow-edit, the app over SSH
// and the app on the machine edit the same database at once — each adds a
// workload note while the other's form is open — and neither loses the
// other's edit: both notes are saved, and each app shows both once it
// reloads.
//
// Two edits of the same record (say, both changing the statement) are a
// different matter, left to the app's changed-database handling (SPEC §10:
// "never edits or deletes a record the user did not see").
func TestServeAllowEditBesideLocalApp(t *testing.T) {
	path := cliDemoDB(t)
	s := startServe(t, t.TempDir(), "--db", path, "--allow-edit")
	remote := openSSHTerminal(t, s.dial(t), 100, 30)
	remote.waitScreen(t, "Riverside Health PCN")

	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	local := tui.New(ctx, tui.Options{DB: db, Renderer: tuitest.Renderer(true), Now: tuitest.Now})
	defer local.Wait()
	drive := func(m tea.Model, keys ...string) tea.Model {
		m, _ = tuitest.Drive[tea.Model](t, m, tuitest.Keys(keys...)...)
		return m
	}
	var m tea.Model = local
	m, _ = tuitest.Drive[tea.Model](t, m, append([]tea.Msg{tea.WindowSizeMsg{Width: 100, Height: 30}}, tuitest.Run(t, local.Init())...)...)

	// Both open a new note's form, then the remote one saves first.
	m = drive(m, "5", "a", "tab", "tab", "tab", "At the machine: two rooms short")
	io.WriteString(remote.in, "5")
	remote.waitScreen(t, "Workload")
	io.WriteString(remote.in, "a")
	remote.waitScreen(t, "New workload note")
	io.WriteString(remote.in, "\t\t\tOver SSH: phones out all morning")
	remote.waitScreen(t, "phones out all morning")
	io.WriteString(remote.in, "\x13") // ctrl+s
	remote.waitScreen(t, "Over SSH: phones out")
	for deadline := time.Now().Add(20 * time.Second); !hasNote(t, db, "Over SSH: phones out all morning"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the remote note was never saved")
		}
	}
	m = drive(m, "ctrl+s")
	local.Wait()
	for _, text := range []string{"Over SSH: phones out all morning", "At the machine: two rooms short"} {
		if !hasNote(t, db, text) {
			t.Errorf("the note %q was lost", text)
		}
	}
	// Each app shows both once it reloads (leaving the section and back).
	m = drive(m, "1", "5")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Over SSH: phones out") || !strings.Contains(v, "At the machine: two rooms") {
		t.Errorf("the local app does not show both notes:\n%s", v)
	}
	io.WriteString(remote.in, "15")
	remote.waitScreen(t, "At the machine: two rooms")
}

func hasNote(t testing.TB, db *store.DB, text string) bool {
	t.Helper()
	ns, err := db.Notes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		if n.Text == text {
			return true
		}
	}
	return false
}
