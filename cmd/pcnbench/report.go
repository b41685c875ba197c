package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

func printTable(w io.Writer, opt options, rows []row) {
	fmt.Fprintf(w, "pcnbench: %d runs each (median), seed %d, %s/%s, %d CPUs, %s\n",
		opt.runs, opt.seed, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(w, "load average (1, 5, 15 min): %s at the start, %s at the end\n\n", opt.loadStart, loadAverage())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "measure\tpcnvoice\tpeak RSS\tyardstick\tyardstick time\tratio\tbudget\tverdict")
	for _, r := range rows {
		theirs, ratio, verdict := "-", "-", "-"
		if r.theirs != nil {
			theirs = ms(r.theirs.median)
			q := float64(r.ours.median) / float64(r.theirs.median)
			ratio = fmt.Sprintf("%.2f×", q)
			if r.limit > 0 {
				verdict = "within"
				if q > r.limit {
					verdict = "MISSED"
				}
			}
		}
		if r.note != "" {
			verdict = r.note
		}
		rss := mib(r.ours.peakRSS)
		if r.ours.ownRSS > 0 && r.ours.peakRSS <= r.ours.ownRSS {
			rss = "≤ " + rss // pcnbench's own peak, counted as the child's (sample.ownRSS)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.what, ms(r.ours.median), rss, r.yardstick, theirs, ratio, r.budget, verdict)
	}
	tw.Flush()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

// loadAverage is the machine's load average (Linux), for the table's
// header: on a shared machine the figures mean little without it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "-"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "-"
	}
	return strings.Join(f[:3], " ")
}

// selfPeakRSS is pcnbench's own peak resident set in bytes (Linux: VmHWM),
// or 0 where it cannot be read.
func selfPeakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}
