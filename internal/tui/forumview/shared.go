package forumview

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/list"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// Over SSH (com.Remote) the Forum section opens no path the user types
// (SPEC §11): the server's files are not the user's to browse. The open
// prompt becomes a picker of the forum packs in com.ForumDir, which the
// server's owner chose to share: the folder is read when the picker
// opens, each pack is offered by its name alone, and only a name from
// that list is opened, as a file directly in that folder. Without a
// folder the section says the forum is not shared over SSH.

// Bounds on what listing the shared folder reads and offers.
const (
	maxScan      = 4096     // folder entries read
	maxPacks     = 500      // packs offered
	maxPackBytes = 64 << 20 // a larger file is not offered
)

// picker is the list of shared packs.
type picker struct {
	open    bool
	listing bool
	names   []string
	big     int  // .json files over maxPackBytes, not offered
	more    bool // the folder holds more than was read or offered
	err     string
	cur     list.Cursor
}

// listedMsg carries the shared folder's packs.
type listedMsg struct {
	names []string
	big   int
	more  bool
	err   error
}

// listCmd reads the shared folder in a command: Update never waits on
// the disk.
func listCmd(dir string) tea.Cmd { return func() tea.Msg { return listPacks(dir) } }

// listPacks lists the packs in dir: regular *.json files directly in it,
// not hidden (an atomic write's temporaries), not links (which could lead
// anywhere), reading at most maxScan entries and offering at most
// maxPacks, sorted by name.
func listPacks(dir string) listedMsg {
	f, err := os.Open(dir)
	if err != nil {
		return listedMsg{err: fmt.Errorf("the shared forum folder: %w", err)}
	}
	defer f.Close()
	var msg listedMsg
	for seen := 0; ; {
		if seen == maxScan {
			extra, _ := f.ReadDir(1)
			msg.more = msg.more || len(extra) > 0
			break
		}
		entries, err := f.ReadDir(min(256, maxScan-seen))
		seen += len(entries)
		for _, e := range entries {
			name := e.Name()
			if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || !strings.EqualFold(filepath.Ext(name), ".json") {
				continue
			}
			fi, err := e.Info()
			switch {
			case err != nil || !fi.Mode().IsRegular():
			case fi.Size() > maxPackBytes:
				msg.big++
			case len(msg.names) == maxPacks:
				msg.more = true
			default:
				msg.names = append(msg.names, name)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return listedMsg{err: fmt.Errorf("the shared forum folder: %w", err)}
		}
	}
	slices.Sort(msg.names)
	return msg
}

// openSharedCmd opens the pack called name in the shared folder. The name
// came from the folder's own listing, not the keyboard; it is checked
// again all the same, and the file must still be a regular file of a size
// that was offered.
func openSharedCmd(com common.Common, seq int, name string) tea.Cmd {
	path := filepath.Join(com.ForumDir, name)
	load := openCmd(com, seq, path)
	return func() tea.Msg {
		if !filepath.IsLocal(name) || filepath.Base(name) != name {
			return loadedMsg{seq: seq, err: fmt.Errorf("%s: not a pack in the shared folder", termtext.Name(name))}
		}
		fi, err := os.Lstat(path)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxPackBytes {
			return loadedMsg{seq: seq, err: fmt.Errorf("%s: no longer a pack in the shared folder", termtext.Name(name))}
		}
		msg := load()
		lm, ok := msg.(loadedMsg)
		switch {
		case !ok:
		case lm.err != nil:
			lm.err = withoutFolder(lm.err, com.ForumDir, path, name)
			return lm
		default: // the coverage view's "Read" line names the pack, not where it lives
			lm.data.source = termtext.Name(name)
			return lm
		}
		return msg
	}
}

// withoutFolder rewrites an error about the shared pack at path to name
// the pack alone: the server's folders are none of a remote user's
// business (SPEC §11), and its errors name the file as the reader
// opened it. (The text only is kept: nothing matches such an error.)
func withoutFolder(err error, dir, path, name string) error {
	text := err.Error()
	for _, p := range []string{termtext.Name(path), path} {
		text = strings.ReplaceAll(text, p, termtext.Name(name))
	}
	if dir != "" {
		text = strings.ReplaceAll(text, dir, "the shared folder")
	}
	return errors.New(text)
}

// sharedKey handles the keys of a remote session's open key and picker.
func (m Model) sharedKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	km := m.com.Keys
	p := &m.shared
	switch {
	case !p.open:
		if m.com.ForumDir == "" {
			return m, common.NoticeCmd("the forum is not shared over SSH")
		}
		*p = picker{open: true, listing: true}
		return m, listCmd(m.com.ForumDir)
	case key.Matches(msg, km.Cancel):
		p.open = false
	case p.listing:
	case key.Matches(msg, km.Open):
		if len(p.names) == 0 {
			return m, nil
		}
		name := p.names[p.cur.Index()]
		p.open = false
		m.loading = name
		m.seq++
		return m, openSharedCmd(m.com, m.seq, name)
	default:
		p.cur.SetHeight(m.pickerRows())
		p.cur.HandleKey(km, msg)
	}
	return m, nil
}

// listed takes the folder's listing.
func (p picker) listed(msg listedMsg) picker {
	if !p.open {
		return p
	}
	p.listing, p.names, p.big, p.more = false, msg.names, msg.big, msg.more
	p.err = ""
	if msg.err != nil {
		p.err = common.ErrText(msg.err)
	}
	p.cur = list.Cursor{}
	p.cur.SetLen(len(p.names))
	return p
}

// pickerRows is how many names fit: the screen less the heading, the
// folder line, and the line under the list.
func (m Model) pickerRows() int { return max(m.com.Height-headLines-2, 1) }

// sharedView draws a remote session's Forum section while no pack is
// open, or while the picker is: what is shared, or that nothing is.
func (m Model) sharedView() string {
	st, w := m.com.Styles, m.com.Width
	lines := []string{common.Truncate(st.Title.Render("Forum")+"  "+st.Subtle.Render("no pack open"), w)}
	wrap := func(s string) { lines = append(lines, common.Wrap(s, w, 0)...) }
	p := m.shared
	switch {
	case m.com.ForumDir == "":
		lines = append(lines, "")
		wrap("The forum is not shared over SSH: this app, reached over SSH, opens no file on the server. " +
			"Whoever runs `pcnvoice serve` can share a folder of forum packs with --forum-dir DIR, " +
			"or merge and browse the packs at the machine itself.")
		return strings.Join(lines, "\n")
	case m.loading != "":
		lines = append(lines, st.Subtle.Render(common.Truncate("reading and merging "+termtext.Line(m.loading)+"…", w)))
	case !p.open:
		lines = append(lines, "")
		if m.failed != "" {
			for _, l := range common.Wrap("Could not open it: "+m.failed, w, 0) {
				lines = append(lines, st.ErrorBanner.Render(l))
			}
			lines = append(lines, "")
		}
		wrap("Press o to choose one of the forum packs shared on this server. They are merged here as " +
			"`pcnvoice merge` would, with the settings of the server's config. Nothing is written.")
		return strings.Join(lines, "\n")
	}
	// The folder's name stays on the server: a remote user learns nothing
	// of its file system, not even where the forum's packs are kept.
	lines = append(lines, st.Label.Render(common.Truncate("Forum packs shared on this server", w)))
	switch {
	case p.listing:
		lines = append(lines, st.Subtle.Render("reading the folder…"))
	case p.err != "":
		wrap(p.err)
	case len(p.names) == 0:
		wrap("No forum packs in this folder (its *.json files, not hidden and not links, are offered).")
	default:
		c := p.cur
		c.SetHeight(m.pickerRows())
		start, end := c.Window()
		for i := start; i < end; i++ {
			name := termtext.Name(p.names[i]) // quoted when it holds controls, as every file name shown
			if i == c.Index() {
				lines = append(lines, st.Marker.Render("▸ ")+st.Selected.Render(common.Truncate(name, w-2)))
			} else {
				lines = append(lines, "  "+common.Truncate(name, w-2))
			}
		}
	}
	var notes []string
	if n := len(p.names); n > 0 {
		notes = append(notes, wording.Plural(n, "pack", "packs"))
	}
	if p.big > 0 {
		notes = append(notes, fmt.Sprintf("%d over %d MiB not offered", p.big, maxPackBytes>>20))
	}
	if p.more {
		notes = append(notes, "the folder holds more than is listed")
	}
	if len(notes) > 0 {
		lines = append(lines, st.Subtle.Render(common.Truncate(strings.Join(notes, " · "), w)))
	}
	return strings.Join(lines, "\n")
}

// sharedHelp is the picker's keys.
func (m Model) sharedHelp() []key.Binding {
	km := m.com.Keys
	if m.shared.listing || len(m.shared.names) == 0 {
		return []key.Binding{km.Cancel}
	}
	return []key.Binding{km.Open, km.Move, km.Cancel}
}
