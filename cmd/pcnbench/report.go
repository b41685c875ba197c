package main

import (
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"
	"time"
)

func printTable(w io.Writer, opt options, rows []row) {
	fmt.Fprintf(w, "pcnbench: %d runs each (median), seed %d, %s/%s, %d CPUs, %s\n\n",
		opt.runs, opt.seed, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format("2006-01-02"))
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.what, ms(r.ours.median), mib(r.ours.peakRSS), r.yardstick, theirs, ratio, r.budget, verdict)
	}
	tw.Flush()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
