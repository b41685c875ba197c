package export

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/exportjob"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// screen opens the export screen on the demo database, checked, with the
// home folder a temp folder of the test's own.
func screen(t testing.TB, readOnly bool) (Model, *store.DB, string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	db := tuitest.DB(t, true)
	m, cmd := New(tuitest.Common(t, db, readOnly, 80, 20)).SetSize(80, 20).Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	return m, db, home
}

func press(t testing.TB, m Model, keys ...string) (Model, string) {
	t.Helper()
	m, msgs := tuitest.Drive(t, m, tuitest.Keys(keys...)...)
	var notes []string
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.NoticeMsg:
			notes = append(notes, msg.Text)
		case common.ErrMsg:
			notes = append(notes, "error: "+msg.Err.Error())
		}
	}
	return m, strings.Join(notes, "\n")
}

// withPatientData adds a valid NHS number to the oldest note (workload[0])
// and a date of birth to the statement: both block an export.
func withPatientData(t testing.TB, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := db.SaveNote(ctx, domain.Note{Category: "other", Severity: domain.Low, Date: "2026-04-01", Text: "Patient 943 476 5919 waited six weeks."})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetStatement(ctx, "One patient, DOB 12/03/1941, waited longest."); err != nil {
		t.Fatal(err)
	}
	return id
}

func exports(t testing.TB, db *store.DB) int {
	t.Helper()
	recs, err := db.Exports(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(recs)
}

func TestExportJSONAndAgainUnchanged(t *testing.T) {
	m, db, home := screen(t, false)
	want := filepath.Join(home, "riverside-health-pcn-2026-27-q3.json")
	if m.path != want || !strings.Contains(tuitest.Strip(m.View()), "will be revision 1") {
		t.Fatalf("path %q, view:\n%s", m.path, tuitest.Strip(m.View()))
	}
	m, note := press(t, m, "x")
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("no file after x (%s): %v", note, err)
	}
	doc, _, err := pcnjson.Decode(want, data)
	if err != nil || doc.Revision != 1 || doc.GeneratedAt != "2026-11-18T09:00:00Z" {
		t.Fatalf("exported %+v, %v", doc, err)
	}
	if !strings.Contains(note, "revision 1 exported to ~/riverside-health-pcn-2026-27-q3.json · sha256:") {
		t.Errorf("notice %q", note)
	}
	v := tuitest.Strip(m.View())
	if !strings.Contains(v, "unchanged: revision 1 of 2026-11-18 09:00 UTC") {
		t.Errorf("after the export the view says:\n%s", v)
	}
	if _, note = press(t, m, "x"); !strings.Contains(note, "revision 1 (unchanged) written") || exports(t, db) != 1 {
		t.Errorf("second export: %q, %d revisions", note, exports(t, db))
	}
}

func TestFormatAndFileName(t *testing.T) {
	m, _, home := screen(t, false)
	m, _ = press(t, m, "f")
	if m.format != exportjob.Markdown || m.path != filepath.Join(home, "riverside-health-pcn-2026-27-q3.md") {
		t.Errorf("f: format %s, path %s", m.format, m.path)
	}
	dir := t.TempDir()
	typed := filepath.Join(dir, "board paper.md")
	m, _ = press(t, m, "o")
	for range 200 { // clear the prefilled name
		m, _ = press(t, m, "backspace")
	}
	m, _ = press(t, m, typed, "enter")
	if m.path != typed || !m.named {
		t.Fatalf("typed path not kept: %q", m.path)
	}
	m, _ = press(t, m, "f")
	if m.format != exportjob.HTML || m.path != filepath.Join(dir, "board paper.html") {
		t.Errorf("a typed name keeps its name: format %s, path %s", m.format, m.path)
	}
	m, _ = press(t, m, "o", "esc")
	if m.path != filepath.Join(dir, "board paper.html") || m.Capturing() {
		t.Errorf("esc changed the path to %q", m.path)
	}
	m, note := press(t, m, "x")
	b, err := os.ReadFile(m.path)
	if err != nil || !strings.Contains(string(b), "<!doctype html>") {
		t.Errorf("html export (%s): %v", note, err)
	}
}

// TestTypedHomeName: a typed ~/name is in the home folder (config's one
// rule); with no home folder to be found the typed name is refused, said
// so, and the destination kept, rather than a file named "~" made.
func TestTypedHomeName(t *testing.T) {
	m, _, home := screen(t, false)
	was := m.path
	m, _ = press(t, m, "o")
	for range 200 {
		m, _ = press(t, m, "backspace")
	}
	m, _ = press(t, m, "~/paper.json", "enter")
	if m.path != filepath.Join(home, "paper.json") {
		t.Errorf("~/paper.json became %q", m.path)
	}
	m.path = was
	t.Setenv("HOME", "")
	t.Setenv("USERPROFILE", "")
	m, _ = press(t, m, "o")
	for range 200 {
		m, _ = press(t, m, "backspace")
	}
	m, note := press(t, m, "~/paper.json", "enter")
	if m.path != was || !strings.Contains(note, "cannot find your home folder") {
		t.Errorf("no home: path %q, notice %q", m.path, note)
	}
}

// TestBlockedExportWritesNothingUntilConfirmed: a block asks; n leaves no
// file and no revision; y exports, as --allow-pii does.
func TestBlockedExportWritesNothingUntilConfirmed(t *testing.T) {
	m, db, home := screen(t, false)
	withPatientData(t, db)
	m, cmd := m.Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	v := tuitest.Strip(m.View())
	for _, want := range []string{"✗ 2 block export", "blocks export Your statement", "blocks export Note of 2026-04-01 · Other"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "476 5919") {
		t.Errorf("the view repeats the NHS number:\n%s", v)
	}
	m, _ = press(t, m, "x")
	if m.mode != confirming || !strings.Contains(tuitest.Strip(m.View()), "Export anyway?") {
		t.Fatalf("x on a blocked export did not ask:\n%s", tuitest.Strip(m.View()))
	}
	m, note := press(t, m, "n")
	if left, _ := os.ReadDir(home); len(left) != 0 || exports(t, db) != 0 {
		t.Fatalf("refused override left %v and %d revisions (%s)", left, exports(t, db), note)
	}
	m, note = press(t, m, "x", "y")
	if _, err := os.Stat(m.path); err != nil || exports(t, db) != 1 {
		t.Fatalf("override: %v, %d revisions", err, exports(t, db))
	}
	if !strings.Contains(note, "revision 1 exported despite the guard, as you confirmed, to ~/") {
		t.Errorf("the override is not said: %q", note)
	}
}

func TestReadOnlyRefusesExportButPreviews(t *testing.T) {
	m, db, home := screen(t, true)
	m, _ = press(t, m, "x")
	if left, _ := os.ReadDir(home); len(left) != 0 || exports(t, db) != 0 {
		t.Fatal("a read-only session exported")
	}
	if _, note := m.export(); note == nil {
		t.Error("export() in a read-only session says nothing")
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "read-only session: export is refused") {
		t.Errorf("no read-only note:\n%s", v)
	}
	m, _ = press(t, m, "p")
	if v := tuitest.Strip(m.View()); m.mode != previewing || !strings.Contains(v, "Riverside Health PCN (U99001)") {
		t.Errorf("read-only preview:\n%s", v)
	}
}

// TestEmptyAskIsShown: a priority with no ask is listed with the findings
// (not counted as patient data), and enter goes to its ask.
func TestEmptyAskIsShown(t *testing.T) {
	m, db, _ := screen(t, false)
	ctx := context.Background()
	ps, err := db.Priorities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ps[2].Ask = ""
	if _, err := db.SavePriority(ctx, ps[2]); err != nil {
		t.Fatal(err)
	}
	m, cmd := m.Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	v := tuitest.Strip(m.View())
	for _, want := range []string{"✓ no patient data found in the submission · 1 priority has no ask", "Priority 3 ask · " + ps[2].Title} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	_, msgs := tuitest.Drive(t, m, tuitest.Keys("enter")...)
	jumped := false
	for _, msg := range msgs {
		if j, ok := msg.(common.JumpMsg); ok && j.Section == common.SectionPriorities && j.ID == ps[2].ID && j.Field == "ask" {
			jumped = true
		}
	}
	if !jumped {
		t.Errorf("enter did not go to priority 3's ask: %v", msgs)
	}
}

// TestRemoteShowsNoServerPath: over SSH, where export to a file is
// refused, the screen names no file of the server's — not the default
// destination in the server's home, nor the server's signing key, nor
// why that key will not do — and says why there is no file instead.
func TestRemoteShowsNoServerPath(t *testing.T) {
	for _, tc := range []struct {
		name, key string
	}{
		{"no signing key", ""},
		{"a signing key", "KEY"},
		{"a missing signing key", "missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("USERPROFILE", home)
			t.Setenv("SSH_AUTH_SOCK", "")
			db := tuitest.DB(t, true)
			com := tuitest.Common(t, db, false, 80, 24)
			com.Remote = true
			com.Keys.Remote()
			keyDir := t.TempDir()
			switch tc.key {
			case "KEY":
				com.Config.Director.SigningKey = sshsigntest.NewKey(t).WriteKey(t, keyDir)
			case "missing":
				com.Config.Director.SigningKey = filepath.Join(keyDir, "id_missing")
			}
			m, cmd := New(com).SetSize(80, 24).Focus()
			m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
			for _, keys := range [][]string{nil, {"f"}, {"o"}, {"s"}, {"x"}} {
				m, _ = press(t, m, keys...)
				v := tuitest.Strip(m.View())
				for _, leak := range []string{"~", home, keyDir, ".json", ".md", "id_"} {
					if strings.Contains(v, leak) {
						t.Errorf("after %q the view shows %q:\n%s", keys, leak, v)
					}
				}
				if !strings.Contains(v, "File    none over SSH: the app writes no file on the server") {
					t.Errorf("after %q no reason for the missing file:\n%s", keys, v)
				}
			}
		})
	}
}
