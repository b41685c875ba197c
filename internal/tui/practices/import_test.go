package practices

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func notices[T any](msgs []T) string {
	var b strings.Builder
	for _, m := range msgs {
		switch m := any(m).(type) {
		case common.NoticeMsg:
			b.WriteString("notice: " + m.Text + "\n")
		case common.ErrMsg:
			b.WriteString("error: " + m.Err.Error() + "\n")
		case common.Saved: // the root shows a write's error in the banner
			if err := m.Written().Err; err != nil {
				b.WriteString("error: " + err.Error() + "\n")
			}
		}
	}
	return b.String()
}

func TestImportNHSFile(t *testing.T) {
	m, db := screen(t)
	path, err := filepath.Abs("../../../testdata/nhs/gp-reg-pat-prac-map.csv")
	if err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "i")
	if !m.Capturing() || !strings.Contains(tuitest.Strip(m.View()), "Import an NHS file") {
		t.Fatalf("i did not open the import form:\n%s", tuitest.Strip(m.View()))
	}
	m, made := tuitest.Drive(t, m, tuitest.Keys(path, "ctrl+s")...)
	var msgs []any
	for _, x := range made {
		msgs = append(msgs, x)
	}
	got := notices(msgs)
	if !strings.Contains(got, "added 6 practices") {
		t.Fatalf("no notice of what the import changed: %q", got)
	}
	if ps := practices(t, db); len(ps) != 12 {
		t.Errorf("%d practices after importing the map's 6 members of U99001 beside the demo's 6", len(ps))
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Y09101") {
		t.Errorf("the list did not reload:\n%s", v)
	}
}

func TestImportRefusesJunkAndChangesNothing(t *testing.T) {
	m, db := screen(t)
	junk := filepath.Join(t.TempDir(), "letter.txt")
	os.WriteFile(junk, []byte("Dear forum\n"), 0o600)
	_, made := tuitest.Drive(t, m, tuitest.Keys("i", junk, "ctrl+s")...)
	var msgs []any
	for _, x := range made {
		msgs = append(msgs, x)
	}
	if got := notices(msgs); !strings.Contains(got, "error: ") || !strings.Contains(got, "not a file pcnvoice understands") {
		t.Errorf("junk file: %q", got)
	}
	if ps := practices(t, db); len(ps) != 6 {
		t.Errorf("a refused import changed the practices: %d", len(ps))
	}
}

// TestImportRefusedOverSSH: over SSH the i key is off, and the import
// itself refuses too — neither the form nor the write reads a path a
// remote user typed, so a key map that let i through would still read
// nothing on the server.
func TestImportRefusedOverSSH(t *testing.T) {
	db := tuitest.DB(t, true)
	com := tuitest.Common(t, db, false, 80, 20)
	com.Remote = true
	m, cmd := New(com).SetSize(80, 20).Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	before := practices(t, db)
	path, err := filepath.Abs("../../../testdata/nhs/gp-reg-pat-prac-map.csv")
	if err != nil {
		t.Fatal(err)
	}
	if cmd := openImport(&m); m.Capturing() || !strings.Contains(notices(tuitest.Run(t, cmd)), common.RemoteText) {
		t.Error("the import form opened over SSH")
	}
	if got := notices(tuitest.Run(t, importFile(&m, path))); !strings.Contains(got, common.RemoteText) {
		t.Errorf("the import over SSH said %q", got)
	}
	if after := practices(t, db); len(after) != len(before) {
		t.Errorf("%d practices before, %d after an import over SSH", len(before), len(after))
	}
}
