package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// The valid NHS number 943 476 5919, written as a paste might bring it.
const (
	nhsArabicIndic = "٩٤٣ ٤٧٦ ٥٩١٩"
	nhsZeroWidth   = "943\u200b476\u200b5919"
	nhsFullWidth   = "９４３４７６５９１９"
)

// checkGuardReport checks a blocked run's stderr: it names the place and
// says how to override, and repeats no NHS number, however written.
func checkGuardReport(t testing.TB, stderr, place string) {
	t.Helper()
	for _, want := range []string{"block: " + place + ": a valid NHS number", "--allow-pii"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for _, leak := range []string{"476 5919", "4765919", "٤٧٦", "４７６"} {
		if strings.Contains(stderr, leak) {
			t.Errorf("stderr repeats the number (%q):\n%s", leak, stderr)
		}
	}
}

// TestCLIExportGuardReadsNames: a valid NHS number in a name the store
// holds — a practice's, a service's, the PCN's — blocks the export (exit
// 3) in every format, names the place, and writes and records nothing.
func TestCLIExportGuardReadsNames(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		edit  func(*store.DB) error
		place string
	}{
		{"practice name", func(db *store.DB) error {
			ps, err := db.Practices(ctx)
			if err != nil {
				return err
			}
			slices.SortFunc(ps, func(a, b domain.Practice) int { return strings.Compare(a.ODSCode, b.ODSCode) })
			ps[1].Name = "Hill Surgery (Pt " + nhsArabicIndic + ")"
			return db.SavePractice(ctx, ps[1])
		}, "practices[1].name"},
		{"service name", func(db *store.DB) error {
			ss, err := db.Services(ctx)
			if err != nil {
				return err
			}
			slices.SortFunc(ss, func(a, b domain.Service) int { return strings.Compare(a.Key, b.Key) })
			ss[0].Name = "Clinic for " + nhsZeroWidth
			return db.SaveService(ctx, ss[0])
		}, "services[0].name"},
		{"PCN name", func(db *store.DB) error {
			p, err := db.PCN(ctx)
			if err != nil {
				return err
			}
			p.Name = "Riverside " + nhsFullWidth
			return db.SavePCN(ctx, *p)
		}, "pcn.name"},
	}
	for _, tc := range tests {
		for _, format := range []string{"json", "md"} {
			t.Run(tc.name+" "+format, func(t *testing.T) {
				path, env := cliDemoDB(t), exportEnv(t)
				db, err := store.Open(ctx, path, store.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if err := tc.edit(db); err != nil {
					t.Fatal(err)
				}
				db.Close()
				dir := t.TempDir()
				code, stdout, stderr := runMain(t, env, "--db", path, "export", "--format", format, "-o", filepath.Join(dir, "out."+format))
				if code != exitPII {
					t.Fatalf("exit %d, want %d:\n%s", code, exitPII, stderr)
				}
				checkGuardReport(t, stderr, tc.place)
				if left, _ := os.ReadDir(dir); len(left) != 0 || stdout != "" {
					t.Errorf("blocked export wrote %v and %d bytes to stdout", left, len(stdout))
				}
				if n := revisions(t, path); n != 0 {
					t.Errorf("blocked export recorded %d revisions", n)
				}
			})
		}
	}
}

func revisions(t testing.TB, path string) int {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	recs, err := db.Exports(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(recs)
}

// TestCLIMergeGuardReadsEveryString: a submission carrying a valid NHS
// number in a member this version does not know, a practice's name or a
// service's name — a file whose digest is right, so it would otherwise
// merge — stops the merge (exit 3), naming PCN and place, with nothing
// written.
func TestCLIMergeGuardReadsEveryString(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(map[string]any)
		place string
	}{
		{"unknown member", func(m map[string]any) {
			m["zeta_unknown"] = []any{map[string]any{"x": "NHS " + nhsFullWidth, "y": "clean"}}
		}, "U40001 zeta_unknown[0].x"},
		{"practice name", func(m map[string]any) {
			m["practices"].([]any)[0].(map[string]any)["name"] = "Surgery " + nhsArabicIndic
		}, "U40001 practices[0].name"},
		{"service name", func(m map[string]any) {
			m["services"].([]any)[0].(map[string]any)["name"] = "Clinic " + nhsZeroWidth
		}, "U40001 services[0].name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := mergeEnv(t, "")
			dir := t.TempDir()
			in := filepath.Join(dir, "U40001.json")
			if err := os.WriteFile(in, leakySubmission(t, tc.edit), 0o600); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "forum.md")
			r := cliRun(t, env, "merge", "-o", out, in, filepath.Join(mergeFixtures, "worked"))
			if r.code != exitPII {
				t.Fatalf("exit %d, want %d:\n%s", r.code, exitPII, r.stderr)
			}
			checkGuardReport(t, r.stderr, tc.place)
			if left, _ := os.ReadDir(dir); len(left) != 1 || r.stdout != "" {
				t.Errorf("blocked merge left %v and wrote %d bytes to stdout", left, len(r.stdout))
			}
		})
	}
}

// leakySubmission exports a real submission, edits its JSON, and signs
// the result with its digest again, as a newer pcnvoice or a hand edit
// followed by a re-digest would.
func leakySubmission(t testing.TB, edit func(map[string]any)) []byte {
	t.Helper()
	s := forumtest.Simple("U40001", 9000, "estates")
	s.Services = []domain.Service{{Key: "ehch", Name: "Enhanced health in care homes", Status: domain.Green}}
	dec := json.NewDecoder(bytes.NewReader(forumtest.Encode(s, 1, forumtest.Exported)))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	delete(m, "digest")
	canon, err := pcnjson.Canonical(m)
	if err != nil {
		t.Fatal(err)
	}
	m["digest"] = pcnjson.DigestOf(canon)
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := pcnjson.Decode("leaky.json", data); err != nil {
		t.Fatalf("the edited submission does not verify, so the test proves nothing: %v", err)
	}
	return data
}
