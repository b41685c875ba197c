package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
)

// benchMerge compares `pcnvoice merge` with `jq -s length` over the same
// generated submissions (national scale: 1,250 PCNs, then twice that to
// show the time grows linearly), each read from files on disk.
func benchMerge(ctx context.Context, opt options, bin string, log io.Writer) ([]row, error) {
	jq, err := exec.LookPath("jq")
	if err != nil {
		return nil, fmt.Errorf("jq is needed as the yardstick (apt-get install -y jq)")
	}
	var rows []row
	var first time.Duration
	for _, n := range []int{1250, 2500} {
		dir := filepath.Join(opt.dir, fmt.Sprintf("subs-%d", n))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "generating %d submissions…\n", n)
		paths, err := forumtest.WriteFiles(dir, forumtest.Generate(opt.seed, n))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "measuring merge of %d…\n", n)
		out := filepath.Join(opt.dir, fmt.Sprintf("pack-%d.json", n))
		pair, err := measurePair(ctx, opt.runs, opt.dir,
			[]string{bin, "--db", filepath.Join(opt.dir, "none.db"), "merge", "-o", out, dir},
			append([]string{jq, "-s", "length"}, paths...))
		if err != nil {
			return nil, err
		}
		ours, theirs := pair[0], pair[1]
		r := row{what: fmt.Sprintf("merge %d submissions", n), ours: ours, yardstick: "jq -s length (same files)",
			theirs: &theirs, budget: "≤ 0.5×, < 200 MiB", limit: 0.5}
		if ours.peakRSS >= 200<<20 {
			r.note = "MISSED (memory)"
		}
		if n == 1250 {
			first = ours.median
		} else if first > 0 {
			r.budget += fmt.Sprintf(", ×%.2f for 2× input", float64(ours.median)/float64(first))
		}
		rows = append(rows, r)
	}
	return rows, nil
}
