package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Director is the [director] section: settings for the PCN's own exports.
type Director struct {
	// SigningKey signs every export written to a file (SPEC §13): a
	// private key file, relative to the config file's folder (~/ the
	// home folder), or "agent" for the running ssh-agent. Empty means
	// exports are not signed unless --sign says so.
	SigningKey string `toml:"signing_key"`
}

// File is the config file these settings were read from, "" for the
// shipped defaults alone.
func (c *Config) File() string { return c.file }

// Resolve turns a path written in the config into one to open: ~/ is the
// home folder, and a relative path is relative to the config file's
// folder (where the person who wrote it was looking), not to wherever
// pcnvoice happens to be run from. key names the setting in errors.
func (c *Config) Resolve(key, path string) (string, error) {
	if rest, ok := strings.CutPrefix(path, "~/"); ok || path == "~" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("%s: %s %q: cannot find your home folder", c.file, key, path)
		}
		return filepath.Join(home, rest), nil
	}
	if path == "" || filepath.IsAbs(path) || c.file == "" {
		return path, nil
	}
	return filepath.Join(filepath.Dir(c.file), path), nil
}
