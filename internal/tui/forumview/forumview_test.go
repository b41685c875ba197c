package forumview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// The forum fixtures: five worked submissions whose result is known
// (internal/forum's TestWorkedExample), and the pack merged from them.
var (
	worked     = filepath.Join("..", "..", "..", "testdata", "forum", "worked")
	workedPack = filepath.Join("..", "..", "forum", "testdata", "worked.golden.json")
)

func screen(t testing.TB, members ...string) Model {
	t.Helper()
	com := tuitest.Common(t, nil, true, 80, 22)
	com.Config.Forum.Members = members
	return New(com).SetSize(80, 22)
}

// open types path into the open prompt and waits for the merge.
func open(t testing.TB, m Model, path string) (Model, []string) {
	t.Helper()
	m, msgs := tuitest.Drive(t, m, tuitest.Keys("o", path, "enter")...)
	var out []string
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.ErrMsg:
			out = append(out, "error: "+msg.Err.Error())
		case common.NoticeMsg:
			out = append(out, msg.Text)
		}
	}
	return m, out
}

func press(t testing.TB, m Model, keys ...string) (Model, string) {
	t.Helper()
	m, _ = tuitest.Drive(t, m, tuitest.Keys(keys...)...)
	return m, tuitest.Strip(m.View())
}

func TestBrowseWorkedExample(t *testing.T) {
	for _, path := range []string{worked, workedPack} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			m, said := open(t, screen(t), path)
			if !m.opened || len(said) != 1 || said[0] != "merged 5 PCNs for 2026/27 Q3" {
				t.Fatalf("open %s: %q", path, said)
			}
			for _, tc := range []struct {
				keys []string
				want []string
			}{
				{nil, []string{"5 PCNs · 110,000 patients · Schulze, equal weights, top 3", "[r ranking]",
					"▸   1  Workforce", "2  Estates", "The weightings disagree: by population the top 3 would be Estates, Workforce,",
					"Asks under Workforce (5)"}},
				{[]string{"j"}, []string{"▸   2  Estates", "Asks under Estates (4)", "Moorview PCN (2) estates priority 2"}},
				{[]string{"c"}, []string{"[c consensus]", "4 of 5.", "Workforce", "5 of 5", "110,000", "Estates", "4 of 5"}},
				{[]string{"m"}, []string{"Mental health  position 5 in the forum · first for 1 PCN", "  Harbourside PCN"}},
				{[]string{"v"}, []string{"PCNs         5", "Population   110,000", "none listed", "U20001  Riverside Health PCN"}},
				{[]string{"p", "j"}, []string{"[p PCNs]", "▸ U20002  Hillside PCN", "30,000", "enter opens"}},
				{[]string{"p", "j", "enter"}, []string{"Hillside PCN (U20002) · revision 1", "1. estates priority 1 · Estates",
					"● green        Enhanced access", "2 notes · 1 high", "We cannot grow the team"}},
				{[]string{"p", "j", "enter", "esc"}, []string{"▸ U20002  Hillside PCN"}},
				{[]string{"p", "/", "castle"}, []string{"/castle", "▸ U20003  Castlegate Care PCN"}},
				{[]string{"p", "/", "castle", "enter", "enter"}, []string{"Castlegate Care PCN (U20003) · revision 1"}},
				{[]string{"p", "/", "nowhere", "enter"}, []string{"/nowhere", "0 of 5", "no PCN matches the filter"}},
			} {
				_, v := press(t, m, tc.keys...)
				for _, w := range tc.want {
					if !strings.Contains(v, w) {
						t.Errorf("%v: the view lacks %q:\n%s", tc.keys, w, v)
					}
				}
			}
		})
	}
}

func TestCoverageNamesMissingMembers(t *testing.T) {
	m, _ := open(t, screen(t, "U20001", "U20002", "U20003", "U20004", "U20005", "U29999"), worked)
	_, v := press(t, m, "v")
	for _, w := range []string{"6 in the forum's settings · 5 sent · 1 missing", "U29999"} {
		if !strings.Contains(v, w) {
			t.Errorf("coverage lacks %q:\n%s", w, v)
		}
	}
}

func TestBadFileIsNamed(t *testing.T) {
	bad := filepath.Join("..", "..", "..", "testdata", "forum", "bad", "tampered.json")
	m, said := open(t, screen(t), bad)
	if m.opened || len(said) != 1 || !strings.HasPrefix(said[0], "error: "+bad+": ") {
		t.Fatalf("a tampered file: %q", said)
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Could not open it: "+bad) {
		t.Errorf("the error is not shown in full:\n%s", v)
	}
	for _, path := range []string{filepath.Join(t.TempDir(), "nothing-here"), t.TempDir()} {
		if _, said := open(t, screen(t), path); len(said) != 1 || !strings.Contains(said[0], path+": no") {
			t.Errorf("%s: %q", path, said)
		}
	}
	// The last path is offered again, to correct: backspace edits it...
	m, _ = press(t, m, "o")
	if m.input.Value() != bad || !m.Capturing() {
		t.Errorf("the prompt offers %q", m.input.Value())
	}
	m, _ = press(t, m, "backspace", "N")
	if want := bad[:len(bad)-1] + "N"; m.input.Value() != want {
		t.Errorf("editing the offered path gave %q, want %q", m.input.Value(), want)
	}
	// ...and a path typed at once replaces it, as in any form: it was
	// appended to the offered one.
	m, _ = press(t, m, "esc", "o")
	m, _ = press(t, m, "/srv/forum/q3")
	if m.input.Value() != "/srv/forum/q3" {
		t.Errorf("a path typed over the offered one gave %q", m.input.Value())
	}
}

// TestTextFromPacksIsSanitised: names and asks from other people's files
// reach the screen without their escape sequences.
func TestTextFromPacksIsSanitised(t *testing.T) {
	evil := "Evil\x1b]0;pwned\x07 \x1b[2J\u202ePCN"
	s := forumtest.Simple("U30001", 5000, "estates", "workforce")
	s.PCN.Name, s.Statement, s.Priorities[0].Ask = evil, evil, evil
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "evil.json"), forumtest.Encode(s, 1, forumtest.Exported), 0o600); err != nil {
		t.Fatal(err)
	}
	m, said := open(t, screen(t), dir)
	if !m.opened {
		t.Fatalf("open: %q", said)
	}
	for _, keys := range [][]string{nil, {"m"}, {"v"}, {"p"}, {"p", "enter"}} {
		m, _ := press(t, m, keys...)
		v := m.View()
		for _, bad := range []string{"\x1b]", "\x1b[2J", "\u202e", "\a"} {
			if strings.Contains(v, bad) {
				t.Errorf("%v: the view holds %q", keys, bad)
			}
		}
	}
}

func TestFitsSmallAndLargeWindows(t *testing.T) {
	m, _ := open(t, screen(t), worked)
	for _, size := range [][2]int{{80, 20}, {40, 8}, {200, 56}} {
		m := m.SetSize(size[0], size[1])
		for _, k := range []string{"r", "c", "m", "v", "p", "enter"} {
			m, v := press(t, m, k)
			_ = m
			for i, l := range strings.Split(v, "\n") {
				if n := len([]rune(l)); n > size[0] {
					t.Errorf("%v %s: line %d is %d wide: %q", size, k, i, n, l)
				}
			}
		}
	}
}

// TestPaperViews: the asks under a theme read by the rank each PCN gave
// it (then by code), as the paper lists them; the services and workload
// views show what the paper's grid and table show, services in the
// catalogue's order and in words where the window allows.
func TestPaperViews(t *testing.T) {
	m, _ := open(t, screen(t), worked)
	_, v := press(t, m)
	inOrder(t, v, "Castlegate Care PCN (1)", "Moorview PCN (1)", "Riverside Health PCN (2)")

	_, v = press(t, m, "s")
	inOrder(t, v, "[s services]", "Enhanced health in care homes", "CVD prevention and diagnosis", "Enhanced access")
	for _, w := range []string{"off track: Riverside Health PCN, Castlegate Care PCN", "off track: Moorview PCN"} {
		if !strings.Contains(v, w) {
			t.Errorf("services lack %q:\n%s", w, v)
		}
	}
	wide := New(tuitest.Common(t, nil, true, 120, 30)).SetSize(120, 30)
	wide, _ = open(t, wide, worked)
	_, v = press(t, wide, "s")
	for _, w := range []string{"3 green", "2 red", "4 green", "3 amber"} {
		if !strings.Contains(v, w) {
			t.Errorf("wide services lack %q:\n%s", w, v)
		}
	}

	_, v = press(t, m, "w")
	inOrder(t, v, "10 notes across the forum, 6 high severity", "Workforce", "5      5      5", "Estates and rooms")
}

// inOrder fails unless view holds each of want, in that order.
func inOrder(t *testing.T, view string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(view[at:], w)
		if i < 0 {
			t.Errorf("%q missing or out of order in:\n%s", w, view)
			return
		}
		at += i + len(w)
	}
}

// TestTieSettledIsNotADisagreement: the forum's received folder ties
// Estates and Integration for 3rd place; population weights settle the
// tie. The screen says so rather than that the weightings disagree.
func TestTieSettledIsNotADisagreement(t *testing.T) {
	received := filepath.Join("..", "..", "..", "testdata", "forum", "received")
	m, said := open(t, screen(t), received)
	if !m.opened {
		t.Fatalf("open %s: %q", received, said)
	}
	v := strings.Join(strings.Fields(tuitest.Strip(m.View())), " ")
	if strings.Contains(v, "weightings disagree") || !strings.Contains(v, "A tie for 3rd place: by population it is settled") {
		t.Errorf("the tie is not said:\n%s", tuitest.Strip(m.View()))
	}
}
