package forum

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// FuzzCarriedChanges feeds a merge a pack whose changes section — the one
// part of a pack that a later merge works from rather than recomputes —
// is whatever the fuzzer makes of a real one (a pack's digest is only a
// hash: anyone can write a pack with a baseline that makes no sense). The
// merge must not panic; it must give the same pack whatever the order of
// its inputs; and the pack it makes must decode, changes and all, to what
// was encoded.
func FuzzCarriedChanges(f *testing.F) {
	opt := bordaOptions()
	withSince := opt
	withSince.Since = q2Pack(f, opt)
	q3 := q3Files()
	real, _, err := Merge(read(f, q3...), withSince)
	if err != nil {
		f.Fatal(err)
	}
	seed, err := json.Marshal(real.Changes)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"since":{"period":"2026/27 Q2","digest":"x"},"baseline":{"themes":[{"position":-3,"theme":"estates"},{"position":99,"theme":"estates"}],"pcns":[{"code":"U30001","services":[{"key":"ehch","status":"purple"}]},{"code":"U30001"}]}}`))
	f.Add([]byte(`{"since":{"period":"2027/28 Q1"}}`))
	f.Add([]byte(`{"since":{"period":"nonsense"},"baseline":{"workforce":{"roles":[{"role":"x","figures":{"wte_in_post":100000}}]}}}`))
	inputs := read(f, q3...)
	f.Fuzz(func(t *testing.T, data []byte) {
		var c pcnjson.Changes
		if json.Unmarshal(data, &c) != nil {
			return
		}
		pack := *real
		pack.Changes = &c
		in := pcnjson.Input{Name: "carried.json", Pack: &pack}
		a, _, errA := Merge(append([]pcnjson.Input{in}, inputs...), opt)
		b, _, errB := Merge(append(append([]pcnjson.Input{}, inputs[2:]...), append([]pcnjson.Input{in}, inputs[:2]...)...), opt)
		if (errA == nil) != (errB == nil) || errA != nil && errA.Error() != errB.Error() {
			t.Fatalf("the order of the inputs changed the outcome: %v / %v", errA, errB)
		}
		if errA != nil {
			return
		}
		ea, err := pcnjson.EncodePack(a)
		if err != nil {
			var pe *pcnjson.Error
			if errors.As(err, &pe) {
				return // a figure the pack format refuses (a WTE past 1,000) is refused, not written
			}
			t.Fatalf("encode: %v", err)
		}
		eb, _ := pcnjson.EncodePack(b)
		if !bytes.Equal(ea, eb) {
			t.Fatalf("the order of the inputs changed the pack:\n%s", firstDiff(ea, eb))
		}
		d, err := pcnjson.DecodePack("fuzz.json", ea)
		if err != nil {
			t.Fatalf("the pack made does not decode: %v", err)
		}
		if !reflect.DeepEqual(d.Changes, a.Changes) {
			t.Fatalf("changes decode as\n%+v\nnot\n%+v", d.Changes, a.Changes)
		}
	})
}
