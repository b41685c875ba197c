package export

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/exportjob"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

// outcome is what an export run hands back through the Writer. The error
// travels inside it, not as the write's error, so that a block becomes a
// question here rather than a red banner at the root.
type outcome struct {
	res    exportjob.Result
	err    error
	path   string
	allow  bool
	signer string // the signing key's fingerprint, when signed
}

// export starts an export, or first asks, when the guard blocks, whether
// the user has checked the findings.
func (m Model) export() (Model, tea.Cmd) {
	switch {
	case m.com.ReadOnly: // the key is disabled too; this is the second line
		return m, common.NoticeCmd(common.ReadOnlyText)
	case m.com.Remote: // likewise: no file on the server (SPEC §11)
		return m, common.NoticeCmd("%s", common.RemoteText)
	case !m.loaded:
		return m, nil
	case m.running:
		return m, common.NoticeCmd("exporting…")
	case m.prev.Blocking():
		m.mode = confirming
		return m, nil
	}
	return m.start(false)
}

// run queues the export on the Writer: after every edit confirmed before
// it (so the file holds them), and finished even if the app quits. With a
// signer the export is signed (FILE.sig, as one with the file), and the
// signer is closed once it is done. Over SSH, the last gate before a
// write, it writes nothing.
func (m *Model) run(allow bool, signer *sshsign.Signer) tea.Cmd {
	if m.com.Remote {
		if signer != nil {
			signer.Close()
		}
		m.running = false
		return common.NoticeCmd("%s", common.RemoteText)
	}
	m.running = true
	opt := exportjob.Options{
		Format:    m.format,
		Path:      m.path,
		AllowPII:  allow,
		Protect:   exportjob.Settings(m.com.Config.File(), m.sign.file()),
		Now:       m.com.Now(),
		Generator: version.Generator(),
		Config:    m.com.Config,
	}
	o := outcome{path: opt.Path, allow: allow}
	if signer != nil {
		opt.Sign, o.signer = signer.Sign, signer.Fingerprint()
	}
	db := m.com.DB
	return common.Do(m.com.Writer, "", func(ctx context.Context) (outcome, error) {
		if signer != nil {
			defer signer.Close()
		}
		o.res, o.err = exportjob.Run(ctx, db, opt)
		return o, nil
	})
}

// exported reports a finished export, or asks about a block the content
// gained since the last check.
func (m Model) exported(msg common.SavedMsg[outcome]) (Model, tea.Cmd) {
	m.running = false
	o := msg.Value
	if msg.Err != nil {
		return m, nil // the root shows msg.Err
	}
	if errors.Is(o.err, exportjob.ErrBlocked) {
		m.mode = confirming
		return m.check() // show the findings that blocked it
	}
	if o.err != nil {
		return m, common.ErrCmd(o.err)
	}
	rec := o.res.Record
	digest := rec.Digest
	if len(digest) > 15 {
		digest = digest[:15] + "…"
	}
	what := fmt.Sprintf("revision %d exported", rec.Revision)
	if o.res.Unchanged {
		what = fmt.Sprintf("revision %d (unchanged) written", rec.Revision)
	}
	if o.allow && pii.Blocking(o.res.Findings) {
		what += " despite the guard, as you confirmed,"
	}
	m.done = fmt.Sprintf("%s to %s · %s", what, shortPath(o.path, m.home), digest)
	switch {
	case o.res.SigPath != "":
		m.done += " · signed, " + o.signer
	case o.res.StaleSig:
		m.done += " · unsigned: its old .sig, which no longer signed it, was removed"
	}
	m, cmd := m.check() // the revision-to-be is now this one
	return m, tea.Batch(cmd, common.DoneCmd("%s", m.done))
}

func newInput(com common.Common) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = 1024
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.Cursor.Style = com.Styles.Cursor
	ti.Cursor.TextStyle, ti.TextStyle = com.Styles.Plain, com.Styles.Plain
	ti.PlaceholderStyle = com.Styles.Placeholder
	ti.Placeholder = "a file name, e.g. ~/Documents/submission.json"
	return ti
}

// startNaming gives the file name to the keyboard, as the user reads it.
func (m *Model) startNaming() {
	m.mode = naming
	m.input.SetValue(m.shortPath())
	m.input.Focus()
	m.input.CursorEnd()
}

// updateName edits the file name: enter keeps it, esc leaves it as it was.
func (m Model) updateName(msg tea.KeyMsg) (Model, tea.Cmd) {
	km := m.com.Keys
	switch {
	case key.Matches(msg, km.Accept):
		m.mode = browsing
		m.input.Blur()
		v := strings.TrimSpace(m.input.Value())
		if v == "" {
			return m, common.NoticeCmd("no file name given: keeping %s", m.shortPath())
		}
		p, err := config.ExpandHome(v)
		if err != nil {
			return m, common.NoticeCmd("%s: %v: keeping %s", termtext.Line(v), err, m.shortPath())
		}
		if p != m.path {
			m.path, m.named = p, true
		}
		return m, nil
	case key.Matches(msg, km.Cancel):
		m.mode = browsing
		m.input.Blur()
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// readOnlyText says why there is no export in a read-only session, and
// what still works.
const readOnlyText = "read-only session: export is refused (it writes a file on this machine and records a revision); the findings and the preview still work"
