package listscreen

import (
	"context"
	"errors"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// The delete: d checks the database and asks about the selected record as
// it is (see resume); y deletes it if it is still as asked about, and
// keeps what puts it back; u puts the last one back. The undo slot is set
// only once a delete has succeeded.

// answer takes the key after "Delete …?": y deletes, anything else not.
func (s Screen[R, K]) answer(msg tea.KeyMsg) (Screen[R, K], tea.Cmd) {
	r := *s.confirm
	s.confirm = nil
	if !key.Matches(msg, s.com.Keys.Yes) {
		return s, nil
	}
	job, label := s.spec.Writes.remove(r), s.spec.Label(r)
	return s, common.Do(s.com.Writer, "deleted "+label+": u puts it back", func(ctx context.Context) (result[R, K], error) {
		restore, err := job(ctx)
		res := result[R, K]{op: opDelete, row: r, restore: &undo[K]{label: label, restore: restore}}
		if conflict(err) {
			res.refused, err = err, nil
		}
		return res, err
	})
}

// recheckConfirm drops a question whose record a reload shows changed or
// gone: y must not delete what the question did not name.
func (s *Screen[R, K]) recheckConfirm() {
	if s.confirm == nil {
		return
	}
	r := *s.confirm
	if cur, ok := s.table.Find(s.spec.Key(r)); !ok || !s.spec.Same(cur, r) {
		s.confirm = nil
		s.notices = append(s.notices, s.spec.Label(r)+" changed meanwhile: not deleted; look again")
	}
}

// restore puts the last deleted record back (u).
func (s Screen[R, K]) restore() (Screen[R, K], tea.Cmd) {
	if !s.deletes() {
		return s, nil
	}
	u := s.undo
	if u == nil {
		return s, common.NoticeCmd("nothing to undo")
	}
	s.undo = nil
	return s, common.Do(s.com.Writer, "put back "+u.label, func(ctx context.Context) (result[R, K], error) {
		k, err := u.restore(ctx)
		res := result[R, K]{op: opRestore, key: k, hasKey: err == nil, restore: u}
		if errors.Is(err, store.ErrConflict) {
			res.refused, err = err, nil
		}
		return res, err
	})
}
