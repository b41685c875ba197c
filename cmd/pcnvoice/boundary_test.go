//go:build unix

// A pseudo-terminal stands in for the person's terminal: Unix only, and
// Go only (creack/pty), so it runs in `go test ./...`.

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	xterm "github.com/charmbracelet/x/term"
	"github.com/creack/pty"
	gossh "golang.org/x/crypto/ssh"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// hostileEnv is a colour terminal: the progress line is on.
var hostileEnv = map[string]string{"TERM": "xterm-256color"}

// hostileCase is one command line of the hostile-input test. Its args may
// hold placeholders that each run makes afresh: {db} a copy of the evil
// database, {evildb} the same copy under an evil name, {newdb} a path
// with no database yet, {out} an evil output name in a fresh folder,
// {keys} an authorized_keys file with the test's key.
type hostileCase struct {
	name string
	args []string
	code int
	doc  string   // stdout is a document: "json", "md", "html", or "status" (--json)
	want []string // each appears on stdout or stderr (names shown quoted)
}

// hostileCases lists, for every command of the root (and the root itself,
// ""), the command lines to run. A command with no entry fails the test:
// a command added later (history, diff) must be added here.
func hostileCases(f *hostileFiles) map[string][]hostileCase {
	return map[string][]hostileCase{
		"": {
			{name: "status when not a terminal", args: []string{"--db", "{db}"}},
			{name: "no database", args: []string{"--db", f.hostileDB}, code: 1, want: []string{shownName}},
		},
		"demo": {
			{name: "evil database path", args: []string{"--db", f.hostileDB, "demo", "--no-tui"}, want: []string{shownName}},
			{name: "missing evil config", args: []string{"--config", f.missing, "--db", "{newdb}", "demo", "--no-tui"}, code: 1, want: []string{shownName}},
		},
		"status": {
			{name: "plain", args: []string{"--db", "{db}", "status"}},
			{name: "json", args: []string{"--db", "{db}", "status", "--json"}, doc: "status"},
			{name: "evil database name", args: []string{"--db", "{evildb}", "status"}},
			{name: "no database", args: []string{"--db", f.hostileDB, "status"}, code: 1, want: []string{shownName}},
			{name: "a submission as database", args: []string{"--db", f.sub, "status"}, code: 1, want: []string{shownName}},
		},
		"export": {
			{name: "json to stdout", args: []string{"--db", "{db}", "export"}, doc: "json"},
			{name: "md to stdout", args: []string{"--db", "{db}", "export", "--format", "md"}, doc: "md"},
			{name: "html to stdout", args: []string{"--db", "{db}", "export", "--format", "html"}, doc: "html"},
			{name: "json to an evil file", args: []string{"--db", "{db}", "export", "-o", "{out}.json"}, want: []string{shownName}},
			{name: "html to an evil file", args: []string{"--db", "{db}", "export", "-o", "{out}.html"}, want: []string{shownName}},
			{name: "evil format", args: []string{"--db", "{db}", "export", "--format", "ht" + evil + "ml"}, code: 2},
			{name: "evil folder missing", args: []string{"--db", "{db}", "export", "-o", filepath.Join(f.missing, "x.json")}, code: 1, want: []string{shownName}},
		},
		"import": {
			{name: "submission", args: []string{"--db", "{newdb}", "import", f.sub}},
			{name: "practice map", args: []string{"--db", "{newdb}", "import", "--pcn", "U99001", f.mapCSV}, want: []string{shownName}},
			{name: "list sizes", args: []string{"--db", "{db}", "import", f.sizesCSV}, want: []string{`\x1b]52`}},
			{name: "ePCN CSV", args: []string{"--db", "{newdb}", "import", "--pcn", "U99001", f.epcnCSV}, want: []string{`\x1b]52`}},
			{name: "ePCN workbook", args: []string{"--db", "{newdb}", "import", "--pcn", "U99001", f.epcnXLSX}, want: []string{`\x1b]52`}},
			{name: "evil cell", args: []string{"--db", "{db}", "import", f.badSizes}, code: 1, want: []string{`\x1b]52`}},
			{name: "unknown kind", args: []string{"--db", "{db}", "import", f.junk}, code: 1, want: []string{`\x1b]52`}},
			{name: "missing", args: []string{"--db", "{db}", "import", f.missing}, code: 1, want: []string{shownName}},
			{name: "tampered", args: []string{"--db", "{newdb}", "import", f.tampered}, code: 1, want: []string{shownName}},
			{name: "evil --pcn", args: []string{"--db", "{db}", "import", "--pcn", evil, f.mapCSV}, code: 2},
		},
		"history": {
			{name: "plain", args: []string{"--db", "{db}", "history"}},
			{name: "json", args: []string{"--db", "{db}", "history", "--json"}},
			{name: "to an evil file", args: []string{"--db", "{db}", "history", "-o", "{out}.json"}, want: []string{shownName}},
			{name: "evil database name", args: []string{"--db", "{evildb}", "history"}},
			{name: "no database", args: []string{"--db", f.hostileDB, "history"}, code: 1, want: []string{shownName}},
		},
		"diff": {
			{name: "two evil files", args: []string{"diff", f.second, f.sub}, want: []string{shownName}},
			{name: "two evil files, json", args: []string{"diff", "--json", f.second, f.sub}},
			{name: "a revision against an evil file", args: []string{"--db", "{db}", "diff", "@1", f.second}},
			{name: "the last export, nothing changed", args: []string{"--db", "{evildb}", "diff"}},
			{name: "to an evil file", args: []string{"diff", "-o", "{out}.txt", f.second, f.sub}, want: []string{shownName}},
			{name: "tampered", args: []string{"diff", f.tampered, f.sub}, code: 1, want: []string{shownName}},
			{name: "missing", args: []string{"--db", "{db}", "diff", f.missing}, code: 1, want: []string{shownName}},
			{name: "evil revision", args: []string{"--db", "{db}", "diff", "@" + evil}, code: 2},
		},
		"merge": {
			{name: "md to stdout", args: []string{"merge", f.inbox}, doc: "md"},
			{name: "json to stdout", args: []string{"merge", "--format", "json", f.inbox}, doc: "json"},
			{name: "html to stdout", args: []string{"merge", "--format", "html", f.sub, f.second}, doc: "html"},
			{name: "to an evil file", args: []string{"merge", "-o", "{out}.json", f.inbox}, want: []string{shownName}},
			{name: "tampered", args: []string{"merge", f.inbox, f.tampered}, code: 1, want: []string{shownName}},
			{name: "missing", args: []string{"merge", f.missing}, code: 1, want: []string{shownName}},
			{name: "since an evil submission", args: []string{"merge", "--since", f.sub, f.inbox}, code: 1, want: []string{shownName}},
		},
		"verify": {
			{name: "unsigned", args: []string{"verify", f.sub, f.second}, want: []string{shownName}},
			{name: "tampered", args: []string{"verify", f.tampered}, code: 1, want: []string{shownName}},
			{name: "evil signature", args: []string{"verify", f.badSig}, code: 1, want: []string{shownName}},
			{name: "evil roster", args: []string{"verify", "--allowed-signers", f.roster, f.sub}, code: 1, want: []string{`\x1b]52`}},
			{name: "missing", args: []string{"verify", f.missing}, code: 1, want: []string{shownName}},
		},
		"serve": {
			{name: "serving", args: []string{"--db", "{db}", "serve", "--listen", "127.0.0.1:0", "--authorized-keys", "{keys}", "--host-key", "{out}"}},
			{name: "evil keys file missing", args: []string{"--db", "{db}", "serve", "--listen", "127.0.0.1:0", "--authorized-keys", f.missing, "--host-key", "{out}"}, code: 1, want: []string{shownName}},
			{name: "evil keys line", args: []string{"--db", "{db}", "serve", "--listen", "127.0.0.1:0", "--authorized-keys", f.keys, "--host-key", "{out}"}, code: 1, want: []string{`\x1b]52`}},
		},
		"version": {
			{name: "version", args: []string{"version"}},
			{name: "evil argument", args: []string{"version", evil}, code: 2},
		},
	}
}

// deliberate is the progress line's own control output (m.control): the
// only control characters a terminal may get, and never from outside.
var deliberate = regexp.MustCompile("\r\x1b\\[K|\rreading [0-9]+/[0-9]+…")

// checkShown fails if out holds a character a terminal acts on rather
// than shows: C0 controls but newline and tab, DEL, C1 controls (as UTF-8
// or as lone bytes: the output must be UTF-8), bidi controls. It reads
// bytes, not what a terminal would draw.
func checkShown(t testing.TB, what, out string) {
	t.Helper()
	for i := 0; i < len(out); {
		r, n := utf8.DecodeRuneInString(out[i:])
		bad := r == utf8.RuneError && n == 1 ||
			r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
		if bad {
			lo, hi := max(0, i-40), min(len(out), i+40)
			t.Errorf("%s holds %U at byte %d: …%q…", what, r, i, out[lo:hi])
			return
		}
		i += n
	}
}

// TestHostileNamesAndContents runs every command through Main.Run with
// inputs whose names and contents carry evil, on success and failure
// paths, with stdout and stderr both pipes and both terminals, and checks
// that nothing a terminal acts on is written (SPEC §3), that evil file
// names are shown quoted, and that a document piped to a file is the
// exact bytes -o writes.
func TestHostileNamesAndContents(t *testing.T) {
	f := newHostileFiles(t)
	cases := hostileCases(f)
	root := (&Main{}).rootCommand()
	if _, ok := cases[""]; !ok {
		t.Error("no hostile cases for the root command")
	}
	for _, c := range root.Commands() {
		if _, ok := cases[c.Name()]; !ok {
			t.Errorf("command %q has no hostile cases: add its success and failure paths to hostileCases", c.Name())
		}
	}
	subBytes, err := os.ReadFile(f.sub)
	if err != nil {
		t.Fatal(err)
	}
	for cmdName, list := range cases {
		for _, tc := range list {
			for _, terminal := range []bool{false, true} {
				mode := "pipe"
				if terminal {
					mode = "terminal"
				}
				t.Run(cmdName+"/"+tc.name+"/"+mode, func(t *testing.T) {
					run := newHostileRun(t, f)
					args := run.expand(tc.args)
					var r cliResult
					if cmdName == "serve" && tc.code == 0 {
						r = run.serve(t, args, terminal)
					} else {
						r = run.main(t, args, terminal)
					}
					if r.code != tc.code {
						t.Fatalf("exit %d, want %d\nstdout %q\nstderr %q", r.code, tc.code, r.stdout, r.stderr)
					}
					stderr := r.stderr
					if terminal {
						stderr = deliberate.ReplaceAllString(stderr, "")
					}
					checkShown(t, "stderr", stderr)
					if tc.doc == "" || tc.doc == "status" || terminal {
						checkShown(t, "stdout", r.stdout)
					}
					for _, w := range tc.want {
						if !strings.Contains(r.stdout+r.stderr, w) {
							t.Errorf("output lacks %q (an evil name shown quoted):\nstdout %q\nstderr %q", w, r.stdout, r.stderr)
						}
					}
					if tc.code == 0 && tc.doc == "" && r.stdout+r.stderr == "" {
						t.Error("the command said nothing")
					}
					checkDocument(t, tc, r.stdout, subBytes, terminal)
				})
			}
		}
	}
}

// checkDocument checks a document on stdout: to a pipe, a submission is
// the exact bytes export -o wrote (same revision, same digest); on a
// terminal, JSON decodes to the value the pipe would have carried.
func checkDocument(t *testing.T, tc hostileCase, stdout string, sub []byte, terminal bool) {
	t.Helper()
	if tc.doc == "status" {
		// Escaped, not stripped, pipe or terminal: the name is all there.
		var v struct{ PCN struct{ Name string } }
		if err := json.Unmarshal([]byte(stdout), &v); err != nil || v.PCN.Name != "Riverside"+evil+" PCN" {
			t.Errorf("status --json: %v, pcn.name %q", err, v.PCN.Name)
		}
		return
	}
	if tc.doc != "json" {
		if tc.doc != "" && !strings.Contains(stdout, "Riverside") {
			t.Errorf("the %s paper lacks the PCN", tc.doc)
		}
		return
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v", err)
	}
	if tc.args[len(tc.args)-1] != "export" {
		return // a pack: its own test checks its bytes
	}
	if !terminal && stdout != string(sub) {
		t.Errorf("export to a pipe is not byte for byte what -o wrote")
	}
	var want map[string]any
	json.Unmarshal(sub, &want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("export on a terminal decodes to another value")
	}
}

// hostileRun is one run's fresh paths.
type hostileRun struct {
	f   *hostileFiles
	dir string
}

func newHostileRun(t *testing.T, f *hostileFiles) *hostileRun {
	return &hostileRun{f: f, dir: t.TempDir()}
}

func (h *hostileRun) expand(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		switch {
		case a == "{db}":
			a = h.copyDB(filepath.Join(h.dir, "pcnvoice.db"))
		case a == "{evildb}":
			a = h.copyDB(filepath.Join(h.dir, "evil"+evil+"\n.db"))
		case a == "{newdb}":
			a = filepath.Join(h.dir, "new.db")
		case a == "{keys}":
			a = filepath.Join(h.dir, "authorized_keys")
		case strings.HasPrefix(a, "{out}"):
			a = filepath.Join(h.dir, "out"+evil+"\n"+strings.TrimPrefix(a, "{out}"))
		}
		out[i] = a
	}
	return out
}

func (h *hostileRun) copyDB(to string) string {
	data, err := os.ReadFile(h.f.db)
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		panic(err)
	}
	return to
}

// ttyCapture opens a pseudo-terminal in raw mode (a newline stays a
// newline) and returns its end for pcnvoice to write to, what has been
// written so far, and a function that closes it and returns all of it.
func ttyCapture(t *testing.T) (*os.File, *serveLog, func() string) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	if _, err := xterm.MakeRaw(tty.Fd()); err != nil {
		t.Fatal(err)
	}
	got := &serveLog{}
	done := make(chan struct{})
	go func() {
		io.Copy(got, ptmx) // ends when tty closes (EIO on Linux)
		close(done)
	}()
	return tty, got, func() string {
		tty.Close()
		<-done
		ptmx.Close()
		return got.String()
	}
}

// outputs are the two ends a run writes to: buffers, or terminals.
func outputs(t *testing.T, terminal bool) (stdout, stderr io.Writer, sofar *serveLog, collect func() (string, string)) {
	if !terminal {
		o, e := &serveLog{}, &serveLog{}
		return o, e, e, func() (string, string) { return o.String(), e.String() }
	}
	o, _, closeOut := ttyCapture(t)
	e, seen, closeErr := ttyCapture(t)
	return o, e, seen, func() (string, string) { return closeOut(), closeErr() }
}

func (h *hostileRun) main(t *testing.T, args []string, terminal bool) cliResult {
	stdout, stderr, _, collect := outputs(t, terminal)
	m := &Main{Stdout: stdout, Stderr: stderr, Now: func() time.Time { return cliClock },
		Getenv: func(k string) string { return hostileEnv[k] }}
	code := m.Run(context.Background(), args)
	o, e := collect()
	return cliResult{code, o, e}
}

// serve runs `pcnvoice serve` and, while it runs, asks for the evil
// database's status over SSH, plain and JSON, and sends an evil command:
// the sessions' output and the server's log must be as safe as the rest.
func (h *hostileRun) serve(t *testing.T, args []string, terminal bool) cliResult {
	s := &served{user: serveSigner(t)}
	keys := args[slicesIndex(args, "--authorized-keys")+1]
	s.hostKey = args[slicesIndex(args, "--host-key")+1]
	writeFile(t, keys, gossh.MarshalAuthorizedKey(s.user.PublicKey()))
	stdout, stderr, seen, collect := outputs(t, terminal)
	m := &Main{Stdout: stdout, Stderr: stderr, Now: time.Now, Getenv: func(k string) string { return hostileEnv[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, args) }()
	listening := regexp.MustCompile(`listening on (127\.0\.0\.1:\d+) `)
	for deadline := time.Now().Add(10 * time.Second); s.addr == ""; time.Sleep(10 * time.Millisecond) {
		if m := listening.FindStringSubmatch(seen.String()); m != nil {
			s.addr = m[1]
		}
		if time.Now().After(deadline) {
			cancel()
			<-done
			o, e := collect()
			t.Fatalf("serve did not start:\n%q\n%q", o, e)
		}
	}
	c := s.dial(t)
	for _, command := range []string{"status", "status --json", "status" + evil} {
		r := sshRun(t, c, command)
		checkShown(t, fmt.Sprintf("ssh %q stdout", command), r.stdout)
		checkShown(t, fmt.Sprintf("ssh %q stderr", command), r.stderr)
		if (r.code == 0) != (command != "status"+evil) {
			t.Errorf("ssh %q: exit %d", command, r.code)
		}
	}
	c.Close()
	time.Sleep(50 * time.Millisecond) // the last session's log line
	cancel()
	code := <-done
	o, e := collect()
	if !strings.Contains(e, `cmd="status`) {
		t.Errorf("no session logged: %q", e)
	}
	return cliResult{code, o, e}
}

func slicesIndex(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// TestHostileNameShownQuoted is the issue's own attack: a practice map
// saved under a name that sets the clipboard (OSC 52) and turns the text
// red, imported on a terminal. The terminal gets the name escaped.
func TestHostileNameShownQuoted(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "map\x1b]52;c;SGVsbG8=\x07\x1b[31mRED.csv")
	data, err := os.ReadFile(nhsFixtures + "gp-reg-pat-prac-map.csv")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, name, data)
	h := &hostileRun{dir: dir}
	r := h.main(t, []string{"--db", filepath.Join(dir, "x.db"), "import", "--pcn", "U99001", name}, true)
	if r.code != 0 {
		t.Fatalf("exit %d: %q", r.code, r.stderr)
	}
	want := termtext.Name(name) + ": read as practice–PCN map"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("stdout %q lacks %q", r.stdout, want)
	}
	checkShown(t, "stdout", r.stdout)
	if bytes.Contains([]byte(r.stdout+r.stderr), []byte("\x1b]52")) {
		t.Error("OSC 52 reached the terminal")
	}
}

// TestOutputBoundary writes evil straight to the writers every command
// gets, as a command added later might: it arrives sanitised, with the
// names the run was given quoted, however it is cut into writes.
func TestOutputBoundary(t *testing.T) {
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	flush := m.setupOutput()
	m.names.addPath("/inbox/" + evilName + ".json")
	msg := "/inbox/" + evilName + ".json: " + evil + "bad\n"
	for i := range len(msg) {
		m.out.Write([]byte{msg[i]})
	}
	fmt.Fprint(m.errOut, "last line without a newline "+evil)
	flush()
	want := termtext.Name("/inbox/"+evilName+".json") + ": clickbad\n"
	if out.String() != want {
		t.Errorf("stdout %q, want %q", out.String(), want)
	}
	checkShown(t, "stderr", errb.String())
	if !strings.HasPrefix(errb.String(), "last line without a newline") {
		t.Errorf("stderr %q", errb.String())
	}
}
