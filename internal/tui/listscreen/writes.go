package listscreen

import (
	"context"
	"errors"

	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// Writes declares a screen's writes as the store calls that make them,
// and nothing else: the Screen runs them on the app's Writer in the order
// confirmed, reports them as this screen's own SavedMsg, explains a
// refusal because the record is not as the user saw it (a save's form
// reopens), keeps the undo slot a delete leaves, and hands the text saved
// to the patient-data guard. V is the record a form holds, G what a
// delete leaves to put back. Funcs marked optional may be nil.
type Writes[R any, K comparable, V, G any] struct {
	// Value reads a submitted form, opened on was, as the record to store,
	// with the text saved for the patient-data guard. It runs in Update,
	// as the form is submitted.
	Value func(was R, f form.Model) (V, []pii.Field)
	// Add (optional) stores v as a new record and returns its key.
	Add func(ctx context.Context, v V) (K, error)
	// Update changes was to v only if it is stored as the user saw it
	// (else store.ErrGone or store.ErrChanged), and returns its key. force
	// puts back a record another program deleted while its form was open:
	// the user was told, and saved again.
	Update func(ctx context.Context, was R, v V, force bool) (K, error)
	// Remove (optional) deletes was if it is stored as seen, and returns
	// what PutBack needs to put it back whole. Unset, `d` says NoDelete.
	Remove func(ctx context.Context, was R) (G, error)
	// PutBack (with Remove) puts back what Remove took (u), and returns
	// its key.
	PutBack func(ctx context.Context, gone G) (K, error)
}

// Writing is what a Spec's Writes holds: a Writes, whatever its V and G.
type Writing[R any, K comparable] interface {
	// save turns a submitted form into its write, and the text it saves.
	save(was R, adding bool, f form.Model) (func(ctx context.Context, force bool) (K, error), []pii.Field)
	// remove is the write that deletes was, returning the write that puts
	// it back; nil when the screen deletes nothing.
	remove(was R) func(context.Context) (restore func(context.Context) (K, error), err error)
	// removes reports whether the screen deletes records.
	removes() bool
}

// errNoAdd is what a save to add says on a screen whose Writes add
// nothing; Spec.NoAdd keeps the form from opening to add there.
var errNoAdd = errors.New("this list adds nothing")

func (w Writes[R, K, V, G]) save(was R, adding bool, f form.Model) (func(context.Context, bool) (K, error), []pii.Field) {
	v, guard := w.Value(was, f)
	return func(ctx context.Context, force bool) (K, error) {
		if !adding {
			return w.Update(ctx, was, v, force)
		}
		if w.Add == nil {
			var zero K
			return zero, errNoAdd
		}
		return w.Add(ctx, v)
	}, guard
}

func (w Writes[R, K, V, G]) removes() bool { return w.Remove != nil }

func (w Writes[R, K, V, G]) remove(was R) func(context.Context) (func(context.Context) (K, error), error) {
	return func(ctx context.Context) (func(context.Context) (K, error), error) {
		gone, err := w.Remove(ctx, was)
		return func(ctx context.Context) (K, error) { return w.PutBack(ctx, gone) }, err
	}
}

// deletes reports whether the screen deletes records (Writes.Remove).
func (s Screen[R, K]) deletes() bool {
	return s.spec.Writes != nil && s.spec.Writes.removes()
}
