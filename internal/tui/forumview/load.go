package forumview

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

// loadedMsg carries a merged pack, or why there is none.
type loadedMsg struct {
	seq  int
	data data
	err  error
}

// openCmd reads and merges what path names — a forum pack, a submission,
// or a folder of them — in a command: a forum's folder may hold hundreds
// of files, and Update must never wait on the disk.
func openCmd(com common.Common, seq int, path string) tea.Cmd {
	return func() tea.Msg {
		paths, err := expand(path)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		inputs, err := forum.ReadFiles(paths, runtime.GOMAXPROCS(0), nil)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		opt, err := options(com)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		pack, warnings, err := forum.Merge(inputs, opt)
		if err != nil {
			return loadedMsg{seq: seq, err: fmt.Errorf("%s: %w", path, err)}
		}
		return loadedMsg{seq: seq, data: prepare(com.Config, pack, warnings, path, len(paths))}
	}
}

// expand turns what the user typed into files: ~ is the home folder, and a
// folder means its *.json files (not its subfolders, nor hidden files such
// as an atomic write's temporaries), as `pcnvoice merge` reads one.
func expand(path string) ([]string, error) {
	path = common.ExpandHome(path)
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such file or folder", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var paths []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !strings.EqualFold(filepath.Ext(e.Name()), ".json") {
			continue
		}
		paths = append(paths, filepath.Join(path, e.Name()))
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no .json files in this folder", path)
	}
	slices.Sort(paths)
	return paths, nil
}

// options are the merge's settings from the config's [forum] section, as
// `pcnvoice merge` takes them when no flag is given.
func options(com common.Common) (forum.Options, error) {
	fc := com.Config.Forum
	method, err := rank.ParseMethod(fc.Method)
	if err != nil {
		return forum.Options{}, fmt.Errorf("[forum] method: %w", err)
	}
	weight, err := forum.ParseWeight(fc.Weight)
	if err != nil {
		return forum.Options{}, fmt.Errorf("[forum] weight: %w", err)
	}
	return forum.Options{
		Method: method, Weight: weight, Top: fc.Top, Now: com.Now(), Generator: version.Generator(),
		Meeting:       forum.Meeting{Name: fc.Name, Chair: fc.Chair, MeetingDate: fc.MeetingDate, Purpose: fc.Purpose, Session: fc.Session},
		Members:       fc.Members,
		ThemeNames:    names(com.Config.Themes),
		CategoryNames: names(com.Config.Categories),
		ServiceNames:  names(com.Config.Services),
	}, nil
}

func names(entries []config.Entry) map[string]string {
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		out[e.Key] = e.Name
	}
	return out
}
