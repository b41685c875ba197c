package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// fixedNow is the clock of every golden file: the demo's dates are relative
// to it, so the output is stable.
var fixedNow = time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC)

// demoDoc exports the demo PCN through the real path — Build, Encode,
// Decode — so the golden files show what `pcnvoice export` renders.
func demoDoc(t testing.TB) *pcnjson.Document {
	t.Helper()
	cfg := config.Default()
	rec, err := pcnjson.Build(fixedNow, "pcnvoice 0.1.0")(demo.Snapshot(cfg, fixedNow), nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := pcnjson.Decode("demo.json", rec.Document)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestGolden(t *testing.T) {
	d := demoDoc(t)
	html, err := SubmissionHTML(d, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{
		"demo.md":   SubmissionMarkdown(d, config.Default()),
		"demo.html": html,
	} {
		t.Run(name, func(t *testing.T) { golden(t, name, got) })
	}
}

// golden compares got with testdata/golden/name, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./internal/report -update` to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run `go test ./internal/report -update` and review the diff", path)
		gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w []byte
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if !bytes.Equal(g, w) {
				t.Errorf("first difference at line %d:\n got: %s\nwant: %s", i+1, g, w)
				break
			}
		}
	}
}
