package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLITildePaths: a path flag written --db=~/x, or a quoted ~ in
// PCNVOICE_DB, reaches pcnvoice with the ~ the shell left alone. It means
// the home folder, as everywhere else; taken literally it would make a
// folder called "~" wherever the command ran.
func TestCLITildePaths(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // os.UserHomeDir on Windows
	work := t.TempDir()
	t.Chdir(work)
	db := cliDemoDB(t)
	if err := os.Rename(db, filepath.Join(home, "pcn.db")); err != nil {
		t.Fatal(err)
	}

	r := cliRun(t, nil, "--db=~/pcn.db", "status")
	if r.code != 0 || !strings.Contains(r.stdout, "U99001") {
		t.Errorf("--db=~/pcn.db: exit %d, %s%s", r.code, r.stdout, r.stderr)
	}
	r = cliRun(t, map[string]string{"PCNVOICE_DB": "~/pcn.db"}, "status")
	if r.code != 0 || !strings.Contains(r.stdout, "U99001") {
		t.Errorf(`PCNVOICE_DB="~/pcn.db": exit %d, %s%s`, r.code, r.stdout, r.stderr)
	}
	r = cliRun(t, nil, "--db=~/pcn.db", "export", "--output=~/out.json")
	if r.code != 0 {
		t.Fatalf("export --output=~/out.json: exit %d, %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(home, "out.json")); err != nil {
		t.Errorf("export --output=~/out.json did not write the home folder's out.json: %v", err)
	}
	r = cliRun(t, nil, "--db=~/pcn.db", "--config=~/absent.toml", "status")
	if r.code == 0 || !strings.Contains(r.stderr, filepath.Join(home, "absent.toml")) {
		t.Errorf("--config=~/absent.toml: exit %d, the error should name the file in the home folder: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(work, "~")); err == nil {
		t.Errorf("a folder called ~ was made in the working folder")
	}
}
