package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// mergeFixtures is the shared forum fixtures folder.
const mergeFixtures = "../../testdata/forum"

// mergeEnv returns an environment with a config file holding extra TOML
// (which may be empty) and a fixed SOURCE_DATE_EPOCH.
func mergeEnv(t testing.TB, toml string) map[string]string {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"PCNVOICE_CONFIG": cfg, "PCNVOICE_DB": filepath.Join(t.TempDir(), "none.db"), "SOURCE_DATE_EPOCH": "1795000000"}
}

func decodePack(t testing.TB, out string) *pcnjson.Pack {
	t.Helper()
	p, err := pcnjson.DecodePack("stdout", []byte(out))
	if err != nil {
		t.Fatalf("output is not a valid pack: %v\n%.500s", err, out)
	}
	return p
}

func TestCLIMergeFolder(t *testing.T) {
	env := mergeEnv(t, "")
	r := cliRun(t, env, "merge", "--format", "json", filepath.Join(mergeFixtures, "worked"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	p := decodePack(t, r.stdout)
	if len(p.Submissions) != 5 || p.Ranking.Method != "schulze" || p.Ranking.Weight != "equal" || p.Ranking.Top != 3 {
		t.Errorf("pack: %d submissions, %s/%s/top %d", len(p.Submissions), p.Ranking.Method, p.Ranking.Weight, p.Ranking.Top)
	}
	if p.GeneratedAt != "2026-11-18T11:06:40Z" {
		t.Errorf("generated_at %s: SOURCE_DATE_EPOCH not used", p.GeneratedAt)
	}
	want := "merged 5 PCNs (110,000 patients) for 2026/27 Q3 by schulze, equal weights, into stdout; top 3: Workforce, Estates, Access\n"
	if r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}

	// The same files named one by one, in another order, give the same bytes.
	files, _ := filepath.Glob(filepath.Join(mergeFixtures, "worked", "*.json"))
	slices.Reverse(files)
	again := cliRun(t, env, append([]string{"merge", "--format", "json"}, append(files, files[0])...)...)
	if again.code != 0 || again.stdout != r.stdout {
		t.Errorf("files in reverse order (one twice) gave other output (exit %d): %s", again.code, again.stderr)
	}
}

func TestCLIMergeSettings(t *testing.T) {
	env := mergeEnv(t, "[forum]\nname = \"North PCN Forum\"\nmethod = \"borda\"\nweight = \"population\"\ntop = 2\nmembers = [\"U20001\", \"U20002\", \"U29999\"]\n")
	dir := filepath.Join(mergeFixtures, "worked")
	r := cliRun(t, env, "merge", "--format=json", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	p := decodePack(t, r.stdout)
	if p.Ranking.Method != "borda" || p.Ranking.Weight != "population" || p.Ranking.Top != 2 || p.Forum.Name != "North PCN Forum" {
		t.Errorf("config defaults not used: %+v %+v", p.Ranking.Method, p.Forum)
	}
	if !slices.Equal(p.Coverage.Missing, []string{"U29999"}) || len(p.Coverage.NonMembers) != 3 {
		t.Errorf("coverage = %+v", p.Coverage)
	}
	if n := strings.Count(r.stderr, "is not in the forum's member list"); n != 3 {
		t.Errorf("%d non-member warnings on stderr, want 3:\n%s", n, r.stderr)
	}

	r = cliRun(t, env, "merge", "--format=json", "--method", "schulze", "--weight", "equal", "--top", "4", "--anonymise", dir)
	p = decodePack(t, r.stdout)
	if p.Ranking.Method != "schulze" || p.Ranking.Weight != "equal" || p.Ranking.Top != 4 || !p.Anonymised {
		t.Errorf("flags did not override the config: %s %s %d anonymised %v", p.Ranking.Method, p.Ranking.Weight, p.Ranking.Top, p.Anonymised)
	}
	if strings.Contains(r.stderr, "Riverside") {
		t.Errorf("anonymised merge still names a PCN on stderr? %s", r.stderr)
	}
}

func TestCLIMergeWarnsOfOldRevision(t *testing.T) {
	r := cliRun(t, mergeEnv(t, ""), "merge", filepath.Join(mergeFixtures, "received"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "pcnvoice: warning: "+forumtest.Code(103)+": revision 1 from ") || !strings.Contains(r.stderr, "castlegate q3.json set aside") {
		t.Errorf("no warning naming the revision set aside:\n%s", r.stderr)
	}
}

func TestCLIMergeErrors(t *testing.T) {
	env := mergeEnv(t, "")
	worked := filepath.Join(mergeFixtures, "worked")
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no paths", []string{"merge"}, 2, "merge needs at least one PATH"},
		{"bad method", []string{"merge", "--method", "condorcet", worked}, 2, `unknown ranking method "condorcet"`},
		{"bad weight", []string{"merge", "--weight", "patients", worked}, 2, `unknown weighting "patients"`},
		{"bad top", []string{"merge", "--top", "0", worked}, 2, "--top 0"},
		{"bad format", []string{"merge", "--format", "pdf", worked}, 2, `--format "pdf": want md, html or json`},
		{"a rendered paper", []string{"merge", filepath.Join(mergeFixtures, "bad", "paper.md")}, 1, "paper.md: a forum paper (Markdown or HTML), not a pack"},
		{"unknown flag", []string{"merge", "--fast", worked}, 2, "unknown flag"},
		{"missing path", []string{"merge", "nowhere.json"}, 1, "nowhere.json: no such file or folder"},
		{"empty folder", []string{"merge", empty}, 1, "no .json files in this folder"},
		{"tampered", []string{"merge", worked, filepath.Join(mergeFixtures, "bad", "tampered.json")}, 1, "tampered.json: digest: does not match"},
		{"truncated", []string{"merge", filepath.Join(mergeFixtures, "bad", "truncated.json"), worked}, 1, "truncated.json: not valid JSON"},
		{"tampered pack", []string{"merge", filepath.Join(mergeFixtures, "bad", "pack-tampered.json")}, 1, "pack-tampered.json: digest"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := cliRun(t, env, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tc.code, tc.msg)
			}
			if r.stdout != "" {
				t.Errorf("output written despite the error: %.200s", r.stdout)
			}
			if strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
				t.Errorf("error is more than one line: %q", r.stderr)
			}
		})
	}
}

func TestCLIMergeOutputFile(t *testing.T) {
	env := mergeEnv(t, "")
	dir := t.TempDir()
	out := filepath.Join(dir, "forum.json")
	r := cliRun(t, env, "merge", "-o", out, filepath.Join(mergeFixtures, "worked")) // .json: JSON
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q: %s", r.code, r.stdout, r.stderr)
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	decodePack(t, string(first))
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600: packs quote notes", fi.Mode().Perm())
	}
	// A failed merge leaves the earlier pack alone and no temporary files.
	r = cliRun(t, env, "merge", "-o", out, filepath.Join(mergeFixtures, "bad", "tampered.json"))
	if r.code != 1 {
		t.Errorf("exit %d for a tampered file", r.code)
	}
	if now, _ := os.ReadFile(out); string(now) != string(first) {
		t.Error("a failed merge changed the output file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d entries, want just forum.json", len(entries))
	}

	// The pack merged again, with a loose file from inside it, is the same pack.
	again := filepath.Join(dir, "again.json")
	r = cliRun(t, env, "merge", "-o", again, out, filepath.Join(mergeFixtures, "worked", "U20003.json"))
	if b, _ := os.ReadFile(again); r.code != 0 || string(b) != string(first) {
		t.Errorf("merging the pack again changed it (exit %d): %s", r.code, r.stderr)
	}
}

func TestCLIMergePatientData(t *testing.T) {
	env := mergeEnv(t, "")
	s := forumtest.Simple("U40001", 9000, "estates")
	s.Statement = "Mrs Smith's NHS number 943 476 5919 was in a complaint."
	path := filepath.Join(t.TempDir(), "leaky.json")
	if err := os.WriteFile(path, forumtest.Encode(s, 1, forumtest.Exported), 0o600); err != nil {
		t.Fatal(err)
	}
	r := cliRun(t, env, "merge", path, filepath.Join(mergeFixtures, "worked"))
	if r.code != 3 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %d bytes; want 3 and nothing written", r.code, len(r.stdout))
	}
	for _, want := range []string{"U40001 statement: a valid NHS number", "blocked", "--allow-pii"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "943 476 5919") {
		t.Error("the guard repeated the NHS number it found")
	}
	r = cliRun(t, env, "merge", "--allow-pii", "--format", "json", path)
	if r.code != 0 || !strings.Contains(r.stderr, "--allow-pii given") {
		t.Errorf("--allow-pii: exit %d, stderr %s", r.code, r.stderr)
	}
	var p map[string]json.RawMessage
	if json.Unmarshal([]byte(r.stdout), &p) != nil || p["digest"] == nil {
		t.Errorf("--allow-pii wrote no pack")
	}
}

// TestCLIMergeFormats: Markdown by default, HTML and JSON on request or by
// -o's extension; a single pack rendered keeps its time, so the paper
// quotes the pack file's digest.
func TestCLIMergeFormats(t *testing.T) {
	env := mergeEnv(t, "[forum]\nname = \"North PCN Forum\"\n")
	delete(env, "SOURCE_DATE_EPOCH") // the single-pack rule applies only without it
	worked := filepath.Join(mergeFixtures, "worked")
	r := cliRun(t, env, "merge", worked)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# North PCN Forum: the collective view of 5 PCNs, 2026/27 Q3\n") {
		t.Fatalf("default output is not the Markdown paper (exit %d): %.200s %s", r.code, r.stdout, r.stderr)
	}
	dir := t.TempDir()
	pack := filepath.Join(dir, "forum.json")
	if r := cliRun(t, env, "merge", "-o", pack, worked); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(pack)
	p := decodePack(t, string(data))
	for _, tc := range []struct{ args []string }{
		{[]string{"-o", filepath.Join(dir, "forum.html")}},
		{[]string{"--format", "html", "-o", filepath.Join(dir, "paper.txt")}},
	} {
		r := cliRun(t, env, append(append([]string{"merge"}, tc.args...), pack)...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, r.code, r.stderr)
		}
		html, _ := os.ReadFile(tc.args[len(tc.args)-1])
		if !strings.HasPrefix(string(html), "<!doctype html>") || !strings.Contains(string(html), p.Digest) {
			t.Errorf("%v: not an HTML paper quoting the pack's digest %s", tc.args, p.Digest)
		}
	}
	// Merging the pack alone gives the pack back, byte for byte.
	again := filepath.Join(dir, "again.json")
	if r := cliRun(t, env, "merge", "-o", again, pack); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(again); string(b) != string(data) {
		t.Error("a pack merged alone came back different")
	}
}

// TestCLIMergeProgressOnTerminal: progress is drawn on a terminal, with
// carriage returns and a cleared line at the end; the buffers of the other
// tests (a pipe, in effect) get none.
func TestCLIMergeProgressOnTerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("no pseudo-terminal to test progress on: %v", err)
	}
	defer ptmx.Close()
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(ptmx) // ends when tty closes (EIO on Linux)
		got <- string(b)
	}()
	env := mergeEnv(t, "")
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: tty, Getenv: func(k string) string { return env[k] }}
	code := m.Run(context.Background(), []string{"merge", "--format", "json", filepath.Join(mergeFixtures, "worked")})
	tty.Close()
	stderr := <-got
	if code != 0 {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	if !strings.Contains(stderr, "\rreading 5/5") && !strings.Contains(stderr, "\rreading 1/5") {
		t.Errorf("no progress on a terminal: %q", stderr)
	}
	if !strings.Contains(stderr, "\r\x1b[K") {
		t.Errorf("progress line not cleared: %q", stderr)
	}
	if r := cliRun(t, env, "merge", "--format", "json", filepath.Join(mergeFixtures, "worked")); strings.Contains(r.stderr, "reading") {
		t.Errorf("progress written to a pipe: %q", r.stderr)
	}
}

// TestCLIMergeListsEveryBadFile: a folder with several bad files names
// each, one a line, then says nothing was written.
func TestCLIMergeListsEveryBadFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := forumtest.WriteFiles(dir, forumtest.Generate(6, 3)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a-cut.json", "b-other.json", "c-twice.json"} {
		data := map[string]string{
			"a-cut.json":   `{"format": "pcnvoice.submission"`,
			"b-other.json": `{"format": "pcnvoice.backup"}`,
			"c-twice.json": `{"format": "pcnvoice.submission", "format": "pcnvoice.forum"}`,
		}[name]
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600)
	}
	r := cliRun(t, mergeEnv(t, ""), "merge", "--format", "json", dir)
	want := "pcnvoice: " + filepath.Join(dir, "a-cut.json") + ": not valid JSON (it ends too early); was it cut short when saved or emailed?\n" +
		"pcnvoice: " + filepath.Join(dir, "b-other.json") + `: format: "pcnvoice.backup": not a pcnvoice submission or forum pack` + "\n" +
		"pcnvoice: " + filepath.Join(dir, "c-twice.json") + ": format: named twice in one object (I-JSON forbids it; RFC 8785 gives such a file no canonical form): export the file again\n" +
		"pcnvoice: 3 of 6 files cannot be merged: nothing was written; fix or remove them and merge again\n"
	if r.code != 1 || r.stderr != want || r.stdout != "" {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
	}
}

// TestCLIMergeJSONOnTerminal: JSON printed to a terminal has its control
// and bidi characters escaped (SPEC §3); the file -o writes is the
// canonical pack, byte for byte.
func TestCLIMergeJSONOnTerminal(t *testing.T) {
	s := forumtest.Simple("U40001", 9000, "estates")
	s.Statement = "Read \u202eevil\u202c and \u0085 and \x7f here."
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	os.WriteFile(in, forumtest.Encode(s, 1, forumtest.Exported), 0o600)
	env := mergeEnv(t, "")

	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(ptmx)
		got <- string(b)
	}()
	var errb bytes.Buffer
	m := &Main{Stdout: tty, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	code := m.Run(context.Background(), []string{"merge", "--format", "json", in})
	tty.Close()
	shown := <-got
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, raw := range []string{"\u202e", "\u202c", "\u0085", "\x7f"} {
		if strings.Contains(shown, raw) {
			t.Errorf("%q reached the terminal raw", raw)
		}
	}
	if !strings.Contains(shown, `Read \u202eevil\u202c and \u0085 and \u007f here.`) {
		t.Errorf("the statement is not shown escaped: %.2000s", shown)
	}
	out := filepath.Join(dir, "pack.json")
	if r := cliRun(t, env, "merge", "-o", out, in); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, _ := os.ReadFile(out)
	if !bytes.Contains(b, []byte("Read \u202eevil\u202c and \u0085 and \x7f here.")) {
		t.Error("the file is not the canonical pack: its text was escaped")
	}
	decodePack(t, string(b))
}
