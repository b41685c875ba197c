package exportjob

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// bigDB is pcnbench's export PCN: the demo PCN with 5,000 workload notes
// of 9 to 28 words, from a fixed seed.
func bigDB(b *testing.B) *store.DB {
	b.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)
	snap := demo.Snapshot(config.Default(), now)
	rng := rand.New(rand.NewPCG(2026, 5000))
	cats := config.Default().Categories
	words := []string{"rooms", "staff", "locums", "data", "laptops", "demand", "discharge", "funding", "supervision", "estates", "winter", "referrals"}
	snap.Notes = make([]domain.Note, 5000)
	for i := range snap.Notes {
		text := "Practice reports"
		for range 8 + rng.IntN(20) {
			text += " " + words[rng.IntN(len(words))]
		}
		snap.Notes[i] = domain.Note{Category: cats[rng.IntN(len(cats))].Key, Severity: domain.Severity(1 + rng.IntN(3)),
			Date: now.AddDate(0, 0, -rng.IntN(720)).Format(time.DateOnly), Text: text + "."}
	}
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "big.db"), store.Options{Create: true, Period: snap.Period.String()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Restore(ctx, snap, nil); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkExportGuard sets the guard's cost (every string of the JSON)
// beside a whole export of a 5,000-note PCN, measured in one run so that
// the one can be read against the other. (The free-text-only guard it
// replaced, issue #15, is gone with Document.FreeText.)
func BenchmarkExportGuard(b *testing.B) {
	ctx := context.Background()
	db := bigDB(b)
	s, err := db.Snapshot(ctx)
	if err != nil {
		b.Fatal(err)
	}
	postcodes, err := db.PracticePostcodes(ctx)
	if err != nil {
		b.Fatal(err)
	}
	doc := pcnjson.FromSnapshot(s)
	out := filepath.Join(b.TempDir(), "export.json")
	b.Run("export", func(b *testing.B) {
		for b.Loop() {
			if _, err := Run(ctx, db, Options{Path: out, Now: clock}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("guard every string", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if fs, err := scan(&doc, postcodes); err != nil || len(fs) != 0 {
				b.Fatal(fs, err)
			}
		}
	})
}
