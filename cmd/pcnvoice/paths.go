package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// defaultDBPath is the database's home: a local, unsynced data folder (WAL
// needs one host; sync clients copy files mid-transaction), never a roaming
// profile. Windows: %LocalAppData%\pcnvoice; macOS: ~/Library/Application
// Support/pcnvoice; elsewhere $XDG_DATA_HOME/pcnvoice or ~/.local/share/pcnvoice.
func defaultDBPath(getenv func(string) string) (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = getenv("LocalAppData")
		if dir == "" {
			return "", fmt.Errorf("cannot find your local data folder (%%LocalAppData%% is not set): give --db PATH")
		}
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot find your home folder: give --db PATH")
		}
		dir = filepath.Join(home, "Library", "Application Support")
	default:
		dir = getenv("XDG_DATA_HOME")
		if dir == "" || !filepath.IsAbs(dir) {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("cannot find your home folder: give --db PATH")
			}
			dir = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(dir, "pcnvoice", "pcnvoice.db"), nil
}

// defaultConfigPath is os.UserConfigDir()/pcnvoice/config.toml, or "" when
// the platform has no config folder (then the shipped defaults apply).
func defaultConfigPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "pcnvoice", "config.toml")
}

// demoPath is the demo database beside the real one, never in it:
// pcnvoice.db → pcnvoice-demo.db.
func demoPath(dbPath string) string {
	ext := filepath.Ext(dbPath)
	return strings.TrimSuffix(dbPath, ext) + "-demo" + ext
}
