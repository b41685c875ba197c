package exportjob

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// TestPaperBesideLastQuarter: a paper exported with a year of history
// shows each service's status last quarter beside this one, whether it is
// written to a file (inside the export's write transaction) or to stdout;
// the JSON is the submission alone.
func TestPaperBesideLastQuarter(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"), store.Options{Create: true, Period: "2026/27 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.Seed(ctx, db, config.Default(), clock, "pcnvoice test"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range []Format{Markdown, HTML} {
		for _, toFile := range []bool{true, false} {
			opt := Options{Format: f, Now: clock}
			var out bytes.Buffer
			if toFile {
				opt.Path = filepath.Join(dir, "paper."+string(f))
			} else {
				opt.Out = &out
			}
			res, err := Run(ctx, db, opt)
			if err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if toFile {
				b, _ := os.ReadFile(opt.Path)
				got = string(b)
			}
			if res.Record.Revision != 5 || got != string(res.Bytes) {
				t.Fatalf("%s: revision %d", f, res.Record.Revision)
			}
			want := map[Format]string{
				Markdown: "| Population health management | amber → 🔴 red: off track |",
				HTML:     `<span class="was"><span class="rag rag-amber">amber</span> →</span> <span class="rag rag-red">red</span>`,
			}[f]
			if !strings.Contains(got, "2026/27 Q2 (revision 3)") || !strings.Contains(got, want) {
				t.Errorf("%s paper (file %v) lacks last quarter's statuses", f, toFile)
			}
		}
	}
	res, err := Run(ctx, db, Options{Format: JSON, Out: &bytes.Buffer{}, Now: clock})
	if err != nil || bytes.Contains(res.Bytes, []byte("2026/27 Q2")) {
		t.Errorf("the JSON carries history: %v", err)
	}
	// Without history the paper is as it was.
	res, err = Run(ctx, demoDB(t), Options{Format: Markdown, Out: &bytes.Buffer{}, Now: clock})
	if err != nil || bytes.Contains(res.Bytes, []byte("→ now")) {
		t.Errorf("a paper without history: %v", err)
	}
}
