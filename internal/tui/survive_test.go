package tui_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// The tests in this file each pin down one fault a new user hit (issue
// #11): each was written first and seen failing.

// safePress is press that turns a panic into a test failure, so one crash
// does not end the whole test binary.
func safePress(t testing.TB, m tea.Model, keys ...string) (out tea.Model) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("keys %q panicked: %v", keys, r)
		}
	}()
	out, _ = press(t, m, keys...)
	return out
}

// TestDeleteTheLastRow: deleting the last row of every list, and the only
// row of a new list, neither panics nor loses the undo.
func TestDeleteTheLastRow(t *testing.T) {
	for _, tc := range []struct {
		section string
		count   func(*store.DB) int
	}{
		{"2", func(db *store.DB) int { ps, _ := db.Practices(context.Background()); return len(ps) }},
		{"5", func(db *store.DB) int { ns, _ := db.Notes(context.Background()); return len(ns) }},
		{"6", func(db *store.DB) int { ps, _ := db.Priorities(context.Background()); return len(ps) }},
		{"4", func(db *store.DB) int { rs, _, _ := db.Workforce(context.Background()); return len(rs) }},
	} {
		t.Run("section "+tc.section, func(t *testing.T) {
			db := tuitest.DB(t, true)
			before := tc.count(db)
			m := app(t, db, tui.Options{}, 80, 24)
			m = safePress(t, m, tc.section, "G", "d", "y")
			if got := tc.count(db); got != before-1 {
				t.Fatalf("%d rows after deleting the last of %d", got, before)
			}
			if selectedLine(m.View()) == "" {
				t.Errorf("nothing selected after deleting the last row:\n%s", tuitest.Strip(m.View()))
			}
			m = safePress(t, m, "u")
			if got := tc.count(db); got != before {
				t.Errorf("undo left %d rows, want %d", got, before)
			}
			if selectedLine(m.View()) == "" {
				t.Errorf("nothing selected after the undo:\n%s", tuitest.Strip(m.View()))
			}
		})
	}
	t.Run("the only priority of a new database", func(t *testing.T) {
		db := tuitest.DB(t, false)
		m := app(t, db, tui.Options{}, 80, 24)
		m = safePress(t, m, "U51234", "enter", "Brook PCN", "ctrl+s", "6", "a", "tab", "Rooms", "ctrl+s", "d", "y")
		if ps, _ := db.Priorities(context.Background()); len(ps) != 0 {
			t.Errorf("%d priorities left", len(ps))
		}
		m = safePress(t, m, "u", "d", "y", "j", "k", "G", "/", "x", "enter", "d")
		_ = m
	})
}

// importElsewhere is another process's import: a second handle on the same
// file restores a submission whose notes are all new, so the row ids the
// app holds now name other notes.
func importElsewhere(t testing.TB, db *store.DB) []domain.Note {
	t.Helper()
	other, err := store.Open(context.Background(), db.Path(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	snap := demo.Snapshot(config.Default(), tuitest.Now())
	snap.Notes = nil
	for i := range 12 {
		snap.Notes = append(snap.Notes, domain.Note{Category: "other", Severity: 1, Date: fmt.Sprintf("2026-10-%02d", i+1), Text: fmt.Sprintf("NEW note %d", i+1)})
	}
	if err := other.Restore(context.Background(), snap, nil); err != nil {
		t.Fatal(err)
	}
	ns, err := other.Notes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

func noteTexts(ns []domain.Note) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Text)
	}
	return strings.Join(out, "|")
}

// TestStaleDeleteNeverHitsAnotherNote: with Workload open, another process
// imports; d y must not delete a note the screen never showed.
func TestStaleDeleteNeverHitsAnotherNote(t *testing.T) {
	db := tuitest.DB(t, true)
	m := app(t, db, tui.Options{}, 80, 24)
	m = safePress(t, m, "5", "j")
	shown := selectedLine(m.View())
	after := importElsewhere(t, db)
	m = safePress(t, m, "d")
	v := tuitest.Strip(m.View())
	if !strings.Contains(v, "another program") || !strings.Contains(v, "NEW note") {
		t.Errorf("the app did not say the database changed, or did not reload:\n%s", v)
	}
	safePress(t, m, "y")
	ns, _ := db.Notes(context.Background())
	if noteTexts(ns) != noteTexts(after) {
		t.Errorf("a delete after another process's import removed a note the screen never showed (it showed %q):\nnow  %s\nwant %s",
			shown, noteTexts(ns), noteTexts(after))
	}
}

// TestStaleEditNeverOverwritesAnotherNote: a form opened before another
// process's import is refused on saving, and overwrites nothing.
func TestStaleEditNeverOverwritesAnotherNote(t *testing.T) {
	db := tuitest.DB(t, true)
	m := app(t, db, tui.Options{}, 80, 24)
	m = safePress(t, m, "5", "j", "enter", "tab", "tab", "tab", " (edited)")
	after := importElsewhere(t, db)
	m = safePress(t, m, "ctrl+s")
	ns, _ := db.Notes(context.Background())
	if noteTexts(ns) != noteTexts(after) {
		t.Errorf("a stale edit changed another note:\nnow  %s\nwant %s", noteTexts(ns), noteTexts(after))
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "another program") {
		t.Errorf("the refusal is not said:\n%s", v)
	}
}

// TestLongMessagesReadInFull: an error longer than the status line can be
// read to its last word.
func TestLongMessagesReadInFull(t *testing.T) {
	db := tuitest.DB(t, true)
	dir := filepath.Join(t.TempDir(), "a folder with a long name for the forum papers", "and another inside it")
	path := filepath.Join(dir, "tampered-submission-end.csv")
	m := app(t, db, tui.Options{}, 80, 24)
	m = safePress(t, m, "2", "i", path, "ctrl+s")
	v := tuitest.Strip(m.View())
	flat := strings.Join(strings.Fields(v), "")
	if !strings.Contains(flat, strings.Join(strings.Fields(path), "")) {
		t.Errorf("the error's path is cut short:\n%s", v)
	}
}

// TestEscInAChangedFormAsks: esc throws typed text away only after y.
func TestEscInAChangedFormAsks(t *testing.T) {
	db := tuitest.DB(t, true)
	m := app(t, db, tui.Options{}, 80, 24)
	m = safePress(t, m, "5", "a", "esc")
	if strings.Contains(tuitest.Strip(m.View()), "New workload note") {
		t.Fatal("esc on an untouched form did not close it")
	}
	m = safePress(t, m, "a", "tab", "tab", "tab", "lift broken", "esc")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "discard your changes?") {
		t.Fatalf("esc with changes did not ask:\n%s", v)
	}
	m = safePress(t, m, "n")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "lift broken") {
		t.Fatalf("n did not go back to the form:\n%s", v)
	}
	m = safePress(t, m, "esc", "y")
	if v := tuitest.Strip(m.View()); strings.Contains(v, "New workload note") {
		t.Errorf("y did not discard:\n%s", v)
	}
}

// TestPastedCRLF: text pasted from Windows has single line breaks.
func TestPastedCRLF(t *testing.T) {
	db := tuitest.DB(t, true)
	m := app(t, db, tui.Options{}, 80, 24)
	m = safePress(t, m, "5", "a", "tab", "tab", "tab")
	m, _ = tuitest.Drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("line one\r\nline two\rline three"), Paste: true})
	safePress(t, m, "ctrl+s")
	ns, _ := db.Notes(context.Background())
	if ns[0].Text != "line one\nline two\nline three" {
		t.Errorf("pasted text saved as %q", ns[0].Text)
	}
}

// TestDates: a date that does not exist says so; one in the future asks.
func TestDates(t *testing.T) {
	db := tuitest.DB(t, true)
	m := app(t, db, tui.Options{}, 80, 24)
	clear := strings.Split(strings.Repeat("backspace,", 10), ",")
	keys := append([]string{"5", "a", "tab", "tab"}, clear[:10]...)
	m = safePress(t, m, append(keys, "2026-02-30", "tab", "Rooms", "ctrl+s")...)
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "30 February 2026") {
		t.Errorf("2026-02-30 is not called out:\n%s", v)
	}
	if ns, _ := db.Notes(context.Background()); len(ns) != 12 {
		t.Fatal("a note dated 2026-02-30 was saved")
	}
	m = safePress(t, m, clear[:10]...) // the refused save went back to the date
	m = safePress(t, m, "2027-01-05", "ctrl+s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "in the future") {
		t.Fatalf("a future date did not ask:\n%s", v)
	}
	safePress(t, m, "y")
	if ns, _ := db.Notes(context.Background()); len(ns) != 13 || ns[0].Date != "2027-01-05" {
		t.Errorf("y to a future date did not save it")
	}
}

// TestListSizeBounded: the practice form refuses a list size beyond
// domain.MaxListSize, saying so, before the database has to.
func TestListSizeBounded(t *testing.T) {
	db := tuitest.DB(t, true)
	m := app(t, db, tui.Options{}, 80, 24)
	m = safePress(t, m, "2", "a", "Y99107", "tab", "New Surgery", "tab", "1000001", "ctrl+s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "1,000,000") || !strings.Contains(v, "[ Save ]") {
		t.Errorf("the form did not refuse a list size over 1,000,000:\n%s", v)
	}
	if ps, _ := db.Practices(context.Background()); len(ps) != 6 {
		t.Error("saved")
	}
}

// TestNewPeriodAsksWhatToCarry: n asks about statuses, notes and
// priorities, warns of a period never exported, says when the new one
// starts, and says "delete" only when something is deleted.
func TestNewPeriodAsksWhatToCarry(t *testing.T) {
	db := tuitest.DB(t, true)
	m := app(t, db, tui.Options{}, 80, 30)
	m = safePress(t, m, "n")
	v := tuitest.Strip(m.View())
	for _, want := range []string{"never exported", "1 January 2027", "Service statuses", "Workload notes", "Priorities"} {
		if !strings.Contains(v, want) {
			t.Errorf("the period form lacks %q:\n%s", want, v)
		}
	}
	m = safePress(t, m, "ctrl+s")
	if v := tuitest.Strip(m.View()); strings.Contains(strings.ToLower(v), "delete") {
		t.Errorf("carrying everything over, the question says delete:\n%s", v)
	}
	m = safePress(t, m, "n", "tab", "right", "ctrl+s") // back to the form; leave the notes behind
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "delete 12 notes") {
		t.Errorf("leaving notes behind does not say so:\n%s", v)
	}
	safePress(t, m, "y")
	if p, _ := db.Period(context.Background()); p.String() != "2026/27 Q4" {
		t.Errorf("period %s", p)
	}
	if ns, _ := db.Notes(context.Background()); len(ns) != 0 {
		t.Errorf("%d notes carried over after leaving them behind", len(ns))
	}
	if ps, _ := db.Priorities(context.Background()); len(ps) != 5 {
		t.Errorf("%d priorities after carrying them over", len(ps))
	}
}

// TestSmallThings: what a new user tripped over.
func TestSmallThings(t *testing.T) {
	t.Run("a and d on Services say why", func(t *testing.T) {
		m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
		for _, k := range []string{"a", "d"} {
			if v := tuitest.Strip(safePress(t, m, "3", k).View()); !strings.Contains(v, "catalogue") {
				t.Errorf("%s on Services says nothing:\n%s", k, v)
			}
		}
	})
	t.Run("Practices filter counts", func(t *testing.T) {
		m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
		if v := tuitest.Strip(safePress(t, m, "2", "/", "surgery", "enter").View()); !strings.Contains(v, "2 of 6 practices") {
			t.Errorf("no count:\n%s", v)
		}
	})
	t.Run("Overview says and more", func(t *testing.T) {
		m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 20)
		if v := tuitest.Strip(m.View()); !strings.Contains(v, "more") {
			t.Errorf("the overview cut its lists silently:\n%s", v)
		}
	})
	t.Run("help bars keep filter and help", func(t *testing.T) {
		m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
		for _, s := range []string{"2", "3", "4", "5", "6"} {
			m = safePress(t, m, s, "u") // u: an undo slot would add a key
			lines := strings.Split(tuitest.Strip(m.View()), "\n")
			last := lines[len(lines)-1]
			if !strings.Contains(last, "/ filter") || !strings.Contains(last, "? help") {
				t.Errorf("section %s help bar: %q", s, last)
			}
		}
		m = safePress(t, m, "2", "d", "y")
		lines := strings.Split(tuitest.Strip(m.View()), "\n")
		if last := lines[len(lines)-1]; !strings.Contains(last, "/ filter") || !strings.Contains(last, "? help") {
			t.Errorf("help bar with undo: %q", last)
		}
	})
	t.Run("full help on Priorities shows every column", func(t *testing.T) {
		m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
		v := tuitest.Strip(safePress(t, m, "6", "?").View())
		for _, want := range []string{"move up", "move down", "filter", "undo", "previous section", "quit", "last"} {
			if !strings.Contains(v, want) {
				t.Errorf("full help lacks %q:\n%s", want, v)
			}
		}
	})
	t.Run("empty Practices points at i", func(t *testing.T) {
		db := tuitest.DB(t, false)
		if err := db.SavePCN(context.Background(), domain.PCN{Code: "U51234", Name: "Brook PCN"}); err != nil {
			t.Fatal(err)
		}
		m := app(t, db, tui.Options{}, 80, 24)
		if v := tuitest.Strip(safePress(t, m, "2").View()); !strings.Contains(v, "press i") || strings.Contains(v, "quit") && !strings.Contains(v, "q quit") {
			t.Errorf("empty practices:\n%s", v)
		}
	})
	t.Run("import form says Import and clears on failure", func(t *testing.T) {
		m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
		m = safePress(t, m, "2", "i")
		if v := tuitest.Strip(m.View()); !strings.Contains(v, "[ Import ]") {
			t.Errorf("import button:\n%s", v)
		}
		bad := filepath.Join(t.TempDir(), "nothing.csv")
		os.WriteFile(bad, []byte("Dear forum\n"), 0o600)
		m = safePress(t, m, bad, "ctrl+s", "esc", "i")
		if v := tuitest.Strip(m.View()); strings.Contains(v, "nothing.csv") && strings.Contains(v, "[ Import ]") {
			t.Errorf("the import form offers the failed file again:\n%s", v)
		}
	})
}

// TestSavingPatientDataWarnsAtOnce: a note saved with a valid NHS number
// gets the guard's warning the moment it is saved (SPEC §9).
func TestSavingPatientDataWarnsAtOnce(t *testing.T) {
	m := app(t, tuitest.DB(t, true), tui.Options{}, 100, 30)
	m = safePress(t, m, "5", "a", "tab", "tab", "tab", "Patient 943 476 5919 waited", "ctrl+s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "looks like patient data") || !strings.Contains(v, "NHS number") {
		t.Errorf("no warning on saving an NHS number:\n%s", v)
	}
	m = safePress(t, m, "esc", "a", "tab", "tab", "tab", "The lift is broken", "ctrl+s")
	if v := tuitest.Strip(m.View()); strings.Contains(v, "patient data") {
		t.Errorf("a warning on clean text:\n%s", v)
	}
	// The same for a workforce role's note.
	m = safePress(t, m, "esc", "4", "enter", "tab", "tab", "tab", "tab", " Covered 943 476 5919 at home.", "ctrl+s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "looks like patient data") || !strings.Contains(v, "NHS number") {
		t.Errorf("no warning on saving an NHS number in a role's note:\n%s", v)
	}
	// The statement: its "statement saved" once cleared the warning.
	m = safePress(t, m, "esc", "1", "enter", " Patient 943 476 5919 waited.", "ctrl+s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "looks like patient data") || !strings.Contains(v, "your statement") {
		t.Errorf("no warning on saving an NHS number in the statement:\n%s", v)
	}
	// A practice's name is a name: a date of birth in it blocks, and a
	// title in it ("Dr … & Partners") is no warning.
	m = safePress(t, m, "esc", "2", "enter", "tab", " DOB 01/02/1960", "ctrl+s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "looks like patient data") || !strings.Contains(v, "practice's name") {
		t.Errorf("no warning on saving a date of birth in a practice's name:\n%s", v)
	}
	m = safePress(t, m, "esc", "a", "Y99199", "tab", "Dr Patel & Partners", "tab", "4000", "ctrl+s")
	if v := tuitest.Strip(m.View()); strings.Contains(v, "patient data") || !strings.Contains(v, "Dr Patel & Partners") {
		t.Errorf("a practice named for its partners:\n%s", v)
	}
}

// TestAMessageTooLongOpensInFull: e shows all of a message that three
// lines cannot hold; any key closes it.
func TestAMessageTooLongOpensInFull(t *testing.T) {
	m := app(t, tuitest.DB(t, true), tui.Options{}, 40, 24)
	long := strings.Repeat("word ", 40) + "THE-END"
	m, _ = tuitest.Drive(t, m, common.ErrMsg{Err: errors.New(long)})
	if v := tuitest.Strip(m.View()); strings.Contains(v, "THE-END") || !strings.Contains(v, "e reads all") {
		t.Fatalf("a long message is not cut with a pointer to e:\n%s", v)
	}
	m = safePress(t, m, "e")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "THE-END") {
		t.Fatalf("e did not show the whole message:\n%s", v)
	}
	m = safePress(t, m, "j")
	if v := tuitest.Strip(m.View()); strings.Contains(v, "THE-END") || !strings.Contains(v, "Riverside") {
		t.Errorf("a key did not close the message:\n%s", v)
	}
}

// TestTerminalFocusChecksTheDatabase: back from another window where the
// database changed, the app reloads before the next key and says so.
func TestTerminalFocusChecksTheDatabase(t *testing.T) {
	db := tuitest.DB(t, true)
	m := app(t, db, tui.Options{}, 80, 24)
	m = safePress(t, m, "5")
	importElsewhere(t, db)
	m, _ = tuitest.Drive(t, m, tea.FocusMsg{})
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "NEW note 12") || !strings.Contains(v, "another program changed the database") {
		t.Errorf("focus did not reload:\n%s", v)
	}
	// The app's own edits elsewhere (two status changes, an NHS import)
	// move the database on too, but are not another program's.
	path, err := filepath.Abs("../../testdata/nhs/gp-reg-pat-prac-map.csv")
	if err != nil {
		t.Fatal(err)
	}
	m = safePress(t, m, "3", "s", "s", "2", "i", path, "ctrl+s")
	for _, k := range []string{"5", "3"} {
		if v := tuitest.Strip(safePress(t, m, k).View()); strings.Contains(v, "another program") {
			t.Errorf("section %s took the app's own edits for another program's:\n%s", k, v)
		}
	}
	if v := tuitest.Strip(safePress(t, m, "5").View()); !strings.Contains(v, "NEW note 12") {
		t.Errorf("workload did not keep the imported notes:\n%s", v)
	}
}

// TestSavingAgainOverwritesOnlyWhatYouWereToldOf: after "another program
// changed it", ctrl+s saves over that change, and not over a later one.
func TestSavingAgainOverwritesOnlyWhatYouWereToldOf(t *testing.T) {
	db := tuitest.DB(t, true)
	ctx := context.Background()
	other, err := store.Open(ctx, db.Path(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	theirs := func(text string) {
		ns, _ := other.Notes(ctx)
		now := ns[0]
		now.Text = text
		if err := other.UpdateNote(ctx, ns[0], now, false); err != nil {
			t.Fatal(err)
		}
	}
	m := app(t, db, tui.Options{}, 100, 30)
	m = safePress(t, m, "5", "enter", "tab", "tab", "tab", " (mine)")
	theirs("theirs, first")
	m = safePress(t, m, "ctrl+s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "another program changed") {
		t.Fatalf("not told:\n%s", v)
	}
	theirs("theirs, second")
	m = safePress(t, m, "ctrl+s")
	if ns, _ := db.Notes(ctx); ns[0].Text != "theirs, second" {
		t.Fatalf("saved over a change the user was not told of: %q", ns[0].Text)
	}
	safePress(t, m, "ctrl+s")
	if ns, _ := db.Notes(ctx); !strings.HasSuffix(ns[0].Text, "(mine)") {
		t.Errorf("told twice, saving again did not save: %q", ns[0].Text)
	}
}

// TestStatusWrapsAtWords: a message of ordinary words wraps between
// words ("…until it is taken out", not "tak / en out"); a path longer
// than the line is broken rather than leaving the ✗ alone above it.
func TestStatusWrapsAtWords(t *testing.T) {
	m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
	msg := `saved, but it looks like patient data, which blocks the export until it is taken out: the note's text: a valid NHS number ("943 *** **19")`
	m, _ = tuitest.Drive(t, m, common.ErrMsg{Err: errors.New(msg)})
	v := tuitest.Strip(m.View())
	for _, w := range strings.Fields(msg) {
		if !strings.Contains(v, w) {
			t.Errorf("the word %q was broken:\n%s", w, v)
		}
	}
	path := "/" + strings.Repeat("very-long-folder-name/", 6) + "file.json"
	m, _ = tuitest.Drive(t, m, common.ErrMsg{Err: errors.New(path + ": no such file")})
	for _, l := range strings.Split(tuitest.Strip(m.View()), "\n") {
		if strings.TrimSpace(l) == "✗" {
			t.Errorf("the ✗ stands alone:\n%s", tuitest.Strip(m.View()))
		}
	}
}
