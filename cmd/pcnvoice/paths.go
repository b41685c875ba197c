package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pcnvoice/pcnvoice/config"
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

// pathValue is a flag that names a file or folder. A leading ~ means the
// user's home, as the shell makes it of `--db ~/pcn.db` but not of
// `--db=~/pcn.db`, a quoted "~/pcn.db" or anything typed on Windows:
// taken literally, those would make a folder called "~" wherever the
// command ran.
type pathValue struct{ p *string }

// pathFlag registers a path flag on fs; short may be "".
func pathFlag(fs *pflag.FlagSet, p *string, name, short, usage string) {
	fs.VarP(pathValue{p}, name, short, usage)
}

func (v pathValue) String() string {
	if v.p == nil {
		return ""
	}
	return *v.p
}

func (v pathValue) Set(s string) error {
	p, err := config.ExpandHome(s)
	if err != nil {
		return err
	}
	*v.p = p
	return nil
}

// Type is what help shows after the flag's name, as for any string flag.
func (v pathValue) Type() string { return "string" }
