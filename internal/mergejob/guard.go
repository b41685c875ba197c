package mergejob

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/pii"
)

// guardScan is the patient-data guard (SPEC §9) running over every
// submission read, on a worker per CPU, while the merge runs: scanning is
// most of the guard's work, each submission stands alone, and which
// submissions count is only known once the merge is done.
type guardScan struct {
	found map[*pcnjson.Submission][]pii.Finding
	err   error
	done  chan struct{}
}

// startScan starts scanning every submission among inputs, loose or in
// a pack, each once. ctx ending stops it between submissions.
func startScan(ctx context.Context, inputs []pcnjson.Input) *guardScan {
	var subs []*pcnjson.Submission
	seen := map[*pcnjson.Submission]bool{}
	add := func(s *pcnjson.Submission) {
		if !seen[s] {
			seen[s] = true
			subs = append(subs, s)
		}
	}
	for _, in := range inputs {
		if in.Submission != nil {
			add(in.Submission)
		}
		if in.Pack != nil {
			for _, s := range in.Pack.Counted() {
				add(s)
			}
		}
	}
	g := &guardScan{found: make(map[*pcnjson.Submission][]pii.Finding, len(subs)), done: make(chan struct{})}
	found := make([][]pii.Finding, len(subs))
	errs := make([]error, len(subs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for k := range workers {
		wg.Go(func() {
			for i := k; i < len(subs) && ctx.Err() == nil; i += workers {
				found[i], errs[i] = scanSubmission(subs[i])
			}
		})
	}
	go func() {
		wg.Wait()
		for i, s := range subs {
			g.found[s] = found[i]
		}
		g.err = errors.Join(errs...)
		close(g.done)
	}()
	return g
}

// forPack waits for the scan and returns the findings of the submissions
// p counts, PCN by PCN in code order, as one scan of them would list them.
func (g *guardScan) forPack(p *pcnjson.Pack) ([]pii.Finding, error) {
	<-g.done
	if g.err != nil {
		return nil, g.err
	}
	var out []pii.Finding
	for _, s := range p.Counted() {
		out = append(out, g.found[s]...)
	}
	return out, nil
}

// scanSubmission is the guard's reading of one submission: every string
// of its canonical JSON — names, keys and unknown members too, for they
// travel inside the digest to the board — named by PCN code and place.
// It is the one place the merge calls the guard.
func scanSubmission(s *pcnjson.Submission) ([]pii.Finding, error) {
	return pii.ScanJSON(s.Doc.PCN.Code, s.Canonical(), pii.Options{})
}
