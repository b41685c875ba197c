package mergejob

import (
	"fmt"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

// Settings are the merge settings a person chose for this merge (the
// CLI's flags); the zero value of each means the config's [forum] one.
type Settings struct {
	Method    string // "schulze" or "borda"
	Weight    string // "equal" or "population"
	Top       int    // 1 or more
	Anonymise bool
	// AllowMixedPeriods merges submissions for more than one period
	// (--allow-mixed-periods), which is otherwise an error.
	AllowMixedPeriods bool
}

// SettingError is a merge setting that is not one, naming where it came
// from: a flag ("--method") or the config ("[forum] method").
type SettingError struct {
	Source string
	Flag   bool // Source is a flag: a usage error
	Err    error
}

// Error gives "source: what is wrong".
func (e *SettingError) Error() string { return e.Source + ": " + e.Err.Error() }

// Unwrap gives the underlying error.
func (e *SettingError) Unwrap() error { return e.Err }

// Options settles the merge's options: settings chosen win, then the
// config's [forum] section (its cover sheet, members and catalogue names
// too). now is the pack's time.
func Options(cfg *config.Config, s Settings, now time.Time) (forum.Options, error) {
	fc := cfg.Forum
	pick := func(chosen, configured, flag, key string) (string, *SettingError) {
		if chosen != "" {
			return chosen, &SettingError{Source: flag, Flag: true}
		}
		return configured, &SettingError{Source: "[forum] " + key}
	}
	method, src := pick(s.Method, fc.Method, "--method", "method")
	meth, err := rank.ParseMethod(method)
	if err != nil {
		src.Err = err
		return forum.Options{}, src
	}
	weight, src := pick(s.Weight, fc.Weight, "--weight", "weight")
	w, err := forum.ParseWeight(weight)
	if err != nil {
		src.Err = err
		return forum.Options{}, src
	}
	top, src := fc.Top, &SettingError{Source: "[forum] top"}
	if s.Top != 0 {
		top, src.Source, src.Flag = s.Top, "--top", true
	}
	if top < 0 {
		src.Err = fmt.Errorf("%d: want 1 or more", top)
		return forum.Options{}, src
	}
	words, err := ChairWords(cfg)
	if err != nil {
		return forum.Options{}, err
	}
	return forum.Options{
		Method: meth, Weight: w, Top: top, Anonymise: s.Anonymise, AllowMixedPeriods: s.AllowMixedPeriods,
		Now: now, Generator: version.Generator(),
		Meeting: pcnjson.Meeting{Name: fc.Name, Chair: fc.Chair, MeetingDate: fc.MeetingDate, Purpose: fc.Purpose, Session: fc.Session,
			Summary: words},
		Members:       fc.Members,
		ThemeNames:    names(cfg.Themes),
		CategoryNames: names(cfg.Categories),
		ServiceNames:  names(cfg.Services),
		ServiceOrder:  config.Keys(cfg.Services),
		RoleNames:     names(cfg.Roles),
	}, nil
}

// MaxChairWords caps the chair's words file: a page or two of Markdown is
// a few KiB; a file of megabytes is a mistake, not a summary.
const MaxChairWords = 64 << 10

// ChairWords reads the chair's own words for the papers from the config's
// [forum] summary_file (relative to the config file's folder; ~/ the home
// folder): Markdown text, UTF-8 (a byte-order mark or UTF-16 with one is
// fine), line ends made "\n". No file configured gives "". A file named but
// missing, too large or not text is an error naming the file and the
// setting: a paper silently without the chair's words would be worse.
func ChairWords(cfg *config.Config) (string, error) {
	name := cfg.Forum.SummaryFile
	if name == "" {
		return "", nil
	}
	path, err := cfg.Resolve("forum.summary_file", name)
	if err != nil {
		return "", err
	}
	where := fmt.Sprintf("forum.summary_file %q", name)
	if cfg.File() != "" {
		where = cfg.File() + ": " + where
	}
	data, err := infile.Read(path, MaxChairWords)
	if err != nil {
		return "", fmt.Errorf("%s: %w", where, err)
	}
	text, err := infile.Text(path, data)
	if err != nil {
		return "", fmt.Errorf("%s: %w", where, err)
	}
	s := strings.ReplaceAll(string(text), "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "\r", "\n")), nil
}

// names maps a catalogue's keys to their display names.
func names(entries []config.Entry) map[string]string {
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		out[e.Key] = e.Name
	}
	return out
}
