package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// TestExportWarnsOfEmptyAsk: export says on stderr which priority has no
// ask for the board, and exports all the same.
func TestExportWarnsOfEmptyAsk(t *testing.T) {
	db, env := cliDemoDB(t), exportEnv(t)
	ctx := context.Background()
	d, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := d.Priorities(ctx)
	ps[2].Ask = ""
	if _, err := d.SavePriority(ctx, ps[2]); err != nil {
		t.Fatal(err)
	}
	d.Close()
	code, _, stderr := runMain(t, env, "--db", db, "export", "--format", "md")
	if code != 0 || !strings.Contains(stderr, "pcnvoice: warning: priority 3 has no ask for the board") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// TestMergeMixedPeriods: files for two periods are refused (exit 1, one
// line naming the odd file) unless --allow-mixed-periods, and then the
// paper says which PCN sent which period.
func TestMergeMixedPeriods(t *testing.T) {
	env := mergeEnv(t, "")
	dir := t.TempDir()
	files := forumtest.Generate(8, 3)
	s := forumtest.Simple("U10999", 5000, "estates")
	s.Period = domain.Period{Year: 2026, Quarter: 4}
	files = append(files, forumtest.File{Name: "q4.json", Code: "U10999", Data: forumtest.Encode(s, 1, forumtest.Exported)})
	if _, err := forumtest.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	r := cliRun(t, env, "merge", dir)
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 ||
		!strings.Contains(r.stderr, "not all for one period: 3 for 2026/27 Q3, 1 for 2026/27 Q4 (U10999 in "+filepath.Join(dir, "q4.json")+")") ||
		!strings.Contains(r.stderr, "--allow-mixed-periods") || r.stdout != "" {
		t.Fatalf("without the flag: exit %d, stdout %d bytes, stderr %q", r.code, len(r.stdout), r.stderr)
	}
	r = cliRun(t, env, "merge", "--allow-mixed-periods", dir)
	if r.code != 0 {
		t.Fatalf("with the flag: exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"| Period | 2026/27 Q3 — mixed periods: 3 for 2026/27 Q3; 1 for 2026/27 Q4 (PCN U10999) |",
		"not all for one period: 3 for 2026/27 Q3; 1 for 2026/27 Q4 (PCN U10999). The pack is for 2026/27 Q3"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the paper lacks %q", want)
		}
	}
	if !strings.Contains(r.stderr, "pcnvoice: warning: the submissions are not all for one period") {
		t.Errorf("stderr lacks the warning: %s", r.stderr)
	}
}
