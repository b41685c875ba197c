package pcnjson

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestAppendIndentMatchesJSONIndent: the pack's one-pass indenter lays
// out what encoding/json writes exactly as json.Indent does.
func TestAppendIndentMatchesJSONIndent(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	n := 0
	for n < 2000 {
		var v any
		if json.Unmarshal(randomJSON(rng), &v) != nil {
			continue
		}
		compact, err := json.Marshal(v)
		if err != nil {
			continue
		}
		n++
		var want bytes.Buffer
		if err := json.Indent(&want, compact, "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndent(nil, compact); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("appendIndent(%q) =\n%s\njson.Indent gives\n%s", compact, got, want.Bytes())
		}
	}
}
