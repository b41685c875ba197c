package mergejob

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// MaxListed is how many bad files a FilesError names before it only
// counts the rest.
const MaxListed = 10

// FilesError is every input that could not be read or failed its checks,
// in path order: a chair fixing a folder of forty files wants the whole
// list at once, not one file per attempt.
type FilesError struct {
	Errs  []error
	Files int // how many files were read in all
}

// Error lists the bad files on one line; a front end with room shows
// Errs one a line instead.
func (e *FilesError) Error() string {
	if len(e.Errs) == 1 {
		return e.Errs[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d files cannot be merged: ", len(e.Errs), e.Files)
	for i, err := range e.Errs[:min(len(e.Errs), MaxListed)] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(err.Error())
	}
	if n := len(e.Errs) - MaxListed; n > 0 {
		fmt.Fprintf(&b, "; and %d more", n)
	}
	return b.String()
}

// Unwrap gives the errors, for errors.Is and errors.As.
func (e *FilesError) Unwrap() []error { return e.Errs }

// read reads and checks paths as merge inputs on a worker per CPU
// (decoding and checking digests is CPU work), each worker reusing its
// decoder's buffers from file to file. Results keep the order of paths.
// Bad files are collected, all of them, into a *FilesError, in path order,
// so the outcome never depends on scheduling. When ctx ends, read stops
// within the file each worker is on and returns ctx's error. progress, if
// not nil, is called from one goroutine at a time. When sigs is not nil,
// read also checks each file's signature (Signatures.checkFile) on the
// worker that read it, and returns the forum packs' own signatures it
// found, in path order.
func read(ctx context.Context, paths []string, progress func(done, total int), sigs *Signatures) ([]pcnjson.Input, []PackSignature, error) {
	inputs := make([]pcnjson.Input, len(paths))
	packSigs := make([]*PackSignature, len(paths))
	errs := make([]error, len(paths))
	next := make(chan int)
	done := make(chan struct{}, len(paths))
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(paths))) {
		wg.Go(func() {
			var d pcnjson.Decoder
			for i := range next {
				inputs[i], packSigs[i], errs[i] = readFile(ctx, &d, paths[i], sigs)
				done <- struct{}{}
			}
		})
	}
	go func() {
		defer close(next)
		for i := range paths {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	n := 0
	report := func() {
		n++
		if progress != nil {
			progress(n, len(paths))
		}
	}
wait:
	for n < len(paths) {
		select {
		case <-done:
			report()
		case <-finished:
			// Every worker has stopped (ctx ended): what they finished
			// is waiting in done.
			for len(done) > 0 {
				<-done
				report()
			}
			break wait
		}
	}
	<-finished
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var bad []error
	for _, err := range errs {
		if err != nil {
			bad = append(bad, err)
		}
	}
	if bad != nil {
		return nil, nil, &FilesError{Errs: bad, Files: len(paths)}
	}
	var own []PackSignature
	for _, ps := range packSigs {
		if ps != nil {
			own = append(own, *ps)
		}
	}
	return inputs, own, nil
}

func readFile(ctx context.Context, d *pcnjson.Decoder, path string, sigs *Signatures) (pcnjson.Input, *PackSignature, error) {
	if err := ctx.Err(); err != nil {
		return pcnjson.Input{}, nil, err
	}
	data, err := infile.ReadContext(ctx, path, pcnjson.MaxPackSize)
	if err != nil {
		return pcnjson.Input{}, nil, err
	}
	in, err := d.Read(ctx, path, data)
	if err != nil || sigs == nil {
		return in, nil, err
	}
	ps, err := sigs.checkFile(ctx, d, path, data, &in)
	return in, ps, err
}
