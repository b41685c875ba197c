package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// tuiDemoDB makes a database holding the demo PCN dated around now, and
// returns its path.
func tuiDemoDB(t testing.TB, now time.Time) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pcnvoice.db")
	snap := demo.Snapshot(config.Default(), now)
	db, err := store.Open(context.Background(), path, store.Options{Create: true, Period: snap.Period.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Restore(context.Background(), snap, nil); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRootWithoutTerminalPrintsStatus: with no terminal (a pipe, a script,
// these buffers) `pcnvoice` has no app to show and prints the status.
func TestRootWithoutTerminalPrintsStatus(t *testing.T) {
	now := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }, Getenv: func(string) string { return "" }}
	if code := m.Run(context.Background(), []string{"--db", tuiDemoDB(t, now)}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "Riverside Health PCN (U99001)") || !strings.Contains(errb.String(), "not a terminal") {
		t.Errorf("stdout %q, stderr %q", out.String(), errb.String())
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Error("escape codes written to a non-terminal")
	}
}
