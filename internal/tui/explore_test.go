package tui_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"pgregory.net/rapid"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/change"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/listscreen"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// The exploring tests drive the real app (tui.New, Update, View) over a
// real SQLite file with random keys in every section — forms, filters,
// deletes, undo, reorder, the new period, export, the forum — and random
// window sizes from 1×1 to 500×200, checking after every key that:
//   - nothing panics, and the view is exactly the window's size;
//   - the selection is a row the filter shows, or none when none shows;
//   - the list on screen is the database's (TestExploreApp), or at least
//     every record the key removed or changed was one on screen
//     (TestExploreWithAnotherWriter, where another handle on the same file
//     imports, edits and deletes between keys);
//   - a form the app reports saved is in the database;
//
// and at the end that PRAGMA integrity_check is ok. rapid shrinks a
// failing run to a short one and prints it. Budget: RAPID_CHECKS runs
// (-rapid.checks, default 100) of RAPID_STEPS actions on average
// (-rapid.steps, default 30): a few seconds here, more in .ci/run.

// keyNames are the keys drawn, every one some section uses.
var keyNames = []string{
	"1", "2", "3", "4", "5", "6", "7", "8", "tab", "shift+tab",
	"j", "k", "up", "down", "G", "g", "pgdown", "pgup", "home", "end",
	"enter", "esc", "a", "d", "u", "y", "n", "s", "space", "K", "J", "shift+up", "shift+down",
	"/", "ctrl+s", "backspace", "left", "right", "?", "e", "i", "f", "o", "p", "x", "c", "m", "v", "r", "q", "D",
}

// texts are what the user types: tokens (checked for in the database after
// a save), dates real, impossible and future, codes, sizes and junk.
var texts = []string{"U51234", "2026-11-01", "2026-02-30", "2027-01-05", "Y99107", "A12345", "12345", "1000001", "9,834",
	"1.25", "0.6", "3", "1.255", "-1", "1000.01", ".5",
	"sev:high", "cat:estates", "Surgery", "zzz", "NHS 943 476 5919", "医療\tx", "\x1b[31mred"}

// step is one thing the user does.
type step struct {
	name string
	msg  tea.Msg
}

// macros are sequences a user types often, drawn whole so that a run
// reaches deep states (the last row deleted, an undo after a filter)
// rather than only the first key of each.
var macros = [][]string{
	{"G", "d", "y"}, {"d", "y"}, {"d", "y", "u"}, {"j", "d", "y"}, {"/", "TEXT", "enter", "d", "y"},
	{"a", "tab", "tab", "tab", "TOKEN", "ctrl+s"},          // a note
	{"a", "tab", "TOKEN", "tab", "TOKEN", "ctrl+s"},        // a priority
	{"a", "TEXT", "tab", "TOKEN", "tab", "TEXT", "ctrl+s"}, // a practice
	{"enter", "tab", "TOKEN", "ctrl+s"}, {"enter", "tab", "tab", "tab", "TOKEN", "ctrl+s"}, {"enter", "TOKEN", "ctrl+s"},
	{"/", "TEXT", "enter"}, {"/", "TOKEN"}, {"K"}, {"J", "J"}, {"j", "K"}, {"s", "s"}, {"space"},
	{"n", "ctrl+s", "y"}, {"n", "tab", "right", "ctrl+s", "y"}, {"x", "y"}, {"o", "FORUM", "enter", "p", "j", "enter"},
	{"i", "TEXT", "ctrl+s"}, {"7", "enter"}, {"1", "enter", "TOKEN", "ctrl+s"},
	{"1", "D", "j", "G", "pgup", "esc"}, {"3", "s", "1", "D"}, {"7", "x", "1", "D", "esc"},
}

// races are macros in which another program writes (OTHER) while a
// question or a form is open, drawn in the run with another writer.
var races = [][]string{
	{"d", "OTHER", "y"}, {"G", "d", "OTHER", "y"}, {"enter", "tab", "tab", "tab", "TOKEN", "OTHER", "ctrl+s", "ctrl+s"},
	{"enter", "tab", "TOKEN", "OTHER", "ctrl+s"}, {"OTHER", "s"}, {"OTHER", "J"}, {"n", "OTHER", "ctrl+s", "y"},
	{"j", "d", "OTHER", "y", "u"}, {"enter", "TOKEN", "OTHER", "ctrl+s", "esc", "y"},
}

// actions are what the user does, each drawn as often as the others: a
// key, some text, a paste, a resize, a macro. The check runs after each
// key (in do), so a macro is checked all through.
func (e *explorer) actions() map[string]func(*rapid.T) {
	keys := func(t *rapid.T, ks ...string) {
		for _, k := range ks {
			if e.quit {
				return
			}
			switch k {
			case "OTHER":
				if e.other != nil {
					e.otherChangesSelected(t)
				}
				continue
			case "TOKEN":
				e.token++
				k = "wq" + strconv.Itoa(e.token)
			case "TEXT":
				k = rapid.SampledFrom(texts).Draw(t, "text")
			case "FORUM":
				k = forumDir
			}
			e.do(t, step{k, tuitest.Key(k)})
		}
	}
	macro := func(t *rapid.T) { keys(t, rapid.SampledFrom(macros).Draw(t, "macro")...) }
	key := func(t *rapid.T) { keys(t, rapid.SampledFrom(keyNames).Draw(t, "key")) }
	acts := map[string]func(*rapid.T){
		"resize": func(t *rapid.T) {
			sizes := []int{1, 2, 3, 5, 10, 20, 40, 79, 80, 120, 200, 500}
			w, h := rapid.SampledFrom(sizes).Draw(t, "w"), rapid.SampledFrom(sizes).Draw(t, "h")
			e.do(t, step{fmt.Sprintf("resize %d×%d", w, h), tea.WindowSizeMsg{Width: w, Height: min(h, 200)}})
		},
		"type a token": func(t *rapid.T) { keys(t, "TOKEN") },
		"type text":    func(t *rapid.T) { keys(t, "TEXT") },
		"paste": func(t *rapid.T) {
			e.do(t, step{"paste", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("one\r\ntwo\rthree"), Paste: true}})
		},
		"macro": macro, "macro 2": macro, "macro 3": macro, "macro 4": macro,
		"leave a form": func(t *rapid.T) { keys(t, "esc", "y", "esc") },
		"section": func(t *rapid.T) {
			keys(t, rapid.SampledFrom([]string{"1", "2", "3", "4", "5", "6", "7", "8"}).Draw(t, "section"))
		},
		"key": key, "key 2": key, "key 3": key, "key 4": key, "key 5": key, "key 6": key,
	}
	if e.other != nil {
		race := func(t *rapid.T) { keys(t, rapid.SampledFrom(races).Draw(t, "race")...) }
		acts["another program writes"] = func(t *rapid.T) { otherWrites(t, e.other) }
		acts["race another program"], acts["race another program 2"], acts["race another program 3"] = race, race, race
	}
	return acts
}

// explorer is one run: the app, its database, the window size.
type explorer struct {
	m     tea.Model
	app   *tui.Model
	db    *store.DB
	w, h  int
	token int
	other *store.DB // another program's handle on the file, or nil
	quit  bool

	reached map[string]int // writes made, by kind, across runs
	steps   *int           // keys, texts, pastes and resizes, across runs
	// checkedLines counts the Overview change lines checked, in this run.
	checkedLines int
}

// templates makes the databases a run starts from, once (opening and
// filling a new one for each of hundreds of runs would take most of the
// budget): a new file, with no PCN (the setup form); a PCN just set up,
// its lists empty; the demo; and the demo with its year of exports.
func templates(t *testing.T) []string {
	dir := t.TempDir()
	ctx := context.Background()
	var paths []string
	for i, name := range []string{"new.db", "setup.db", "demo.db", "history.db"} {
		path := filepath.Join(dir, name)
		db, err := store.Open(ctx, path, store.Options{Create: true, Period: domain.PeriodOf(tuitest.Now()).String()})
		if err != nil {
			t.Fatal(err)
		}
		snap := demo.Snapshot(config.Default(), tuitest.Now())
		if i == 1 {
			snap = domain.Snapshot{Period: snap.Period, PCN: snap.PCN, Services: snap.Services}
		}
		if i == 3 {
			if err := demo.Seed(ctx, db, config.Default(), tuitest.Now(), "pcnvoice test"); err != nil {
				t.Fatal(err)
			}
		} else if i > 0 {
			if err := db.Restore(ctx, snap, nil); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Close(); err != nil { // checkpoints the WAL into the file
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	return paths
}

func newExplorer(tb testing.TB, t *rapid.T, templates []string, withOther bool) *explorer {
	// A tenth of runs start on the setup form, three tenths on a new PCN's
	// empty lists, three on the demo, three on the demo with its history.
	from := templates[[]int{0, 1, 1, 1, 2, 2, 2, 3, 3, 3}[rapid.IntRange(0, 9).Draw(t, "database")]]
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "explore.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	app := tui.New(ctx, tui.Options{DB: db, Renderer: tuitest.Renderer(false), Now: tuitest.Now})
	e := &explorer{m: app, app: app, db: db, w: 80, h: 24}
	e.m, _ = tuitest.Drive(t, e.m, append([]tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}}, tuitest.Run(t, app.Init())...)...)
	if withOther {
		if e.other, err = store.Open(ctx, path, store.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func (e *explorer) close(t *rapid.T) {
	e.app.Wait()
	if e.other != nil {
		e.other.Close()
	}
	integrity(t, e.db.Path())
	e.db.Close()
}

// integrity runs PRAGMA integrity_check on its own connection.
func integrity(t *rapid.T, path string) {
	conn, err := sql.Open("sqlite", store.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var ic string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&ic); err != nil || ic != "ok" {
		t.Fatalf("integrity_check: %q %v", ic, err)
	}
}

// do takes one step and checks what must hold after it.
func (e *explorer) do(t *rapid.T, s step) {
	if ws, ok := s.msg.(tea.WindowSizeMsg); ok {
		e.w, e.h = ws.Width, ws.Height
	}
	before := ansi.Strip(e.m.View())
	_, seen, _ := e.app.Listing()
	if k, ok := s.msg.(tea.KeyMsg); ok && len(k.Runes) > 1 && !k.Paste {
		// A burst of keys ("NHS 943…" typed fast outside a form) may pass
		// through sections: what it may act on is whatever they held.
		seen = e.held()
	}
	was := records(t, e.db)
	period, _ := e.db.Period(context.Background())

	var made []tea.Msg
	e.m, made = tuitest.Drive(t, e.m, s.msg)
	*e.steps++
	for _, msg := range made {
		if sv, ok := msg.(common.Saved); ok && sv.Written().Err == nil {
			e.reached[strings.Fields(sv.Written().Notice + " unsaid")[0]]++
		}
	}
	for _, msg := range made {
		if _, ok := msg.(tea.QuitMsg); ok {
			e.quit = true
		}
	}
	e.checkView(t)
	e.checkSelection(t)
	if e.other == nil {
		e.checkListMatches(t)
		e.checkChangeLine(t)
	} else if now, _ := e.db.Period(context.Background()); now == period {
		e.checkOnlySeenChanged(t, seen, was, records(t, e.db))
	}
	if saved(made) {
		e.checkTokensSaved(t, before)
	}
}

// checkView: the view is exactly the window, every line within its width.
func (e *explorer) checkView(t *rapid.T) {
	lines := strings.Split(e.m.View(), "\n")
	if len(lines) != max(e.h, 1) {
		t.Fatalf("%d×%d: the view has %d lines", e.w, e.h, len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > max(e.w, 1) {
			t.Fatalf("%d×%d: line %d is %d wide: %q", e.w, e.h, i, w, ansi.Strip(l))
		}
	}
}

// checkChangeLine: the Overview, when it shows its Export line whole,
// says what the change model says changed since the last export, as the
// database holds it after the key: never a stale count.
func (e *explorer) checkChangeLine(t *rapid.T) {
	v := ansi.Strip(e.m.View())
	at := strings.Index(v, "\nExport      revision ")
	if e.w < 80 || at < 0 || !strings.Contains(v[at+1:], "\n") {
		return // not the Overview, or its Export line not whole
	}
	e.checkedLines++
	ctx := context.Background()
	s, last, err := e.db.SinceExport(ctx)
	if err != nil || last == nil {
		t.Fatalf("the overview shows an export the database lacks: %v", err)
	}
	was, _, err := pcnjson.Decode("last", last.Document)
	if err != nil {
		t.Fatal(err)
	}
	now := pcnjson.FromSnapshot(s)
	c := change.Diff(was, &now, change.Options{CompareServices: config.Default().CompareServices})
	want := "no changes since"
	if sum, _ := e.db.Summary(ctx); sum.ChangedSince {
		want = termtext.Line(c.Summary())
		if want == "" {
			want = "edited since, but as exported"
		}
	}
	if want = string([]rune(want)[:min(len([]rune(want)), 40)]); !strings.Contains(v, want) {
		t.Fatalf("the overview's Export line does not say %q:\n%s", want, v)
	}
}

// checkSelection: the selection is a shown row, or none when none shows.
func (e *explorer) checkSelection(t *rapid.T) {
	_, l, ok := e.app.Listing()
	if !ok || !l.Loaded {
		return
	}
	for i, j := range l.Shown {
		if j < 0 || j >= len(l.Records) || i > 0 && j <= l.Shown[i-1] {
			t.Fatalf("shown rows %v of %d", l.Shown, len(l.Records))
		}
	}
	if len(l.Shown) == 0 && l.Selected != -1 || len(l.Shown) > 0 && !slices.Contains(l.Shown, l.Selected) {
		t.Fatalf("selected %d, shown %v of %d rows", l.Selected, l.Shown, len(l.Records))
	}
}

// held is every record the list sections hold now, shown or not.
func (e *explorer) held() listscreen.Listing {
	var all listscreen.Listing
	for _, i := range []int{common.SectionPractices, common.SectionServices, common.SectionWorkforce, common.SectionWorkload, common.SectionPriorities} {
		if l, ok := e.app.ListingOf(i); ok && l.Loaded {
			all.Records = append(all.Records, l.Records...)
		}
	}
	return all
}

// table is one section's records as the database holds them, each
// written with %+v, in the order the section lists them.
type table []string

// records reads every list section's records, by section index.
func records(t *rapid.T, db *store.DB) map[int]table {
	ctx := context.Background()
	ps, err1 := db.Practices(ctx)
	ss, err2 := db.Services(ctx)
	ns, err3 := db.Notes(ctx)
	prs, err4 := db.Priorities(ctx)
	rs, reported, err5 := db.Workforce(ctx)
	for _, err := range []error{err1, err2, err3, err4, err5} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// The workforce with no role listed is one line saying what the PCN
	// reported; roles are listed in the catalogue's order, compared as a set.
	wf := sorted(strs(rs))
	switch {
	case len(rs) == 0 && reported:
		wf = table{"no additional-role staff"}
	case len(rs) == 0:
		wf = table{"workforce not reported"}
	}
	return map[int]table{
		common.SectionPractices: strs(ps), common.SectionServices: sorted(strs(ss)),
		common.SectionWorkforce: wf,
		common.SectionWorkload:  strs(ns), common.SectionPriorities: strs(prs),
	}
}

func strs[T any](xs []T) table {
	out := make(table, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%+v", x)
	}
	return out
}

func sorted(t table) table { slices.Sort(t); return t }

// checkListMatches: the active list shows exactly the database's records,
// in its order (services are listed by name and roles in the catalogue's
// order: compared as sets).
func (e *explorer) checkListMatches(t *rapid.T) {
	section, l, ok := e.app.Listing()
	if !ok || !l.Loaded {
		return
	}
	got := strs(l.Records)
	if section == common.SectionServices || section == common.SectionWorkforce {
		got = sorted(got)
	}
	if want := records(t, e.db)[section]; !slices.Equal(got, want) {
		t.Fatalf("section %d lists\n%s\nthe database holds\n%s", section+1, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// key is a record's key in its %+v form, and content what the user sees
// of it (a priority's rank is its place, which deletes shift).
var keyRe = regexp.MustCompile(`^\{(ID:\d+|ODSCode:\w+|Key:[^ ]+)`)
var rankRe = regexp.MustCompile(` Rank:\d+`)

func keyOf(s string) string   { return keyRe.FindString(s) }
func content(s string) string { return rankRe.ReplaceAllString(s, "") }

// checkOnlySeenChanged: every record the key removed or changed was on
// screen, as it was, before the key.
func (e *explorer) checkOnlySeenChanged(t *rapid.T, seen listscreen.Listing, was, now map[int]table) {
	onScreen := map[string]bool{}
	for _, r := range strs(seen.Records) {
		onScreen[content(r)] = true
	}
	for section, before := range was {
		after := map[string]string{}
		for _, r := range now[section] {
			after[keyOf(r)] = content(r)
		}
		for _, r := range before {
			if keyOf(r) == "" {
				// The workforce's line for no role ("none", "not
				// reported") is no record: adding a role ends it, and
				// that is no edit of something the user did not see.
				continue
			}
			if a, ok := after[keyOf(r)]; (!ok || a != content(r)) && !onScreen[content(r)] {
				t.Fatalf("section %d: the app changed %s (now %q), which was not on screen", section+1, r, a)
			}
		}
	}
}

// saved reports whether a form's save succeeded among msgs.
func saved(msgs []tea.Msg) bool {
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.Saved:
			if w := msg.Written(); w.Err == nil && (strings.HasPrefix(w.Notice, "saved ") || strings.HasPrefix(w.Notice, "added a ")) {
				return true
			}
		case common.NoticeMsg:
			if msg.Text == "statement saved" {
				return true
			}
		}
	}
	return false
}

var tokenRe = regexp.MustCompile(`wq\d+`)

// checkTokensSaved: the tokens the form showed before it was saved are in
// the database: a confirmed edit is never lost.
func (e *explorer) checkTokensSaved(t *rapid.T, before string) {
	snap, err := e.db.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	all := fmt.Sprintf("%+v", snap)
	// The screen's body only: the status lines under it may quote a
	// token from an error ("✗ …wq1: no such file") that was never saved.
	lines := strings.Split(before, "\n")
	body := strings.Join(lines[min(2, len(lines)):max(len(lines)-4, min(2, len(lines)))], "\n")
	for _, tok := range tokenRe.FindAllString(body, -1) {
		if !strings.Contains(all, tok) {
			t.Fatalf("the form showed %q and was saved, but the database does not hold it", tok)
		}
	}
}

func explore(t *testing.T, withOther bool) {
	// How many writes of each kind the runs made, by their notice's first
	// word ("deleted", "saved", "added", "put" back, a service's new
	// status): the log shows the runs reach past the first screen.
	reached, steps, lines := map[string]int{}, 0, 0
	defer func() { t.Logf("%d steps; writes made: %v; Overview change lines checked: %d", steps, reached, lines) }()
	t.Setenv("HOME", t.TempDir()) // exports go to the home folder
	t.Setenv("USERPROFILE", os.Getenv("HOME"))
	dbs := templates(t)
	rapid.Check(t, func(rt *rapid.T) {
		e := newExplorer(t, rt, dbs, withOther)
		e.reached, e.steps = reached, &steps
		defer func() { lines += e.checkedLines }()
		defer e.close(rt)
		rt.Repeat(e.actions())
	})
}

// TestExploreApp: random keys through the whole app; what it lists is the
// database's after every key.
func TestExploreApp(t *testing.T) { explore(t, false) }

// TestExploreWithAnotherWriter: the same, with another program importing,
// editing and deleting between keys; the app never changes a record that
// was not on screen.
func TestExploreWithAnotherWriter(t *testing.T) { explore(t, true) }

// otherChangesSelected is another program changing the very record the
// app has selected (as a question or form about it is open), or, half the
// time, any change at all.
func (e *explorer) otherChangesSelected(t *rapid.T) {
	section, l, ok := e.app.Listing()
	if !ok || l.Selected < 0 || rapid.Bool().Draw(t, "any change") {
		otherWrites(t, e.other)
		return
	}
	ctx := context.Background()
	var err error
	switch r := l.Records[l.Selected].(type) {
	case domain.Note:
		now := r
		now.Text = "OTHER edit of " + r.Text
		err = e.other.UpdateNote(ctx, r, now, true)
	case domain.Priority:
		now := r
		now.Ask = "OTHER ask"
		err = e.other.UpdatePriority(ctx, r, now, true)
	case domain.Practice:
		now := r
		now.ListSize++
		err = e.other.UpdatePractice(ctx, r, now, true)
	case domain.Service:
		now := r
		now.Note = "OTHER note"
		err = e.other.UpdateService(ctx, r, now, true)
	case domain.Role:
		now := r
		now.InPost, now.Note = (r.InPost+25)%domain.MaxWTE, "OTHER note"
		// A role a restore put back under a new ID has a line: the
		// stale one cannot come back beside it.
		if err = e.other.UpdateRole(ctx, r, now, true); errors.Is(err, store.ErrConflict) {
			err = nil
		}
	case string: // the workforce line that is not a role
		otherWrites(t, e.other)
		return
	default:
		t.Fatalf("section %d holds a %T", section+1, r)
	}
	if err != nil {
		t.Fatalf("the other program's change: %v", err)
	}
}

// otherWrites is another program's change between two keys.
func otherWrites(t *rapid.T, db *store.DB) {
	ctx := context.Background()
	ns, _ := db.Notes(ctx)
	ps, _ := db.Priorities(ctx)
	ss, _ := db.Services(ctx)
	prs, _ := db.Practices(ctx)
	rs, _, _ := db.Workforce(ctx)
	var err error
	switch rapid.IntRange(0, 10).Draw(t, "other's change") {
	case 0: // an import that replaces every record
		snap, _ := db.Snapshot(ctx)
		if snap.PCN.Code == "" {
			return
		}
		for i := range snap.Notes {
			snap.Notes[i].Text = "OTHER " + snap.Notes[i].Text
		}
		err = db.Restore(ctx, snap, nil)
	case 1:
		_, err = db.AddNote(ctx, domain.Note{Category: "other", Severity: 2, Date: "2026-11-05", Text: "OTHER added"})
	case 2:
		if len(ns) > 0 {
			n := ns[rapid.IntRange(0, len(ns)-1).Draw(t, "note")]
			err = db.RemoveNote(ctx, n)
		}
	case 3:
		if len(ns) > 0 {
			n := ns[rapid.IntRange(0, len(ns)-1).Draw(t, "note")]
			now := n
			now.Text = "OTHER edit of " + n.Text
			err = db.UpdateNote(ctx, n, now, false)
		}
	case 4:
		if len(ps) > 1 {
			i := rapid.IntRange(0, len(ps)-2).Draw(t, "priority")
			err = db.SwapPriorities(ctx, ps[i], ps[i+1])
		}
	case 5:
		if len(ss) > 0 {
			s := ss[rapid.IntRange(0, len(ss)-1).Draw(t, "service")]
			now := s
			now.Status = s.Status.Next()
			err = db.UpdateService(ctx, s, now, false)
		}
	case 6:
		if len(prs) > 0 {
			_, err = db.RemovePractice(ctx, prs[rapid.IntRange(0, len(prs)-1).Draw(t, "practice")])
		}
	case 7:
		if len(ps) > 0 {
			_, err = db.RemovePriority(ctx, ps[rapid.IntRange(0, len(ps)-1).Draw(t, "priority")])
		}
	case 8: // a role added, or one whose line is listed already refused
		_, err = db.AddRole(ctx, domain.Role{Key: rapid.SampledFrom([]string{"paramedic", "gp", "dietitian"}).Draw(t, "role"), InPost: 100, Planned: 200})
		if errors.Is(err, store.ErrConflict) {
			err = nil
		}
	case 9:
		if len(rs) > 0 {
			r := rs[rapid.IntRange(0, len(rs)-1).Draw(t, "role")]
			if rapid.Bool().Draw(t, "delete it") {
				err = db.RemoveRole(ctx, r)
			} else {
				now := r
				now.Planned = (r.Planned + 50) % domain.MaxWTE
				err = db.UpdateRole(ctx, r, now, false)
			}
		}
	case 10: // "none" said, or taken back, when no role is listed
		if len(rs) == 0 {
			if err = db.ReportNoStaff(ctx); rapid.Bool().Draw(t, "take it back") {
				err = db.UnreportWorkforce(ctx)
			}
		}
	}
	if err != nil {
		t.Fatalf("the other program's change: %v", err)
	}
}
