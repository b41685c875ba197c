package practices

import (
	"context"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func screen(t testing.TB) (Model, *store.DB) { return tuitest.Screen(t, New) }

var press = tuitest.Press[Model]

func practices(t testing.TB, db *store.DB) map[string]domain.Practice {
	t.Helper()
	ps, err := db.Practices(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]domain.Practice{}
	for _, p := range ps {
		out[p.ODSCode] = p
	}
	return out
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "9834": 9834, "9,834": 9834, " 12 410 ": 12410, "-1": -1, "x": -1, "": -1, "1.5": -1} {
		got, err := parseSize(in)
		if want < 0 && err == nil || want >= 0 && (err != nil || got != want) {
			t.Errorf("parseSize(%q) = %d, %v", in, got, err)
		}
	}
}

func TestShareOfPopulation(t *testing.T) {
	m, _ := screen(t)
	v := tuitest.Strip(m.View())
	if !strings.Contains(v, "Y99102   Mill Lane Medical Centre") || !strings.Contains(v, "12,410   30.1%") {
		t.Errorf("table:\n%s", v)
	}
}

func TestAddValidatesAsTyped(t *testing.T) {
	for _, tc := range []struct {
		name  string
		keys  []string
		saved bool
		says  string
	}{
		{"good", []string{"a", "y99107", "tab", "New Surgery", "tab", "4,200", "ctrl+s"}, true, ""},
		{"bad code", []string{"a", "Y9910", "tab", "New Surgery", "tab", "4200", "ctrl+s"}, false, "an ODS code is a letter and five digits"},
		{"existing code", []string{"a", "Y99101", "tab", "New Surgery", "tab", "4200", "ctrl+s"}, false, "Y99101 is already a member practice"},
		{"negative size", []string{"a", "Y99107", "tab", "New Surgery", "tab", "-3", "ctrl+s"}, false, "a list size is a whole number, 0 or more"},
		{"no name", []string{"a", "Y99107", "tab", "tab", "3", "ctrl+s"}, false, "give the practice's name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, db := screen(t)
			m = press(t, m, tc.keys...)
			p, ok := practices(t, db)["Y99107"]
			if ok != tc.saved || ok && (p.Name != "New Surgery" || p.ListSize != 4200) {
				t.Errorf("saved %v: %+v", ok, p)
			}
			if v := tuitest.Strip(m.View()); !strings.Contains(v, tc.says) {
				t.Errorf("view does not say %q:\n%s", tc.says, v)
			}
		})
	}
}

func TestEditRenamesCode(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "enter", "backspace", "9", "ctrl+s")
	ps := practices(t, db)
	if _, old := ps["Y99101"]; old || ps["Y99109"].Name != "Bridge Street Surgery" || ps["Y99109"].ListSize != 9834 {
		t.Errorf("rename gave %+v", ps)
	}
	if r, _ := m.Selected(); r.p.ODSCode != "Y99109" {
		t.Errorf("selected %s after rename", r.p.ODSCode)
	}
}

func TestDeleteUndo(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "j", "d", "y")
	if _, ok := practices(t, db)["Y99102"]; ok {
		t.Fatal("not deleted")
	}
	if v := tuitest.Strip(m.View()); strings.Contains(v, "Mill Lane") {
		t.Errorf("deleted practice still shown:\n%s", v)
	}
	m = press(t, m, "u")
	if p := practices(t, db)["Y99102"]; p.ListSize != 12410 {
		t.Errorf("undo restored %+v", p)
	}
	if m.CanUndo() {
		t.Error("undo can be repeated")
	}
}
