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
	var times []time.Duration
	var peak int64
	for i := -1; i < runs; i++ {
		cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
		cmd.Dir = dir
		cmd.Stdout = io.Discard
		var errb bytes.Buffer
		cmd.Stderr = &errb
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return sample{}, fmt.Errorf("%v: %v: %s", argv, err, errb.String())
		}
		el := time.Since(start)
		if i < 0 {
			continue
		}
		times = append(times, el)
		peak = max(peak, peakRSS(cmd.ProcessState))
	}
	slices.Sort(times)
	return sample{median: times[len(times)/2], min: times[0], peakRSS: peak}, nil
}
