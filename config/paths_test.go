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

// TestExpandHome: the ~ forms a shell expands become the home folder;
// anything else, and a ~ with no home folder to expand it to, comes back
// as it was.
func TestExpandHome(t *testing.T) {
	home := t.TempDir()
	windows := filepath.Separator == '\\'
	for _, c := range []struct {
		name, in, want string
	}{
		{"home alone", "~", home},
		{"under home", "~/.ssh/id_ed25519", filepath.Join(home, ".ssh", "id_ed25519")},
		{"home with a trailing slash", "~/", home},
		{"backslash", `~\keys\id`, map[bool]string{true: filepath.Join(home, "keys", "id"), false: `~\keys\id`}[windows]},
		{"another user's home", "~sam/id", "~sam/id"},
		{"tilde inside", "keys/~/id", "keys/~/id"},
		{"relative", "keys/id", "keys/id"},
		{"absolute", filepath.Join(home, "id"), filepath.Join(home, "id")},
		{"empty", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("USERPROFILE", home)
			if got, err := ExpandHome(c.in); err != nil || got != c.want {
				t.Errorf("ExpandHome(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
		})
	}
	t.Run("no home folder", func(t *testing.T) {
		t.Setenv("HOME", "")
		t.Setenv("USERPROFILE", "")
		got, err := ExpandHome("~/id")
		if err == nil || got != "~/id" || !strings.Contains(err.Error(), "home folder") {
			t.Errorf("= %q, %v; want the path back and an error", got, err)
		}
		if got, err := ExpandHome("keys/id"); err != nil || got != "keys/id" {
			t.Errorf("a path without ~ needs no home: %q, %v", got, err)
		}
		c := &Config{file: "/etc/pcnvoice/config.toml"}
		if _, err := c.Resolve("director.signing_key", "~/id"); err == nil || !strings.Contains(err.Error(), `director.signing_key "~/id": cannot find your home folder`) {
			t.Errorf("Resolve: %v", err)
		}
	})
}
