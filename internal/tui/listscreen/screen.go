package listscreen

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
	"github.com/pcnvoice/pcnvoice/internal/tui/list"
)

// Screen is a list screen of one kind of record. It is a common.Screen:
// its Update returns its own type.
type Screen[R any, K comparable] struct {
	com  common.Common
	spec *Spec[R, K]

	table   list.Table[R, K]
	loaded  bool
	seq     int   // the latest load asked for: older answers are dropped
	version int64 // the database version the rows were read at

	form    form.Model
	edit    *editing[R, K] // while the form is open
	confirm *R             // the row a delete question is about
	undo    *undo[K]       // the last delete, until u or the next delete
	pending *intent[R]     // an act waiting for a reload to confirm its row
	jump    *jumpTo[K]     // a record to land on after the next load
	notices []string       // said once the load in flight arrives
	summary string         // the heading's words after the count (Spec.Summary)
	count   string         // the heading's count, when Spec.Count sets it
}

// jumpTo is a record to select once loaded, and the form field to open
// its editor on (Edit).
type jumpTo[K comparable] struct {
	key   K
	field int
	edit  bool
}

// editing is the open form's purpose: what submitting it writes.
type editing[R any, K comparable] struct {
	was    R
	adding bool
	// told: the user was told another program changed (or, gone,
	// deleted) the record; retake: take it as the next load has it.
	told, gone, retake bool
	// submit is a form of the screen's own (Practices' import): its
	// submission is not a record's save.
	submit func(*Screen[R, K], form.Model) tea.Cmd
}

// undo is the write that puts the last deleted record back.
type undo[K comparable] struct {
	label   string
	restore func(context.Context) (K, error)
}

// op is what the user asked for that waits on a check of the database.
type op int

const (
	opFocus op = iota // the section came back into view
	opEdit
	opDelete
	opSave    // a form saved
	opRestore // an undo
	opAction  // a screen's own key
)

type intent[R any] struct {
	op  op
	row R
}

// loadedMsg carries a load; checkedMsg the database's version read for an
// intent. R makes each screen's messages its own.
type loadedMsg[R any] struct {
	seq     int
	rows    []R
	version int64
	err     error
}

type checkedMsg[R any] struct {
	act     intent[R]
	version int64
	err     error
}

// New returns the screen for spec; Focus loads it.
func New[R any, K comparable](com common.Common, spec Spec[R, K]) Screen[R, K] {
	f := list.NewFilter(com.Styles, com.Keys, spec.FilterHint)
	return Screen[R, K]{com: com, spec: &spec, table: list.NewTable(spec.Key, spec.Hay, f)}
}

// Focus runs when the section comes into view (or the terminal regains
// focus): the first time it loads; after that it reads the database's
// version and reloads only if it moved, saying so when another program
// moved it.
func (s Screen[R, K]) Focus() (Screen[R, K], tea.Cmd) {
	if !s.loaded || s.jump != nil {
		return s.load()
	}
	return s, s.check(intent[R]{op: opFocus})
}

// load reads the rows in a command.
func (s Screen[R, K]) load() (Screen[R, K], tea.Cmd) {
	s.seq++
	seq, load := s.seq, s.spec.Load
	ctx := s.com.Ctx
	return s, func() tea.Msg {
		rows, v, err := load(ctx)
		return loadedMsg[R]{seq: seq, rows: rows, version: v, err: err}
	}
}

// check reads the database's version behind the app's queued writes, for
// act to go ahead on.
func (s Screen[R, K]) check(act intent[R]) tea.Cmd {
	db := s.com.DB
	return s.com.Writer.After(func(ctx context.Context) tea.Msg {
		v, err := db.Version(ctx)
		return checkedMsg[R]{act: act, version: v, err: err}
	})
}

// Capturing is true while the form, the filter or a y/n question has the
// keyboard.
func (s Screen[R, K]) Capturing() bool {
	return s.edit != nil || s.confirm != nil || s.table.Typing()
}

// SetSize fits the list, the detail under it and the form.
func (s Screen[R, K]) SetSize(w, h int) Screen[R, K] {
	s.com.SetSize(w, h)
	s.table.SetHeight(h - 3 - s.detailHeight()) // heading, columns, rule or question
	s.form = s.form.SetSize(w, h)
	return s
}

func (s Screen[R, K]) detailHeight() int {
	if s.spec.DetailLines == 0 {
		return 0
	}
	return common.DetailHeight(s.com.Height, s.spec.DetailLines)
}

// Update handles loads, checks, writes, jumps and keys.
func (s Screen[R, K]) Update(msg tea.Msg) (Screen[R, K], tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg[R]:
		return s.loadedRows(msg)
	case checkedMsg[R]:
		return s.checked(msg)
	case common.SavedMsg[result[R, K]]:
		return s.written(msg)
	case common.JumpMsg:
		return s.startJump(msg), nil
	case tea.KeyMsg:
		return s.key(msg)
	}
	if s.loaded && s.spec.ReloadOn != nil && s.spec.ReloadOn(msg) {
		return s.load()
	}
	return s, nil
}

// loadedRows takes a load: the rows replace the old ones, keeping the
// selection by key; then an act that waited on it goes ahead, or is
// refused if its record changed.
func (s Screen[R, K]) loadedRows(msg loadedMsg[R]) (Screen[R, K], tea.Cmd) {
	if msg.seq != s.seq {
		return s, nil
	}
	if msg.err != nil {
		return s, common.ErrCmd(msg.err)
	}
	external := s.loaded && !s.com.Writer.Ledger.Own(s.version, msg.version)
	if external {
		s.notices = append([]string{"another program changed the database: the list is reloaded"}, s.notices...)
	}
	s.table.SetRows(msg.rows)
	s.loaded, s.version = true, msg.version
	s.summarise()
	s.retake()
	s.recheckConfirm()
	cmd := s.landJump()
	if act := s.pending; act != nil {
		s.pending = nil
		s = s.resume(*act, external)
	}
	return s, tea.Batch(cmd, s.say())
}

// say shows the notices gathered, as one.
func (s *Screen[R, K]) say() tea.Cmd {
	if len(s.notices) == 0 {
		return nil
	}
	text := strings.Join(s.notices, "; ")
	s.notices = nil
	return common.NoticeCmd("%s", text)
}

// checked goes ahead with act if the rows are the database's as it is,
// else reloads first and lets the load decide.
func (s Screen[R, K]) checked(msg checkedMsg[R]) (Screen[R, K], tea.Cmd) {
	if msg.err != nil {
		return s, common.ErrCmd(msg.err)
	}
	if msg.version == s.version {
		s = s.resume(msg.act, false)
		return s, s.say()
	}
	if msg.act.op != opFocus {
		s.pending = &msg.act
	}
	return s.load()
}

// resume carries out act once the rows are current: its record must still
// be there as the user saw it, else it says why nothing happened.
func (s Screen[R, K]) resume(act intent[R], external bool) Screen[R, K] {
	if act.op == opFocus {
		return s
	}
	cur, ok := s.table.Find(s.spec.Key(act.row))
	if !ok || !s.spec.Same(cur, act.row) {
		what := "changed"
		if !ok {
			what = "deleted"
		}
		who := "meanwhile"
		if external {
			who = "by another program"
		}
		s.notices = append(s.notices, s.spec.Label(act.row)+" was "+what+" "+who+": nothing was done; look again")
		return s
	}
	s.table.Select(s.spec.Key(cur))
	switch act.op {
	case opEdit:
		s.openEdit(cur, s.spec.Adds != nil && s.spec.Adds(cur))
	case opDelete:
		s.confirm = &cur
	}
	return s
}

// key handles a key: the form, the question and the filter first, as they
// have the keyboard; then moving about, the screen's own keys and the
// editing keys. Keys work before the first load is in, so "4a" typed
// ahead over SSH adds a note; a key that needs a row finds none selected.
func (s Screen[R, K]) key(msg tea.KeyMsg) (Screen[R, K], tea.Cmd) {
	km := s.com.Keys
	switch {
	case s.edit != nil:
		return s.updateForm(msg)
	case s.confirm != nil:
		return s.answer(msg)
	case s.table.HandleKey(km, msg): // before the first load too: a typed
		// ahead "4a" adds a note; keys that need a row find none selected

		return s, nil
	}
	for _, a := range s.spec.Actions {
		if key.Matches(msg, a.Key) {
			return s.act(a)
		}
	}
	r, ok := s.table.Selected()
	switch {
	case key.Matches(msg, km.Add) && s.spec.NoAdd != "":
		return s, common.NoticeCmd("%s", s.spec.NoAdd)
	case key.Matches(msg, km.Add) && s.spec.Form != nil: // no Form: a list only to read
		var zero R
		s.openEdit(zero, true)
	case key.Matches(msg, km.Edit) && ok && s.spec.Form != nil:
		return s, s.check(intent[R]{op: opEdit, row: r})
	case key.Matches(msg, km.Delete) && !s.deletes():
		return s, common.NoticeCmd("%s", s.spec.NoDelete)
	case key.Matches(msg, km.Delete) && ok && s.spec.Undeletable != nil && s.spec.Undeletable(r) != "":
		return s, common.NoticeCmd("%s", s.spec.Undeletable(r))
	case key.Matches(msg, km.Delete) && ok:
		return s, s.check(intent[R]{op: opDelete, row: r})
	case key.Matches(msg, km.Undo):
		return s.restore()
	}
	return s, nil
}

// act runs one of the screen's own keys. It takes the screen's address,
// which moves the screen to the heap: apart from key, so that moving about
// a long list allocates nothing for it.
func (s Screen[R, K]) act(a Action[R, K]) (Screen[R, K], tea.Cmd) {
	cmd := a.Do(&s)
	s.summarise()
	return s, cmd
}

// summarise keeps the heading's words (Spec.Summary) for the rows as they
// are now: worked out once per change, not once per frame.
func (s *Screen[R, K]) summarise() {
	s.summary, s.count = "", ""
	if s.spec.Summary != nil {
		s.summary = s.spec.Summary(s.table.Rows())
	}
	if s.spec.Count != nil {
		s.count = s.spec.Count(s.table.Rows())
	}
}

// result is what a write of this screen reports (as common.SavedMsg):
// row, of the screen's own type R, makes the message this screen's alone.
type result[R any, K comparable] struct {
	op      op
	row     R // the row as the user saw it
	key     K // the record to select: saved or put back
	hasKey  bool
	notice  string // what the write found to say (an import's changes)
	restore *undo[K]
	fields  []pii.Field
	// refused is why the store would not write: the record is not as the
	// user saw it, or (a save) what it holds is refused. It is the
	// screen's to explain, so the write reports no error to the root.
	refused error
	retry   *retry[R, K] // a refused save: its form, to reopen
}

// retry is a refused save's form and purpose, to reopen it as it was.
type retry[R any, K comparable] struct {
	form form.Model
	edit editing[R, K]
}

// GuardFields is the text the write saved, for the patient-data guard.
func (r result[R, K]) GuardFields() []pii.Field { return r.fields }

// Refused reports that the store refused the write (see refused).
func (r result[R, K]) Refused() bool { return r.refused != nil }

// conflict reports whether err is the store's refusal to change a record
// that is not as the user saw it.
func conflict(err error) bool {
	return errors.Is(err, store.ErrGone) || errors.Is(err, store.ErrChanged)
}

var _ common.Screen[Screen[int, int]] = Screen[int, int]{}
