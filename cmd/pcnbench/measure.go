package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"time"
)

// sample is one command's measurement over several runs.
type sample struct {
	median  time.Duration
	min     time.Duration
	peakRSS int64 // bytes, the largest over the runs
	// ownRSS is pcnbench's own peak when the runs ended: Go starts a child
	// sharing pcnbench's memory until it execs, and Linux counts that peak
	// as the child's, so a peakRSS no larger says only "at most this".
	ownRSS int64
}

// row is one line of the results table: a pcnvoice command beside its yardstick.
type row struct {
	what      string
	ours      sample
	yardstick string
	theirs    *sample
	budget    string  // what SPEC §12 asks, in words
	limit     float64 // the ratio ours/theirs must stay under (0: none)
	note      string
}

// measure runs argv opt.runs times (after one warm-up run that fills the
// page cache) and returns the median wall time and the peak resident set.
func measure(ctx context.Context, runs int, dir string, argv ...string) (sample, error) {
	out, err := measurePair(ctx, runs, dir, argv, nil)
	return out[0], err
}

// measurePair measures two commands in alternation (measureAlternating);
// theirs may be nil.
func measurePair(ctx context.Context, runs int, dir string, ours, theirs []string) ([2]sample, error) {
	var out [2]sample
	cmds := [][]string{ours}
	if theirs != nil {
		cmds = append(cmds, theirs)
	}
	s, err := measureAlternating(ctx, runs, dir, cmds...)
	copy(out[:], s)
	return out, err
}

// measureAlternating measures commands in alternation — first, second,
// third, first, second… — so that all see the same machine: on a shared
// 2-core box the load drifts over seconds, and measuring one command's
// runs and then the other's would put that drift into the ratio.
func measureAlternating(ctx context.Context, runs int, dir string, cmds ...[]string) ([]sample, error) {
	out := make([]sample, len(cmds))
	times := make([][]time.Duration, len(cmds))
	for i := -1; i < runs; i++ {
		for k, argv := range cmds {
			el, rss, err := runOnce(ctx, dir, argv)
			if err != nil {
				return out, err
			}
			if i < 0 {
				continue // warm-up
			}
			times[k] = append(times[k], el)
			out[k].peakRSS = max(out[k].peakRSS, rss)
		}
	}

	own := selfPeakRSS() // a peak only rises: at least what each child inherited
	for k := range cmds {
		out[k].ownRSS = own
		slices.Sort(times[k])
		out[k].median, out[k].min = times[k][len(times[k])/2], times[k][0]
	}
	return out, nil
}

func runOnce(ctx context.Context, dir string, argv []string) (time.Duration, int64, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Stdout = io.Discard
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%v: %v: %s", argv, err, errb.String())
	}
	return time.Since(start), peakRSS(cmd.ProcessState), nil
}
