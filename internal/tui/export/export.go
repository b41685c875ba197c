// Package export is section 7: write the PCN's submission (or a board paper
// of it) to a file. It shows the format and destination, the patient-data
// guard's findings on the content as it stands (enter on one goes to the
// record, to put it right), a preview of the submission, and the revision
// an export would carry. The export itself is exportjob.Run, the same path
// as `pcnvoice export`: a block records nothing and writes nothing unless
// the user confirms, as --allow-pii does.
package export

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/exportjob"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/list"
)

// mode is what the screen is doing: showing the settings and findings,
// the preview, taking a file name, or asking to override a block.
type mode int

const (
	browsing mode = iota
	previewing
	naming
	confirming
	asking // the signing key's passphrase (sign.go)
)

// Model is the export screen.
type Model struct {
	com    common.Common
	seq    int
	loaded bool
	prev   exportjob.Preview
	rows   []finding
	cur    list.Cursor
	mode   mode

	format exportjob.Format
	home   string // the user's home folder: the default destination
	path   string // the destination; "" until the first load
	named  bool   // the user typed path: a format change swaps only its extension
	input  textinput.Model

	pager    list.Pager
	lines    []string // the preview, drawn for linesFor
	linesFor [2]int   // the width and load (seq) the preview was drawn for

	running bool
	done    string // the last export, one line, shown until the next one

	sign   signing         // whether and with what exports are signed (sign.go)
	pass   textinput.Model // the signing key's passphrase, masked
	tries  int             // wrong passphrases so far
	keySeq int             // the signing key opening answered by keyMsg
	allow  bool            // the export waiting for its key overrides a block
}

// checkedMsg carries a check of the content as it stands.
type checkedMsg struct {
	seq  int
	prev exportjob.Preview
	rows []finding
	home string
	err  error
}

// New returns the export screen; Focus checks the content.
func New(com common.Common) Model {
	return Model{com: com, format: exportjob.JSON, input: newInput(com), sign: signingFrom(com), pass: newPassInput(com)}
}

// Focus opens on the settings and findings (not a preview left open
// before a jump to a record) and checks the content again: the other
// sections may have changed it.
func (m Model) Focus() (Model, tea.Cmd) {
	if m.mode == previewing {
		m.mode = browsing
	}
	return m.check()
}

// check reads and scans the content as it stands, in a command.
func (m Model) check() (Model, tea.Cmd) {
	m.seq++
	com, seq, home := m.com, m.seq, m.home
	return m, func() tea.Msg {
		p, err := exportjob.Check(com.Ctx, com.DB)
		if err != nil {
			return checkedMsg{seq: seq, err: err}
		}
		if home == "" && !com.Remote { // the server's home is no destination for the user
			if home, err = config.ExpandHome("~"); err != nil {
				home = "." // no home (a service account): the current folder
			}
		}
		return checkedMsg{seq: seq, prev: p, rows: findings(com.Config, &p), home: home}
	}
}

// Capturing is true while a file name is typed or a y/n question is open.
func (m Model) Capturing() bool { return m.mode == naming || m.mode == confirming || m.mode == asking }

// Browses reports that enter, an editing key elsewhere, only goes to a
// finding here, so a read-only session may use it.
func (m Model) Browses(msg tea.KeyMsg) bool {
	return m.mode == browsing && key.Matches(msg, m.com.Keys.GoTo)
}

// SetSize fits the findings list, the detail below it and the preview.
func (m Model) SetSize(w, h int) Model {
	m.com.SetSize(w, h)
	m.cur.SetHeight(max(h-headLines-1-detailLines(h), 1))
	m.pager.SetHeight(max(h-1, 1))
	m.input.Width = max(w-labelW-2, 10)
	m.drawPreview()
	return m
}

// Update handles checks, finished exports and keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case checkedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		if msg.err != nil {
			return m, common.ErrCmd(msg.err)
		}
		m.loaded, m.prev, m.rows, m.home = true, msg.prev, msg.rows, msg.home
		m.cur.SetLen(len(m.rows))
		if !m.named {
			m.path = defaultPath(m.home, &m.prev.Doc, m.format)
		}
		m.drawPreview()
	case common.SavedMsg[outcome]:
		return m.exported(msg)
	case keyMsg:
		return m.keyOpened(msg)
	case common.Saved:
		// An edit elsewhere changes what an export would hold.
		if w := msg.Written(); w.Pending == 0 && w.Err == nil && m.mode != confirming {
			return m.check()
		}
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	km := m.com.Keys
	switch {
	case m.mode == naming:
		return m.updateName(msg)
	case m.mode == asking:
		return m.updatePass(msg)
	case m.mode == confirming:
		m.mode = browsing
		if key.Matches(msg, km.ExportAnyway) {
			return m.start(true)
		}
		return m, common.NoticeCmd("not exported: nothing was written or recorded")
	case key.Matches(msg, km.Export):
		return m.export()
	case m.mode == previewing:
		switch {
		case m.pager.HandleKey(km, msg):
		case key.Matches(msg, km.Back), key.Matches(msg, km.Preview):
			m.mode = browsing
		}
		return m, nil
	case m.cur.HandleKey(km, msg):
	case key.Matches(msg, km.Format):
		m.cycleFormat()
	case key.Matches(msg, km.Output) && m.com.Remote:
		return m, common.NoticeCmd("%s", common.RemoteText)
	case key.Matches(msg, km.Output):
		m.startNaming()
	case key.Matches(msg, km.Sign):
		return m.toggleSign()
	case key.Matches(msg, km.Preview):
		m.mode = previewing
		m.drawPreview()
	case key.Matches(msg, km.GoTo):
		return m, m.goTo()
	}
	return m, nil
}

// ShortHelp is the keys that work now.
func (m Model) ShortHelp() []key.Binding {
	km := m.com.Keys
	switch m.mode {
	case naming, asking:
		return []key.Binding{km.Accept, km.Cancel}
	case confirming:
		return []key.Binding{km.ExportAnyway, km.No}
	case previewing:
		return []key.Binding{km.Move, km.Export, km.Back}
	}
	bs := []key.Binding{km.Export, km.Format, km.Output, km.Sign, km.Preview}
	if len(m.rows) > 0 {
		bs = append(bs, km.GoTo, km.Move)
	}
	return bs
}

// FullHelp is every key of the screen.
func (m Model) FullHelp() [][]key.Binding {
	km := m.com.Keys
	return [][]key.Binding{{km.Export, km.Format, km.Output, km.Sign, km.Preview}, append([]key.Binding{km.GoTo}, km.Nav()...)}
}
