package main

// The output boundary (SPEC §3: text from outside never reaches a terminal
// raw, and file names are text from outside). Run wires three paths, so
// that a command cannot forget the sanitiser:
//
//   - text for a person — cmd.OutOrStdout() and cmd.ErrOrStderr(), and so
//     every summary, warning, finding, verify line, log line and error —
//     goes through a termtext.Writer: each line has the file names this
//     run was given quoted visibly (termtext.Name), then is sanitised;
//   - a document on stdout (export's submission or paper, merge's pack or
//     paper) goes through m.document: byte for byte to a file or a pipe,
//     so `export > x.json` keeps its digest; escaped (JSON) or sanitised
//     (Markdown, HTML) on a terminal;
//   - deliberate control output (the progress line's \r and erase) goes
//     through m.control, to a terminal only, and carries none of the
//     outside world's text.
//
// Files written with -o are written as they are, by atomicfile.

import (
	"cmp"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// quotedNames are the file names (and other text) this run was given that a
// terminal must not see raw: each is shown quoted wherever a message
// quotes it, whichever package wrote the message.
type quotedNames struct {
	mu    sync.Mutex
	seen  map[string]bool
	r     *strings.Replacer
	multi []string // those holding a line break, which a line-at-a-time writer must see whole
}

// add remembers each s that needs quoting (termtext.Printable is false).
func (n *quotedNames) add(ss ...string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	grew := false
	for _, s := range ss {
		if s == "" || termtext.Printable(s) || n.seen[s] {
			continue
		}
		if n.seen == nil {
			n.seen = map[string]bool{}
		}
		n.seen[s], grew = true, true
		if strings.Contains(s, "\n") {
			n.multi = append(n.multi, s)
		}
	}
	if !grew {
		return
	}
	// Longest first: a name that holds another is quoted whole.
	list := make([]string, 0, len(n.seen))
	for s := range n.seen {
		list = append(list, s)
	}
	slices.SortFunc(list, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	pairs := make([]string, 0, 2*len(list))
	for _, s := range list {
		pairs = append(pairs, s, termtext.Name(s))
	}
	n.r = strings.NewReplacer(pairs...)
}

// addPath remembers a path, its cleaned form and its last element.
func (n *quotedNames) addPath(p string) {
	if p == "" || termtext.Printable(p) {
		return
	}
	n.add(p, filepath.Clean(p), filepath.Base(p))
}

// quote returns s with every remembered name in it quoted.
func (n *quotedNames) quote(s string) string {
	n.mu.Lock()
	r := n.r
	n.mu.Unlock()
	if r == nil {
		return s
	}
	return r.Replace(s)
}

// pending returns the length of the longest end of s, up to and
// including its final newline, that begins a remembered name holding a
// line break: termtext.Writer holds that back until the name is whole.
func (n *quotedNames) pending(s string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	best := 0
	for _, name := range n.multi {
		for j := 0; j < len(name)-1; j++ {
			if name[j] == '\n' && j+1 > best && strings.HasSuffix(s, name[:j+1]) {
				best = j + 1
			}
		}
	}
	return best
}

// rememberInputs adds the names a command was given — its arguments and
// the string flags set — and, for an argument that is a folder, the
// entries in it (merge reads a folder's files and names them in errors).
func (m *Main) rememberInputs(cmd *cobra.Command, args []string) {
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Value.Type() == "string" {
			m.names.addPath(f.Value.String())
		}
	})
	for _, a := range args {
		m.names.addPath(a)
		fi, err := os.Stat(a)
		if err != nil || !fi.IsDir() {
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !termtext.Printable(e.Name()) {
				m.names.add(filepath.Join(a, e.Name()), e.Name())
			}
		}
	}
}

// line is s as one line for a person: names quoted, sanitised, line
// breaks folded.
func (m *Main) line(s string) string {
	return termtext.Line(m.names.quote(s))
}

// setupOutput wraps Stdout and Stderr in the sanitiser and returns the
// function that flushes them, for Run to call last.
func (m *Main) setupOutput() (flush func()) {
	m.out, m.errOut = termtext.NewWriter(m.Stdout), termtext.NewWriter(m.Stderr)
	for _, w := range []*termtext.Writer{m.out, m.errOut} {
		w.Prepare, w.Hold = m.names.quote, m.names.pending
	}
	return func() {
		m.out.Flush()
		m.errOut.Flush()
	}
}

// onTerminal reports whether w is a terminal (whatever NO_COLOR says: that
// is about colour, not about what a terminal would act on).
func onTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// document returns where a command writes a document to stdout, and the
// function to call once it is written. A file or a pipe gets the bytes as
// they are: a submission piped to a file keeps its digest. A terminal gets
// JSON with its controls escaped (the same value, SPEC §3) and any other
// document sanitised.
func (m *Main) document(isJSON bool) (w io.Writer, done func() error) {
	m.out.Flush() // anything already written for a person comes first
	if !onTerminal(m.Stdout) {
		return m.Stdout, func() error { return nil }
	}
	if isJSON {
		j := termtext.NewJSONWriter(m.Stdout)
		return j, j.Flush
	}
	t := termtext.NewWriter(m.Stdout)
	return t, t.Flush
}

// writeOutput writes a document to path atomically (mode 0600: it holds
// notes), or, when path is "" or "-", to stdout through m.document.
func (m *Main) writeOutput(path string, data []byte, isJSON bool) error {
	if path != "" && path != "-" {
		return atomicfile.WriteFile(path, data, 0o600)
	}
	w, done := m.document(isJSON)
	if _, err := w.Write(data); err != nil {
		return err
	}
	return done()
}

// control returns stderr for deliberate terminal control — the progress
// line's carriage return and erase — or nil when stderr is not a terminal
// or plain output was asked for (NO_COLOR, TERM=dumb). Only text this
// program makes, never text from outside, may be written to it.
func (m *Main) control() io.Writer {
	if m.Getenv("NO_COLOR") != "" || m.Getenv("TERM") == "dumb" || !onTerminal(m.Stderr) {
		return nil
	}
	return m.Stderr
}
