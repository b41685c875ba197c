// Package keys holds every key binding of the TUI. Screens match keys with
// key.Matches against a KeyMap built once by New and handed down; nothing
// compares key strings.
package keys

import (
	"strconv"

	"github.com/charmbracelet/bubbles/key"
)

// KeyMap is the TUI's complete set of bindings.
type KeyMap struct {
	// Moving about a list.
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	// Move and Reorder are help-bar entries standing for Up/Down and
	// MoveUp/MoveDown, to keep the one-line help within 80 columns.
	Move, Reorder key.Binding

	// Acting on a list. Edit, Add, Delete, Undo, Cycle, MoveUp and MoveDown
	// change data: in a read-only session New leaves them disabled, so they
	// never fire and the help bar does not offer them.
	Edit, Add, Delete, Undo, Cycle, MoveUp, MoveDown key.Binding
	Filter                                           key.Binding
	StatementEdit                                    key.Binding // enter on the overview
	// Import reads an NHS file into Practices; NewPeriod moves the database
	// on to the next quarter; NoStaff reports that the PCN has no
	// additional-role staff (Workforce). All change data.
	Import, NewPeriod, NoStaff key.Binding
	// Changes opens, on the Overview, what changed since the last export.
	Changes key.Binding

	// The Export section. Export writes a file and records a revision, so
	// a read-only session has it disabled, like the editing keys; GoTo
	// only moves to a record and works everywhere.
	Format, Output, Preview, Export, GoTo key.Binding
	ExportAnyway                          key.Binding // y to an export the guard blocked
	Sign                                  key.Binding // sign the export, or not

	// The Forum section: open a pack or folder, and its views.
	OpenPack, Open                               key.Binding
	Ranking, Consensus, Minority, Coverage, PCNs key.Binding
	ForumServices, ForumWorkforce, ForumWorkload key.Binding
	Views                                        key.Binding // one help entry for the views

	// Everywhere. Message opens a status message too long for its three
	// lines in full.
	Back, Help, Quit, ForceQuit, Message key.Binding
	Next, Prev                           key.Binding // sections
	Sections                             []key.Binding
	SectionsHelp                         key.Binding // one help entry for 1…8

	// Answering a question and working in a form or the filter.
	Yes, No                 key.Binding
	Cancel                  key.Binding // esc in a form
	Accept                  key.Binding // enter in the filter
	ClearFilter             key.Binding
	NextField, PrevField    key.Binding
	Save                    key.Binding
	ChoiceLeft, ChoiceRight key.Binding
	FieldUp, FieldDown      key.Binding
	Newline                 key.Binding // shown in a form's help only
	// Clipboard pastes this machine's clipboard into a form's field
	// (ctrl+v, for terminals whose own paste is another key).
	Clipboard key.Binding

	// ReadOnlyRefused holds enabled copies of the editing keys in a
	// read-only session, so that the root can say why nothing happened.
	ReadOnlyRefused []key.Binding
	// RemoteRefused, likewise, holds the keys Remote disables.
	RemoteRefused []key.Binding
}

// Remote disables the keys that read or write a file the user names —
// import, export, and the export's file name — for a session over SSH,
// where the files would be the server's (SPEC §11); and ctrl+v, which
// would read the server's clipboard.
func (km *KeyMap) Remote() {
	for _, e := range []*key.Binding{&km.Import, &km.Export} {
		b := *e
		b.SetEnabled(true)
		km.RemoteRefused = append(km.RemoteRefused, b)
		e.SetEnabled(false)
	}
	km.Output.SetEnabled(false)
	km.Sign.SetEnabled(false)
	// This machine's clipboard is the server's: not the user's to read.
	km.Clipboard.SetEnabled(false)
}

// New builds the key map. With readOnly the editing keys are disabled.
func New(readOnly bool) *KeyMap {
	b := func(keys []string, k, help string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, help))
	}
	km := &KeyMap{
		Up:       b([]string{"up", "k"}, "↑/k", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:   b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
		Top:      b([]string{"home", "g"}, "g/home", "first"),
		Bottom:   b([]string{"end", "G"}, "G/end", "last"),
		Move:     b([]string{"up", "down", "k", "j"}, "↑↓/jk", "move"),
		Reorder:  b([]string{"K", "J", "shift+up", "shift+down"}, "K/J", "reorder"),

		Edit:     b([]string{"enter"}, "enter", "edit"),
		Add:      b([]string{"a"}, "a", "add"),
		Delete:   b([]string{"d"}, "d", "delete"),
		Undo:     b([]string{"u"}, "u", "undo"),
		Cycle:    b([]string{"s", " "}, "s/space", "next status"),
		MoveUp:   b([]string{"K", "shift+up"}, "K/shift+↑", "move up"),
		MoveDown: b([]string{"J", "shift+down"}, "J/shift+↓", "move down"),
		Filter:   b([]string{"/"}, "/", "filter"),

		StatementEdit: b([]string{"enter"}, "enter", "edit your statement"),
		Import:        b([]string{"i"}, "i", "import"),
		NewPeriod:     b([]string{"n"}, "n", "next period"),
		NoStaff:       b([]string{"n"}, "n", "no staff"),
		Changes:       b([]string{"D"}, "D", "what changed"),

		Format:       b([]string{"f"}, "f", "format"),
		Output:       b([]string{"o"}, "o", "file"),
		Preview:      b([]string{"p"}, "p", "preview"),
		Export:       b([]string{"x"}, "x", "export"),
		GoTo:         b([]string{"enter"}, "enter", "go to"),
		ExportAnyway: b([]string{"y", "Y"}, "y", "yes, export anyway"),
		Sign:         b([]string{"s"}, "s", "sign"),

		OpenPack:  b([]string{"o"}, "o", "open pack"),
		Open:      b([]string{"enter"}, "enter", "open"),
		Ranking:   b([]string{"r"}, "r", "ranking"),
		Consensus: b([]string{"c"}, "c", "consensus"),
		Minority:  b([]string{"m"}, "m", "minority"),
		Coverage:  b([]string{"v"}, "v", "coverage"),
		PCNs:      b([]string{"p"}, "p", "PCNs"),

		ForumServices:  b([]string{"s"}, "s", "services"),
		ForumWorkforce: b([]string{"f"}, "f", "workforce"),
		ForumWorkload:  b([]string{"w"}, "w", "workload"),
		Views:          b([]string{"r", "c", "m", "s", "f", "w", "v", "p"}, "r/c/m/s/f/w/v/p", "views"),

		Back:      b([]string{"esc"}, "esc", "back"),
		Message:   b([]string{"e"}, "e", "read the whole message"),
		Help:      b([]string{"?"}, "?", "help"),
		Quit:      b([]string{"q", "ctrl+c"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Next:      b([]string{"tab"}, "tab", "next section"),
		Prev:      b([]string{"shift+tab"}, "shift+tab", "previous section"),

		SectionsHelp: b([]string{"1", "2", "3", "4", "5", "6", "7", "8"}, "1-8", "sections"),

		Yes:         b([]string{"y", "Y"}, "y", "yes"),
		No:          b([]string{"n", "N", "esc"}, "n/esc", "no"),
		Cancel:      b([]string{"esc"}, "esc", "cancel"),
		Accept:      b([]string{"enter"}, "enter", "done"),
		ClearFilter: b([]string{"esc"}, "esc", "clear filter"),
		NextField:   b([]string{"tab"}, "tab", "next field"),
		PrevField:   b([]string{"shift+tab"}, "shift+tab", "previous field"),
		Save:        b([]string{"ctrl+s"}, "ctrl+s", "save"),
		ChoiceLeft:  b([]string{"left", "h"}, "←", "previous choice"),
		ChoiceRight: b([]string{"right", "l"}, "→", "next choice"),
		FieldUp:     b([]string{"up"}, "↑", "previous field"),
		FieldDown:   b([]string{"down", "enter"}, "↓/enter", "next field"),
		Newline:     b([]string{"enter"}, "enter", "new line"),
		Clipboard:   b([]string{"ctrl+v"}, "ctrl+v", "paste"),
	}
	for i := 1; i <= 8; i++ {
		n := strconv.Itoa(i)
		km.Sections = append(km.Sections, key.NewBinding(key.WithKeys(n), key.WithHelp(n, "section "+n)))
	}
	if readOnly {
		for _, e := range []*key.Binding{&km.Edit, &km.Add, &km.Delete, &km.Undo, &km.Cycle, &km.MoveUp, &km.MoveDown, &km.Reorder, &km.Export, &km.StatementEdit, &km.Import, &km.NewPeriod, &km.NoStaff} {
			km.ReadOnlyRefused = append(km.ReadOnlyRefused, *e)
			e.SetEnabled(false)
		}
	}
	return km
}

// Nav is the moving-about keys, for full help.
func (km *KeyMap) Nav() []key.Binding {
	return []key.Binding{km.Up, km.Down, km.PageUp, km.PageDown, km.Top, km.Bottom}
}

// Global is the keys that work on every screen, for the help bar's tail
// (tab is left to the full help: the tab bar shows the sections' keys).
func (km *KeyMap) Global() []key.Binding {
	return []key.Binding{km.Help, km.Quit}
}

// GlobalFull is the everywhere keys for full help.
func (km *KeyMap) GlobalFull() []key.Binding {
	return []key.Binding{km.SectionsHelp, km.Next, km.Prev, km.Back, km.Message, km.Help, km.Quit}
}
