package common

import (
	"context"
	"errors"
	"reflect"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// errReadOnly is returned for any write attempted in a read-only session,
// a second line of defence behind the disabled edit keys.
var errReadOnly = errors.New(ReadOnlyText)

// Writer saves confirmed edits one at a time, in the order they were
// confirmed, on a goroutine of its own, and keeps the Ledger of the
// changes they made.
//
// Why not one tea.Cmd per save: Bubble Tea runs commands concurrently, so
// two quick status changes could land in the wrong order; and it does not
// run commands still queued when the program quits, which would lose an edit
// the user had confirmed. Do only appends to an in-memory queue (Update
// never blocks or touches the disk); Wait, called after the program ends,
// lets the queue drain before the database closes.
type Writer struct {
	ctx      context.Context
	readOnly bool
	// Ledger holds the database versions this app's own writes made.
	Ledger *Ledger

	mu      sync.Mutex
	idle    *sync.Cond
	queue   []*job
	running bool
}

type job struct {
	kind reflect.Type // the result's type: writes of one kind count as Pending
	run  func(context.Context)
	done chan struct{}
	left int
}

// NewWriter returns a writer whose writes run in a context detached from
// ctx's cancellation: a save confirmed just before a SIGTERM still commits.
func NewWriter(ctx context.Context, readOnly bool) *Writer {
	w := &Writer{ctx: context.WithoutCancel(ctx), readOnly: readOnly, Ledger: &Ledger{}}
	w.idle = sync.NewCond(&w.mu)
	return w
}

// Guarded is a write's result that holds text the user just saved: the
// Writer runs the patient-data guard over it (SPEC §9: the app warns the
// moment such a field is saved).
type Guarded interface{ GuardFields() []pii.Field }

// Refuser is a write's result that can say the store refused the write
// (the record was not as the user saw it) without it being an error for
// the banner: such a write reports no notice and no findings.
type Refuser interface{ Refused() bool }

// Do queues fn on w and returns a command that waits for it and reports a
// SavedMsg[T] with fn's result and, on success, notice. The write happens
// even if the command never runs. fn's store edits report their changes
// to w's Ledger (store.WithEditLog).
func Do[T any](w *Writer, notice string, fn func(context.Context) (T, error)) tea.Cmd {
	var msg SavedMsg[T]
	if w.readOnly {
		msg.Err = errReadOnly
		return func() tea.Msg { return msg }
	}
	j := w.enqueue(reflect.TypeFor[T](), func(ctx context.Context) {
		msg.Value, msg.Err = fn(ctx)
		if r, ok := any(msg.Value).(Refuser); msg.Err != nil || ok && r.Refused() {
			return
		}
		msg.Notice = notice
		if g, ok := any(msg.Value).(Guarded); ok {
			msg.Findings = pii.Scan(g.GuardFields(), pii.Options{})
		}
	})
	return func() tea.Msg {
		<-j.done
		msg.Pending = j.left
		return msg
	}
}

// After queues fn, a read, behind every write queued so far, and returns a
// command that reports fn's message: a check of the database that must see
// the app's own edits first. It runs in a read-only session too.
func (w *Writer) After(fn func(context.Context) tea.Msg) tea.Cmd {
	var msg tea.Msg
	j := w.enqueue(nil, func(ctx context.Context) { msg = fn(ctx) })
	return func() tea.Msg {
		<-j.done
		return msg
	}
}

func (w *Writer) enqueue(kind reflect.Type, run func(context.Context)) *job {
	j := &job{kind: kind, run: run, done: make(chan struct{})}
	w.mu.Lock()
	w.queue = append(w.queue, j)
	if !w.running {
		w.running = true
		go w.loop()
	}
	w.mu.Unlock()
	return j
}

func (w *Writer) loop() {
	ctx := store.WithEditLog(w.ctx, w.Ledger.Record)
	for {
		w.mu.Lock()
		if len(w.queue) == 0 {
			w.running = false
			w.idle.Broadcast()
			w.mu.Unlock()
			return
		}
		j := w.queue[0]
		w.queue = w.queue[1:]
		w.mu.Unlock()

		j.run(ctx)

		w.mu.Lock()
		for _, q := range w.queue {
			if j.kind != nil && q.kind == j.kind {
				j.left++
			}
		}
		w.mu.Unlock()
		close(j.done)
	}
}

// Wait blocks until every queued write has finished.
func (w *Writer) Wait() {
	w.mu.Lock()
	for w.running {
		w.idle.Wait()
	}
	w.mu.Unlock()
}

// Ledger remembers which steps of the database's edit counter (see
// store.DB.Version) this app's own writes made, so that a changed counter
// can be told apart from another program's change: the app reloads either
// way, but says "another program changed the database" only when one did.
type Ledger struct {
	mu    sync.Mutex
	spans []store.Change // in order, contiguous ones merged
}

// ledgerSpans bounds the Ledger: the oldest spans matter only to a screen
// left unvisited through hundreds of another program's changes, and such a
// screen reloads anyway.
const ledgerSpans = 256

// Record notes a change the app made.
func (l *Ledger) Record(c store.Change) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.spans); n > 0 && l.spans[n-1].After == c.Before {
		l.spans[n-1].After = c.After
		return
	}
	l.spans = append(l.spans, c)
	if len(l.spans) > ledgerSpans {
		l.spans = l.spans[len(l.spans)-ledgerSpans:]
	}
}

// Own reports whether every change between versions from and to was the
// app's own (true when there was none).
func (l *Ledger) Own(from, to int64) bool {
	if from >= to {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.spans {
		if s.Before <= from && to <= s.After {
			return true
		}
	}
	return false
}
