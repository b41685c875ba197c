package sshserve

import (
	"io"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"go.uber.org/goleak"
	gossh "golang.org/x/crypto/ssh"
)

// verifyNoLeaks fails if any goroutine not in ignore is still running.
// goleak compares stacks, not counts; each Find retries for about half a
// second while goroutines finish, and a busy machine gets 20 seconds.
func verifyNoLeaks(t *testing.T, ignore goleak.Option) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; {
		err := goleak.Find(ignore)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
	}
}

// TestNoGoroutineOutlivesSession: once the client has gone, nothing it
// started is left running on the server, whichever way its sessions
// ended: the app quit, the app's session closed with the connection kept,
// the connection dropped mid-app, a status, a refused command, a session
// refused at the limit, and a window-change flood.
func TestNoGoroutineOutlivesSession(t *testing.T) {
	var got sizes
	var open atomic.Int32
	ts := startServer(t, func(c *Config) { c.App, c.MaxSessionsPerKey = drawApp(&got), 2 })
	run(t, ts.login(t), "status") // the server is surely up and accepting
	ignore := goleak.IgnoreCurrent()

	c := ts.login(t)
	quit := openTerminal(t, c, 80, 24)
	got.waitLast(t, tea.WindowSizeMsg{Width: 80, Height: 24})
	io.WriteString(quit.in, "q")
	if err := quit.sess.Wait(); err != nil {
		t.Fatalf("app quit with q: %v", err)
	}
	// A session's place is freed once the server has seen it end, which
	// can come a moment after the client has: wait for its log line
	// before opening the next, or the key's limit of 2 is reached early.
	waitForMatch(t, ts, `(?m) cmd=\(app\) duration=\S+ exit=0`)
	run(t, c, "status")
	waitForMatch(t, ts, `(?s)cmd="status" duration=\S+ exit=0.*cmd="status" duration=\S+ exit=0`) // the second status
	run(t, c, "rm -rf /")
	// Another key, whose sessions so far are none (a session's place is
	// freed only once the server has seen it closed).
	other, third := newSigner(t), newSigner(t)
	writeKeys(t, ts.keysPath, ts.user, other, third)
	c2, err := ts.dial(t, gossh.PublicKeys(other))
	if err != nil {
		t.Fatal(err)
	}
	held := openTerminal(t, c2, 90, 30)
	got.waitLast(t, tea.WindowSizeMsg{Width: 90, Height: 30})
	openTerminal(t, c2, 91, 30)
	got.waitLast(t, tea.WindowSizeMsg{Width: 91, Height: 30})
	if _, err := c2.NewSession(); err == nil {
		t.Error("a third session with one key was let in")
	}
	held.sess.Close() // the session closed, the connection kept
	waitForMatch(t, ts, `(?m) cmd=\(app\) duration=\S+ exit=1 end="the client went away"$`)

	flood, err := ts.dial(t, gossh.PublicKeys(third))
	if err != nil {
		t.Fatal(err)
	}
	term := openTerminal(t, flood, 80, 24)
	got.waitLast(t, tea.WindowSizeMsg{Width: 80, Height: 24})
	for range 2000 {
		term.sess.WindowChange(rand.IntN(1<<31), rand.IntN(1<<31))
	}
	c.Close() // dropped mid-app
	c2.Close()
	flood.Close()
	waitForMatch(t, ts, `(?m) cmd=\(app\) duration=\S+ exit=1 end="the client went away"$`)
	if n := open.Load(); n != 0 {
		t.Errorf("%d apps open", n)
	}
	verifyNoLeaks(t, ignore)
}

// TestWindowFloodBounded: a flood of window changes of any size reaches
// the app as a few sizes, the latest, each clamped; the heap stays small
// although the app draws every cell of its window.
func TestWindowFloodBounded(t *testing.T) {
	var got sizes
	ts := startServer(t, func(c *Config) { c.App = drawApp(&got) })
	term := openTerminal(t, ts.login(t), 80, 24)
	got.waitLast(t, tea.WindowSizeMsg{Width: 80, Height: 24})

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	const flood = 20000
	rng := rand.New(rand.NewPCG(3, 4))
	for range flood {
		if err := term.sess.WindowChange(rng.IntN(1<<31), rng.IntN(1<<31)); err != nil {
			t.Fatal(err)
		}
	}
	if err := term.sess.WindowChange(45, 123); err != nil {
		t.Fatal(err)
	}
	got.waitLast(t, tea.WindowSizeMsg{Width: 123, Height: 45})
	close(stop)
	<-sampled
	given := len(got.all())
	grew := int64(peak.Load()) - int64(base)
	t.Logf("%d window changes reached the app as %d sizes; heap grew by at most %.1f MiB", flood+1, given, float64(grew)/(1<<20))
	if given > flood/20 {
		t.Errorf("%d sizes given to the app for %d window changes: not coalesced", given, flood+1)
	}
	if grew > 64<<20 {
		t.Errorf("the heap grew by %.0f MiB during the flood", float64(grew)/(1<<20))
	}
	for _, s := range got.all() {
		if s.Width > MaxWidth || s.Height > MaxHeight {
			t.Fatalf("the app was given %dx%d", s.Width, s.Height)
		}
	}
}
