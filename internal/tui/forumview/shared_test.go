package forumview

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"pgregory.net/rapid"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// secret is a file elsewhere on the server: a valid pack, which would open
// if the screen ever opened it.
func secret(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(workedPack)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "other-pcn-private.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// remote is the Forum screen of a session over SSH sharing dir ("" for
// none).
func remote(t testing.TB, dir string) Model {
	t.Helper()
	com := tuitest.Common(t, nil, true, 80, 22)
	com.Remote, com.ForumDir = true, dir
	return New(com).SetSize(80, 22)
}

// said is what the messages made tell the user.
func said(msgs []tea.Msg) string {
	var out []string
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.ErrMsg:
			out = append(out, "error: "+msg.Err.Error())
		case common.NoticeMsg:
			out = append(out, msg.Text)
		}
	}
	return strings.Join(out, "\n")
}

func TestRemoteNotShared(t *testing.T) {
	sec := secret(t)
	m := remote(t, "")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "The forum is not shared over SSH") {
		t.Errorf("the screen does not say the forum is not shared:\n%s", v)
	}
	if h := m.ShortHelp(); len(h) != 0 {
		t.Errorf("help offers %v with nothing to open", h)
	}
	m, msgs := tuitest.Drive(t, m, tuitest.Keys("o", sec, "enter", "o", filepath.Dir(sec), "enter")...)
	v := tuitest.Strip(m.View())
	if m.opened || m.Capturing() || strings.Contains(v, "open: ") || strings.Contains(said(msgs), sec) {
		t.Errorf("a typed path was offered or opened (opened %v):\n%s\n%s", m.opened, v, said(msgs))
	}
	if !strings.Contains(said(msgs), "the forum is not shared over SSH") {
		t.Errorf("o says %q", said(msgs))
	}
}

// sharedDir is a forum folder as a server's owner might keep it, with
// everything in it that must not be offered.
func sharedDir(t testing.TB, sec string) string {
	t.Helper()
	dir := t.TempDir()
	pack, err := os.ReadFile(workedPack)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("2026-27-Q3 forum.json", pack)
	write("Q2.JSON", pack)
	write(".Q3.json.1234.tmp", pack) // an atomic write's temporary
	write(".hidden.json", pack)
	write("minutes.txt", []byte("not a pack"))
	if err := os.Mkdir(filepath.Join(dir, "last-year.json"), 0o700); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "huge.json"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(maxPackBytes + 1) // sparse: no disk used
	big.Close()
	if err := os.Symlink(sec, filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRemotePicker(t *testing.T) {
	sec := secret(t)
	dir := sharedDir(t, sec)
	m := remote(t, dir)
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Press o to choose one of the forum packs shared") {
		t.Errorf("the screen does not offer the shared packs:\n%s", v)
	}
	m, _ = tuitest.Drive(t, m, tuitest.Keys("o")...)
	v := tuitest.Strip(m.View())
	if got, want := m.shared.names, []string{"2026-27-Q3 forum.json", "Q2.JSON"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("offered %q, want %q", got, want)
	}
	if strings.Contains(v, dir) {
		t.Errorf("the picker shows the server's folder %s:\n%s", dir, v)
	}
	for _, want := range []string{"Forum packs shared on this server", "▸ 2026-27-Q3 forum.json", "  Q2.JSON", "2 packs · 1 over 64 MiB not offered"} {
		if !strings.Contains(v, want) {
			t.Errorf("the picker lacks %q:\n%s", want, v)
		}
	}
	// Typing a path in the picker does nothing but move and cancel.
	m, msgs := tuitest.Drive(t, m, tuitest.Keys(sec, "esc")...)
	if m.opened || m.loading != "" || m.shared.open || said(msgs) != "" {
		t.Fatalf("typing a path in the picker did something: %q", said(msgs))
	}
	m, msgs = tuitest.Drive(t, m, tuitest.Keys("o", "j", "enter")...)
	if !m.opened || !strings.HasPrefix(said(msgs), "merged 5 PCNs") || m.d.source != "Q2.JSON" {
		t.Fatalf("enter on Q2.JSON: opened %v from %q, said %q", m.opened, m.d.source, said(msgs))
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "[r ranking]") {
		t.Errorf("the opened pack:\n%s", v)
	}
	// No view of the opened pack names the server's folder (coverage has
	// a "Read" line).
	for _, k := range []string{"v", "c", "m", "s", "f", "w", "p"} {
		m, _ = tuitest.Drive(t, m, tuitest.Keys(k)...)
		if v := tuitest.Strip(m.View()); strings.Contains(v, dir) {
			t.Errorf("view %s shows the server's folder %s:\n%s", k, dir, v)
		}
	}
}

// TestRemotePickerSwapped: a listed pack replaced, before it is opened,
// by a link to a file elsewhere is not followed.
func TestRemotePickerSwapped(t *testing.T) {
	sec := secret(t)
	dir := sharedDir(t, sec)
	m, _ := tuitest.Drive(t, remote(t, dir), tuitest.Keys("o")...)
	target := filepath.Join(dir, "Q2.JSON")
	if err := os.Remove(target); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(sec, target); err != nil {
		t.Fatal(err)
	}
	m, msgs := tuitest.Drive(t, m, tuitest.Keys("j", "enter")...)
	if m.opened || !strings.Contains(said(msgs), "Q2.JSON: no longer a pack in the shared folder") {
		t.Errorf("a swapped-in link: opened %v, said %q", m.opened, said(msgs))
	}
}

// TestRemoteNeverOpensTypedPath: whatever keys a remote user presses, with
// or without a shared folder, nothing outside the folder is opened and
// the secret's path never shows.
func TestRemoteNeverOpensTypedPath(t *testing.T) {
	sec := secret(t)
	dir := sharedDir(t, sec)
	keys := []string{"o", "enter", "esc", "j", "k", "G", "g", "r", "c", "m", "v", "p", "/", "backspace",
		sec, filepath.Dir(sec), "../", "~/", "link.json", "huge.json"}
	rapid.Check(t, func(rt *rapid.T) {
		shared := rapid.Bool().Draw(rt, "shared")
		m := remote(t, map[bool]string{true: dir}[shared])
		for _, k := range rapid.SliceOfN(rapid.SampledFrom(keys), 1, 30).Draw(rt, "keys") {
			var msgs []tea.Msg
			m, msgs = tuitest.Drive(t, m, tuitest.Key(k))
			if s := said(msgs); strings.Contains(s, sec) {
				rt.Fatalf("after %q: %s", k, s)
			}
			// What was opened is named by its name in the folder alone.
			if m.opened {
				if _, err := os.Lstat(filepath.Join(dir, m.d.source)); err != nil || filepath.Base(m.d.source) != m.d.source {
					rt.Fatalf("opened %q, not a pack of the shared folder", m.d.source)
				}
			}
			if v := tuitest.Strip(m.View()); strings.Contains(v, "open: ") {
				rt.Fatalf("after %q the screen shows:\n%s", k, v)
			}
		}
	})
}

// TestListPacksBounded: a shared folder of thousands of files is read only
// so far, and only so many packs are offered; the list says there is more.
func TestListPacksBounded(t *testing.T) {
	dir := t.TempDir()
	for i := range 5000 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("pack-%04d.json", i)), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got := listPacks(dir)
	if got.err != nil || len(got.names) != maxPacks || !got.more {
		t.Fatalf("listed %d names, more %v, err %v; want %d and more", len(got.names), got.more, got.err, maxPacks)
	}
	for i := 1; i < len(got.names); i++ {
		if got.names[i-1] >= got.names[i] {
			t.Fatalf("not sorted at %d: %q, %q", i, got.names[i-1], got.names[i])
		}
	}
	if got := listPacks(filepath.Join(dir, "missing")); got.err == nil {
		t.Error("a missing folder listed without error")
	}
}

// TestRemoteNamesOnlyThePack: over SSH a bad pack's error names the pack,
// not the server's folder (SPEC §11), and a name holding control
// characters is listed quoted, so it cannot pass for another pack.
func TestRemoteNamesOnlyThePack(t *testing.T) {
	dir := t.TempDir()
	bad, evil := "bad.json", "esc\x1b[31mred.json"
	for name, text := range map[string]string{bad: `{"format": "pcnvoice.forum"`, evil: "x", "escred.json": "y"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := tuitest.Drive(t, remote(t, dir), tuitest.Keys("o")...)
	v := tuitest.Strip(m.View())
	if !strings.Contains(v, `"esc\x1b[31mred.json"`) || !strings.Contains(v, "  escred.json") {
		t.Errorf("the hostile name is not shown quoted beside the plain one:\n%s", v)
	}
	m, msgs := tuitest.Drive(t, m, tuitest.Keys("enter")...) // bad.json sorts first
	got := said(msgs)
	if m.opened || !strings.Contains(got, "bad.json") || strings.Contains(got, dir) {
		t.Errorf("opening bad.json said %q (the folder is %s)", got, dir)
	}
}
