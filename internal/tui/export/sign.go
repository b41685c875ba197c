package export

import (
	"errors"
	"fmt"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// Signing (SPEC §13): with [director] signing_key in the config, an export
// is signed — FILE.sig written beside FILE by exportjob, as `pcnvoice
// export --sign` does — unless the user turns it off here (s). The key is
// opened in a command before the export is queued; an encrypted key's
// passphrase is asked in a masked field and kept only as long as it takes
// to open the key.

// maxPassTries is how many wrong passphrases end the attempt, as the CLI
// and ssh-keygen allow.
const maxPassTries = 3

// signing is the export's signing setting.
type signing struct {
	key string // the resolved key file, or sshsign.Agent; "" when none is configured
	on  bool
	bad string // why the configured key cannot be used, if so
}

// file is the configured key as a file the export may not replace, on or
// off: "" for none or the agent.
func (s signing) file() string {
	if s.key == sshsign.Agent {
		return ""
	}
	return s.key
}

// signingFrom reads [director] signing_key. Over SSH there is none: the
// key (or agent) would be the server's, and the signature a file on it.
func signingFrom(com common.Common) signing {
	if com.Remote {
		return signing{}
	}
	cfg := com.Config
	k := cfg.Director.SigningKey
	switch k {
	case "":
		return signing{}
	case sshsign.Agent:
		return signing{key: k, on: true}
	}
	path, err := cfg.Resolve("director.signing_key", k)
	if err != nil {
		return signing{bad: err.Error()}
	}
	return signing{key: path, on: true}
}

// Errors the passphrase callback gives Open, to learn what it needs.
var (
	errNeedPass  = errors.New("a passphrase is needed")
	errWrongPass = errors.New("wrong passphrase")
)

// keyMsg is the signing key opened, or why not.
type keyMsg struct {
	seq      int
	signer   *sshsign.Signer
	needPass bool // the key has a passphrase and none was given
	wrong    bool // the passphrase given was wrong
	err      error
}

// openKeyCmd opens the signing key in a command (it reads a file, or
// talks to the agent at agent). pass is the passphrase typed, or nil to
// find out whether one is needed; it is zeroed once tried.
func openKeyCmd(seq int, keyPath, agent string, pass []byte) tea.Cmd {
	return func() tea.Msg {
		defer clear(pass)
		tried := false
		s, err := sshsign.Open(keyPath, sshsign.KeyOptions{
			AgentSocket: agent,
			Passphrase: func(string) ([]byte, error) {
				switch {
				case pass == nil:
					return nil, errNeedPass
				case tried:
					return nil, errWrongPass
				}
				tried = true
				return append([]byte(nil), pass...), nil
			},
		})
		switch {
		case errors.Is(err, errNeedPass):
			return keyMsg{seq: seq, needPass: true}
		case errors.Is(err, errWrongPass):
			return keyMsg{seq: seq, wrong: true}
		}
		return keyMsg{seq: seq, signer: s, err: err}
	}
}

// start begins an export: it opens the signing key first when the export
// is to be signed, else queues the export at once. Over SSH it does
// neither, whatever key led here: the file and the key would be the
// server's (SPEC §11).
func (m Model) start(allow bool) (Model, tea.Cmd) {
	if m.com.Remote {
		return m, common.NoticeCmd("%s", common.RemoteText)
	}
	m.running, m.allow = true, allow
	if !m.sign.on {
		return m, m.run(allow, nil)
	}
	m.keySeq++
	return m, openKeyCmd(m.keySeq, m.sign.key, m.com.AgentSocket, nil)
}

// keyOpened queues the signed export, or asks for the passphrase.
func (m Model) keyOpened(msg keyMsg) (Model, tea.Cmd) {
	if msg.seq != m.keySeq || !m.running {
		if msg.signer != nil {
			msg.signer.Close()
		}
		return m, nil
	}
	switch {
	case msg.needPass || msg.wrong:
		if msg.wrong {
			m.tries++
		}
		if m.tries >= maxPassTries {
			m.stopAsking()
			return m, common.NoticeCmd("wrong passphrase %d times: not exported, nothing written or recorded", maxPassTries)
		}
		m.mode = asking
		m.pass.Reset()
		m.pass.Focus()
		return m, nil
	case msg.err != nil:
		m.stopAsking()
		return m, common.ErrCmd(fmt.Errorf("not exported: %w", msg.err))
	}
	m.mode, m.tries = browsing, 0
	return m, m.run(m.allow, msg.signer)
}

// updatePass edits the passphrase: enter tries it, esc gives up.
func (m Model) updatePass(msg tea.KeyMsg) (Model, tea.Cmd) {
	km := m.com.Keys
	switch {
	case key.Matches(msg, km.Accept):
		pass := []byte(m.pass.Value())
		m.pass.Reset() // the field forgets it at once
		m.pass.Blur()
		m.mode = browsing
		m.keySeq++
		return m, openKeyCmd(m.keySeq, m.sign.key, m.com.AgentSocket, pass)
	case key.Matches(msg, km.Cancel):
		m.stopAsking()
		return m, common.NoticeCmd("not exported: nothing was written or recorded")
	}
	var cmd tea.Cmd
	m.pass, cmd = m.pass.Update(msg)
	return m, cmd
}

// stopAsking ends an export that did not get its key.
func (m *Model) stopAsking() {
	m.pass.Reset()
	m.pass.Blur()
	m.mode, m.running, m.tries = browsing, false, 0
}

// toggleSign turns signing on or off for this session's exports.
func (m Model) toggleSign() (Model, tea.Cmd) {
	switch {
	case m.com.Remote:
		return m, common.NoticeCmd("%s", common.RemoteText)
	case m.sign.bad != "":
		return m, common.NoticeCmd("cannot sign: %s", m.sign.bad)
	case m.sign.key == "":
		return m, common.NoticeCmd("to sign exports, set [director] signing_key in your config: your SSH private key file (e.g. ~/.ssh/id_ed25519) or \"agent\"")
	}
	m.sign.on = !m.sign.on
	return m, nil
}

// signLine says whether and with what the export is signed.
func (m Model) signLine() string {
	st := m.com.Styles
	key := m.sign.key
	if key != sshsign.Agent {
		key = shortPath(key, m.home)
	}
	switch {
	case m.com.Remote: // nor the server's key, nor what is wrong with it
		return st.Subtle.Render("none over SSH: a signature goes beside the exported file")
	case m.sign.bad != "":
		return st.Badge.Render("cannot sign: " + m.sign.bad)
	case m.sign.key == "":
		return st.Subtle.Render("not signed · set [director] signing_key in your config to sign")
	case m.sign.on:
		return st.Clear.Render("signed with "+key) + st.Subtle.Render(" · FILE.sig beside the file · s: don't sign")
	}
	return st.Badge.Render("not signed") + st.Subtle.Render(" · s: sign with "+key)
}

// passLines are the passphrase question and its masked field.
func (m Model) passLines() []string {
	st, w := m.com.Styles, m.com.Width
	q := "The signing key " + shortPath(m.sign.key, m.home) + " is protected by a passphrase."
	if m.tries > 0 {
		q = fmt.Sprintf("Wrong passphrase (%d of %d tries). ", m.tries, maxPassTries) + q
	}
	lines := common.Wrap(q, w, 2)
	return append(lines, st.Label.Render("Passphrase ")+m.pass.View())
}

func newPassInput(com common.Common) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.EchoMode = textinput.EchoPassword
	ti.EchoCharacter = '•'
	ti.CharLimit = 1024
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.Cursor.Style = com.Styles.Cursor
	ti.Cursor.TextStyle, ti.TextStyle = com.Styles.Plain, com.Styles.Plain
	return ti
}
