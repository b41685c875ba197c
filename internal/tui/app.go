// Package tui is pcnvoice's terminal app: a thin root model that owns the
// quit, help and back keys, the window size, the error banner and switching
// between sections, and hands everything else to the active screen. Each
// section is a package of its own (overview, practices, services,
// workforce, workload, priorities, export, forumview; setup on first run).
//
// The root is built by New from Options, so the command line and the SSH
// server (one model per session, with that session's renderer) run the same
// app.
package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
	"github.com/pcnvoice/pcnvoice/internal/tui/setup"
	"github.com/pcnvoice/pcnvoice/internal/tui/styles"
)

// Options configure New.
type Options struct {
	// DB is the open database. The caller closes it, after Wait.
	DB *store.DB
	// Config is the catalogues in force; nil means config.Default().
	Config *config.Config
	// Renderer draws the styles: the terminal's, or an SSH session's
	// (nil means lipgloss.DefaultRenderer()). Set its colour profile to
	// termenv.Ascii for NO_COLOR.
	Renderer *lipgloss.Renderer
	// Now is the clock (nil means time.Now): new notes are dated today.
	Now func() time.Time
	// ReadOnly refuses every edit, saying so, and changes nothing.
	ReadOnly bool
	// Remote is a session over SSH (SPEC §11): the app opens no path the
	// user types — no import, no export to a file — and the Forum section
	// offers only the packs in ForumDir.
	Remote bool
	// ForumDir is the folder of forum packs a Remote session's Forum
	// section lists; "" means the forum is not shared over SSH.
	ForumDir string
	// AgentSocket is where the user's ssh-agent listens (SSH_AUTH_SOCK),
	// for an export signed through it; "" means the platform's default
	// (none on Unix, OpenSSH's named pipe on Windows). A Remote session
	// drops it and signs nothing: the Export screen refuses there.
	AgentSocket string
}

// The largest window the app draws, whatever size it is told: drawing
// costs in proportion to the cells, and an SSH client may claim
// 2147483647×2147483647. The SSH server clamps sizes too; this is the
// app's own guard.
const (
	MaxWidth  = 500
	MaxHeight = 200
)

type phase int

const (
	starting phase = iota // asking the database whether a PCN is set up
	settingUp
	ready
)

// Model is the root of the app. It is a tea.Model; run it with
// tea.NewProgram, then call Wait before closing the database.
type Model struct {
	com      common.Common
	phase    phase
	sections []entry
	setup    section
	active   int
	help     help.Model
	showHelp bool
	banner   string // the last error, until esc
	notice   string // a passing note, until the next key
	// reading is a message too long for the status line, shown in full
	// in the body until a key is pressed.
	reading string
	width   int
	height  int
	status  int // the status line's height in lines (1 to 3), as last laid out
	tabs    tabCache
}

// probedMsg says whether the database has a PCN yet.
type probedMsg struct {
	hasPCN bool
	period domain.Period
	err    error
}

// ctxDoneMsg ends the program when the caller's context does.
type ctxDoneMsg struct{}

// New builds the app over opt.DB. Reads use ctx; when ctx ends the app
// quits. Saves outlive ctx so that no confirmed edit is lost.
func New(ctx context.Context, opt Options) *Model {
	if opt.Config == nil {
		opt.Config = config.Default()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	st := styles.New(opt.Renderer)
	com := common.Common{
		Ctx: ctx, DB: opt.DB, Config: opt.Config, Styles: st,
		Keys: keys.New(opt.ReadOnly), Writer: common.NewWriter(ctx, opt.ReadOnly),
		Now: opt.Now, ReadOnly: opt.ReadOnly, Width: 80, Height: 24,
		Remote: opt.Remote, ForumDir: opt.ForumDir,
	}
	if opt.Remote {
		com.Keys.Remote()
	} else {
		com.AgentSocket = opt.AgentSocket
	}
	m := &Model{com: com, width: 80, height: 24, status: 1}
	m.help = help.New()
	m.help.Styles = st.Help()
	m.help.ShortSeparator = "  " // the bold keys already part the entries
	m.sections = buildSections(com)
	return m
}

// Wait blocks until every confirmed edit has been written. Call it after the
// program ends and before closing the database.
func (m *Model) Wait() { m.com.Writer.Wait() }

// Init asks the database whether to show the sections or the setup form,
// and watches the context.
func (m *Model) Init() tea.Cmd {
	com := m.com
	probe := func() tea.Msg {
		pcn, err := com.DB.PCN(com.Ctx)
		if err != nil {
			return probedMsg{err: err}
		}
		p, err := com.DB.Period(com.Ctx)
		return probedMsg{hasPCN: pcn != nil, period: p, err: err}
	}
	if done := com.Ctx.Done(); done != nil {
		return tea.Batch(probe, func() tea.Msg { <-done; return ctxDoneMsg{} })
	}
	return probe
}

// Update handles what belongs to the root and passes the rest on: keys to
// the active screen, everything else to every screen (each takes only its
// own messages, so an answer reaches its screen whichever is showing).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if h := m.statusHeight(); h != m.status { // a long message takes lines from the screen
		m.status = h
		m.resize()
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = min(max(msg.Width, 1), MaxWidth), min(max(msg.Height, 1), MaxHeight)
		m.resize()
		return nil
	case tea.KeyMsg:
		return m.keys(msg)
	case tea.FocusMsg: // back from another window, where the database may have changed
		if m.phase == ready {
			return m.sections[m.active].s.focus()
		}
		return nil
	case ctxDoneMsg:
		return tea.Quit
	case common.ErrMsg:
		m.banner = common.ErrText(msg.Err)
		return nil
	case common.NoticeMsg:
		m.notice = termtext.Line(msg.Text)
		if msg.Clear {
			m.banner = ""
		}
		return nil
	case common.Saved:
		m.saved(msg.Written())
	case probedMsg:
		return m.probed(msg)
	case setup.DoneMsg:
		m.phase, m.setup = ready, nil
		return m.switchTo(0)
	case common.JumpMsg:
		return m.jump(msg)
	}
	return m.broadcast(msg)
}

// saved shows a write's error, a warning when the text it saved holds
// patient data that would block an export (SPEC §9), or its notice.
func (m *Model) saved(w common.Write) {
	switch {
	case w.Err != nil:
		m.banner = common.ErrText(w.Err)
	case pii.Blocking(w.Findings):
		var what []string
		for _, f := range w.Findings {
			if f.Level == pii.Block {
				what = append(what, f.String())
			}
		}
		m.banner = termtext.Line("saved, but it looks like patient data, which blocks the export until it is taken out: " + strings.Join(what, "; "))
	case w.Notice != "":
		m.banner, m.notice = "", termtext.Line(w.Notice)
	}
}

// keys splits a burst of typed characters into single keys: over SSH, or
// from a fast typist or an input method, "jjj" or "down" can arrive as one
// message, and a burst must do exactly what the same keys typed one by one
// do. Handed on whole, "jjj" would move nowhere and "down" typed into a
// note would be taken for the down key (key.Matches compares the text
// with the bindings' names) — in a form, a filter, a question or a picker
// alike. So no screen ever gets a message of several typed characters,
// and one character cannot spell a named key. (Pasted text arrives as one
// bracketed paste, which is text and matches no binding: it is not split.)
func (m *Model) keys(msg tea.KeyMsg) tea.Cmd {
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || msg.Paste {
		return m.key(msg)
	}
	cmds := make([]tea.Cmd, 0, len(msg.Runes))
	for _, r := range msg.Runes {
		k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
		if r == ' ' { // as the terminal sends a space typed alone
			k.Type = tea.KeySpace
		}
		cmds = append(cmds, m.key(k))
	}
	return tea.Batch(cmds...)
}

// key handles a key press. While a screen has the keyboard (a form, the
// filter, a y/n question) only ctrl+c is the root's.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	km := m.com.Keys
	cur := m.current()
	switch {
	case key.Matches(msg, km.ForceQuit):
		return tea.Quit
	case m.reading != "": // any key closes the message
		m.reading = ""
		return nil
	case key.Matches(msg, km.Message) && m.longMessage() != "" && (cur == nil || !cur.Capturing()):
		m.reading = m.longMessage()
		return nil
	}
	m.notice = ""
	switch {
	case cur != nil && cur.Capturing():
		return cur.update(msg)
	case key.Matches(msg, km.Quit):
		return tea.Quit
	case m.showHelp: // any other key closes the help
		m.showHelp = false
		return nil
	case key.Matches(msg, km.Help):
		m.showHelp = true
		return nil
	case key.Matches(msg, km.Back) && m.banner != "":
		m.banner = ""
		return nil
	case m.phase != ready:
		return nil
	case key.Matches(msg, km.Next):
		return m.switchTo(m.active + 1)
	case key.Matches(msg, km.Prev):
		return m.switchTo(m.active - 1)
	case key.Matches(msg, km.RemoteRefused...):
		m.notice = common.RemoteText
		return nil
	case key.Matches(msg, km.ReadOnlyRefused...) && !cur.browses(msg):
		m.notice = common.ReadOnlyText
		return nil
	}
	for i, b := range km.Sections {
		if key.Matches(msg, b) && i < len(m.sections) {
			return m.switchTo(i)
		}
	}
	return cur.update(msg)
}

// probed opens the sections, or the setup form for a database with no PCN.
func (m *Model) probed(msg probedMsg) tea.Cmd {
	if msg.err != nil {
		m.banner = common.ErrText(msg.err)
		return nil
	}
	if !msg.hasPCN {
		m.phase = settingUp
		m.setup = wrap(setup.New(m.com, msg.period))
		m.resize()
		return nil
	}
	m.phase = ready
	return m.switchTo(0)
}
