package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// The tests in this file are issue 16's traps in the command line, each
// run through Main.Run.

// TestExportFormatFromOutput: -o's extension picks the format for export
// as for merge, so `export -o paper.html` writes the paper, never JSON
// over it; a --format that contradicts the extension is a usage error
// that writes and records nothing; format names are case-insensitive.
func TestExportFormatFromOutput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string // what the file starts with, or the error
	}{
		{"html from the name", []string{"-o", "paper.html"}, 0, "<!doctype html>"},
		{"htm from the name", []string{"-o", "paper.htm"}, 0, "<!doctype html>"},
		{"md from the name", []string{"-o", "paper.md"}, 0, "# "},
		{"json from the name", []string{"-o", "sub.json"}, 0, "{"},
		{"no extension is json", []string{"-o", "submission"}, 0, "{"},
		{"upper-case extension", []string{"-o", "PAPER.HTML"}, 0, "<!doctype html>"},
		{"long flag", []string{"--output", "paper.html"}, 0, "<!doctype html>"},
		{"format names any case", []string{"--format", "HTML", "-o", "paper.html"}, 0, "<!doctype html>"},
		{"format agrees", []string{"--format", "md", "-o", "paper.md"}, 0, "# "},
		{"format for an unknown extension", []string{"--format", "html", "-o", "paper.txt"}, 0, "<!doctype html>"},
		{"contradiction", []string{"--format", "json", "-o", "paper.html"}, 2, "--format json contradicts the .html of -o"},
		{"contradiction md", []string{"--format", "HTML", "-o", "paper.md"}, 2, "--format HTML contradicts the .md of -o"},
		{"the old --o is gone", []string{"--o", "paper.html"}, 2, "unknown flag: --o"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := cliDemoDB(t)
			dir := t.TempDir()
			args := append([]string{"--db", db, "export"}, tt.args...)
			for i, a := range args {
				if i > 0 && (args[i-1] == "-o" || args[i-1] == "--output" || args[i-1] == "--o") {
					args[i] = filepath.Join(dir, a)
				}
			}
			r := cliRun(t, nil, args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d: %s", r.code, tt.code, r.stderr)
			}
			entries, _ := os.ReadDir(dir)
			if tt.code != 0 {
				if !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
					t.Errorf("stderr %q, want one line with %q", r.stderr, tt.want)
				}
				if len(entries) != 0 || exportCount(t, db) != 0 {
					t.Errorf("a refused export wrote %v or recorded %d", entries, exportCount(t, db))
				}
				return
			}
			if len(entries) != 1 {
				t.Fatalf("wrote %v", entries)
			}
			data, _ := os.ReadFile(filepath.Join(dir, entries[0].Name()))
			if !bytes.HasPrefix(bytes.TrimSpace(data), []byte(tt.want)) {
				t.Errorf("the file starts %.40q, want %q", data, tt.want)
			}
		})
	}
}

// TestOutputFlagEverywhere: every command that writes a file spells it
// -o, long form --output.
func TestOutputFlagEverywhere(t *testing.T) {
	m := &Main{}
	var walk func(c *cobra.Command)
	seen := 0
	walk = func(c *cobra.Command) {
		for _, name := range []string{"o", "out"} {
			if f := c.Flags().Lookup(name); f != nil {
				t.Errorf("%s has --%s; the output flag is -o/--output", c.CommandPath(), name)
			}
		}
		if f := c.Flags().ShorthandLookup("o"); f != nil {
			seen++
			if f.Name != "output" {
				t.Errorf("%s: -o is --%s, want --output", c.CommandPath(), f.Name)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(m.rootCommand())
	if seen < 2 {
		t.Errorf("-o found on %d commands, want export and merge at least", seen)
	}
}

// TestDBThatIsNotADatabase: --db pointed at a submission, a forum pack or
// a folder says what it is and what was probably meant, and changes
// nothing.
func TestDBThatIsNotADatabase(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "riverside.json")
	if r := cliRun(t, nil, "--db", cliDemoDB(t), "export", "-o", sub); r.code != 0 {
		t.Fatal(r.stderr)
	}
	pack := copyFixture(t, dir, "received/northgate-neighbourhood-pack.json", "pack.json")
	folder := filepath.Join(dir, "PCN data")
	os.Mkdir(folder, 0o700)
	utf16 := filepath.Join(dir, "powershell.json")
	data, _ := os.ReadFile(sub)
	var b []byte
	b = append(b, 0xff, 0xfe)
	for _, c := range string(data) {
		b = append(b, byte(c), byte(c>>8)) // ASCII and Latin-1 are enough here
	}
	os.WriteFile(utf16, b, 0o600)
	tests := []struct {
		path string
		want string
	}{
		{sub, sub + " is a submission file, not a database: did you mean `pcnvoice import " + sub + "`?"},
		{utf16, utf16 + " is a submission file, not a database"},
		{pack, pack + " is a forum pack, not a database: did you mean `pcnvoice merge " + pack + "`?"},
		{folder, folder + " is a folder, not a database"},
	}
	for _, tt := range tests {
		for _, cmd := range [][]string{{"status"}, {"export"}, {"import", sub}} {
			t.Run(filepath.Base(tt.path)+"/"+cmd[0], func(t *testing.T) {
				before := fileSum(t, tt.path)
				r := cliRun(t, nil, append([]string{"--db", tt.path}, cmd...)...)
				if r.code != 1 || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
					t.Errorf("exit %d, stderr %q; want one line with %q", r.code, r.stderr, tt.want)
				}
				if fileSum(t, tt.path) != before {
					t.Error("the file changed")
				}
			})
		}
	}
}

// TestConfigChecked: every command that reads the config validates it, in
// one line naming the file, the key and the type wanted; status honours
// --config like the rest.
func TestConfigChecked(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o600)
		return p
	}
	wrongType := write("type.toml", "[forum]\ntop = \"three\"\n")
	wrongList := write("list.toml", "[forum]\nmembers = [\"U51234\", 7]\n")
	unknown := write("unknown.toml", "[forum]\nmethd = \"borda\"\n")
	syntax := write("syntax.toml", "[forum]\ntop = = 3\n")
	entries := write("entries.toml", "[[services]]\nkey = \"x\"\nname = 3\n")
	good := write("good.toml", "[forum]\ntop = 5\n")
	missing := filepath.Join(dir, "missing.toml")
	db := cliDemoDB(t)
	tests := []struct {
		config string
		want   []string
	}{
		{wrongType, []string{"type.toml", "forum.top", "want a whole number", "a string"}},
		{wrongList, []string{"list.toml", "forum.members[1]", "want a string", "an integer"}},
		{unknown, []string{"unknown.toml", "forum.methd", "unknown setting"}},
		{syntax, []string{"syntax.toml", "line 2"}},
		{entries, []string{"entries.toml", "services[0].name", "want a string"}},
		{missing, []string{"missing.toml", "no such config file"}},
	}
	commands := [][]string{
		{"status"}, {"status", "--json"}, {"export", "--format", "md"},
		{"merge", filepath.Join(mergeFixtures, "worked")},
		{"verify", filepath.Join(mergeFixtures, "worked", "U20001.json")},
		{"demo", "--no-tui"},
		{"import", filepath.Join(mergeFixtures, "worked", "U20001.json")},
		{"history"}, {"history", "--json"},
		{"diff", filepath.Join(mergeFixtures, "worked", "U20001.json"), filepath.Join(mergeFixtures, "worked", "U20002.json")},
	}
	for _, tt := range tests {
		for _, cmd := range commands {
			t.Run(filepath.Base(tt.config)+"/"+strings.Join(cmd, " "), func(t *testing.T) {
				r := cliRun(t, nil, append([]string{"--config", tt.config, "--db", db}, cmd...)...)
				if r.code != 1 || strings.Count(r.stderr, "\n") != 1 {
					t.Fatalf("exit %d, stderr %q; want exit 1 and one line", r.code, r.stderr)
				}
				for _, w := range tt.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("stderr %q lacks %q", r.stderr, w)
					}
				}
				for _, raw := range []string{": toml:", "destination has type", "TOML value"} {
					if strings.Contains(r.stderr, raw) {
						t.Errorf("the TOML library's own words reach the user: %q", r.stderr)
					}
				}
			})
		}
	}
	if r := cliRun(t, nil, "--config", good, "--db", db, "status"); r.code != 0 {
		t.Errorf("a good config: exit %d %s", r.code, r.stderr)
	}
	if r := cliRun(t, map[string]string{"PCNVOICE_CONFIG": wrongType}, "--db", db, "status"); r.code != 1 || !strings.Contains(r.stderr, "forum.top") {
		t.Errorf("PCNVOICE_CONFIG not checked by status: exit %d %s", r.code, r.stderr)
	}
}

// TestUsageErrorsNameTheirHelp: a usage error points at the help of the
// command that was run.
func TestUsageErrorsNameTheirHelp(t *testing.T) {
	db := cliDemoDB(t)
	tests := []struct {
		args []string
		help string
	}{
		{[]string{"frobnicate"}, "pcnvoice --help"},
		{[]string{"--nope"}, "pcnvoice --help"},
		{[]string{"status", "--nope"}, "pcnvoice status --help"},
		{[]string{"status", "extra"}, "pcnvoice status --help"},
		{[]string{"--db", db, "export", "--format", "pdf"}, "pcnvoice export --help"},
		{[]string{"import"}, "pcnvoice import --help"},
		{[]string{"import", "--pcn", "X1", "x.csv"}, "pcnvoice import --help"},
		{[]string{"merge"}, "pcnvoice merge --help"},
		{[]string{"merge", "--top", "0", "x"}, "pcnvoice merge --help"},
		{[]string{"verify"}, "pcnvoice verify --help"},
		{[]string{"version", "x"}, "pcnvoice version --help"},
		{[]string{"demo", "--no-tu"}, "pcnvoice demo --help"},
		{[]string{"history", "extra"}, "pcnvoice history --help"},
		{[]string{"history", "--jsn"}, "pcnvoice history --help"},
		{[]string{"diff", "a", "b", "c"}, "pcnvoice diff --help"},
		{[]string{"diff", "@-1"}, "pcnvoice diff --help"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := cliRun(t, nil, tt.args...)
			want := "(see `" + tt.help + "`)"
			if r.code != 2 || !strings.Contains(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit 2 and one line with %q", r.code, r.stderr, want)
			}
		})
	}
}

// TestHelpNeverCitesTheSpec: help is for the person at the terminal, who
// has no SPEC to look things up in.
func TestHelpNeverCitesTheSpec(t *testing.T) {
	m := &Main{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		r := cliRun(t, nil, append(strings.Fields(c.CommandPath())[1:], "--help")...)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("%s --help: exit %d", c.CommandPath(), r.code)
		}
		for _, bad := range []string{"SPEC", "§"} {
			if strings.Contains(r.stdout, bad) {
				t.Errorf("%s --help cites the spec (%q):\n%s", c.CommandPath(), bad, r.stdout)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(m.rootCommand())
}

// TestDemoSaysHowToUseIt: demo ends by saying how to point the other
// commands at its database, and --demo means exactly that.
func TestDemoSaysHowToUseIt(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "pcnvoice.db")
	demoDB := filepath.Join(dir, "pcnvoice-demo.db")
	r := cliRun(t, nil, "--db", real, "demo", "--no-tui")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	hint := "pcnvoice --db " + demoDB + " status"
	if !strings.Contains(r.stderr, hint) {
		t.Errorf("demo does not say how to use its database (%q):\n%s", hint, r.stderr)
	}
	viaDemo := cliRun(t, nil, "--db", real, "--demo", "status")
	viaDB := cliRun(t, nil, "--db", demoDB, "status")
	if viaDemo.code != 0 || viaDemo.stdout != viaDB.stdout || !strings.Contains(viaDemo.stdout, "Riverside Health PCN") {
		t.Errorf("--demo is not --db %s:\n%s%s\nwant\n%s", demoDB, viaDemo.stdout, viaDemo.stderr, viaDB.stdout)
	}
	// After the command, as the spec allows for global flags.
	if r := cliRun(t, nil, "status", "--demo", "--db", real); r.stdout != viaDB.stdout {
		t.Errorf("--demo after the command: %s%s", r.stdout, r.stderr)
	}
	// With the default database, the hint is --demo itself.
	home := t.TempDir()
	env := map[string]string{"XDG_DATA_HOME": home, "LocalAppData": home}
	t.Setenv("HOME", home)
	r = cliRun(t, env, "demo", "--no-tui")
	if r.code != 0 || !strings.Contains(r.stderr, "pcnvoice --demo status") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	if r := cliRun(t, env, "--demo", "status"); r.code != 0 || !strings.Contains(r.stdout, "Riverside Health PCN") {
		t.Errorf("--demo status: exit %d %s", r.code, r.stderr)
	}
	// --demo demo makes the same database, not a demo of the demo.
	if r := cliRun(t, nil, "--db", real, "--demo", "demo", "--no-tui"); r.code != 0 || !strings.Contains(r.stderr, demoDB) {
		t.Errorf("--demo demo: exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "pcnvoice-demo-demo.db")); err == nil {
		t.Error("--demo demo made a demo of the demo")
	}
}

// TestMergeFormatFromOutput: merge settles its format by the same rules
// as export.
func TestMergeFormatFromOutput(t *testing.T) {
	worked := filepath.Join(mergeFixtures, "worked")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"html from the name", []string{"-o", "pack.HTML"}, 0, "<!doctype html>"},
		{"json from the name", []string{"--output", "pack.json"}, 0, "{"},
		{"md from the name", []string{"-o", "pack.markdown"}, 0, "# "},
		{"no extension is md", []string{"-o", "pack"}, 0, "# "},
		{"format names any case", []string{"--format", "JSON", "-o", "pack.json"}, 0, "{"},
		{"contradiction", []string{"--format", "md", "-o", "pack.json"}, 2, "--format md contradicts the .json of -o"},
		{"unknown format", []string{"--format", "pdf"}, 2, `--format "pdf": want md, html or json (see ` + "`pcnvoice merge --help`)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"merge"}, tt.args...)
			for i, a := range args {
				if i > 0 && (args[i-1] == "-o" || args[i-1] == "--output") {
					args[i] = filepath.Join(dir, a)
				}
			}
			r := cliRun(t, mergeEnv(t, ""), append(args, worked)...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d: %s", r.code, tt.code, r.stderr)
			}
			entries, _ := os.ReadDir(dir)
			if tt.code != 0 {
				if !strings.Contains(r.stderr, tt.want) || len(entries) != 0 {
					t.Errorf("stderr %q (want %q), wrote %v", r.stderr, tt.want, entries)
				}
				return
			}
			data, _ := os.ReadFile(filepath.Join(dir, entries[0].Name()))
			if !bytes.HasPrefix(bytes.TrimSpace(data), []byte(tt.want)) {
				t.Errorf("the file starts %.40q, want %q", data, tt.want)
			}
		})
	}
}
