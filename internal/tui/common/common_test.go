package common

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

func TestTruncateAndFit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"hello", 10, "hello"},
		{"hello world", 8, "hello w…"},
		{"医療医療医療", 7, "医療医…"}, // wide runes count two cells
		{"abc", 0, ""},
		{"abc", 1, "…"},
	} {
		if got := Truncate(tc.in, tc.w); got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
		if got := Fit(tc.in, tc.w); ansi.StringWidth(got) != tc.w {
			t.Errorf("Fit(%q, %d) is %d wide", tc.in, tc.w, ansi.StringWidth(got))
		}
	}
	if got := FitRight("41", 5); got != "   41" {
		t.Errorf("FitRight = %q", got)
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("one two three four five six", 9, 2)
	if want := []string{"one two", "three…"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
	for _, l := range Wrap(strings.Repeat("医", 30)+"\nsecond line", 7, 0) {
		if w := ansi.StringWidth(l); w > 7 {
			t.Errorf("wrapped line %q is %d wide", l, w)
		}
	}
}

// TestWriterKeepsOrder: writes run one at a time in the order queued, even
// when their commands are run in another order or not at all, and Wait
// returns only once all are done. Pending counts the writes of one kind
// still queued; a write of another kind or a read (After) does not count.
func TestWriterKeepsOrder(t *testing.T) {
	w := NewWriter(context.Background(), false)
	var mu sync.Mutex
	var got []int
	var cmds []func() any
	for i := 0; i < 50; i++ {
		cmd := Do(w, "", func(context.Context) (int, error) {
			mu.Lock()
			got = append(got, i)
			mu.Unlock()
			return i, nil
		})
		if i%2 == 0 { // half the commands never run, as after a quit
			cmds = append(cmds, func() any { return cmd() })
		}
	}
	read := w.After(func(context.Context) tea.Msg {
		mu.Lock()
		defer mu.Unlock()
		return len(got)
	})
	other := Do(w, "", func(context.Context) (string, error) { return "other", nil })
	last := cmds[len(cmds)-1]().(SavedMsg[int])
	if last.Value != 48 || last.Pending != 1 {
		t.Errorf("last run command reported %+v", last)
	}
	if n := read(); n != 50 {
		t.Errorf("a read queued after 50 writes saw %v of them", n)
	}
	if o := other().(SavedMsg[string]); o.Value != "other" || o.Pending != 0 {
		t.Errorf("a write of another kind reported %+v", o)
	}
	w.Wait()
	for i, v := range got {
		if v != i {
			t.Fatalf("writes ran in order %v", got)
		}
	}
	if len(got) != 50 {
		t.Errorf("%d of 50 writes ran", len(got))
	}
}

func TestWriterOutlivesContextAndRefusesReadOnly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := NewWriter(ctx, false)
	msg := Do(w, "ok", func(ctx context.Context) (any, error) { return nil, ctx.Err() })().(SavedMsg[any])
	if msg.Err != nil || msg.Notice != "ok" {
		t.Errorf("a write after the context ended: %+v", msg)
	}
	ro := NewWriter(context.Background(), true)
	ran := false
	msg = Do(ro, "", func(context.Context) (any, error) { ran = true; return nil, nil })().(SavedMsg[any])
	if ran || !errors.Is(msg.Err, errReadOnly) {
		t.Errorf("read-only writer ran %v, err %v", ran, msg.Err)
	}
}

// guarded is a write's result holding saved text.
type guarded string

func (g guarded) GuardFields() []pii.Field { return []pii.Field{{Path: "text", Text: string(g)}} }

// TestWriterGuardsSavedText: a write that saved text comes back with the
// patient-data guard's findings in it.
func TestWriterGuardsSavedText(t *testing.T) {
	w := NewWriter(context.Background(), false)
	msg := Do(w, "", func(context.Context) (guarded, error) { return "NHS 943 476 5919 rang", nil })().(SavedMsg[guarded])
	if !pii.Blocking(msg.Findings) {
		t.Errorf("no blocking finding in a saved NHS number: %+v", msg.Findings)
	}
	clean := Do(w, "", func(context.Context) (guarded, error) { return "the lift is broken", nil })().(SavedMsg[guarded])
	if len(clean.Findings) != 0 {
		t.Errorf("findings in clean text: %+v", clean.Findings)
	}
}

// TestLedger: spans of the app's own changes, merged when contiguous, tell
// a range of versions the app made from one with another program's change
// inside.
func TestLedger(t *testing.T) {
	var l Ledger
	l.Record(store.Change{Before: 5, After: 6})
	l.Record(store.Change{Before: 6, After: 9}) // merged: 5–9
	l.Record(store.Change{Before: 10, After: 12})
	for _, tc := range []struct {
		from, to int64
		own      bool
	}{
		{5, 9, true}, {7, 9, true}, {9, 9, true}, {5, 10, false}, {9, 10, false}, {10, 12, true}, {5, 12, false}, {12, 13, false}, {4, 5, false},
	} {
		if got := l.Own(tc.from, tc.to); got != tc.own {
			t.Errorf("Own(%d, %d) = %v", tc.from, tc.to, got)
		}
	}
}
