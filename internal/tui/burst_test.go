package tui_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// keyWords is text made of the names of keys the app binds: typed into a
// field it must stay text, however its characters arrive.
const keyWords = "down up enter left right tab esc q ctrl+c home end pgdown"

// deliveries are the ways a text's characters reach the app.
var deliveries = []struct {
	name  string
	paste bool
	msgs  func(string) []tea.Msg
}{
	// A terminal (or SSH) sends a fast typist's words as one message each
	// and each space on its own: "down" arrives as KeyRunes "down".
	{"as a terminal sends a burst", false, func(s string) []tea.Msg {
		var out []tea.Msg
		for i, w := range strings.Split(s, " ") {
			if i > 0 {
				out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			}
			if w != "" {
				out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(w)})
			}
		}
		return out
	}},
	// An input method commits a whole phrase at once.
	{"in one message", false, func(s string) []tea.Msg {
		return []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}}
	}},
	{"one key at a time", false, func(s string) []tea.Msg {
		var out []tea.Msg
		for _, r := range s {
			if r == ' ' {
				out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			} else {
				out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			}
		}
		return out
	}},
	{"pasted", true, func(s string) []tea.Msg {
		return []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true}}
	}},
}

// typedField is a field of some section, opened by keys, that keyWords is
// typed into.
type typedField struct {
	name  string
	empty bool     // a database with no PCN: the first-run form
	open  []string // the keys that focus the field
	// clear empties a field that opens holding a value (ctrl+u).
	clear bool
	// shows is what the view must hold once the text is typed.
	shows string
	// saved, when set, is the values of the field's kind in the database:
	// after ctrl+s one must be keyWords, or, when the field opened holding
	// text, one of prefixes (saved(before)) followed by keyWords.
	saved    func(s domain.Snapshot) []string
	prefixed bool
}

var typedFields = []typedField{
	{name: "first run: PCN name", empty: true, open: []string{"U12345", "tab"}, shows: "PCN name           " + keyWords,
		saved: func(s domain.Snapshot) []string { return []string{s.PCN.Name} }},
	{name: "overview: statement", open: []string{"1", "enter"},
		saved: func(s domain.Snapshot) []string { return []string{s.Statement} }, prefixed: true},
	{name: "practices: name", open: []string{"2", "a", "Y99998", "tab", "tab", "5000", "shift+tab"}, shows: "Name       " + keyWords,
		saved: func(s domain.Snapshot) []string {
			var out []string
			for _, p := range s.Practices {
				out = append(out, p.Name)
			}
			return out
		}},
	{name: "practices: import file", open: []string{"2", "i"}, shows: keyWords},
	{name: "practices: filter", open: []string{"2", "/"}, shows: "/" + keyWords},
	{name: "services: note", open: []string{"3", "enter", "tab"},
		saved: func(s domain.Snapshot) []string {
			return notesOf(s.Services, func(v domain.Service) string { return v.Note })
		},
		prefixed: true},
	{name: "services: filter", open: []string{"3", "/"}, shows: "/" + keyWords},
	{name: "workforce: note", open: []string{"4", "a", "tab", "tab", "tab", "tab"}, shows: "│ " + keyWords,
		saved: func(s domain.Snapshot) []string {
			return notesOf(s.Workforce, func(r domain.Role) string { return r.Note })
		}},
	{name: "workforce: in post", open: []string{"4", "a", "tab"}, shows: "In post     " + keyWords},
	{name: "workforce: filter", open: []string{"4", "/"}, shows: "/" + keyWords},
	{name: "workload: text", open: []string{"5", "a", "tab", "tab", "tab"}, shows: "│ " + keyWords,
		saved: func(s domain.Snapshot) []string {
			return notesOf(s.Notes, func(n domain.Note) string { return n.Text })
		}},
	{name: "workload: date", open: []string{"5", "a", "tab", "tab"}, clear: true, shows: "Date      " + keyWords},
	{name: "workload: filter", open: []string{"5", "/"}, shows: "/" + keyWords},
	{name: "priorities: title", open: []string{"6", "a", "tab"}, shows: "Title      " + keyWords,
		saved: func(s domain.Snapshot) []string {
			return notesOf(s.Priorities, func(p domain.Priority) string { return p.Title })
		}},
	{name: "priorities: filter", open: []string{"6", "/"}, shows: "/" + keyWords},
	{name: "export: file name", open: []string{"7", "o"}, clear: true, shows: "File    " + keyWords},
	{name: "forum: path", open: []string{"8", "o"}, shows: "open: " + keyWords},
	{name: "forum: PCN filter", open: []string{"8", "o", forumDir, "enter", "p", "/"}, shows: "/" + keyWords},
}

func notesOf[T any](xs []T, f func(T) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// TestKeyNamesTypedStayText: "down", "enter", "esc", "q"… typed into any
// form, filter or path — in one burst, as the terminal splits it, a key
// at a time, or pasted — end up as exactly that text in the field, and
// nothing is saved, moved or quit on the way. Saved, the field holds it.
func TestKeyNamesTypedStayText(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	for _, f := range typedFields {
		for _, d := range deliveries {
			t.Run(f.name+"/"+d.name, func(t *testing.T) {
				db := tuitest.DB(t, !f.empty)
				ctx := context.Background()
				before, err := db.Snapshot(ctx)
				if err != nil && !f.empty {
					t.Fatal(err)
				}
				m := app(t, db, tui.Options{}, 120, 30) // wide: a filter's query shows whole
				m, _ = press(t, m, f.open...)
				if f.clear {
					m, _ = tuitest.Drive(t, m, tea.KeyMsg{Type: tea.KeyCtrlU})
				}
				opened := tuitest.Strip(m.View())
				m, made := tuitest.Drive(t, m, d.msgs(keyWords)...)
				view := tuitest.Strip(m.View())
				for _, msg := range made {
					switch msg.(type) {
					case tea.QuitMsg:
						t.Fatalf("typing %q quit the app", keyWords)
					case common.Saved:
						t.Fatalf("typing %q saved something:\n%s", keyWords, view)
					}
				}
				if f.shows != "" && !strings.Contains(view, f.shows) {
					t.Fatalf("the field does not hold %q:\n%s", keyWords, view)
				}
				if first(opened) != first(view) {
					t.Fatalf("typing moved from %q to %q:\n%s", first(opened), first(view), view)
				}
				if f.saved == nil {
					return
				}
				m, _ = press(t, m, "ctrl+s")
				m.(*tui.Model).Wait()
				after, err := db.Snapshot(ctx)
				if err != nil {
					t.Fatal(err)
				}
				want := []string{keyWords}
				if f.prefixed {
					want = nil
					for _, p := range f.saved(before) {
						want = append(want, p+keyWords)
					}
				}
				got := f.saved(after)
				if !slices.ContainsFunc(got, func(g string) bool { return slices.Contains(want, g) }) {
					t.Errorf("saved %q, want one of %q\n%s", got, want, tuitest.Strip(m.View()))
				}
			})
		}
	}
}

// first says which section and screen show: the tab bar's rule, which
// marks the active section, and the first word under it (a form's title,
// a list's name).
func first(view string) string {
	lines := strings.Split(view, "\n")
	for _, l := range lines[2:] {
		if w := strings.Fields(l); len(w) > 0 {
			return lines[1] + "\n" + w[0]
		}
	}
	return lines[1]
}

// TestBurstIsTypedKeys: outside a text field too, characters arriving
// together do what the same keys pressed one by one do, whatever has the
// keyboard: a list, a y/n question, a choice. Database and view agree.
func TestBurstIsTypedKeys(t *testing.T) {
	shared := tui.Options{Remote: true, ForumDir: forumDir}
	for _, tc := range []struct {
		name  string
		opt   tui.Options
		open  []string
		typed string
	}{
		{"a list", tui.Options{}, []string{"5"}, "jjjkd"},
		{"a delete question", tui.Options{}, []string{"5", "j", "d"}, "yes"},
		{"a delete question, no", tui.Options{}, []string{"5", "j", "d"}, "esc"},
		{"a choice", tui.Options{}, []string{"5", "a"}, "ede"},
		{"a discard question", tui.Options{}, []string{"5", "a", "x", "esc"}, "yj"},
		{"the period form", tui.Options{}, []string{"1", "n"}, "down"},
		{"the shared packs", shared, []string{"8", "o"}, "jjj"},
		{"the shared packs, down", shared, []string{"8", "o", "j"}, "down"},
		{"a forum view", tui.Options{}, []string{"8", "o", forumDir, "enter"}, "jjjmkp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var views []string
			var snaps []string
			for _, d := range deliveries[:3] {
				db := tuitest.DB(t, true)
				m := app(t, db, tc.opt, 80, 24)
				m, _ = press(t, m, tc.open...)
				m, _ = tuitest.Drive(t, m, d.msgs(tc.typed)...)
				m.(*tui.Model).Wait()
				// The status line is left out: a passing notice lasts until
				// the next key, which in a burst comes before the save's
				// notice does.
				lines := strings.Split(tuitest.Strip(m.View()), "\n")
				views = append(views, strings.Join(lines[:len(lines)-2], "\n"))
				snaps = append(snaps, snapshot(t, db))
			}
			for i := range views[1:] {
				if views[i+1] != views[0] || snaps[i+1] != snaps[0] {
					t.Errorf("%q %s differs from %s:\n%s\n---\n%s", tc.typed, deliveries[i+1].name, deliveries[0].name, views[i+1], views[0])
				}
			}
		})
	}
}

func snapshot(t testing.TB, db *store.DB) string {
	t.Helper()
	s, err := db.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, n := range s.Notes {
		b.WriteString(n.Text + n.Category + string(rune('0'+n.Severity)) + "\n")
	}
	for _, p := range s.Priorities {
		b.WriteString(p.Title + "\n")
	}
	for _, v := range s.Services {
		b.WriteString(string(v.Status) + v.Note + "\n")
	}
	return b.String()
}
