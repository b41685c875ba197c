package forumview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// workforceForum writes four submissions whose workforce figures are
// worked by hand, and returns their folder:
//
//	U30001  10,000 patients  care coordinator 1.0 of 2.0 (1.0 recruiting), clinical pharmacist 2.0 of 2.0
//	U30002  30,000 patients  care coordinator 0.5 of 2.0 (0.5 recruiting), paramedic 0 of 1.0
//	U30003  20,000 patients  reports no additional-role staff
//	U30004  40,000 patients  did not report its workforce
//
// Over the three that reported (60,000 patients): 3.5 of 7.0 WTE in post
// (50%), 1.5 recruiting, 0.58 and 1.17 WTE per 10,000. Care coordinator:
// 2 PCNs, 1.5 of 4.0 (38%), gap 2.5, 0.25 and 0.67 per 10,000; paramedic:
// 0 of 1.0 (0%), gap 1.0; clinical pharmacist 2.0 of 2.0 (100%), no gap.
// The 40,000 patients of U30004 are in no figure: counted as none in post
// they would make the care coordinators 0.15 per 10,000.
func workforceForum(t testing.TB, names map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	add := func(code string, pop int64, roles []domain.Role, reported bool) {
		s := forumtest.Simple(code, pop, "workforce", "estates")
		if n, ok := names[code]; ok {
			s.PCN.Name = n
		}
		s.Workforce, s.WorkforceReported = roles, reported
		if err := os.WriteFile(filepath.Join(dir, code+".json"), forumtest.Encode(s, 1, forumtest.Exported), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	add("U30001", 10000, []domain.Role{
		{Key: "care-coordinator", InPost: 100, Planned: 200, Recruiting: 100},
		{Key: "clinical-pharmacist", InPost: 200, Planned: 200},
	}, true)
	add("U30002", 30000, []domain.Role{
		{Key: "care-coordinator", InPost: 50, Planned: 200, Recruiting: 50},
		{Key: "paramedic", InPost: 0, Planned: 100},
	}, true)
	add("U30003", 20000, []domain.Role{}, true)
	add("U30004", 40000, nil, false)
	return dir
}

func TestWorkforceView(t *testing.T) {
	m, said := open(t, screen(t), workforceForum(t, nil))
	if !m.opened {
		t.Fatalf("open: %q", said)
	}
	m, v := press(t, m, "f")
	if m.view != workforceView {
		t.Fatalf("f shows view %d, not the workforce:\n%s", m.view, v)
	}
	for _, want := range []string{
		"[f workforce]",
		"3 PCNs reported their workforce, serving 60,000 registered patients",
		"3.5 of 7.0 planned WTE in post (50%); 1.5 WTE being recruited",
		"Biggest gaps",
		"Care coordinator 2.5 WTE short · Paramedic 1.0 WTE short",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the view lacks %q:\n%s", want, v)
		}
	}
	// Biggest shortfall first, as the paper: the figures per role, then all.
	inOrder(t, v, "Role", "PCNs", "In post", "Planned", "Recr.", "Gap", "Filled", "In/10k", "Plan/10k",
		"Care coordinator", "2", "1.5", "4.0", "1.5", "2.5", "38%", "0.25", "0.67",
		"Paramedic", "1", "0.0", "1.0", "0.0", "1.0", "0%", "0.00", "0.17",
		"Clinical pharmacist", "1", "2.0", "2.0", "0.0", "0.0", "100%", "0.33", "0.33",
		"All roles", "3", "3.5", "7.0", "1.5", "3.5", "50%", "0.58", "1.17")
	// The PCN that did not report is named, never counted as none.
	m, v = press(t, m, "G")
	inOrder(t, v, "Not reporting", "left out of every figure, not counted as having no staff", "PCN U30004")
	if strings.Contains(v, "0.15") {
		t.Errorf("the figures count the PCN that did not report:\n%s", v)
	}
	// The view scrolls, and the other views are a key away.
	if _, v := press(t, m, "g"); !strings.Contains(v, "3 PCNs reported") {
		t.Errorf("g does not go back to the top:\n%s", v)
	}
	if _, v := press(t, m, "w"); !strings.Contains(v, "[w workload]") {
		t.Errorf("w does not leave the workforce:\n%s", v)
	}
}

func TestWorkforceViewNobodyReported(t *testing.T) {
	m, _ := open(t, screen(t), worked)
	_, v := press(t, m, "f")
	for _, want := range []string{"No PCN reported its workforce, so this pack has no workforce figures.",
		"never counted as having no staff", "Not reporting", "Riverside Health PCN"} {
		if !strings.Contains(v, want) {
			t.Errorf("the view lacks %q:\n%s", want, v)
		}
	}
	for _, never := range []string{"0.0 of", "0%", "All roles"} {
		if strings.Contains(v, never) {
			t.Errorf("the view shows %q with nobody reporting:\n%s", never, v)
		}
	}
}

// TestWorkforceOfOnePCN: a PCN's own view says what it reported.
func TestWorkforceOfOnePCN(t *testing.T) {
	m, _ := open(t, screen(t), workforceForum(t, nil))
	for _, tc := range []struct {
		row  int
		want string
	}{
		{0, "Workforce  3.0 of 4.0 planned WTE in post (75%) across 2 roles · 1.0 recruiting"},
		{2, "Workforce  none: no additional-role staff"},
		{3, "Workforce  not reported: left out of the forum's figures"},
	} {
		keys := []string{"p"}
		for range tc.row {
			keys = append(keys, "j")
		}
		_, v := press(t, m, append(keys, "enter")...)
		if !strings.Contains(v, tc.want) {
			t.Errorf("PCN %d lacks %q:\n%s", tc.row, tc.want, v)
		}
	}
}

// TestWorkforceViewSanitised: names from the files — a PCN's, a forum's
// own role's — reach the workforce view without their escape sequences.
func TestWorkforceViewSanitised(t *testing.T) {
	evil := "Evil\x1b]0;pwned\x07 \x1b[2J\u202eX"
	dir := workforceForum(t, map[string]string{"U30004": evil})
	s := forumtest.Simple("U30005", 5000, "estates")
	s.Workforce, s.WorkforceReported = []domain.Role{{Key: evil, InPost: 100, Planned: 300}}, true
	if err := os.WriteFile(filepath.Join(dir, "U30005.json"), forumtest.Encode(s, 1, forumtest.Exported), 0o600); err != nil {
		t.Fatal(err)
	}
	m, said := open(t, screen(t), dir)
	if !m.opened {
		t.Fatalf("open: %q", said)
	}
	for _, keys := range [][]string{{"f"}, {"f", "G"}} {
		m, _ := press(t, m, keys...)
		v := m.View()
		for _, bad := range []string{"\x1b]", "\x1b[2J", "\u202e", "\a"} {
			if strings.Contains(v, bad) {
				t.Errorf("%v: the view holds %q", keys, bad)
			}
		}
		if s := tuitest.Strip(v); !strings.Contains(s, "Evil") {
			t.Errorf("%v: the evil names are not shown at all:\n%s", keys, s)
		}
	}
}

// TestWorkforceViewFits: at any width every line fits, and at 80×24 the
// figures of every role show, scrolling when the roles are many.
func TestWorkforceViewFits(t *testing.T) {
	dir := t.TempDir()
	if _, err := forumtest.WriteFiles(dir, forumtest.Board(12)); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 22}, {40, 8}, {20, 4}, {200, 56}} {
		m := New(tuitest.Common(t, nil, true, size[0], size[1])).SetSize(size[0], size[1])
		m, said := open(t, m, dir)
		if !m.opened {
			t.Fatalf("open: %q", said)
		}
		for _, keys := range [][]string{{"f"}, {"f", "pgdown"}, {"f", "G"}} {
			_, v := press(t, m, keys...)
			lines := strings.Split(v, "\n")
			if len(lines) > size[1] {
				t.Errorf("%v %v: %d lines", size, keys, len(lines))
			}
			for i, l := range lines {
				if n := len([]rune(l)); n > size[0] {
					t.Errorf("%v %v: line %d is %d wide: %q", size, keys, i, n, l)
				}
			}
		}
	}
}
