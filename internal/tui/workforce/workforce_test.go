package workforce

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

func screen(t testing.TB) (Model, *store.DB) { return tuitest.Screen(t, New) }

var press = tuitest.Press[Model]

func roles(t testing.TB, db *store.DB) ([]domain.Role, bool) {
	t.Helper()
	rs, reported, err := db.Workforce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rs, reported
}

// words is a view with every run of spaces and line breaks one space.
func words(view string) string { return strings.Join(strings.Fields(tuitest.Strip(view)), " ") }

func find(rs []domain.Role, key string) (domain.Role, bool) {
	for _, r := range rs {
		if r.Key == key {
			return r, true
		}
	}
	return domain.Role{}, false
}

// empty is the screen over a PCN that has set up but never reported its
// workforce.
func empty(t testing.TB) (Model, *store.DB) {
	t.Helper()
	db := tuitest.DB(t, false)
	if err := db.SavePCN(context.Background(), domain.PCN{Code: "U51234", Name: "Brook PCN"}); err != nil {
		t.Fatal(err)
	}
	m, cmd := New(tuitest.Common(t, db, false, 80, 20)).SetSize(80, 20).Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	return m, db
}

func TestListsRolesWithFillInWordsAndNumbers(t *testing.T) {
	m, _ := screen(t)
	v := tuitest.Strip(m.View())
	for _, want := range []string{
		"Workforce  9 roles · 13.7 of 19.0 planned WTE in post (72%) · 3.5 recruiting",
		"Role                               In post Planned Recruiting Filled",
		"▸ Clinical pharmacist                    3.0     4.0        1.0 ████████░░ 75%",
		"  Care coordinator                       2.6     4.0        1.4 ███████░░░ 65%",
		"Clinical pharmacist: 3.0 of 4.0 planned WTE in post (75%) · 1.0 WTE being",
		"One post vacant since the summer",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the view lacks %q:\n%s", want, v)
		}
	}
	// In the catalogue's order, as the forms and papers name them.
	if strings.Index(v, "Clinical pharmacist") > strings.Index(v, "Social prescribing") ||
		strings.Index(v, "Care coordinator") > strings.Index(v, "Paramedic") {
		t.Errorf("not in catalogue order:\n%s", v)
	}
	for _, tc := range []struct {
		keys  []string
		shown int
		first string
	}{
		{[]string{"/", "pharm"}, 2, "Clinical pharmacist"},
		{[]string{"/", "room"}, 2, "First contact physiotherapist"}, // notes: "No clinical room…", "no room and no GP"
		{[]string{"/", "zzz"}, 0, ""},
	} {
		f := press(t, m, tc.keys...)
		r, ok := f.Selected()
		if f.Shown() != tc.shown || ok && r.name != tc.first || !ok && tc.first != "" {
			t.Errorf("%v: %d shown, %q selected; want %d, %q", tc.keys, f.Shown(), r.name, tc.shown, tc.first)
		}
	}
}

// TestAddARoleInSeconds is the director's minute: a, a letter to pick the
// role, the figures as typed (1.25, 0.6), a note, ctrl+s.
func TestAddARoleInSeconds(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "a", "d", "tab", "1.25", "tab", "2", "tab", "0.6", "tab", "Started in October", "ctrl+s")
	if m.Editing() {
		t.Fatalf("form still open:\n%s", tuitest.Strip(m.View()))
	}
	rs, _ := roles(t, db)
	got, ok := find(rs, "dietitian")
	want := domain.Role{ID: got.ID, Key: "dietitian", InPost: 125, Planned: 200, Recruiting: 60, Note: "Started in October"}
	if !ok || got != want {
		t.Fatalf("saved %+v, want %+v", got, want)
	}
	if r, _ := m.Selected(); r.r.ID != got.ID {
		t.Errorf("the new role is not selected (selected %+v)", r.r)
	}
	if v := words(m.View()); !strings.Contains(v, "▸ Dietitian 1.25 2.0 0.6 ██████░░░░ 63%") {
		t.Errorf("the new role is not listed with its figures:\n%s", tuitest.Strip(m.View()))
	}
	// The picker offers only roles not listed yet: dietitian is gone from
	// it. Round it once (12 of the 22 are left) and look at each.
	m = press(t, m, "a")
	seen := map[string]bool{}
	for range 30 {
		v := tuitest.Strip(m.View())
		for _, listed := range []string{"Dietitian", "Clinical pharmacist", "Care coordinator", "Paramedic"} {
			if strings.Contains(v, "◂ "+listed+" ▸") {
				t.Fatalf("the picker offers %s, listed already:\n%s", listed, v)
			}
		}
		for _, l := range strings.Split(v, "\n") {
			if _, rest, ok := strings.Cut(l, "◂ "); ok {
				seen[strings.Split(rest, " ▸")[0]] = true
			}
		}
		m = press(t, m, "right")
	}
	if len(seen) != 12 || !seen["Other role"] || !seen["GP"] {
		t.Errorf("the picker offers %d roles, want the 12 not listed, other included: %v", len(seen), seen)
	}
}

// TestFiguresCheckedAsTyped: a WTE with three decimals, a negative, more
// than 1,000 or a word is refused while it is typed, and never saved.
func TestFiguresCheckedAsTyped(t *testing.T) {
	for _, tc := range []struct{ typed, says string }{
		{"1.255", "1.255 has more than two decimals: write WTE like 0.6, 1.25 or 3"},
		{"-1", "-1 is negative: a WTE is 0 or more"},
		{"1000.5", "1000.5 is over 1,000"},
		{"two", `"two" is not a number`},
		{"1,5", `"1,5" is not a number`},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			m, db := screen(t)
			m = press(t, m, "a", "tab", tc.typed)
			if v := tuitest.Strip(m.View()); !strings.Contains(v, tc.says) {
				t.Errorf("typing %q does not say %q:\n%s", tc.typed, tc.says, v)
			}
			m = press(t, m, "ctrl+s")
			if !m.Editing() {
				t.Fatal("the form closed on a bad figure")
			}
			if rs, _ := roles(t, db); len(rs) != 9 {
				t.Errorf("%d roles after a refused save", len(rs))
			}
		})
	}
	m, _ := screen(t)
	m = press(t, m, "a", "tab", "1.255", "backspace")
	if v := tuitest.Strip(m.View()); strings.Contains(v, "decimals") {
		t.Errorf("the error stays once the figure is right:\n%s", v)
	}
}

// TestMoreThanPlannedAsks: in post and recruiting past the plan is asked
// about (a typo, often); y saves, n goes back to the figures.
func TestMoreThanPlannedAsks(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "a", "g", "tab", "3", "tab", "2", "ctrl+s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "in post and being recruited come to 3.0 WTE, more than the 2.0 planned: save it?") {
		t.Fatalf("no question:\n%s", v)
	}
	m = press(t, m, "n")
	if rs, _ := roles(t, db); len(rs) != 9 || !m.Editing() {
		t.Fatalf("n saved, or closed the form")
	}
	m = press(t, m, "ctrl+s", "y")
	if rs, _ := roles(t, db); len(rs) != 10 || m.Editing() {
		t.Errorf("y did not save: %d roles", len(rs))
	}
}

func TestEditRole(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "j", "enter") // social prescribing link worker: 2 of 2
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Edit the Social prescribing link worker line") || !strings.Contains(v, "In post     2") {
		t.Fatalf("edit form:\n%s", v)
	}
	m = press(t, m, "tab", "backspace", "1.5", "tab", "tab", "backspace", "0.5", "ctrl+s")
	rs, _ := roles(t, db)
	if r, _ := find(rs, "social-prescribing-link-worker"); r.InPost != 150 || r.Planned != 200 || r.Recruiting != 50 {
		t.Errorf("saved %+v", r)
	}
	// Another program changes the role while its form is open: the save
	// is refused, the form stays with the user's figures and says why.
	m = press(t, m, "enter", "tab", "backspace", "backspace", "backspace", "1.25")
	r, _ := find(rs, "social-prescribing-link-worker")
	other := r
	other.Note = "changed elsewhere"
	if err := db.UpdateRole(context.Background(), r, other, false); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "ctrl+s")
	v := tuitest.Strip(m.View())
	if !m.Editing() || !strings.Contains(v, "another program changed") || !strings.Contains(v, "1.25") {
		t.Fatalf("a stale save was not refused with the form kept:\n%s", v)
	}
	rs, _ = roles(t, db)
	if r, _ := find(rs, "social-prescribing-link-worker"); r.InPost != 150 || r.Note != "changed elsewhere" {
		t.Errorf("the refused save wrote %+v", r)
	}
	if m = press(t, m, "ctrl+s"); m.Editing() { // told, and saving again: saves over that change
		t.Error("saving again left the form open")
	}
	rs, _ = roles(t, db)
	if r, _ := find(rs, "social-prescribing-link-worker"); r.InPost != 125 || r.Recruiting != 50 {
		t.Errorf("saving again gave %+v", r)
	}
}

// TestDeleteToNoneAndBack: deleting roles, the last one too, leaves "none";
// d on that takes it back to "not reported"; u undoes each step.
func TestDeleteToNoneAndBack(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "d")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Delete the Clinical pharmacist line?") {
		t.Fatalf("no question:\n%s", v)
	}
	m = press(t, m, "y")
	rs, _ := roles(t, db)
	pharm, gone := find(rs, "clinical-pharmacist")
	if gone || len(rs) != 8 {
		t.Fatalf("not deleted: %+v", pharm)
	}
	m = press(t, m, "u")
	rs, _ = roles(t, db)
	if r, ok := find(rs, "clinical-pharmacist"); !ok || r.InPost != 300 || r.Note == "" {
		t.Fatalf("undo gave %+v", r)
	}
	for range 9 {
		m = press(t, m, "G", "d", "y")
	}
	rs, reported := roles(t, db)
	v := tuitest.Strip(m.View())
	if len(rs) != 0 || !reported || !strings.Contains(v, "Workforce  no additional-role staff") || !strings.Contains(v, "▸ None: the PCN has no additional-role staff") {
		t.Fatalf("after deleting every role: %d roles, reported %v:\n%s", len(rs), reported, v)
	}
	m = press(t, m, "d", "y")
	if _, reported := roles(t, db); reported {
		t.Fatal("d on none did not take it back")
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Workforce  not reported") || !strings.Contains(v, "▸ Not reported") {
		t.Errorf("not reported is not shown:\n%s", v)
	}
	m = press(t, m, "d")
	if _, reported := roles(t, db); reported {
		t.Error("d on not reported did something")
	}
	m = press(t, m, "u")
	if rs, reported := roles(t, db); !reported || len(rs) != 0 || !strings.Contains(words(m.View()), "▸ None: the PCN has no additional-role staff") {
		t.Errorf("u did not give none back: %v %v", rs, reported)
	}
}

// TestNoneAndNotReported: a PCN that never filled the section in is told
// what that means; n says "none"; with a role listed, n explains itself.
func TestNoneAndNotReported(t *testing.T) {
	m, db := empty(t)
	v := words(m.View())
	for _, want := range []string{"Workforce not reported", "▸ Not reported: your submission leaves the workforce out",
		"rather than count it as having none", "n if the PCN has no additional-role staff"} {
		if !strings.Contains(v, want) {
			t.Errorf("the view lacks %q:\n%s", want, v)
		}
	}
	m = press(t, m, "n")
	if rs, reported := roles(t, db); !reported || len(rs) != 0 {
		t.Fatalf("n: %v %v", rs, reported)
	}
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "▸ None: the PCN has no additional-role staff") {
		t.Errorf("n is not shown:\n%s", v)
	}
	// enter on "none" adds a role, as a does: the PCN then has staff.
	m = press(t, m, "enter", "c", "tab", "1", "tab", "1", "ctrl+s")
	rs, _ := roles(t, db)
	if len(rs) != 1 || rs[0].Key != "care-coordinator" || rs[0].InPost != 100 {
		t.Fatalf("enter on none then save: %+v", rs)
	}
	_, made := tuitest.Drive(t, m, tuitest.Key("n"))
	said := false
	for _, msg := range made {
		if n, ok := msg.(common.NoticeMsg); ok && strings.Contains(n.Text, "roles are listed") {
			said = true
		}
	}
	if !said {
		t.Errorf("n with a role listed did not say why it does nothing: %v", made)
	}
}

// TestReadOnlyChangesNothing: the keys that edit do nothing in a read-only
// session (the root says why); the list still moves and filters.
func TestReadOnlyChangesNothing(t *testing.T) {
	db := tuitest.DB(t, true)
	m, cmd := New(tuitest.Common(t, db, true, 80, 20)).SetSize(80, 20).Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	m = press(t, m, "a", "enter", "d", "y", "n", "j", "/", "para", "enter")
	if m.Editing() {
		t.Error("a form opened read-only")
	}
	if rs, _ := roles(t, db); len(rs) != 9 {
		t.Errorf("%d roles", len(rs))
	}
	if r, _ := m.Selected(); r.r.Key != "paramedic" {
		t.Errorf("selected %q", r.r.Key)
	}
}

// TestStaleDeleteRefused: another program deletes the selected role
// between d and y; y deletes nothing it did not name.
func TestStaleDeleteRefused(t *testing.T) {
	m, db := screen(t)
	m = press(t, m, "d")
	rs, _ := roles(t, db)
	pharm, _ := find(rs, "clinical-pharmacist")
	if err := db.RemoveRole(context.Background(), pharm); err != nil {
		t.Fatal(err)
	}
	_, made := tuitest.Drive(t, m, tuitest.Key("y"))
	for _, msg := range made {
		if e, ok := msg.(common.ErrMsg); ok && !errors.Is(e.Err, store.ErrGone) {
			t.Errorf("error: %v", e.Err)
		}
	}
	if rs2, _ := roles(t, db); len(rs2) != 8 {
		t.Errorf("%d roles left; the stale delete took another", len(rs2))
	}
}
