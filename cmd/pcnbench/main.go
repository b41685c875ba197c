// Command pcnbench measures pcnvoice against the yardsticks SPEC §12 names,
// side by side in one run, on data it generates from a fixed seed: `status`
// against the sqlite3 shell opening the same database, `merge` of 1,250 and
// 2,500 submissions against `jq -s length` reading the same files, and the
// export of a 5,000-note PCN. It prints a table of medians, ratios and peak
// memory.
//
//	go run ./cmd/pcnbench            # everything, 21 runs each
//	go run ./cmd/pcnbench -runs 51 -only status
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "pcnbench:", err)
		os.Exit(1)
	}
}

type options struct {
	loadStart string // load average when the run began
	runs      int
	seed      uint64
	dir       string
	only      map[string]bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pcnbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt options
	var only string
	fs.IntVar(&opt.runs, "runs", 21, "runs of each command (the median is reported)")
	fs.Uint64Var(&opt.seed, "seed", 2026, "seed for the generated data")
	fs.StringVar(&opt.dir, "dir", "", "working folder (default: a new temporary folder, removed after)")
	fs.StringVar(&only, "only", "", "comma-separated subset: status, export, merge")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if opt.runs < 1 {
		return fmt.Errorf("-runs must be at least 1")
	}
	opt.loadStart = loadAverage()
	opt.only = map[string]bool{}
	for _, s := range strings.Split(only, ",") {
		if s != "" {
			opt.only[s] = true
		}
	}
	if opt.dir == "" {
		d, err := os.MkdirTemp("", "pcnbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		opt.dir = d
	}
	bin := filepath.Join(opt.dir, "pcnvoice")
	fmt.Fprintln(stderr, "building pcnvoice…")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/pcnvoice").CombinedOutput(); err != nil {
		return fmt.Errorf("go build (run pcnbench from the repository root): %v\n%s", err, out)
	}
	var rows []row
	want := func(s string) bool { return len(opt.only) == 0 || opt.only[s] }
	if want("status") || want("export") {
		db, err := generatePCN(ctx, filepath.Join(opt.dir, "big.db"), 5000, opt.seed)
		if err != nil {
			return err
		}
		if want("status") {
			r, err := benchStatus(ctx, opt, bin, db, stderr)
			if err != nil {
				return err
			}
			rows = append(rows, r...)
		}
		if want("export") {
			r, err := benchExport(ctx, opt, bin, db, stderr)
			if err != nil {
				return err
			}
			rows = append(rows, r...)
		}
	}
	if want("merge") {
		r, err := benchMerge(ctx, opt, bin, stderr)
		if err != nil {
			return err
		}
		rows = append(rows, r...)
	}
	printTable(stdout, opt, rows)
	return nil
}
