package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// generatePCN writes a database for the demo PCN with n workload notes,
// deterministic for a seed.
func generatePCN(ctx context.Context, path string, n int, seed uint64) (string, error) {
	now := time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)
	snap := demo.Snapshot(config.Default(), now)
	rng := rand.New(rand.NewPCG(seed, 5000))
	cats := config.Default().Categories
	words := []string{"rooms", "staff", "locums", "data", "laptops", "demand", "discharge", "funding", "supervision", "estates", "winter", "referrals"}
	snap.Notes = make([]domain.Note, n)
	for i := range snap.Notes {
		text := "Practice reports"
		for range 8 + rng.IntN(20) {
			text += " " + words[rng.IntN(len(words))]
		}
		snap.Notes[i] = domain.Note{
			Category: cats[rng.IntN(len(cats))].Key, Severity: domain.Severity(1 + rng.IntN(3)),
			Date: now.AddDate(0, 0, -rng.IntN(720)).Format(time.DateOnly), Text: text + ".",
		}
	}
	os.Remove(path)
	db, err := store.Open(ctx, path, store.Options{Create: true, Period: snap.Period.String()})
	if err != nil {
		return "", err
	}
	defer db.Close()
	return path, db.Restore(ctx, snap, nil)
}

func benchStatus(ctx context.Context, opt options, bin, db string, log io.Writer) ([]row, error) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		return nil, fmt.Errorf("sqlite3 is needed as the yardstick (apt-get install -y sqlite3)")
	}
	floor := filepath.Join(opt.dir, "floor")
	stackFloor := filepath.Join(opt.dir, "stackfloor")
	for _, b := range [][]string{{"-o", floor}, {"-tags", "stack", "-o", stackFloor}} {
		args := append(append([]string{"build"}, b...), "./cmd/pcnbench/floor")
		if out, err := exec.CommandContext(ctx, "go", args...).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	fmt.Fprintln(log, "measuring status…")
	yardArgs := []string{sqlite3, db, "SELECT count(*) FROM notes;"}
	plain, err := measureAlternating(ctx, opt.runs, opt.dir, []string{bin, "--db", db, "status"}, yardArgs,
		[]string{floor, db}, []string{stackFloor, db},
		[]string{stackFloor, "-"}, []string{stackFloor, db, store.StatusStatement()}, []string{bin, "version"})
	if err != nil {
		return nil, err
	}
	asJSON, err := measureAlternating(ctx, opt.runs, opt.dir, []string{bin, "--db", db, "status", "--json"}, yardArgs)
	if err != nil {
		return nil, err
	}
	yard := "sqlite3 DB 'SELECT count(*) FROM notes'"
	return []row{
		{what: "status (5,000 notes)", ours: plain[0], yardstick: yard, theirs: &plain[1], budget: "≤ 2×", limit: 2},
		{what: "status --json", ours: asJSON[0], yardstick: yard, theirs: &asJSON[1], budget: "≤ 2×", limit: 2},
		{what: "floor: bare Go, same driver", ours: plain[2], yardstick: yard, theirs: &plain[1], budget: "-", note: "the floor (SPEC §12: ~1.75×)"},
		{what: "floor, linking the stack", ours: plain[3], yardstick: yard, theirs: &plain[1], budget: "-", note: "the floor with bubbletea, bubbles, lipgloss, cobra, wish, toml linked"},
		{what: "  … stopped at once", ours: plain[4], yardstick: yard, theirs: &plain[1], budget: "-", note: "those libraries' start-up alone"},
		{what: "  … status's statement", ours: plain[5], yardstick: yard, theirs: &plain[1], budget: "-", note: "reading what status shows, instead of one count"},
		{what: "pcnvoice version", ours: plain[6], yardstick: yard, theirs: &plain[1], budget: "-", note: "pcnvoice's start-up, no database"},
	}, nil
}

func benchExport(ctx context.Context, opt options, bin, db string, log io.Writer) ([]row, error) {
	fmt.Fprintln(log, "measuring export…")
	out := filepath.Join(opt.dir, "export.json")
	s, err := measure(ctx, opt.runs, opt.dir, bin, "--db", db, "export", "-o", out)
	if err != nil {
		return nil, err
	}
	return []row{{what: "export json (5,000 notes)", ours: s, yardstick: "-", budget: "-"}}, nil
}
