package tui_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/exportjob"
	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// evil is text a hostile import or a pasted file could store: an OSC 52
// clipboard write and an OSC title ended by BEL, a screen clear, a cursor
// report request (its answer would arrive as typed keys), a bare BEL, C1
// CSI and OSC, and bidi overrides and isolates that reorder what follows.
const evil = "Evil\x1b]52;c;cHduZWQ=\x07 \x1b]0;pwned\x07\x1b[2J\x1b[6n\a\x9b31m\u009b32m\u009d0;t\u009c\u202eX\u2066Y\u2069\u200f"

// rawControls are the pieces of evil (and the SGR codes stored beside the
// PCN name and a category) that must never reach the terminal;
// C1 controls (U+0080–U+009F) and bytes that are not UTF-8 (a raw 0x9B is
// CSI to an 8-bit terminal) are looked for rune by rune (rawC1), as the
// bytes 0x80–0x9F are also the tails of "✓" or "—".
var rawControls = []string{"Riverside\x1b[5m", "estates\x1b[31m", "\x1b]", "\x1b[2J", "\x1b[6n", "\a", "\u202e", "\u2066", "\u2069", "\u200f"}

// rawC1 is the first C1 control or byte that is not UTF-8 in v, if any.
func rawC1(v string) (string, bool) {
	for i := 0; i < len(v); {
		r, n := utf8.DecodeRuneInString(v[i:])
		if (r == utf8.RuneError && n == 1) || (r >= 0x80 && r <= 0x9f) {
			return fmt.Sprintf("%q at byte %d", v[i:min(i+4, len(v))], i), true
		}
		i += n
	}
	return "", false
}

// TestStoredTextIsSanitised: escape sequences, BEL, C1 controls and bidi
// controls stored in the database — through the store's own writes, in
// every kind of record — never reach the terminal raw, in any section:
// the lists and details, the Workforce section, the Overview's change
// line and its details (D), the Services trail, and, once exported, the
// Forum section's views of the submission (its workforce view, f).
func TestStoredTextIsSanitised(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	db := tuitest.HistoryDB(t) // exported history: a change line and a trail
	ctx := context.Background()
	pcn, err := db.PCN(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pcn.Name, pcn.ICS = "Riverside\x1b[5m PCN "+evil, evil
	must(t, db.SavePCN(ctx, *pcn))
	must(t, db.SetStatement(ctx, "Statement "+evil))
	_, err = db.SaveNote(ctx, domain.Note{Category: "estates\x1b[31m" + evil, Severity: 3, Date: "2026-11-17", Text: evil})
	must(t, err)
	_, err = db.SavePriority(ctx, domain.Priority{Theme: "workforce", Title: evil, Ask: evil, Rationale: evil})
	must(t, err)
	_, err = db.AddRole(ctx, domain.Role{Key: "zz-" + evil, InPost: 100, Planned: 300, Note: evil})
	must(t, err)
	must(t, db.SaveService(ctx, domain.Service{Key: "zz-evil", Name: "zz " + evil, Status: domain.Red, Note: evil}))

	m := app(t, db, tui.Options{Renderer: tuitest.Renderer(true)}, 120, 40)
	seen := check(t, m, [][]string{
		{"1"}, {"1", "D"}, {"1", "D", "G"}, {"esc", "2"},
		{"3"}, {"3", "G"}, {"3", "G", "enter"}, {"esc", "4"}, {"4", "G"}, {"4", "G", "enter"}, {"esc", "5"},
		{"5", "enter"}, {"esc", "6"}, {"6", "G", "enter"}, {"esc", "7"}, {"7", "p"},
	})
	if !strings.Contains(seen, "Evil") {
		t.Fatal("the hostile records were not shown at all: the test checks nothing")
	}

	// Exported, the records make a submission a forum opens; and the
	// export becomes the newest step of the Services trail.
	dir := t.TempDir()
	_, err = exportjob.Run(ctx, db, exportjob.Options{Path: filepath.Join(dir, "U99001.json"), AllowPII: true, Now: tuitest.Now()})
	must(t, err)
	m = app(t, db, tui.Options{Renderer: tuitest.Renderer(true)}, 120, 40)
	seen = check(t, m, [][]string{
		{"1"}, {"3", "G"}, {"3", "G", "enter"}, {"esc", "8", "o", dir, "enter"},
		{"p"}, {"p", "enter"}, {"esc", "f"}, {"f", "G"}, {"s"}, {"w"}, {"r"}, {"m"}, {"c"}, {"v"},
	})
	if !strings.Contains(seen, "Evil") {
		t.Fatal("the forum views did not show the hostile submission at all")
	}
}

// check presses each key sequence in turn, from where the last left m,
// and fails the test for every raw control a view holds; it returns the
// views, stripped, for the caller to see that the text was shown at all.
func check(t *testing.T, m tea.Model, seqs [][]string) string {
	t.Helper()
	var seen strings.Builder
	for _, keys := range seqs {
		m, _ = press(t, m, keys...)
		v := m.View()
		for _, bad := range rawControls {
			if strings.Contains(v, bad) {
				t.Errorf("after %q the view holds %q", keys, bad)
			}
		}
		if c1, ok := rawC1(v); ok {
			t.Errorf("after %q the view holds %s", keys, c1)
		}
		seen.WriteString(tuitest.Strip(v))
	}
	return seen.String()
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
