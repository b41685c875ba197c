package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// forumKey is the Forum section's key in the app's tab bar.
const forumKey = "8"

// serverSecret is a file elsewhere on the server: what the issue found
// echoed to a remote user who typed its path.
func serverSecret(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other-pcn-private.json")
	if err := os.WriteFile(path, []byte(`{"format":"TOP-SECRET-VALUE-from-server-file"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestServeForumOpensNoTypedPath: over SSH, without --forum-dir, the Forum
// section says the forum is not shared, offers no prompt, and a path typed
// anyway is never read: its content never reaches the screen.
func TestServeForumOpensNoTypedPath(t *testing.T) {
	secret := serverSecret(t)
	s := startServe(t, t.TempDir(), "--db", cliDemoDB(t))
	term := openSSHTerminal(t, s.dial(t), 100, 30)
	term.waitScreen(t, "Riverside Health PCN")
	io.WriteString(term.in, forumKey)
	term.waitScreen(t, "The forum is not shared over SSH")
	io.WriteString(term.in, "o")
	term.waitScreen(t, "the forum is not shared over SSH") // o's notice
	io.WriteString(term.in, secret+"\r")
	io.WriteString(term.in, "1") // the Overview: every key before it was handled
	term.waitScreen(t, "Statement")
	if screen := ansi.Strip(term.out.String()); strings.Contains(screen, "TOP-SECRET") || strings.Contains(screen, "open: ") {
		t.Errorf("the typed path was offered or opened:\n%s", screen)
	}
	if !strings.Contains(s.log.String(), "the forum is not shared over SSH") {
		t.Errorf("the log does not say the forum is not shared:\n%s", s.log.String())
	}
}

// TestServeForumDir: with --forum-dir the Forum section lists the packs
// there, by name, and opens the one chosen; a path typed is not a choice.
func TestServeForumDir(t *testing.T) {
	secret := serverSecret(t)
	dir := t.TempDir()
	db := cliDemoDB(t)
	sub := filepath.Join(t.TempDir(), "U99001.json")
	if r := cliRun(t, nil, "--db", db, "export", "-o", sub); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := cliRun(t, nil, "merge", "-o", filepath.Join(dir, "2026-27 Q3 forum.json"), sub); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "secret.json")); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, t.TempDir(), "--db", db, "--forum-dir", dir)
	term := openSSHTerminal(t, s.dial(t), 100, 30)
	term.waitScreen(t, "Riverside Health PCN")
	io.WriteString(term.in, forumKey)
	term.waitScreen(t, "Press o to choose one of the forum packs shared")
	io.WriteString(term.in, "o")
	term.waitScreen(t, "▸ 2026-27 Q3 forum.json")
	io.WriteString(term.in, secret) // typed: moves nothing, opens nothing
	io.WriteString(term.in, "\r")
	term.waitScreen(t, "merged 1 PCN for 2026/27 Q3")
	term.waitScreen(t, "[r ranking]")
	if screen := ansi.Strip(term.out.String()); strings.Contains(screen, "secret.json") || strings.Contains(screen, "TOP-SECRET") {
		t.Errorf("a link out of the folder was offered or opened:\n%s", screen)
	}
	if !strings.Contains(s.log.String(), "the app's Forum section lists the packs in "+dir) {
		t.Errorf("the log does not name the shared folder:\n%s", s.log.String())
	}
}

// TestServeForumDirChecked: a --forum-dir that is not a folder stops the
// server before it listens, with one line naming it.
func TestServeForumDirChecked(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o600)
	for _, bad := range []string{filepath.Join(dir, "missing"), file} {
		r := cliRun(t, nil, "serve", "--listen", "127.0.0.1:0", "--forum-dir", bad, "--authorized-keys", filepath.Join(dir, "k"),
			"--host-key", filepath.Join(dir, "hk"), "--db", filepath.Join(dir, "db"))
		if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "--forum-dir "+bad) {
			t.Errorf("--forum-dir %s: exit %d, %q", bad, r.code, r.stderr)
		}
	}
}
