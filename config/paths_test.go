package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResolve: paths in a config are relative to the config's folder, ~/
// to the home folder; the defaults resolve nothing.
func TestResolve(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	os.WriteFile(path, []byte("[director]\nsigning_key = \"keys/id_ed25519\"\n[forum]\nallowed_signers = \"allowed_signers\"\n"), 0o600)
	c, err := Load(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.File() != path || c.Director.SigningKey != "keys/id_ed25519" {
		t.Fatalf("file %q, director %+v", c.File(), c.Director)
	}
	home, _ := os.UserHomeDir()
	abs := filepath.Join(dir, "abs")
	for in, want := range map[string]string{
		"keys/id_ed25519": filepath.Join(dir, "keys", "id_ed25519"),
		"~/.ssh/id":       filepath.Join(home, ".ssh", "id"),
		abs:               abs,
		"agent":           filepath.Join(dir, "agent"), // the caller knows "agent" is no path
		"":                "",
	} {
		if got, err := c.Resolve("director.signing_key", in); err != nil || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, _ := Default().Resolve("forum.allowed_signers", "roster"); got != "roster" {
		t.Errorf("defaults: %q", got)
	}
	if Default().Director.SigningKey != "" {
		t.Error("the shipped defaults sign")
	}
	_, err = Load(writeConfig(t, "[director]\nsigning_key = 5\n"), true)
	if err == nil || !strings.Contains(err.Error(), "signing_key") {
		t.Errorf("a number for signing_key: %v", err)
	}
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, []byte(text), 0o600)
	return path
}
