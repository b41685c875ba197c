package common

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"
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

func TestThousandsPlural(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 41230: "41,230", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q", n, got)
		}
	}
	if Plural(1, "note", "notes") != "1 note" || Plural(0, "note", "notes") != "0 notes" {
		t.Error("Plural")
	}
}

// TestWriterKeepsOrder: writes run one at a time in the order queued, even
// when their commands are run in another order or not at all, and Wait
// returns only once all are done.
func TestWriterKeepsOrder(t *testing.T) {
	w := NewWriter(context.Background(), false)
	var mu sync.Mutex
	var got []int
	var cmds []func() any
	for i := 0; i < 50; i++ {
		cmd := w.Do("t", "", func(context.Context) (any, error) {
			mu.Lock()
			got = append(got, i)
			mu.Unlock()
			return i, nil
		})
		if i%2 == 0 { // half the commands never run, as after a quit
			cmds = append(cmds, func() any { return cmd() })
		}
	}
	last := cmds[len(cmds)-1]().(SavedMsg)
	if last.Value != 48 || last.Pending != 1 {
		t.Errorf("last run command reported %+v", last)
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
	msg := w.Do("t", "ok", func(ctx context.Context) (any, error) { return nil, ctx.Err() })().(SavedMsg)
	if msg.Err != nil || msg.Notice != "ok" {
		t.Errorf("a write after the context ended: %+v", msg)
	}
	ro := NewWriter(context.Background(), true)
	ran := false
	msg = ro.Do("t", "", func(context.Context) (any, error) { ran = true; return nil, nil })().(SavedMsg)
	if ran || !errors.Is(msg.Err, errReadOnly) {
		t.Errorf("read-only writer ran %v, err %v", ran, msg.Err)
	}
}
