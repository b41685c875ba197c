package export

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// TestRemoteNeverSignsOrWrites: over SSH the screen itself refuses to
// write a file or open a signing key — the configured key file, or an
// agent the server's environment names — not only because the keys are
// disabled: here the key map is left whole, and the screen's steps are
// called directly too, as a future key or message might.
func TestRemoteNeverSignsOrWrites(t *testing.T) {
	k := sshsigntest.NewKey(t)
	sock := sshsigntest.StartAgent(t, k)
	for _, tc := range []struct{ name, key string }{
		{"no key", ""},
		{"key file", "FILE"},
		{"agent", sshsign.Agent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home, cwd := t.TempDir(), t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("USERPROFILE", home)
			t.Setenv("SSH_AUTH_SOCK", sock) // the server's agent, were it read from here
			t.Chdir(cwd)                    // a relative path would land here
			db := tuitest.DB(t, true)
			com := tuitest.Common(t, db, false, 80, 24)
			com.Remote = true
			com.AgentSocket = sock // even told of one, a Remote session asks no agent
			if tc.key == "FILE" {
				com.Config.Director.SigningKey = k.WriteKey(t, t.TempDir())
			} else {
				com.Config.Director.SigningKey = tc.key
			}
			m, cmd := New(com).SetSize(80, 24).Focus()
			m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)

			var msgs []tea.Msg
			for _, keys := range [][]string{{"x"}, {"s", "x"}, {"o"}, {"f", "x"}} {
				var got []tea.Msg
				m, got = tuitest.Drive(t, m, tuitest.Keys(keys...)...)
				msgs = append(msgs, got...)
			}
			for _, allow := range []bool{false, true} {
				var cmd tea.Cmd
				m, cmd = m.start(allow)
				msgs = append(msgs, tuitest.Run(t, cmd)...)
				msgs = append(msgs, tuitest.Run(t, m.run(allow, nil))...)
				msgs = append(msgs, tuitest.Run(t, m.run(allow, k.Signer(t)))...)
			}
			com.Writer.Wait()

			refused := false
			for _, msg := range msgs {
				switch msg := msg.(type) {
				case keyMsg:
					t.Errorf("a signing key was opened over SSH: %+v", msg)
				case common.SavedMsg[outcome]:
					t.Errorf("an export ran over SSH: %+v", msg.Value)
				case common.NoticeMsg:
					refused = refused || msg.Text == common.RemoteText
				}
			}
			if !refused {
				t.Errorf("nothing said why there is no export: %v", msgs)
			}
			if m.running || m.mode == naming || m.mode == asking {
				t.Errorf("left running %v in mode %v", m.running, m.mode)
			}
			if n := exports(t, db); n != 0 {
				t.Errorf("%d exports recorded over SSH", n)
			}
			for _, dir := range []string{home, cwd} {
				_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
					if err == nil && p != dir && !strings.HasPrefix(d.Name(), ".") {
						t.Errorf("a file written over SSH: %s", p)
					}
					return nil
				})
			}
		})
	}
}
