package list

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
	"github.com/pcnvoice/pcnvoice/internal/tui/styles"
)

// Filter is the `/` filter of a list: while Typing it has the keyboard;
// afterwards its query stays applied until esc clears it.
type Filter struct {
	input  textinput.Model
	typing bool
	km     *keys.KeyMap
	st     *styles.Styles
	hint   string
}

// NewFilter returns an empty filter; hint says what the words match.
func NewFilter(st *styles.Styles, km *keys.KeyMap, hint string) Filter {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.CharLimit = 100
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.Cursor.Style = st.Cursor
	ti.Cursor.TextStyle, ti.TextStyle = st.Plain, st.Plain
	ti.PromptStyle = st.Marker
	ti.PlaceholderStyle, ti.CompletionStyle = st.Placeholder, st.Placeholder
	ti.Placeholder = hint
	return Filter{input: ti, km: km, st: st, hint: hint}
}

// Typing reports whether the filter has the keyboard.
func (f Filter) Typing() bool { return f.typing }

// Query is the filter's text.
func (f Filter) Query() string { return f.input.Value() }

// Start gives the filter the keyboard.
func (f Filter) Start() Filter {
	f.typing = true
	f.input.Focus()
	f.input.CursorEnd()
	return f
}

// Clear empties the filter and gives the keyboard back.
func (f Filter) Clear() Filter {
	f.typing = false
	f.input.Blur()
	f.input.SetValue("")
	return f
}

// Update handles a key while Typing: enter keeps the query, esc clears it,
// anything else edits it. changed reports whether the query changed.
func (f Filter) Update(msg tea.KeyMsg) (_ Filter, changed bool) {
	before := f.input.Value()
	switch {
	case key.Matches(msg, f.km.Accept):
		f.typing = false
		f.input.Blur()
		return f, false
	case key.Matches(msg, f.km.ClearFilter):
		f = f.Clear()
	default:
		f.input, _ = f.input.Update(msg)
	}
	return f, f.input.Value() != before
}

// View is the filter line: the input while typing, the applied query after.
func (f Filter) View(width int) string {
	if f.typing {
		f.input.Width = max(width-2, 1)
		return f.input.View()
	}
	if q := f.Query(); q != "" {
		return f.st.Marker.Render("/") + common.Truncate(q, width-20) + f.st.Subtle.Render("  (esc clears)")
	}
	return ""
}

// ShortHelp is the keys that work while typing.
func (f Filter) ShortHelp() []key.Binding {
	return []key.Binding{f.km.Accept, f.km.ClearFilter}
}

// Words splits a query into lower-case words, each of which a row must
// contain (in its haystack) to match.
func Words(q string) []string { return strings.Fields(strings.ToLower(q)) }

// Match reports whether hay (already lower-case) contains every word.
func Match(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
