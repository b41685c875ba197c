package store

import (
	"context"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// TestReaderDuringWriter is status over SSH while the TUI writes: a second
// handle (its own pool, as a second process has) reads while a write
// transaction is held open, without waiting for it.
func TestReaderDuringWriter(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	w.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Busy PCN"})
	r, err := Open(ctx, w.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	tx, err := w.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("INSERT INTO notes (category, severity, date, text) VALUES ('it', 1, '2026-11-18', 'uncommitted')"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	s, err := r.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("reader waited %v for the writer", el)
	}
	if s.Notes != 0 || s.PCN == nil {
		t.Errorf("reader saw uncommitted data or no PCN: %+v", s)
	}
}
