package common

import (
	"context"
	"errors"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

// errReadOnly is returned for any write attempted in a read-only session,
// a second line of defence behind the disabled edit keys.
var errReadOnly = errors.New(ReadOnlyText)

// Writer saves confirmed edits one at a time, in the order they were
// confirmed, on a goroutine of its own.
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

	mu      sync.Mutex
	idle    *sync.Cond
	queue   []*job
	running bool
}

type job struct {
	tag  string
	fn   func(context.Context) (any, error)
	done chan struct{}
	val  any
	err  error
	left int
}

// NewWriter returns a writer whose writes run in a context detached from
// ctx's cancellation: a save confirmed just before a SIGTERM still commits.
func NewWriter(ctx context.Context, readOnly bool) *Writer {
	w := &Writer{ctx: context.WithoutCancel(ctx), readOnly: readOnly}
	w.idle = sync.NewCond(&w.mu)
	return w
}

// Do queues fn and returns a command that waits for it and reports a
// SavedMsg with tag, the value fn returned (a new note's ID, say) and, on
// success, notice. The write happens even if the command never runs.
func (w *Writer) Do(tag, notice string, fn func(context.Context) (any, error)) tea.Cmd {
	if w.readOnly {
		return func() tea.Msg { return SavedMsg{Tag: tag, Err: errReadOnly} }
	}
	j := &job{tag: tag, fn: fn, done: make(chan struct{})}
	w.mu.Lock()
	w.queue = append(w.queue, j)
	if !w.running {
		w.running = true
		go w.run()
	}
	w.mu.Unlock()
	return func() tea.Msg {
		<-j.done
		m := SavedMsg{Tag: tag, Value: j.val, Err: j.err, Pending: j.left}
		if j.err == nil {
			m.Notice = notice
		}
		return m
	}
}

func (w *Writer) run() {
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

		j.val, j.err = j.fn(w.ctx)

		w.mu.Lock()
		for _, q := range w.queue {
			if q.tag == j.tag {
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
