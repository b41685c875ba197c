package mergejob

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// write writes files into dir and returns their paths.
func write(tb testing.TB, dir string, files ...forumtest.File) []string {
	tb.Helper()
	paths, err := forumtest.WriteFiles(dir, files)
	if err != nil {
		tb.Fatal(err)
	}
	return paths
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, forumtest.Generate(1, 3)...)
	for _, name := range []string{".hidden.json", "._U10000.json", "notes.txt", "UPPER.JSON"} {
		os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o600)
	}
	os.MkdirAll(filepath.Join(dir, "last-quarter"), 0o700)
	os.WriteFile(filepath.Join(dir, "last-quarter", "old.json"), []byte("{}"), 0o600)
	os.MkdirAll(filepath.Join(dir, "folder.json"), 0o700) // a folder named like a file
	one := filepath.Join(dir, forumtest.Code(1)+".json")

	got, err := Expand([]string{dir, one, dir + string(filepath.Separator)})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, filepath.Base(p))
	}
	want := []string{forumtest.Code(0) + ".json", forumtest.Code(1) + ".json", forumtest.Code(2) + ".json", "UPPER.JSON"}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("Expand = %v, want %v (sorted, once each, not hidden, not recursive)", names, want)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{filepath.Join(dir, "nowhere.json")}, "nowhere.json: no such file or folder"},
		{[]string{t.TempDir()}, "no .json files in this folder"},
	} {
		if _, err := Expand(tc.args); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Expand(%v): %v, want %q", tc.args, err, tc.want)
		}
	}
}

// TestReadNamesEveryBadFile: a folder with many bad files reports them
// all, in path order, up to MaxListed, and counts the rest.
func TestReadNamesEveryBadFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, forumtest.Generate(2, 4)...)
	for i := range 13 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("bad-%02d.json", i)), []byte(`{"format": "pcnvoice.submission", "version": 1,`), 0o600)
	}
	paths, err := Expand([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = read(context.Background(), paths, nil, nil)
	var fe *FilesError
	if !errors.As(err, &fe) || len(fe.Errs) != 13 || fe.Files != 17 {
		t.Fatalf("err = %v", err)
	}
	for i, e := range fe.Errs {
		if !strings.Contains(e.Error(), fmt.Sprintf("bad-%02d.json: not valid JSON (it ends too early)", i)) {
			t.Errorf("error %d: %v", i, e)
		}
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "13 of 17 files cannot be merged: ") || !strings.HasSuffix(msg, "; and 3 more") ||
		strings.Count(msg, "not valid JSON") != MaxListed || strings.Contains(msg, "\n") {
		t.Errorf("message: %q", msg)
	}
	// One bad file is reported as itself.
	_, _, err = read(context.Background(), paths[:1+4], nil, nil)
	if err == nil || strings.Contains(err.Error(), "cannot be merged") || !strings.Contains(err.Error(), "bad-00.json") {
		t.Errorf("one bad file: %v", err)
	}
}

// TestReadStops: a cancelled read stops within the file each worker is
// on, returns the context's error, and leaves no goroutine behind.
func TestReadStops(t *testing.T) {
	dir := t.TempDir()
	paths := write(t, dir, forumtest.Generate(3, 300)...)
	ctx, cancel := context.WithCancel(context.Background())
	seen := 0
	start := time.Now()
	_, _, err := read(ctx, paths, func(done, total int) {
		seen = done
		if done == 5 {
			cancel()
		}
	}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if seen >= 300 || time.Since(start) > time.Second {
		t.Errorf("read %d of 300 files in %v after the cancel", seen, time.Since(start))
	}
	cancel()
}

// TestRun is the merge both front ends run: settings from the config, a
// single pack merged alone keeps its time.
func TestRun(t *testing.T) {
	cfg := config.Default()
	cfg.Forum.Method, cfg.Forum.Top = "borda", 2
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	opt, err := Options(cfg, Settings{Weight: "population"}, now)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, forumtest.Generate(4, 6)...)
	res, err := Run(context.Background(), Job{Paths: []string{dir}, Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Pack.Ranking
	if res.Files != 6 || r.Method != "borda" || r.Weight != "population" || r.Top != 2 || res.Pack.GeneratedAt != "2026-12-01T09:00:00Z" {
		t.Errorf("result: %d files, %s %s top %d at %s", res.Files, r.Method, r.Weight, r.Top, res.Pack.GeneratedAt)
	}
	data, err := Render(res.Pack, JSON)
	if err != nil {
		t.Fatal(err)
	}
	pack := filepath.Join(t.TempDir(), "pack.json")
	os.WriteFile(pack, data, 0o600)
	later, _ := Options(cfg, Settings{Weight: "population"}, now.Add(time.Hour))
	again, err := Run(context.Background(), Job{Paths: []string{pack}, Options: later, KeepPackTime: true})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := Render(again.Pack, JSON); string(b) != string(data) {
		t.Error("a pack merged alone with KeepPackTime came back different")
	}
}

func TestOptionsSayWhereABadSettingCameFrom(t *testing.T) {
	cfg := config.Default()
	cfg.Forum.Method = "condorcet"
	_, err := Options(cfg, Settings{}, time.Now())
	var se *SettingError
	if !errors.As(err, &se) || se.Flag || !strings.HasPrefix(err.Error(), "[forum] method: ") {
		t.Errorf("config: %v", err)
	}
	_, err = Options(config.Default(), Settings{Weight: "patients"}, time.Now())
	if !errors.As(err, &se) || !se.Flag || !strings.HasPrefix(err.Error(), "--weight: ") {
		t.Errorf("flag: %v", err)
	}
	opt, err := Options(cfg, Settings{Method: "schulze", Anonymise: true}, time.Now())
	if err != nil || opt.Method != "schulze" || !opt.Anonymise {
		t.Errorf("a flag wins over the config: %+v, %v", opt, err)
	}
}

func TestParseFormat(t *testing.T) {
	if f, err := ParseFormat("HTML"); err != nil || f != HTML {
		t.Errorf("ParseFormat(HTML) = %s, %v", f, err)
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("pdf accepted")
	}
}

// TestFindings: the guard names PCN and member, in code order.
func TestFindings(t *testing.T) {
	a := forumtest.Simple("U40002", 9000, "estates")
	a.Statement = "NHS number 943 476 5919 was in a complaint."
	b := forumtest.Simple("U40001", 9000, "estates")
	b.Priorities[0].Ask = "Patient DOB 01/02/1960 on the letter."
	opt, err := Options(config.Default(), Settings{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	paths := write(t, t.TempDir(),
		forumtest.File{Name: "a.json", Data: forumtest.Encode(a, 2, forumtest.Exported)},
		forumtest.File{Name: "b.json", Data: forumtest.Encode(b, 1, forumtest.Exported)})
	// An older revision of a's, set aside, is scanned but not reported.
	old := a
	old.Statement = "Born 01/02/1960, DOB in the letter."
	paths = append(paths, write(t, t.TempDir(), forumtest.File{Name: "a-old.json", Data: forumtest.Encode(old, 1, forumtest.Exported.Add(-time.Hour))})...)
	res, err := Run(context.Background(), Job{Paths: paths, Options: opt, Guard: true})
	if err != nil {
		t.Fatal(err)
	}
	findings, err := res.Findings()
	if err != nil {
		t.Fatal(err)
	}
	var where []string
	for _, f := range findings {
		where = append(where, f.Path)
	}
	if !slices.Equal(where, []string{"U40001 priorities[0].ask", "U40002 statement"}) {
		t.Errorf("findings at %v", where)
	}
}
