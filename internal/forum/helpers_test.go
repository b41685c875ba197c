package forum

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// fixedNow is the generated_at of every pack made in tests.
var fixedNow = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func testOptions() Options {
	return Options{Now: fixedNow, Generator: "pcnvoice test"}
}

// read decodes files as merge inputs.
func read(tb testing.TB, files ...forumtest.File) []pcnjson.Input {
	tb.Helper()
	out := make([]pcnjson.Input, len(files))
	for i, f := range files {
		in, err := pcnjson.Read(f.Name, f.Data)
		if err != nil {
			tb.Fatalf("read %s: %v", f.Name, err)
		}
		out[i] = in
	}
	return out
}

// mergeFiles merges files and returns the encoded pack and the warnings.
func mergeFiles(tb testing.TB, opt Options, files ...forumtest.File) ([]byte, []Warning) {
	tb.Helper()
	p, w, err := Merge(read(tb, files...), opt)
	if err != nil {
		tb.Fatalf("merge: %v", err)
	}
	b, err := pcnjson.EncodePack(p)
	if err != nil {
		tb.Fatalf("encode: %v", err)
	}
	return b, w
}

// packFile merges files into a pack and returns it as a file named name.
func packFile(tb testing.TB, name string, opt Options, files ...forumtest.File) forumtest.File {
	tb.Helper()
	b, _ := mergeFiles(tb, opt, files...)
	return forumtest.File{Name: name, Data: b}
}

// simple makes a minimal submission file ranking themes in order.
func simple(code string, population int64, rev int, themes ...string) forumtest.File {
	s := forumtest.Simple(code, population, themes...)
	return forumtest.File{Name: code + ".json", Code: code, Data: forumtest.Encode(s, rev, forumtest.Exported)}
}

// fromSnapshot makes a submission file of s at revision rev.
func fromSnapshot(name string, s domain.Snapshot, rev int) forumtest.File {
	return forumtest.File{Name: name, Code: s.PCN.Code, Data: forumtest.Encode(s, rev, forumtest.Exported)}
}

func shuffled(rng *rand.Rand, files []forumtest.File) []forumtest.File {
	out := append([]forumtest.File(nil), files...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// warningText joins warnings one per line.
func warningText(ws []Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}

// firstDiff shows where two packs part, for a readable failure.
func firstDiff(a, b []byte) string {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return "…" + string(a[lo:min(len(a), i+200)]) + "\n--- versus ---\n…" + string(b[lo:min(len(b), i+200)])
}

func mustEqualPacks(tb testing.TB, what string, got, want []byte) {
	tb.Helper()
	if !bytes.Equal(got, want) {
		tb.Fatalf("%s: packs differ:\n%s", what, firstDiff(got, want))
	}
}
