// Package config holds pcnvoice's shipped catalogues — national services,
// workload categories, priority themes, additional roles — and forum settings, and reads the
// user's config.toml over them. The defaults are embedded from defaults.toml
// beside this file (go:embed cannot reach outside its package's folder).
package config

import (
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/infile"
)

//go:embed defaults.toml
var defaultsTOML string

// Entry is one catalogue item. From and To are financial years ("2026/27")
// bounding when a service is active, or a role reimbursable; empty means
// open-ended.
type Entry struct {
	Key  string `toml:"key"`
	Name string `toml:"name"`
	From string `toml:"from"`
	To   string `toml:"to"`
}

// Forum is the [forum] section: the cover sheet of a forum pack and the
// merge defaults.
type Forum struct {
	Name        string   `toml:"name"`
	Chair       string   `toml:"chair"`
	Members     []string `toml:"members"`
	MeetingDate string   `toml:"meeting_date"`
	Purpose     string   `toml:"purpose"`
	Session     string   `toml:"session"`
	Method      string   `toml:"method"`
	Weight      string   `toml:"weight"`
	Top         int      `toml:"top"`
	// AllowedSigners is the forum's roster (SPEC §13): an OpenSSH
	// allowed_signers file; relative to the config file's folder, ~/ the
	// home folder. Empty means no roster.
	AllowedSigners string `toml:"allowed_signers"`
	// SummaryFile holds the chair's own words for the forum's papers
	// (SPEC §5), as Markdown; relative to the config file's folder, ~/
	// the home folder. Empty means none. See Config.File.
	SummaryFile string `toml:"summary_file"`
}

// Config is the catalogues and settings in force.
type Config struct {
	Services   []Entry `toml:"services"`
	Categories []Entry `toml:"categories"`
	Themes     []Entry `toml:"themes"`
	// Roles are the additional roles (ARRS) a PCN reports its workforce
	// in (SPEC §6), each from the financial year it became reimbursable.
	Roles    []Entry  `toml:"roles"`
	Forum    Forum    `toml:"forum"`
	Director Director `toml:"director"`

	file string // the config file read, for Resolve; "" for the defaults
}

// Default returns the shipped configuration.
func Default() *Config {
	c, err := parse("defaults.toml", defaultsTOML, &Config{})
	if err != nil {
		panic("config: shipped defaults.toml is invalid: " + err.Error()) // a build defect, caught by tests
	}
	c.file = ""
	return c
}

// Check validates the user's config at path as Load does — the same
// verdict, the same error — without reading the shipped defaults, for
// commands that use no setting but must not ignore a broken or missing
// config (status, which must start fast). A missing file is fine when
// required is false.
func Check(path string, required bool) error {
	text, ok, err := read(path, required)
	if err != nil || !ok {
		return err
	}
	// Any valid forum settings will do as the base: a user's value is
	// valid or not whatever the default it replaces, and catalogue entries
	// are checked one by one.
	base := &Config{Forum: Forum{Purpose: "decision", Session: "public", Method: "schulze", Weight: "equal", Top: 1}}
	_, err = parse(path, text, base)
	return err
}

// MaxFileSize caps the config file: the shipped defaults, every catalogue
// entry in them, are some 10 KiB; a file of megabytes is a mistake.
const MaxFileSize = 1 << 20

// read returns the text of the config file at path, and false when there
// is none and none is required. It is read as every file from outside is
// (infile): a FIFO or device is refused at once, never opened for a read
// that would not end, and a file over MaxFileSize before it is read.
func read(path string, required bool) (string, bool, error) {
	if path == "" || path == os.DevNull {
		// --config /dev/null (NUL on Windows) is the usual way to say "no
		// config, only the defaults": the one device read as empty.
		return "", false, nil
	}
	b, err := infile.Read(path, MaxFileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !required:
		return "", false, nil
	case errors.Is(err, fs.ErrNotExist):
		return "", false, fmt.Errorf("%s: no such config file", path)
	case err != nil:
		return "", false, err
	}
	return strings.TrimPrefix(string(b), "\uFEFF"), true, nil
}

// Load reads the user's config at path over the defaults. A missing file is
// fine when required is false (the default location); an explicit --config
// that does not exist is an error.
func Load(path string, required bool) (*Config, error) {
	text, ok, err := read(path, required)
	if err != nil {
		return nil, err
	}
	if !ok {
		return Default(), nil
	}
	c, err := parse(path, text, Default())
	if err != nil {
		return nil, err
	}
	return c, nil
}

// parse decodes text over base: catalogue entries with a known key replace
// it, new keys are appended, and [forum] fields given replace the default.
func parse(name, text string, base *Config) (*Config, error) {
	var user Config
	user.Forum = base.Forum
	user.Director = base.Director
	user.Forum.Members = slices.Clone(base.Forum.Members)
	md, err := toml.Decode(text, &user)
	if err != nil {
		return nil, explain(name, text, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown setting %q (check the spelling against the shipped defaults)", name, und[0].String())
	}
	// Entries are checked as the file has them, so services[1] is the
	// second [[services]] in this file, not in the merged catalogue.
	for _, list := range [][]Entry{user.Services, user.Categories, user.Themes, user.Roles} {
		for i := range list {
			list[i].Key = strings.TrimSpace(list[i].Key)
		}
	}
	if err := user.validateEntries(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &Config{
		Services:   mergeEntries(base.Services, user.Services),
		Categories: mergeEntries(base.Categories, user.Categories),
		Themes:     mergeEntries(base.Themes, user.Themes),
		Roles:      mergeEntries(base.Roles, user.Roles),
		Forum:      user.Forum,
		Director:   user.Director,
		file:       name,
	}
	if err := c.validateForum(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

func mergeEntries(base, over []Entry) []Entry {
	out := slices.Clone(base)
	for _, e := range over {
		e.Key = strings.TrimSpace(e.Key)
		if i := slices.IndexFunc(out, func(b Entry) bool { return b.Key == e.Key }); i >= 0 {
			out[i] = e
		} else {
			out = append(out, e)
		}
	}
	return out
}

func (c *Config) validateEntries() error {
	// Slices, not maps, so that a file with two mistakes always reports the same one.
	for _, sec := range []struct {
		section string
		list    []Entry
	}{{"services", c.Services}, {"categories", c.Categories}, {"themes", c.Themes}, {"roles", c.Roles}} {
		section := sec.section
		for i, e := range sec.list {
			if e.Key == "" {
				return fmt.Errorf("%s[%d].key: must not be empty", section, i)
			}
			if e.Name == "" {
				return fmt.Errorf("%s[%d].name: must not be empty (key %q)", section, i, e.Key)
			}
			for _, f := range [][2]string{{"from", e.From}, {"to", e.To}} {
				if f[1] == "" {
					continue
				}
				if _, err := domain.ParseFinancialYear(f[1]); err != nil {
					return fmt.Errorf("%s[%d].%s: %w", section, i, f[0], err)
				}
			}
		}
	}
	return nil
}

func (c *Config) validateForum() error {
	f := c.Forum
	for _, check := range []struct {
		field string
		val   string
		okay  []string
	}{
		{"purpose", f.Purpose, []string{"decision", "discussion", "assurance", "information"}},
		{"session", f.Session, []string{"public", "private"}},
		{"method", f.Method, []string{"schulze", "borda"}},
		{"weight", f.Weight, []string{"equal", "population"}},
	} {
		if !slices.Contains(check.okay, check.val) {
			return fmt.Errorf("forum.%s: %q is not one of %s", check.field, check.val, strings.Join(check.okay, ", "))
		}
	}
	if f.Top < 1 {
		return fmt.Errorf("forum.top: must be 1 or more, got %d", f.Top)
	}
	for i, m := range f.Members {
		code := domain.NormaliseCode(m)
		if !domain.ValidPCNCode(code) {
			return fmt.Errorf("forum.members[%d]: %q is not a PCN code (U and five digits)", i, m)
		}
		c.Forum.Members[i] = code
	}
	return nil
}

// ActiveServices returns the catalogue services active in financial year
// fy (the starting calendar year, 2026 for 2026/27), in catalogue order.
func (c *Config) ActiveServices(fy int) []Entry { return active(c.Services, fy) }

// ActiveRoles returns the catalogue roles reimbursable in financial year
// fy, in catalogue order: what the Workforce section offers to add. Roles
// a PCN already reports stay whatever the catalogue says.
func (c *Config) ActiveRoles(fy int) []Entry { return active(c.Roles, fy) }

func active(list []Entry, fy int) []Entry {
	var out []Entry
	for _, e := range list {
		if e.From != "" {
			if from, _ := domain.ParseFinancialYear(e.From); fy < from {
				continue
			}
		}
		if e.To != "" {
			if to, _ := domain.ParseFinancialYear(e.To); fy > to {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// Name returns the display name for key in a catalogue, or the key itself
// for one the catalogue does not know (a forum may add its own).
func Name(list []Entry, key string) string {
	for _, e := range list {
		if e.Key == key {
			return e.Name
		}
	}
	return key
}

// CompareServices orders service keys as the catalogue lists them (SPEC
// §6: the order every screen and paper shows services in), keys it does
// not know (a forum's own) after them, by key.
func (c *Config) CompareServices(a, b string) int {
	return CompareKeys(c.Services, a, b)
}

// CompareKeys orders keys as list holds them, unknown keys after, by key.
func CompareKeys(list []Entry, a, b string) int {
	ia := slices.IndexFunc(list, func(e Entry) bool { return e.Key == a })
	ib := slices.IndexFunc(list, func(e Entry) bool { return e.Key == b })
	switch {
	case ia >= 0 && ib >= 0:
		return cmp.Compare(ia, ib)
	case ia >= 0:
		return -1
	case ib >= 0:
		return 1
	}
	return strings.Compare(a, b)
}

// Keys returns the keys of list, in its order.
func Keys(list []Entry) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.Key
	}
	return out
}
