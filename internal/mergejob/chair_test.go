package mergejob

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/pii"
)

// chairConfig writes a config naming summary as its [forum] summary_file
// (relative to the config's folder) and loads it.
func chairConfig(t *testing.T, summary string) (*config.Config, string) {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(p, []byte("[forum]\nsummary_file = \""+summary+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, dir
}

func TestChairWords(t *testing.T) {
	t.Run("read relative to the config, BOM and CRLF gone", func(t *testing.T) {
		cfg, dir := chairConfig(t, "papers/chair.md")
		os.MkdirAll(filepath.Join(dir, "papers"), 0o700)
		os.WriteFile(filepath.Join(dir, "papers", "chair.md"), []byte("\xEF\xBB\xBF**We agreed.**\r\n\r\n- rooms\r\n"), 0o600)
		opt, err := Options(cfg, Settings{}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if opt.Meeting.Summary != "**We agreed.**\n\n- rooms" {
			t.Errorf("summary %q", opt.Meeting.Summary)
		}
	})
	t.Run("none configured", func(t *testing.T) {
		if w, err := ChairWords(config.Default()); w != "" || err != nil {
			t.Errorf("%q, %v", w, err)
		}
	})
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"missing", "gone.md", nil, `forum.summary_file "gone.md": ` + "%DIR%" + `gone.md: no such file`},
		{"too large", "big.md", []byte(strings.Repeat("x", MaxChairWords+1)), "forum.summary_file"},
		{"not text", "bin.md", []byte{0xff, 0xfe, 0xfd, 0x00, 0x01}, "forum.summary_file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, dir := chairConfig(t, tc.file)
			if tc.data != nil {
				os.WriteFile(filepath.Join(dir, tc.file), tc.data, 0o600)
			}
			_, err := Options(cfg, Settings{}, time.Now())
			tc.want = strings.ReplaceAll(tc.want, "%DIR%", dir+string(filepath.Separator))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "config.toml") || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line naming config.toml and %q", err, tc.want)
			}
		})
	}
}

// TestPackKeepsChairWords: a pack rendered later, alone, keeps the chair's
// words it was made with unless the config now gives some.
func TestPackKeepsChairWords(t *testing.T) {
	dir := t.TempDir()
	paths := write(t, dir, forumtest.Generate(4, 3)...)
	opt := forum.Options{Now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), Meeting: pcnjson.Meeting{Summary: "Made with these words."}}
	res, err := Run(context.Background(), Job{Paths: paths, Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	data, err := pcnjson.EncodePack(res.Pack)
	if err != nil {
		t.Fatal(err)
	}
	packPath := filepath.Join(t.TempDir(), "pack.json")
	os.WriteFile(packPath, data, 0o600)
	for _, tc := range []struct{ config, want string }{{"", "Made with these words."}, {"New words.", "New words."}} {
		opt := forum.Options{Now: time.Now(), Meeting: pcnjson.Meeting{Summary: tc.config}}
		res, err := Run(context.Background(), Job{Paths: []string{packPath}, Options: opt, KeepPackTime: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Pack.Forum.Summary; got != tc.want {
			t.Errorf("config %q: summary %q, want %q", tc.config, got, tc.want)
		}
	}
	// Merged with other files, a pack's words are its own chair's, not
	// this forum's: they are not carried up.
	res, err = Run(context.Background(), Job{Paths: []string{packPath, write(t, t.TempDir(), forumtest.Generate(5, 1)...)[0]}, Options: forum.Options{Now: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pack.Forum.Summary != "" {
		t.Errorf("a pack merged with others passed up its chair's words: %q", res.Pack.Forum.Summary)
	}
}

func TestMixedPeriodsSetting(t *testing.T) {
	opt, err := Options(config.Default(), Settings{AllowMixedPeriods: true}, time.Now())
	if err != nil || !opt.AllowMixedPeriods || len(opt.ServiceOrder) != 13 || opt.ServiceOrder[0] != "smr" {
		t.Errorf("options %+v, %v", opt, err)
	}
}

// TestChairWordsGuarded: the chair's words are read by the patient-data
// guard like every string that goes to the board.
func TestChairWordsGuarded(t *testing.T) {
	dir := t.TempDir()
	paths := write(t, dir, forumtest.Generate(6, 2)...)
	opt := forum.Options{Now: time.Now(), Meeting: pcnjson.Meeting{Summary: "One patient, 943 476 5919, waited a year."}}
	res, err := Run(context.Background(), Job{Paths: paths, Options: opt, Guard: true})
	if err != nil {
		t.Fatal(err)
	}
	found, err := res.Findings()
	if err != nil {
		t.Fatal(err)
	}
	var hit bool
	for _, f := range found {
		if f.Path == "forum.summary" && f.Level == pii.Block {
			hit = true
		}
	}
	if !hit {
		t.Errorf("the chair's NHS number was not found: %v", found)
	}
}
