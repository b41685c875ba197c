package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// lastQuarter writes the worked forum's submissions as they were a
// quarter earlier (2026/27 Q2), with U20001's first service red then
// green now reversed: each file re-exported as Q2. It returns the folder.
func lastQuarter(t testing.TB, period domain.Period) string {
	t.Helper()
	dir := t.TempDir()
	paths, _ := filepath.Glob(filepath.Join(mergeFixtures, "worked", "*.json"))
	for _, p := range paths {
		doc, _, err := pcnjson.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := doc.Snapshot()
		s.Period = period
		for i := range s.Services {
			s.Services[i].Status = domain.Green
		}
		writeFile(t, filepath.Join(dir, filepath.Base(p)), forumtest.Encode(s, 1, forumtest.Exported.AddDate(0, -3, 0)))
	}
	return dir
}

// TestCLIMergeSince: --since last quarter's pack adds the changes to the
// JSON pack and "What changed since" to the paper; rendering that pack
// alone keeps them; -o may not replace the previous pack.
func TestCLIMergeSince(t *testing.T) {
	env := mergeEnv(t, "")
	dir := t.TempDir()
	q2 := filepath.Join(dir, "forum-q2.json")
	if r := cliRun(t, env, "merge", "-o", q2, lastQuarter(t, domain.Period{Year: 2026, Quarter: 2})); r.code != 0 {
		t.Fatalf("Q2: %s", r.stderr)
	}
	worked := filepath.Join(mergeFixtures, "worked")
	q3 := filepath.Join(dir, "forum-q3.json")
	r := cliRun(t, env, "merge", "--since", q2, worked, "-o", q3)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(q3)
	p := decodePack(t, string(data))
	q2data, _ := os.ReadFile(q2)
	if p.Changes == nil || p.Changes.Since.Period != "2026/27 Q2" || p.Changes.Since.Digest != decodePack(t, string(q2data)).Digest {
		t.Fatalf("changes: %+v", p.Changes)
	}
	red := 0
	for _, s := range p.Changes.Services {
		red += len(s.WentRed)
	}
	if red == 0 {
		t.Error("every service was green last quarter, yet none went red")
	}
	md := cliRun(t, env, "merge", "--since", q2, worked)
	if md.code != 0 || !strings.Contains(md.stdout, "## What changed since 2026/27 Q2") {
		t.Errorf("paper: exit %d %s", md.code, md.stderr)
	}
	alone := cliRun(t, env, "merge", q3)
	if alone.code != 0 || alone.stdout != md.stdout {
		t.Errorf("the pack rendered alone is not the paper merged with --since (exit %d): %s", alone.code, alone.stderr)
	}
	before := fileSum(t, q2)
	if r := cliRun(t, env, "merge", "--since", q2, worked, "-o", q2); r.code != 1 || !strings.Contains(r.stderr, q2) || fileSum(t, q2) != before {
		t.Errorf("-o over the previous pack: exit %d %s", r.code, r.stderr)
	}
}

// TestCLIMergeSinceErrors: a previous pack that is not one, or not for an
// earlier period, stops the merge with one line naming it; nothing is
// written.
func TestCLIMergeSinceErrors(t *testing.T) {
	env := mergeEnv(t, "")
	dir := t.TempDir()
	worked := filepath.Join(mergeFixtures, "worked")
	same := filepath.Join(dir, "forum-q3.json")
	if r := cliRun(t, env, "merge", "-o", same, worked); r.code != 0 {
		t.Fatal(r.stderr)
	}
	later := filepath.Join(dir, "forum-q4.json")
	if r := cliRun(t, env, "merge", "-o", later, lastQuarter(t, domain.Period{Year: 2026, Quarter: 4})); r.code != 0 {
		t.Fatal(r.stderr)
	}
	paper := filepath.Join(dir, "forum-q2.md")
	if r := cliRun(t, env, "merge", "-o", paper, lastQuarter(t, domain.Period{Year: 2026, Quarter: 2})); r.code != 0 {
		t.Fatal(r.stderr)
	}
	data, _ := os.ReadFile(same)
	tampered := writeFile(t, filepath.Join(dir, "tampered.json"), []byte(strings.Replace(string(data), `"top": 3`, `"top": 4`, 1)))
	sub := filepath.Join(worked, "U20001.json")
	for _, tc := range []struct {
		name, since string
		want        []string
	}{
		{"the same period", same, []string{"--since " + same, "not for an earlier period", "it is for 2026/27 Q3 and this pack for 2026/27 Q3"}},
		{"a later period", later, []string{"--since " + later, "it is for 2026/27 Q4"}},
		{"a submission", sub, []string{"--since: " + sub + " is a submission, not a forum pack"}},
		{"a paper", paper, []string{"--since: " + paper, "a forum paper (Markdown or HTML), not a pack"}},
		{"tampered", tampered, []string{"--since: " + tampered, "digest"}},
		{"missing", filepath.Join(dir, "gone.json"), []string{"--since: ", filepath.Join(dir, "gone.json")}},
		{"a folder", dir, []string{"--since: ", dir}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "pack.json")
			r := cliRun(t, env, "merge", "--since", tc.since, worked, "-o", out)
			if r.code != 1 || strings.Count(r.stderr, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a pack was written")
			}
		})
	}
}
