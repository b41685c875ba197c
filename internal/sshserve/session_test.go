package sshserve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeStatus stands in for cmd/pcnvoice's status, whose own tests check
// the content; here what matters is which form each command gets.
func fakeStatus(_ context.Context, w io.Writer, asJSON bool) error {
	if asJSON {
		_, err := io.WriteString(w, `{"pcn":{"code":"U99001"},"period":"2026/27 Q3"}`+"\n")
		return err
	}
	_, err := io.WriteString(w, "Riverside Health PCN (U99001)\nICS: Test · period 2026/27 Q3\n")
	return err
}

func TestCommands(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.login(t)
	tests := []struct {
		command        string
		code           int
		stdout, stderr string
		wantJSON       bool
	}{
		{command: "status", stdout: "Riverside Health PCN (U99001)\n"},
		{command: "  status  ", stdout: "Riverside Health PCN (U99001)\n"},
		{command: "status --json", wantJSON: true},
		{command: "", stdout: "Riverside Health PCN (U99001)\n"}, // no terminal, no command: scripts get the status
		{command: "rm -rf /", code: 2, stderr: unknownCommand + "\n"},
		{command: "status --json --extra", code: 2, stderr: unknownCommand + "\n"},
		{command: "pcnvoice export", code: 2, stderr: unknownCommand + "\n"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.command), func(t *testing.T) {
			out, errOut, code := run(t, c, tt.command)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if tt.stderr != "" && errOut != tt.stderr {
				t.Errorf("stderr %q, want %q", errOut, tt.stderr)
			}
			if !strings.HasPrefix(out, tt.stdout) {
				t.Errorf("stdout %q, want it to start %q", out, tt.stdout)
			}
			if tt.wantJSON {
				var v struct{ Period string }
				if err := json.Unmarshal([]byte(out), &v); err != nil || v.Period != "2026/27 Q3" {
					t.Errorf("status --json gave %q (%v)", out, err)
				}
			}
		})
	}
}

func TestStatusErrorExitsOne(t *testing.T) {
	ts := startServer(t, func(c *Config) {
		c.Status = func(context.Context, io.Writer, bool) error {
			return errors.New("no database at /srv/pcnvoice.db yet:\nrun `pcnvoice`")
		}
	})
	out, errOut, code := run(t, ts.login(t), "status")
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	if want := "pcnvoice: no database at /srv/pcnvoice.db yet: run `pcnvoice`\n"; errOut != want {
		t.Errorf("stderr %q, want one line %q", errOut, want)
	}
}

func TestSessionLogLine(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.login(t)
	run(t, c, "status --json")
	run(t, c, "bogus\x1b[31m\nforged line")
	fp := regexp.QuoteMeta(fingerprint(ts.user.PublicKey()))
	for _, want := range []string{
		`(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 127\.0\.0\.1:\d+ user="alice" key=` + fp + ` cmd="status --json" duration=\d+\.\d{3}s exit=0$`,
		`(?m)^\S+Z 127\.0\.0\.1:\d+ user="alice" key=` + fp + ` cmd="bogus\\x1b\[31m\\nforged line" duration=\S+ exit=2$`,
	} {
		waitForMatch(t, ts, want)
	}
	if strings.Contains(ts.log.String(), "\x1b") {
		t.Errorf("escape sequence reached the log:\n%q", ts.log.String())
	}
}

// waitForMatch waits for the log to hold a line matching re: the server
// logs a session after it has sent the exit status, so just after the
// client has seen it.
func waitForMatch(t *testing.T, ts *testServer, re string) {
	t.Helper()
	rx := regexp.MustCompile(re)
	for range 200 {
		if rx.MatchString(ts.log.String()) {
			return
		}
		sleepBriefly()
	}
	t.Errorf("log has no line matching %s:\n%s", re, ts.log.String())
}

func TestPanicStaysInItsSession(t *testing.T) {
	var calls atomic.Int32
	ts := startServer(t, func(c *Config) {
		c.Status = func(ctx context.Context, w io.Writer, asJSON bool) error {
			if calls.Add(1) == 1 {
				panic("boom")
			}
			return fakeStatus(ctx, w, asJSON)
		}
	})
	c := ts.login(t)
	if _, errOut, code := run(t, c, "status"); code != 1 || !strings.Contains(errOut, "internal error") {
		t.Errorf("panicking session: exit %d, stderr %q", code, errOut)
	}
	if out, _, code := run(t, c, "status"); code != 0 || !strings.Contains(out, "Riverside") {
		t.Errorf("next session: exit %d, %q", code, out)
	}
	waitForMatch(t, ts, `panic in session: boom`)
}
