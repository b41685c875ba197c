//go:build unix

// Peak memory is a process's, so these tests run the real binary as a child
// and read its resident set from the kernel: on Linux, /proc's VmRSS while
// it runs (to stop a runaway child before it takes the machine down) and
// VmHWM, the kernel's own peak, just before it stops; elsewhere the peak
// the kernel reports when it exits (ru_maxrss, which on Linux would also
// count the parent's pages shared before exec: a test binary built with
// -race is 120 MiB). Windows has neither; the in-process bound in
// internal/sshserve covers it there.

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// serveRSSLimit is the peak resident set a `pcnvoice serve` child may
// reach while one client does its worst. Measured: 19–24 MiB, the app
// drawn at 500×200 included; before the window was clamped, one huge pty
// request took the server past 6 GiB, and a flood of window changes to
// 900 MiB.
const serveRSSLimit = 100 << 20

// servedProcess is `pcnvoice serve` running as a child process.
type servedProcess struct {
	*served
	cmd     *exec.Cmd
	exited  chan struct{}
	peak    atomic.Int64 // its peak RSS (VmHWM) as last read, in bytes
	proc    atomic.Bool  // /proc has it: peak is the kernel's
	killed  atomic.Bool  // the watchdog killed it for going over the limit
	stopped sync.Once
}

// startServeProcess runs the real binary's serve on a loopback port, with a
// fresh key pair and host key in a temporary folder, and a watchdog that
// kills it if its resident set passes limit.
func startServeProcess(t *testing.T, limit int64, args ...string) *servedProcess {
	t.Helper()
	bin := pcnvoiceBinary(t)
	dir := t.TempDir()
	s := &served{log: &serveLog{}, user: serveSigner(t), hostKey: filepath.Join(dir, "ssh_host_ed25519_key")}
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(s.user.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"serve", "--listen", "127.0.0.1:0",
		"--authorized-keys", keys, "--host-key", s.hostKey}, args...)...)
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "HOME="+dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &servedProcess{served: s, cmd: cmd, exited: make(chan struct{})}
	copied := make(chan struct{})
	go func() { io.Copy(s.log, stderr); close(copied) }()
	go func() { <-copied; cmd.Wait(); close(p.exited) }()
	go p.watch(limit)
	s.stop = func() int {
		p.stopped.Do(func() {
			if hwm, ok := procStatus(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid), "VmHWM:"); ok && hwm > p.peak.Load() {
				p.peak.Store(hwm)
			}
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-p.exited:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				<-p.exited
				t.Errorf("serve did not stop within 20s of SIGTERM")
			}
		})
		return cmd.ProcessState.ExitCode()
	}
	t.Cleanup(func() { s.stop() })
	listening := regexp.MustCompile(`listening on (127\.0\.0\.1:\d+) `)
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if m := listening.FindStringSubmatch(s.log.String()); m != nil {
			s.addr = m[1]
			return p
		}
		select {
		case <-p.exited:
			t.Fatalf("serve exited: %s", s.log.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", s.log.String())
		}
	}
}

// watch samples the child's resident set every 20ms while /proc has it,
// remembering the peak, and kills the child the moment it passes limit.
func (p *servedProcess) watch(limit int64) {
	path := fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.exited:
			return
		case <-tick.C:
		}
		rss, ok := procStatus(path, "VmRSS:")
		if !ok {
			continue
		}
		p.proc.Store(true)
		if hwm, ok := procStatus(path, "VmHWM:"); ok && hwm > p.peak.Load() {
			p.peak.Store(hwm)
		}
		if rss > limit {
			p.killed.Store(true)
			p.cmd.Process.Kill()
			return
		}
	}
}

// procStatus reads a size (VmRSS:, VmHWM:) from a /proc/PID/status file,
// in bytes.
func procStatus(path, field string) (int64, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == field {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// peakRSS is the child's peak resident set as the kernel counted it: its
// VmHWM when /proc has it, else its ru_maxrss once it has exited.
func (p *servedProcess) peakRSS(t testing.TB) int64 {
	t.Helper()
	<-p.exited
	peak := p.peak.Load()
	if p.proc.Load() {
		return peak
	}
	if ru, ok := p.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		max := int64(ru.Maxrss) * 1024 // Linux and the BSDs count KiB
		if runtime.GOOS == "darwin" {
			max = int64(ru.Maxrss) // macOS counts bytes
		}
		peak = maxInt64(peak, max)
	}
	return peak
}

func maxInt64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// TestServeMemoryHugeWindowAndFlood: a client asks for a
// 2147483647×2147483647 terminal, or floods window changes of every size
// up to that; the real app over SSH stays usable and the server's peak
// resident set stays under serveRSSLimit.
func TestServeMemoryHugeWindowAndFlood(t *testing.T) {
	const huge = 2147483647
	for _, tc := range []struct {
		name  string
		w, h  int
		flood int
	}{
		{"huge pty", huge, huge, 0},
		{"window-change flood", 80, 24, 20000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := startServeProcess(t, serveRSSLimit, "--db", cliDemoDB(t))
			c := p.dial(t)
			term := openSSHTerminal(t, c, tc.w, tc.h)
			waitScreenOrDeath(t, p, term, "Riverside Health PCN")
			// As fast as the client can send them, each a random size up
			// to 2^31-1 each way, the last one the largest.
			rng := rand.New(rand.NewPCG(1, 2))
			start := time.Now()
			for i := range tc.flood {
				w, h := rng.IntN(huge)+1, rng.IntN(huge)+1
				if i == tc.flood-1 {
					w, h = huge, huge
				}
				if err := term.sess.WindowChange(h, w); err != nil {
					t.Fatalf("window change %d: %v (server killed for memory: %v, peak %.0f MiB)", i, err, p.killed.Load(), float64(p.peak.Load())/(1<<20))
				}
			}
			sent := time.Since(start)
			// The app still answers: section 2 shows.
			io.WriteString(term.in, "2")
			waitScreenOrDeath(t, p, term, "Practices")
			io.WriteString(term.in, "q")
			term.sess.Wait()
			c.Close()
			if code := p.stop(); code != 0 && !p.killed.Load() {
				t.Errorf("serve exited %d", code)
			}
			peak := p.peakRSS(t)
			t.Logf("peak RSS %.1f MiB (%d window changes sent in %s)", float64(peak)/(1<<20), tc.flood, sent.Round(time.Millisecond))
			if p.killed.Load() || peak > serveRSSLimit {
				t.Errorf("server's peak RSS %.0f MiB, over the %d MiB bound (killed by the watchdog: %v)",
					float64(peak)/(1<<20), serveRSSLimit>>20, p.killed.Load())
			}
		})
	}
}

// waitScreenOrDeath waits for the screen to show want, failing at once if
// the server died (the watchdog kills one that runs away).
func waitScreenOrDeath(t *testing.T, p *servedProcess, term *sshTerminal, want string) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(stripped(term), want); time.Sleep(20 * time.Millisecond) {
		select {
		case <-p.exited:
			t.Fatalf("server died waiting for %q (killed for memory: %v, peak %.0f MiB); log:\n%s",
				want, p.killed.Load(), float64(p.peak.Load())/(1<<20), p.log.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("screen never showed %q (peak %.0f MiB)", want, float64(p.peak.Load())/(1<<20))
		}
	}
}

// stripped is the terminal's output so far without escape sequences.
func stripped(term *sshTerminal) string { return ansi.Strip(term.out.String()) }
