package mergejob

import (
	"errors"
	"runtime"
	"sync"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/pii"
)

// Findings runs the patient-data guard (SPEC §9) over every submission
// the pack counts and returns the findings, PCN by PCN in code order, as
// one scan of everything would list them. Scanning is most of the work
// and each PCN's document stands alone, so it runs on a worker per CPU.
func Findings(p *pcnjson.Pack) ([]pii.Finding, error) {
	subs := p.Counted()
	found := make([][]pii.Finding, len(subs))
	errs := make([]error, len(subs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for k := range workers {
		wg.Go(func() {
			for i := k; i < len(subs); i += workers {
				found[i], errs[i] = scanSubmission(subs[i])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []pii.Finding
	for _, f := range found {
		out = append(out, f...)
	}
	return out, nil
}

// scanSubmission is the guard's reading of one counted submission: every
// string of its canonical JSON — names, keys and unknown members too, for
// they travel inside the digest to the board — named by PCN code and
// place. It is the one place the merge calls the guard.
func scanSubmission(s *pcnjson.Submission) ([]pii.Finding, error) {
	return pii.ScanJSON(s.Doc.PCN.Code, s.Canonical(), pii.Options{})
}
