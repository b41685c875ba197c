package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// cliClock is the fixed "now" of CLI tests: 2026/27 Q3.
var cliClock = time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC)

type cliResult struct {
	code           int
	stdout, stderr string
}

// cliRun runs pcnvoice with args, buffers for output and env for the environment.
func cliRun(t testing.TB, env map[string]string, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Now: func() time.Time { return cliClock },
		Getenv: func(k string) string { return env[k] }}
	code := m.Run(context.Background(), args)
	return cliResult{code, out.String(), errb.String()}
}

// cliDemoDB makes a database holding the demo PCN and returns its path.
func cliDemoDB(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pcnvoice.db")
	snap := demo.Snapshot(config.Default(), cliClock)
	db, err := store.Open(context.Background(), path, store.Options{Create: true, Period: snap.Period.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Restore(context.Background(), snap, nil); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCLIStatus(t *testing.T) {
	db := cliDemoDB(t)
	r := cliRun(t, nil, "status", "--db", db)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if len(lines) > 15 {
		t.Errorf("%d lines, SPEC §7 allows 15", len(lines))
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 80 {
			t.Errorf("line wider than 80 columns (%d): %q", n, l)
		}
		if strings.ContainsRune(l, 0x1b) {
			t.Errorf("escape sequence in plain status: %q", l)
		}
	}
	for _, want := range []string{"Riverside Health PCN (U99001)", "2026/27 Q3", "population 41,230", "2 red", "Last export: never",
		"Workforce: 13.7 of 19.0 planned WTE in post (72%) · 3.5 recruiting"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("status lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestCLIStatusJSON(t *testing.T) {
	db := cliDemoDB(t)
	// --db after the subcommand and before it both work (SPEC §3).
	r := cliRun(t, nil, "--db", db, "status", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"pcn", "period", "practices", "population", "services", "workload", "priorities", "workforce", "last_export", "changed_since_export"} {
		if _, ok := got[k]; !ok {
			t.Errorf("status --json lacks %q", k)
		}
	}
	svc := got["services"].(map[string]any)
	for _, k := range []string{"total", "green", "amber", "red", "not_started"} {
		if _, ok := svc[k]; !ok {
			t.Errorf("services lacks %q", k)
		}
	}
	if got["last_export"] != nil || got["changed_since_export"] != true {
		t.Errorf("before any export: last_export=%v changed=%v", got["last_export"], got["changed_since_export"])
	}
	// The WTE totals are exact decimals: 13.7, never 13.700000000000001.
	if !strings.Contains(r.stdout, `"workforce": {
    "in_post": 13.7,
    "planned": 19,
    "recruiting": 3.5
  }`) {
		t.Errorf("status --json workforce:\n%s", r.stdout)
	}
}

// TestCLIStatusWorkforceStates: status tells "not reported" (null) from
// "no additional-role staff" (zeros), in plain text and JSON.
func TestCLIStatusWorkforceStates(t *testing.T) {
	ctx := context.Background()
	db := cliDemoDB(t)
	d, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rs, _, _ := d.Workforce(ctx)
	for _, r := range rs {
		if err := d.RemoveRole(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name, plain, json string
		set               func() error
	}{
		{"none", "Workforce: no additional-role staff", `"workforce": {
    "in_post": 0,
    "planned": 0,
    "recruiting": 0
  }`, func() error { return nil }},
		{"not reported", "Workforce: not reported", `"workforce": null`, func() error { return d.UnreportWorkforce(ctx) }},
	} {
		if err := tc.set(); err != nil {
			t.Fatal(err)
		}
		if r := cliRun(t, nil, "--db", db, "status"); !strings.Contains(r.stdout, tc.plain) {
			t.Errorf("%s: status lacks %q:\n%s", tc.name, tc.plain, r.stdout)
		}
		if r := cliRun(t, nil, "--db", db, "status", "--json"); !strings.Contains(r.stdout, tc.json) {
			t.Errorf("%s: status --json lacks %s:\n%s", tc.name, tc.json, r.stdout)
		}
	}
}

func TestCLIStatusSanitisesStoredText(t *testing.T) {
	db := cliDemoDB(t)
	d, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := d.PCN(context.Background())
	p.Name = "Evil\x1b]0;pwned\x07 PCN\x1b[2J"
	if err := d.SavePCN(context.Background(), *p); err != nil {
		t.Fatal(err)
	}
	d.Close()
	r := cliRun(t, map[string]string{"TERM": "dumb"}, "--db", db, "status")
	if strings.ContainsAny(r.stdout, "\x1b\x07") || !strings.Contains(r.stdout, "Evil PCN (U99001)") {
		t.Errorf("stored control characters reached the terminal: %q", r.stdout)
	}
}

func TestCLIExportImportRoundTrip(t *testing.T) {
	db := cliDemoDB(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	if r := cliRun(t, nil, "--db", db, "export", "-o", a); r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	cliClock = cliClock.Add(time.Hour)
	defer func() { cliClock = cliClock.Add(-time.Hour) }()
	if r := cliRun(t, nil, "--db", db, "export", "-o", b); r.code != 0 {
		t.Fatalf("export again: exit %d: %s", r.code, r.stderr)
	}
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ab, bb) {
		t.Errorf("re-exporting unchanged content gave a different file")
	}
	var doc map[string]any
	json.Unmarshal(ab, &doc)
	if doc["revision"].(float64) != 1 || doc["generated_at"] != "2026-11-18T16:45:00Z" {
		t.Errorf("revision %v generated_at %v", doc["revision"], doc["generated_at"])
	}

	fresh := filepath.Join(t.TempDir(), "fresh.db")
	r := cliRun(t, nil, "--db", fresh, "import", a)
	if r.code != 0 || !strings.Contains(r.stdout, "restored U99001") {
		t.Fatalf("import: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	r = cliRun(t, nil, "--db", fresh, "export")
	if r.code != 0 || r.stdout != string(ab) {
		t.Errorf("import then export did not give the same file back (exit %d)", r.code)
	}
	r = cliRun(t, nil, "--db", fresh, "status", "--json")
	if !strings.Contains(r.stdout, `"changed_since_export": false`) {
		t.Errorf("a restored database should be up to date with its submission:\n%s", r.stdout)
	}
}

func TestCLIExportRevisionRises(t *testing.T) {
	db := cliDemoDB(t)
	cliRun(t, nil, "--db", db, "export")
	d, _ := store.Open(context.Background(), db, store.Options{})
	if err := d.SetStatement(context.Background(), "A new statement."); err != nil {
		t.Fatal(err)
	}
	d.Close()
	r := cliRun(t, map[string]string{"SOURCE_DATE_EPOCH": "1795000000"}, "--db", db, "export")
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["revision"].(float64) != 2 || doc["generated_at"] != time.Unix(1795000000, 0).UTC().Format(time.RFC3339) {
		t.Errorf("revision %v generated_at %v, want 2 and SOURCE_DATE_EPOCH", doc["revision"], doc["generated_at"])
	}
}

func TestCLIImportRefusals(t *testing.T) {
	db := cliDemoDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	cliRun(t, nil, "--db", db, "export", "-o", good)
	goodBytes, _ := os.ReadFile(good)

	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o600)
		return p
	}
	other := bytes.Replace(goodBytes, []byte(`"U99001"`), []byte(`"U99002"`), 1)
	big := filepath.Join(dir, "big.json")
	f, _ := os.Create(big)
	f.WriteString(`{"format":"pcnvoice.submission","padding":"`)
	f.Truncate(17 << 20)
	f.Close()
	tests := []struct {
		name, path, want string
	}{
		{"truncated", write("trunc.json", goodBytes[:200]), "trunc.json: not valid JSON"},
		{"empty", write("empty.json", nil), "empty.json: empty file"},
		{"array", write("array.json", []byte("[1]")), "array.json: not a JSON object"},
		{"edited", write("edited.json", bytes.Replace(goodBytes, []byte("Riverside is"), []byte("Riverside was"), 1)), "digest: does not match"},
		{"other pcn digest", write("other.json", other), "other.json: digest"},
		{"too big", big, "too large"},
		{"directory", dir, "is a directory"},
		{"missing", filepath.Join(dir, "nope.json"), "nope.json: no such file"},
		{"csv", write("x.csv", []byte("a,b\n1,2\n")), "x.csv: not a file pcnvoice understands"},
	}
	before := dbFingerprint(t, db)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cliRun(t, nil, "--db", db, "import", tt.path)
			if r.code != 1 || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit 1 and one line with %q", r.code, r.stderr, tt.want)
			}
		})
	}
	if after := dbFingerprint(t, db); after != before {
		t.Errorf("refused imports changed the database")
	}
}

// dbFingerprint summarises a database's content for before/after checks.
func dbFingerprint(t testing.TB, path string) string {
	t.Helper()
	d, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	s, err := d.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(s)
	return string(b)
}

func TestCLIImportOtherPCNRefused(t *testing.T) {
	// A genuine submission of another PCN, made in its own database.
	theirs := cliDemoDB(t)
	d, _ := store.Open(context.Background(), theirs, store.Options{})
	p, _ := d.PCN(context.Background())
	d.Close()
	_ = p
	snap := demo.Snapshot(config.Default(), cliClock)
	snap.PCN.Code = "U99002"
	other := filepath.Join(t.TempDir(), "other.db")
	od, _ := store.Open(context.Background(), other, store.Options{Create: true, Period: snap.Period.String()})
	od.Restore(context.Background(), snap, nil)
	od.Close()
	file := filepath.Join(t.TempDir(), "u99002.json")
	if r := cliRun(t, nil, "--db", other, "export", "-o", file); r.code != 0 {
		t.Fatal(r.stderr)
	}
	mine := cliDemoDB(t)
	before := dbFingerprint(t, mine)
	r := cliRun(t, nil, "--db", mine, "import", file)
	if r.code != 1 || !strings.Contains(r.stderr, "is for U99002") || !strings.Contains(r.stderr, "holds U99001") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	if dbFingerprint(t, mine) != before {
		t.Errorf("refused import changed the database")
	}
}

func TestCLIUsageAndVersion(t *testing.T) {
	db := cliDemoDB(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"version"}, 0, "pcnvoice 0.1.0"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"status", "--nope"}, 2, "unknown flag: --nope"},
		{[]string{"--db", db, "export", "--format", "xml"}, 2, `--format "xml"`},
		{[]string{"import"}, 2, "import needs at least one FILE"},
		{[]string{"--db", filepath.Join(t.TempDir(), "none.db"), "status"}, 1, "no database at"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := cliRun(t, nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
				t.Errorf("exit %d, out %q err %q; want exit %d with %q", r.code, r.stdout, r.stderr, tt.code, tt.want)
			}
		})
	}
}

func TestCLIEnvironmentDB(t *testing.T) {
	db := cliDemoDB(t)
	r := cliRun(t, map[string]string{"PCNVOICE_DB": db}, "status")
	if r.code != 0 || !strings.Contains(r.stdout, "U99001") {
		t.Errorf("PCNVOICE_DB not used: exit %d %s", r.code, r.stderr)
	}
}

func TestCLIDemoNoTUI(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "pcnvoice.db")
	r := cliRun(t, nil, "--db", real, "demo", "--no-tui")
	if r.code != 0 || !strings.Contains(r.stdout, "Riverside Health PCN") {
		t.Fatalf("exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "pcnvoice-demo.db")); err != nil {
		t.Errorf("demo database not beside the real one: %v", err)
	}
	if _, err := os.Stat(real); err == nil {
		t.Errorf("demo wrote into the real database path")
	}
	// Again: recreated, not appended to.
	r = cliRun(t, nil, "--db", real, "demo", "--no-tui")
	if r.code != 0 || !strings.Contains(r.stdout, "Workload: 12 notes") {
		t.Errorf("second demo: %s", r.stdout)
	}
}

func TestCLIBadConfigNamed(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfg, []byte("[forum]\nmethd = \"borda\"\n"), 0o600)
	r := cliRun(t, nil, "--config", cfg, "--db", filepath.Join(t.TempDir(), "x.db"), "demo", "--no-tui")
	if r.code != 1 || !strings.Contains(r.stderr, "config.toml") || !strings.Contains(r.stderr, "forum.methd") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

// writeFile writes data to path, making its folder, and returns path.
func writeFile(t testing.TB, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
