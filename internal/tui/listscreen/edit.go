package listscreen

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// openEdit opens the form on r, or an empty one to add a record.
func (s *Screen[R, K]) openEdit(r R, adding bool) {
	s.form = s.spec.Form(r, adding, s.table.Rows()).SetSize(s.com.Width, s.com.Height)
	s.edit = &editing[R, K]{was: r, adding: adding}
}

// OpenForm opens a form of the screen's own (Practices' import); submit
// makes the command a submission runs, given the screen as it is then.
func (s *Screen[R, K]) OpenForm(f form.Model, submit func(*Screen[R, K], form.Model) tea.Cmd) {
	s.form = f.SetSize(s.com.Width, s.com.Height)
	s.edit = &editing[R, K]{submit: submit}
}

func (s Screen[R, K]) updateForm(msg tea.KeyMsg) (Screen[R, K], tea.Cmd) {
	var cmd tea.Cmd
	s.form, cmd = s.form.Update(msg)
	switch s.form.State() {
	case form.Cancelled:
		s.edit = nil
	case form.Submitted:
		e := *s.edit
		s.edit = nil
		if e.submit != nil {
			return s, e.submit(&s, s.form)
		}
		return s, s.save(e)
	}
	return s, cmd
}

// save queues the submitted form's write. Whatever the store refuses
// comes back as a retry: the form reopens as it was, saying why, so no
// typing is lost.
func (s Screen[R, K]) save(e editing[R, K]) tea.Cmd {
	force := e.told && e.gone // told it was deleted, and saving again: it goes back
	f := s.form
	job, fields := s.spec.Writes.save(e.was, e.adding, f)
	notice := "added a " + s.spec.One
	if !e.adding {
		notice = "saved " + s.spec.Label(e.was)
	}
	return common.Do(s.com.Writer, notice, func(ctx context.Context) (result[R, K], error) {
		k, err := job(ctx, force)
		res := result[R, K]{op: opSave, row: e.was, key: k, hasKey: err == nil, fields: fields}
		if err != nil {
			res.refused, res.retry = err, &retry[R, K]{form: f, edit: e}
		}
		return res, nil
	})
}

// Write queues fn, an edit of row as the user saw it by one of the
// screen's own keys, and reloads the list once the writes queued with it
// are done. A refusal because the record changed is said, not shown as an
// error. fn may return a notice of what it did (an import's changes).
func (s *Screen[R, K]) Write(row R, notice string, fn func(context.Context) (string, error)) tea.Cmd {
	return common.Do(s.com.Writer, notice, func(ctx context.Context) (result[R, K], error) {
		said, err := fn(ctx)
		res := result[R, K]{op: opAction, row: row, notice: said}
		if conflict(err) {
			res.refused, err = err, nil
		}
		return res, err
	})
}

// written takes a write's report: the undo slot after a delete, the
// record to select, a refusal to explain; and, once no write of this
// screen is queued, a reload.
func (s Screen[R, K]) written(msg common.SavedMsg[result[R, K]]) (Screen[R, K], tea.Cmd) {
	res := msg.Value
	var cmds []tea.Cmd
	switch {
	case res.refused != nil:
		cmds = append(cmds, s.refused(res))
	case msg.Err != nil:
		if res.op == opRestore { // try again with u
			s.undo = res.restore
		}
	default:
		if res.op == opDelete {
			s.undo = res.restore
		}
		if res.hasKey {
			s.table.Want(res.key)
		}
		if res.notice != "" {
			cmds = append(cmds, common.DoneCmd("%s", res.notice))
		}
	}
	if msg.Pending == 0 {
		var load tea.Cmd
		s, load = s.load()
		cmds = append(cmds, load)
	}
	return s, tea.Batch(cmds...)
}

// refused explains a write the store would not make. A refused save
// reopens its form, saying why. When the reason was another program's
// change, the reload that follows gives the record as it was when the user
// was told (see retake): saving again saves over that, and a change made
// after it is refused again.
func (s *Screen[R, K]) refused(res result[R, K]) tea.Cmd {
	label, err := s.spec.Label(res.row), res.refused
	if res.op == opRestore {
		if errors.Is(err, store.ErrConflict) {
			return common.NoticeCmd("%s is back already", res.restore.label)
		}
		return common.ErrCmd(err)
	}
	what := "changed"
	if errors.Is(err, store.ErrGone) {
		what = "deleted"
	}
	if res.retry == nil {
		verb := map[op]string{opDelete: "not deleted", opAction: "not saved"}[res.op]
		return common.NoticeCmd("%s: %s was %s by another program; the list is reloaded", verb, label, what)
	}
	problem := common.ErrText(err)
	edit := res.retry.edit
	edit.told = conflict(err)
	edit.retake = edit.told
	if edit.told {
		problem = "another program " + what + " " + label + " while you had it open: ctrl+s saves yours all the same, esc drops yours"
	}
	if s.edit != nil { // another form is open now: say it, keep that one
		return common.NoticeCmd("not saved: %s", problem)
	}
	s.form = res.retry.form.Reopen(problem).SetSize(s.com.Width, s.com.Height)
	s.edit = &edit
	return nil
}

// retake takes, from the first load after a save was refused, the record
// as another program left it: what the user was told of, and may now save
// over.
func (s *Screen[R, K]) retake() {
	e := s.edit
	if e == nil || !e.retake {
		return
	}
	cur, ok := s.table.Find(s.spec.Key(e.was))
	if ok {
		e.was = cur
	}
	e.gone, e.retake = !ok, false
}

// startJump clears what would hide the record a JumpMsg names (a filter,
// a form, a question) and has the next load select it.
func (s Screen[R, K]) startJump(j common.JumpMsg) Screen[R, K] {
	if s.spec.Jump == nil {
		return s
	}
	k, field, ok := s.spec.Jump(j)
	if !ok {
		return s
	}
	s.table.ClearFilter()
	s.edit, s.confirm = nil, nil
	s.table.Want(k)
	s.jump = &jumpTo[K]{key: k, field: field, edit: j.Edit}
	return s
}

// landJump finishes a jump once loaded: the record is selected and, unless
// the session is read-only, its form opens on the field at fault.
func (s *Screen[R, K]) landJump() tea.Cmd {
	j := s.jump
	if j == nil {
		return nil
	}
	s.jump = nil
	r, ok := s.table.Selected()
	if !ok || s.spec.Key(r) != j.key {
		return common.NoticeCmd("that %s is no longer there: it was changed or deleted", s.spec.One)
	}
	if j.edit && !s.com.ReadOnly {
		s.openEdit(r, false)
		s.form = s.form.FocusField(j.field)
	}
	return nil
}
