package forum

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/submission"
)

// ReadFile reads the submission or forum pack at path (see Read).
func ReadFile(path string) (Input, error) {
	data, err := infile.Read(path, MaxPackSize)
	if err != nil {
		return Input{}, err
	}
	return Read(path, data)
}

// Read decodes a merge input from a file's bytes: a submission or a forum
// pack, told apart by its format member, never by the file's name (a chair
// receives "Riverside final v2 (1).json"). A submission over
// submission.MaxSize is refused even though packs may be larger.
func Read(name string, data []byte) (Input, error) {
	text, err := infile.Text(name, data)
	if err != nil {
		return Input{}, err
	}
	format := sniffFormat(text)
	switch format {
	case submission.Format:
		if len(data) > submission.MaxSize {
			return Input{}, &submission.Error{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a submission", submission.MaxSize>>20)}
		}
		doc, text, err := submission.Decode(name, text)
		if err != nil {
			return Input{}, err
		}
		return Input{Name: name, Doc: doc, Raw: text}, nil
	case Format:
		members, err := submission.Members(name, text)
		if err != nil {
			return Input{}, err
		}
		p, err := decodePack(name, text, members)
		if err != nil {
			return Input{}, err
		}
		return Input{Name: name, Pack: p}, nil
	case "":
		// Not JSON, or no format: let Members say which, in its words.
		if _, err := submission.Members(name, text); err != nil {
			return Input{}, err
		}
		return Input{}, &submission.Error{File: name, Member: "format", Msg: "missing: not a pcnvoice submission or forum pack"}
	}
	return Input{}, &submission.Error{File: name, Member: "format", Msg: fmt.Sprintf("%q: not a pcnvoice submission or forum pack", format)}
}

// sniffFormat returns the string value of text's top-level "format" member,
// or "" if there is none or text is not a JSON object. pcnvoice writes
// format first, so this usually reads a few bytes where parsing the whole
// object only to look at one member would cost a full pass per file.
func sniffFormat(text []byte) string {
	dec := json.NewDecoder(bytes.NewReader(text))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return ""
		}
		if key == "format" {
			var f string
			if dec.Decode(&f) != nil {
				return ""
			}
			return f
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}

// ReadFiles reads paths as merge inputs on a bounded pool of workers (one
// per CPU: decoding and checking digests is CPU work). Results keep the
// order of paths, and the error returned is the first failing path's in
// that order, so the outcome never depends on scheduling. progress, if not
// nil, is called from one goroutine at a time with the number done so far.
func ReadFiles(paths []string, workers int, progress func(done, total int)) ([]Input, error) {
	inputs := make([]Input, len(paths))
	errs := make([]error, len(paths))
	workers = max(1, min(workers, len(paths)))
	next := make(chan int)
	done := make(chan struct{}, len(paths))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				inputs[i], errs[i] = ReadFile(paths[i])
				done <- struct{}{}
			}
		})
	}
	go func() {
		for i := range paths {
			next <- i
		}
		close(next)
	}()
	for n := range len(paths) {
		<-done
		if progress != nil {
			progress(n+1, len(paths))
		}
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return inputs, nil
}
