package mergejob

import (
	"fmt"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
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
	return forum.Options{
		Method: meth, Weight: w, Top: top, Anonymise: s.Anonymise,
		Now: now, Generator: version.Generator(),
		Meeting:       pcnjson.Meeting{Name: fc.Name, Chair: fc.Chair, MeetingDate: fc.MeetingDate, Purpose: fc.Purpose, Session: fc.Session},
		Members:       fc.Members,
		ThemeNames:    names(cfg.Themes),
		CategoryNames: names(cfg.Categories),
		ServiceNames:  names(cfg.Services),
	}, nil
}

// names maps a catalogue's keys to their display names.
func names(entries []config.Entry) map[string]string {
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		out[e.Key] = e.Name
	}
	return out
}
