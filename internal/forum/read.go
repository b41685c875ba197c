package forum

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"

	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/submission"
)

// ReadFile reads the submission or forum pack at path (see Read).
func ReadFile(path string) (Input, error) {
	var r reader
	return r.readFile(path)
}

// Read decodes a merge input from a file's bytes: a submission or a forum
// pack, told apart by its format member, never by the file's name (a chair
// receives "Riverside final v2 (1).json"). A submission over
// submission.MaxSize is refused even though packs may be larger.
func Read(name string, data []byte) (Input, error) {
	var r reader
	return r.read(name, data)
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
			var r reader // buffers reused from one file to the next
			for i := range next {
				inputs[i], errs[i] = r.readFile(paths[i])
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

// reader holds one worker's buffers: the file's bytes and the
// canonicaliser's scratch space are reused from file to file, so a merge
// of thousands of files keeps only what each input needs (its canonical
// form and document) rather than four file-sized buffers apiece.
type reader struct {
	buf []byte
	c   canonicaliser
}

func (r *reader) readFile(path string) (Input, error) {
	data, err := r.load(path)
	if err != nil {
		return Input{}, err
	}
	return r.read(path, data)
}

// load reads path whole into r.buf, refusing folders and anything over
// MaxPackSize before reading. It is infile.Read with a reused buffer; a
// file that grows while it is read is still caught by reading one byte
// past the cap.
func (r *reader) load(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", path)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a file", path)
	}
	if fi.Size() > MaxPackSize {
		return nil, fmt.Errorf("%s: %w (%d bytes; the limit is %d MiB)", path, infile.ErrTooLarge, fi.Size(), MaxPackSize>>20)
	}
	if need := int(fi.Size()) + 512; cap(r.buf) < need {
		r.buf = make([]byte, 0, need)
	}
	buf := bytes.NewBuffer(r.buf[:0])
	_, err = buf.ReadFrom(io.LimitReader(f, MaxPackSize+1))
	r.buf = buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(r.buf) > MaxPackSize {
		return nil, fmt.Errorf("%s: %w (the limit is %d MiB)", path, infile.ErrTooLarge, MaxPackSize>>20)
	}
	return r.buf, nil
}

// read decodes data; nothing returned refers to data, so the caller may
// reuse it.
func (r *reader) read(name string, data []byte) (Input, error) {
	text, err := infile.Text(name, data)
	if err != nil {
		return Input{}, err
	}
	switch format := sniffFormat(text); format {
	case submission.Format:
		if len(data) > submission.MaxSize {
			return Input{}, &submission.Error{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a submission", submission.MaxSize>>20)}
		}
		doc, canon, err := r.decodeSubmission(name, text)
		if err != nil {
			return Input{}, err
		}
		return Input{Name: name, Doc: doc, Canonical: canon}, nil
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
		if rendered(text) {
			return Input{}, &submission.Error{File: name, Msg: "a forum paper (Markdown or HTML), not a pack: merge the JSON pack instead (pcnvoice merge --format json writes it)"}
		}
		// Not JSON, or no format: let Members say which, in its words.
		if _, err := submission.Members(name, text); err != nil {
			return Input{}, err
		}
		return Input{}, &submission.Error{File: name, Member: "format", Msg: "missing: not a pcnvoice submission or forum pack"}
	default:
		return Input{}, &submission.Error{File: name, Member: "format", Msg: fmt.Sprintf("%q: not a pcnvoice submission or forum pack", format)}
	}
}

// decodeSubmission decodes and checks a submission's text (already UTF-8)
// and returns its canonical form beside it: by fastDecode when it can, by
// submission.Decode, the authority, whenever fastDecode is unsure.
func (r *reader) decodeSubmission(name string, text []byte) (*submission.Document, json.RawMessage, error) {
	if doc, canon, ok := fastDecode(&r.c, text); ok {
		return doc, canon, nil
	}
	doc, text, err := submission.Decode(name, text)
	if err != nil {
		return nil, nil, err
	}
	canon, err := canonical(text)
	if err != nil { // cannot happen: Decode has canonicalised it once already
		return nil, nil, &submission.Error{File: name, Msg: "not valid JSON: " + err.Error()}
	}
	return doc, canon, nil
}

// rendered reports whether text looks like a paper pcnvoice rendered (a
// Markdown heading, an HTML page), the likeliest wrong file a chair feeds
// back into a merge.
func rendered(text []byte) bool {
	t := bytes.TrimLeft(text, " \t\r\n")
	return bytes.HasPrefix(t, []byte("# ")) || bytes.HasPrefix(bytes.ToLower(t[:min(len(t), 15)]), []byte("<!doctype html"))
}

// sniffFormat returns the string value of text's top-level "format" member,
// or "" if there is none or text is not a JSON object. pcnvoice writes
// format first, so this usually reads a few bytes where parsing the whole
// object only to look at one member would cost a full pass per file.
func sniffFormat(text []byte) string {
	// The shape pcnvoice writes, `{` `"format": "…"`, read by hand; any
	// other spelling (escapes, format later on) takes the decoder.
	rest := bytes.TrimLeft(text, " \t\r\n")
	if r, ok := bytes.CutPrefix(rest, []byte("{")); ok {
		if r, ok = bytes.CutPrefix(bytes.TrimLeft(r, " \t\r\n"), []byte(`"format"`)); ok {
			if r, ok = bytes.CutPrefix(bytes.TrimLeft(r, " \t\r\n"), []byte(":")); ok {
				if r, ok = bytes.CutPrefix(bytes.TrimLeft(r, " \t\r\n"), []byte(`"`)); ok {
					if end := bytes.IndexAny(r, `"\`); end >= 0 && r[end] == '"' {
						return string(r[:end])
					}
				}
			}
		}
	}
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
