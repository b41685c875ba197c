package termtext

import (
	"bytes"
	"io"
	"sync"
	"unicode/utf8"
)

// maxHeld bounds what a Writer holds back waiting for a line's end: past
// it, the text so far is written (sanitised) without waiting.
const maxHeld = 64 << 10

// Writer is the sanitiser as an io.Writer: what is written through it
// reaches the underlying writer a line at a time, each line passed through
// Prepare (if set) and then Sanitize. Whole lines, because an escape
// sequence written in two pieces must be removed whole, not left half
// visible. It is safe for concurrent use; Flush writes a last line that has
// no newline.
type Writer struct {
	// Prepare, when set, rewrites text before it is sanitised: the command
	// line quotes the file names it knows with Name there.
	Prepare func(string) string
	// Hold, when set, says how many bytes at the end of text about to be
	// written (which ends with a newline) are the start of something that
	// continues past that newline — a file name holding a line break — and
	// must wait for the rest, so that Prepare sees it whole.
	Hold func(string) int

	mu   sync.Mutex
	w    io.Writer
	held []byte
	err  error
}

// NewWriter returns a Writer that writes sanitised lines to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write takes p whole: it returns len(p) unless an earlier or present write
// to the underlying writer failed.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return 0, w.err
	}
	w.held = append(w.held, p...)
	end := bytes.LastIndexByte(w.held, '\n') + 1
	for w.Hold != nil && end > 0 {
		k := w.Hold(string(w.held[:end]))
		if k == 0 {
			break
		}
		end = bytes.LastIndexByte(w.held[:end-k], '\n') + 1
	}
	if end == 0 && len(w.held) > maxHeld {
		end = runeBoundary(w.held)
	}
	if end > 0 {
		w.emit(w.held[:end])
		w.held = append(w.held[:0], w.held[end:]...)
	}
	if w.err != nil {
		return 0, w.err
	}
	return len(p), nil
}

// Flush writes what is held, a last line without a newline.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil && len(w.held) > 0 {
		w.emit(w.held)
		w.held = w.held[:0]
	}
	return w.err
}

func (w *Writer) emit(b []byte) {
	s := string(b)
	if w.Prepare != nil {
		s = w.Prepare(s)
	}
	_, w.err = io.WriteString(w.w, Sanitize(s))
}

// runeBoundary returns the length of b without a UTF-8 sequence cut short
// at its end, so that a character is never split between two writes.
func runeBoundary(b []byte) int {
	for k := 1; k <= utf8.UTFMax && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < utf8.RuneSelf {
			return len(b)
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-k:]) {
				return len(b)
			}
			return len(b) - k
		}
	}
	return len(b)
}

// JSONWriter is JSON as an io.Writer: what is written through it reaches
// the underlying writer escaped as JSON escapes it, never splitting a
// character between two writes (a C1 control written as two halves would
// otherwise pass as two harmless bytes, and the terminal join them).
type JSONWriter struct {
	mu   sync.Mutex
	w    io.Writer
	held []byte
	err  error
}

// NewJSONWriter returns a JSONWriter that writes escaped JSON to w.
func NewJSONWriter(w io.Writer) *JSONWriter { return &JSONWriter{w: w} }

// Write takes p whole, holding back at most a character cut short at its end.
func (w *JSONWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return 0, w.err
	}
	w.held = append(w.held, p...)
	end := runeBoundary(w.held)
	if end > 0 {
		_, w.err = w.w.Write(JSON(w.held[:end]))
		w.held = append(w.held[:0], w.held[end:]...)
	}
	if w.err != nil {
		return 0, w.err
	}
	return len(p), nil
}

// Flush writes what is held: a character cut short, escaped as U+FFFD.
func (w *JSONWriter) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil && len(w.held) > 0 {
		_, w.err = w.w.Write(JSON(w.held))
		w.held = w.held[:0]
	}
	return w.err
}
