package tui_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// app starts the app on db at w × h and runs its first load.
func app(t testing.TB, db *store.DB, opt tui.Options, w, h int) tea.Model {
	t.Helper()
	opt.DB = db
	if opt.Renderer == nil {
		opt.Renderer = tuitest.Renderer(false)
	}
	opt.Now = tuitest.Now
	m := tui.New(context.Background(), opt)
	t.Cleanup(m.Wait)
	msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: w, Height: h}}, tuitest.Run(t, m.Init())...)
	model, _ := tuitest.Drive[tea.Model](t, m, msgs...)
	return model
}

// press sends keys, running every command they make.
func press(t testing.TB, m tea.Model, keys ...string) (tea.Model, []tea.Msg) {
	t.Helper()
	return tuitest.Drive[tea.Model](t, m, tuitest.Keys(keys...)...)
}

// forumDir holds seven realistic submissions made by forumtest.Generate(3, 7)
// and kept here, so that the golden views do not change when the forum
// package's own fixtures are regenerated.
var forumDir = filepath.Join("testdata", "forum")

// boardDir holds eight submissions with workforces (forumtest.Board(8)),
// one of them not reported, kept here for the same reason.
var boardDir = filepath.Join("testdata", "forumboard")

func TestGoldenViews80x24(t *testing.T) {
	t.Setenv("HOME", "/home/director") // the export's default folder, shown as ~
	t.Setenv("USERPROFILE", "/home/director")
	open := []string{"8", "o", forumDir, "enter"}
	for _, tc := range []struct {
		name string
		keys []string
	}{
		{"1-overview", nil},
		{"2-practices", []string{"2"}},
		{"3-services", []string{"3"}},
		{"4-workforce", []string{"4"}},
		{"4-workforce-add", []string{"4", "a"}},
		{"4-workforce-edit", []string{"4", "j", "enter"}},
		{"5-workload", []string{"5"}},
		{"6-priorities", []string{"6"}},
		{"7-export", []string{"7"}},
		{"7-export-preview", []string{"7", "p"}},
		{"8-forum", []string{"8"}},
		{"8-forum-ranking", open},
		{"8-forum-consensus", append(open, "c")},
		{"8-forum-minority", append(open, "m")},
		{"8-forum-services", append(open, "s")},
		{"8-forum-workforce", []string{"8", "o", boardDir, "enter", "f"}},
		{"8-forum-workforce-end", []string{"8", "o", boardDir, "enter", "f", "G"}},
		{"8-forum-workforce-none", append(open, "f")},
		{"8-forum-workload", append(open, "w")},
		{"8-forum-coverage", append(open, "v")},
		{"8-forum-pcns", append(open, "p", "j")},
		{"8-forum-pcn", append(open, "p", "j", "enter")},
		{"tab-wraps-to-forum", []string{"shift+tab"}},
		{"help", []string{"5", "?"}},
		{"practice-form", []string{"2", "j", "enter"}},
		{"practice-form-invalid", []string{"2", "a", "N8100", "tab", "tab", "-5"}},
		{"service-form", []string{"3", "enter"}},
		{"workload-form", []string{"5", "a"}},
		{"workload-filter", []string{"5", "/", "sev:high"}},
		{"workload-confirm-delete", []string{"5", "j", "d"}},
		{"priorities-form", []string{"6", "j", "enter"}},
		{"priorities-moved", []string{"6", "J", "J"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
			m, _ = press(t, m, tc.keys...)
			tuitest.Golden(t, tc.name, m.View())
		})
	}
}

// TestGoldenHistory80x24: with a year of exports, the Overview says what
// changed since the last one and D lists it; Services shows each one's
// trail, and its detail spells the trail out.
func TestGoldenHistory80x24(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
	}{
		{"1-overview-changed", nil},
		{"1-overview-changes", []string{"D"}},
		{"3-services-trail", []string{"3", "j", "j", "j", "j", "j"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := app(t, tuitest.HistoryDB(t), tui.Options{}, 80, 24)
			m, _ = press(t, m, tc.keys...)
			tuitest.Golden(t, tc.name, m.View())
		})
	}
}

func TestGoldenSetup(t *testing.T) {
	m := app(t, tuitest.DB(t, false), tui.Options{}, 80, 24)
	tuitest.Golden(t, "setup", m.View())
	m, _ = press(t, m, "U12", "enter")
	tuitest.Golden(t, "setup-invalid-code", m.View())
}

func TestSetupSavesPCNAndSeedsServices(t *testing.T) {
	db := tuitest.DB(t, false)
	m := app(t, db, tui.Options{}, 80, 24)
	m, _ = press(t, m, " u51234 ", "enter", "Brook PCN", "enter", "Some ICS", "ctrl+s")
	view := tuitest.Strip(m.View())
	if !strings.Contains(view, "Brook PCN  U51234") || !strings.Contains(view, "10 not started") {
		t.Fatalf("after setup the overview shows:\n%s", view)
	}
	s, err := db.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.PCN.Code != "U51234" || s.PCN.ICS != "Some ICS" || len(s.Services) != 10 || s.Period.String() != "2026/27 Q3" {
		t.Errorf("saved %+v, %d services, period %s", s.PCN, len(s.Services), s.Period)
	}
}

// TestReadOnlyRefusesEveryEdit presses every editing key on every section
// of a read-only session: each says why and nothing changes.
func TestReadOnlyRefusesEveryEdit(t *testing.T) {
	db := tuitest.DB(t, true)
	before, _ := db.Snapshot(context.Background())
	m := app(t, db, tui.Options{ReadOnly: true}, 80, 24)
	for section := 1; section <= 7; section++ {
		for _, k := range []string{"a", "d", "u", "enter", "s", "space", "K", "J", "shift+up", "shift+down", "x"} {
			if k == "enter" && section >= 6 {
				continue // enter only goes to a finding, or opens a PCN: it browses
			}
			var view string
			m, _ = press(t, m, fmt.Sprint(section), k)
			view = tuitest.Strip(m.View())
			if !strings.Contains(view, "read-only session: edits are refused") {
				t.Errorf("section %d, key %q: no refusal shown:\n%s", section, k, view)
			}
			if m, _ = press(t, m, "y"); strings.Contains(tuitest.Strip(m.View()), "Save ]") {
				t.Errorf("section %d, key %q opened a form", section, k)
			}
		}
	}
	after, _ := db.Snapshot(context.Background())
	if !reflect.DeepEqual(before, after) {
		t.Error("a read-only session changed the database")
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "read-only") || strings.Contains(v, "a add") {
		t.Errorf("read-only help bar offers edits or the badge is missing:\n%s", v)
	}
}

func TestReadOnlyEmptyDatabase(t *testing.T) {
	m := app(t, tuitest.DB(t, false), tui.Options{ReadOnly: true}, 80, 24)
	v := tuitest.Strip(m.View())
	if !strings.Contains(v, "No PCN is set up") || strings.Contains(v, "[ Save ]") {
		t.Errorf("read-only first run shows a form:\n%s", v)
	}
	if _, msgs := press(t, m, "q"); !hasQuit(msgs) {
		t.Error("q does not quit a read-only first run")
	}
}

func hasQuit(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

func TestQuitKeys(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		quit bool
	}{
		{[]string{"q"}, true},
		{[]string{"ctrl+c"}, true},
		{[]string{"5", "a", "q"}, false},     // typing in a form
		{[]string{"5", "a", "ctrl+c"}, true}, // always
		{[]string{"5", "/", "q"}, false},     // typing in the filter
	} {
		m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
		if _, msgs := press(t, m, tc.keys...); hasQuit(msgs) != tc.quit {
			t.Errorf("%v: quit = %v, want %v", tc.keys, !tc.quit, tc.quit)
		}
	}
}

// TestBurstOfKeysIsSplit: "jjj" arriving as one message (fast typing, SSH)
// moves three rows; typed into a form it stays text.
func TestBurstOfKeysIsSplit(t *testing.T) {
	m := app(t, tuitest.DB(t, true), tui.Options{}, 80, 24)
	m, _ = press(t, m, "5", "jjj")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "▸ 2026-11-09") {
		t.Errorf("jjj did not select the fourth note:\n%s", v)
	}
	m, _ = press(t, m, "atext")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "New workload note") {
		t.Errorf("atext did not open the form:\n%s", v)
	}
}

// TestLayoutFitsEveryWindow: every section, at every size, draws exactly
// the window: no line wider, no more or fewer lines.
func TestLayoutFitsEveryWindow(t *testing.T) {
	db := tuitest.DB(t, true)
	ctx := context.Background()
	// Text that would break a layout: long, wide, with line breaks and tabs.
	long := strings.Repeat("医療 workforce\tpressure\n", 40)
	if _, err := db.SaveNote(ctx, domain.Note{Category: "a-category-key-no-catalogue-knows-of-at-all", Severity: 3, Date: "2026-11-18", Text: long}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SavePriority(ctx, domain.Priority{Theme: "workforce", Title: long, Ask: long, Rationale: long}); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {200, 60}, {120, 40}, {40, 12}, {20, 6}} {
		m := app(t, db, tui.Options{}, size[0], size[1])
		for _, keys := range [][]string{{"1"}, {"2"}, {"3"}, {"4"}, {"5"}, {"6"}, {"7"}, {"8"}, {"4", "a"}, {"4", "enter"}, {"5", "a"}, {"6", "enter"}, {"2", "a"}, {"5", "?"},
			{"1", "enter"}, {"7", "p"}, {"8", "o", forumDir, "enter"}, {"8", "o", forumDir, "enter", "p", "enter"}} {
			m, _ := press(t, m, keys...)
			lines := strings.Split(m.View(), "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d %v: %d lines", size[0], size[1], keys, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d %v: line %d is %d wide: %q", size[0], size[1], keys, i, w, ansi.Strip(l))
				}
			}
		}
	}
}

// TestNoColour: with NO_COLOR (an Ascii renderer) the view holds no colour
// codes, and statuses and severities still read in words.
func TestNoColour(t *testing.T) {
	m := app(t, tuitest.DB(t, true), tui.Options{Renderer: tuitest.Renderer(true)}, 80, 24)
	for _, k := range []string{"1", "3", "4", "5"} {
		m, _ = press(t, m, k)
		v := m.View()
		if strings.Contains(v, "\x1b[3") || strings.Contains(v, "\x1b[9") || strings.Contains(v, "38;") {
			t.Errorf("section %s has colour codes: %q", k, v)
		}
	}
	m, _ = press(t, m, "3")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "● amber") || !strings.Contains(v, "○ not started") {
		t.Errorf("services without colour lose their status words:\n%s", v)
	}
}

func TestErrorBannerStaysUntilEsc(t *testing.T) {
	db := tuitest.DB(t, true)
	m := app(t, db, tui.Options{}, 80, 24)
	db.Close() // every save now fails
	m, _ = press(t, m, "3", "s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "✗") || !strings.Contains(v, "esc to dismiss") {
		t.Fatalf("a failed save shows no banner:\n%s", v)
	}
	m, _ = press(t, m, "j", "k")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "✗") {
		t.Error("the banner went away before esc")
	}
	m, _ = press(t, m, "esc")
	if v := tuitest.Strip(m.View()); strings.Contains(v, "✗") {
		t.Error("esc did not dismiss the banner")
	}
}

// TestQuitsWhenContextEnds: the caller's context ending (SIGTERM, an SSH
// client gone) quits the app.
func TestQuitsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	m := tui.New(ctx, tui.Options{DB: tuitest.DB(t, true), Renderer: tuitest.Renderer(false), Now: tuitest.Now})
	cancel()
	if _, msgs := tuitest.Drive[tea.Model](t, m, tuitest.Run(t, m.Init())...); !hasQuit(msgs) {
		t.Error("the app did not quit when its context ended")
	}
}

// TestLongTextSurvivesEditing: a note longer than anyone would type (from
// an imported file) comes back whole from the edit form.
func TestLongTextSurvivesEditing(t *testing.T) {
	db := tuitest.DB(t, true)
	ctx := context.Background()
	long := strings.Repeat("A long imported note. ", 400) // 8,800 characters
	id, err := db.SaveNote(ctx, domain.Note{Category: "it", Severity: 2, Date: "2026-11-30", Text: strings.TrimSpace(long)})
	if err != nil {
		t.Fatal(err)
	}
	m := app(t, db, tui.Options{}, 80, 24)
	press(t, m, "5", "enter", "ctrl+s")
	ns, _ := db.Notes(ctx)
	if ns[0].ID != id || ns[0].Text != strings.TrimSpace(long) {
		t.Errorf("edited note has %d characters, want %d", len(ns[0].Text), len(strings.TrimSpace(long)))
	}
}
