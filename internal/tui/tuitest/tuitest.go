// Package tuitest helps the TUI's tests: a demo database in a temp folder, a
// fixed clock, key messages from names, a driver that runs commands
// synchronously and feeds their messages back, and golden files (with the
// -update flag) kept in internal/tui/testdata/golden.
package tuitest

import (
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
	"github.com/pcnvoice/pcnvoice/internal/tui/styles"
)

var update = flag.Bool("update", false, "rewrite the TUI's golden files")

// Now is the tests' fixed clock: 18 November 2026, in 2026/27 Q3.
func Now() time.Time { return time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC) }

// DB opens a new database in a temp folder, holding the demo PCN when
// withDemo is true and nothing (no PCN) otherwise.
func DB(tb testing.TB, withDemo bool) *store.DB {
	tb.Helper()
	ctx := context.Background()
	p := domain.PeriodOf(Now())
	db, err := store.Open(ctx, filepath.Join(tb.TempDir(), "t.db"), store.Options{Create: true, Period: p.String()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if withDemo {
		if err := db.Restore(ctx, demo.Snapshot(config.Default(), Now()), nil); err != nil {
			tb.Fatal(err)
		}
	}
	return db
}

// HistoryDB opens a new database holding the demo PCN with its year of
// exported history (demo.Seed): four revisions, the last a week old, and
// changes since.
func HistoryDB(tb testing.TB) *store.DB {
	tb.Helper()
	db := DB(tb, false)
	if err := demo.Seed(context.Background(), db, config.Default(), Now(), "pcnvoice test"); err != nil {
		tb.Fatal(err)
	}
	return db
}

// Renderer is a renderer with full colour, so views carry escape codes that
// Strip must remove, or, with plain, none at all (NO_COLOR).
func Renderer(plain bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	if plain {
		r.SetColorProfile(termenv.Ascii)
	} else {
		r.SetColorProfile(termenv.TrueColor)
	}
	return r
}

// Common is what a screen gets from the root, sized w × h.
func Common(tb testing.TB, db *store.DB, readOnly bool, w, h int) common.Common {
	tb.Helper()
	ctx := context.Background()
	wr := common.NewWriter(ctx, readOnly)
	tb.Cleanup(wr.Wait)
	return common.Common{
		Ctx: ctx, DB: db, Config: config.Default(), Styles: styles.New(Renderer(false)),
		Keys: keys.New(readOnly), Writer: wr, Now: Now, ReadOnly: readOnly, Width: w, Height: h,
	}
}

// Key makes the message for a key: "enter", "esc", "tab", "shift+tab",
// "up", "down", "shift+up", "shift+down", "backspace", "ctrl+s",
// "ctrl+c", "space", or else the literal characters typed.
func Key(name string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "shift+up": tea.KeyShiftUp, "shift+down": tea.KeyShiftDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "backspace": tea.KeyBackspace,
		"ctrl+s": tea.KeyCtrlS, "ctrl+c": tea.KeyCtrlC, "space": tea.KeySpace,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if t, ok := named[name]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// Keys makes a message per name.
func Keys(names ...string) []tea.Msg {
	out := make([]tea.Msg, len(names))
	for i, n := range names {
		out[i] = Key(n)
	}
	return out
}

// Updater is anything with a Bubble Tea Update returning its own type.
type Updater[M any] interface {
	Update(tea.Msg) (M, tea.Cmd)
}

// TB is what Drive and Run need of a test: testing.TB, or a rapid.T in a
// property test.
type TB interface {
	Helper()
	Fatal(args ...any)
}

// Drive feeds msgs to m one at a time, as a user who waits for the screen
// to settle: each command is run at once and its messages fed back before
// the next of msgs. It returns the model and every message the commands
// made (the banner's errors and notices, which a screen passes up).
func Drive[M Updater[M]](tb TB, m M, msgs ...tea.Msg) (M, []tea.Msg) {
	tb.Helper()
	var made []tea.Msg
	for _, msg := range msgs {
		queue := []tea.Msg{msg}
		for steps := 0; len(queue) > 0; steps++ {
			if steps > 10000 {
				tb.Fatal("Drive: the model keeps making messages")
			}
			var cmd tea.Cmd
			m, cmd = m.Update(queue[0])
			queue = queue[1:]
			out := Run(tb, cmd)
			made = append(made, out...)
			queue = append(queue, out...)
		}
	}
	return m, made
}

// Run runs cmd (and, for a batch, each of its commands) and returns the
// messages made. tea.Quit's message is returned like any other.
func Run(tb TB, cmd tea.Cmd) []tea.Msg {
	tb.Helper()
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		tb.Fatal("Run: a command did not finish in 10s")
	}
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, Run(tb, c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// Strip removes escape codes and trailing spaces, for comparing views.
func Strip(s string) string {
	lines := strings.Split(ansi.Strip(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// Golden compares got (a view; escape codes are stripped) with the golden
// file name.golden, rewriting it under -update.
func Golden(tb testing.TB, name, got string) {
	tb.Helper()
	got = Strip(got) + "\n"
	_, file, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(file), "..", "testdata", "golden", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run the test with -update to create it)", err)
	}
	if string(want) != got {
		tb.Errorf("view %s differs from %s (run with -update if the change is meant)\n--- got ---\n%s--- want ---\n%s", name, path, got, want)
	}
}

// Section is what a screen's test needs of it: Update, SetSize and Focus
// returning its own type.
type Section[M any] interface {
	Updater[M]
	SetSize(w, h int) M
	Focus() (M, tea.Cmd)
}

// Screen builds a screen with build on a new demo database, as the root
// would at 80×20, and runs its first load. It returns the screen and the
// database.
func Screen[M Section[M]](tb testing.TB, build func(common.Common) M) (M, *store.DB) {
	tb.Helper()
	db := DB(tb, true)
	m, cmd := build(Common(tb, db, false, 80, 20)).SetSize(80, 20).Focus()
	m, _ = Drive(tb, m, Run(tb, cmd)...)
	return m, db
}

// ScreenOn is Screen on the database db.
func ScreenOn[M Section[M]](tb testing.TB, db *store.DB, build func(common.Common) M) M {
	tb.Helper()
	m, cmd := build(Common(tb, db, false, 80, 20)).SetSize(80, 20).Focus()
	m, _ = Drive(tb, m, Run(tb, cmd)...)
	return m
}

// Press sends keys to m, as Drive does, and returns the model.
func Press[M Updater[M]](tb testing.TB, m M, keys ...string) M {
	tb.Helper()
	m, _ = Drive(tb, m, Keys(keys...)...)
	return m
}
