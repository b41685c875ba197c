package config

import (
	"errors"
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
	if hasHome(path) {
		p, err := ExpandHome(path)
		if err != nil {
			return "", fmt.Errorf("%s: %s %q: %w", c.file, key, path, err)
		}
		return p, nil
	}
	if path == "" || filepath.IsAbs(path) || c.file == "" {
		return path, nil
	}
	return filepath.Join(filepath.Dir(c.file), path), nil
}

// ExpandHome turns a leading ~ in a path the user wrote into their home
// folder, as a shell would for a path it never saw (--sign=~/.ssh/id, a
// config value, a name typed in the app): "~", "~/x", and on Windows
// `~\x` too. Any other path, "~user/x" among them, is returned as it is.
// The error (no home folder: a service account) comes with path
// unchanged, for a caller that would rather carry on with it.
func ExpandHome(path string) (string, error) {
	if !hasHome(path) {
		return path, nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return path, errors.New("cannot find your home folder")
	}
	return filepath.Join(home, path[1:]), nil
}

// hasHome is whether path starts with the ~ that ExpandHome expands.
func hasHome(path string) bool {
	return path == "~" || strings.HasPrefix(path, "~/") ||
		(filepath.Separator == '\\' && strings.HasPrefix(path, `~\`))
}
