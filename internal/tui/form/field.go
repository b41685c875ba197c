// Package form is the small form the TUI's screens embed to add and edit
// records: labelled one-line inputs, multi-line areas and pickers, each
// checked as the user types, with the keys from tui/keys and the styles
// from tui/styles.
//
// Why not huh: huh checks a field only when the user leaves it, where the
// setup form should say "U5123 is not a PCN code" while it is being typed;
// and its themes draw with lipgloss's global renderer, which would give
// every SSH session the server's colours rather than its own.
package form

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"

	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
	"github.com/pcnvoice/pcnvoice/internal/tui/styles"
)

// Option is one choice of a picker: the stored Value and the Label shown.
type Option struct{ Value, Label string }

type kind int

const (
	textKind kind = iota
	areaKind
	choiceKind
)

// Field is one labelled input. Build fields with Text, Area and Choice.
type Field struct {
	label   string
	kind    kind
	initial string
	check   func(string) error
	hint    string
	limit   int
	lines   int // an area's preferred height

	input textinput.Model
	area  textarea.Model
	opts  []Option
	sel   int

	err     error
	touched bool // errors show once the user has typed here or tried to save
}

// Text is a one-line input holding value; check, if not nil, says what is
// wrong with a value (nil when it is fine).
func Text(label, value string, check func(string) error) Field {
	return Field{label: label, kind: textKind, initial: value, check: check, limit: 200}
}

// Area is a multi-line input of about lines rows.
func Area(label, value string, lines int, check func(string) error) Field {
	return Field{label: label, kind: areaKind, initial: value, check: check, limit: 4000, lines: lines}
}

// Choice is a picker among opts, starting at the option whose Value is value
// (the first if none is).
func Choice(label string, opts []Option, value string) Field {
	f := Field{label: label, kind: choiceKind, opts: opts}
	for i, o := range opts {
		if o.Value == value {
			f.sel = i
		}
	}
	return f
}

// WithHint adds a short hint shown beside the field while it has focus.
func (f Field) WithHint(h string) Field { f.hint = h; return f }

// WithLimit caps the characters a text or area field takes.
func (f Field) WithLimit(n int) Field { f.limit = n; return f }

// build makes the field's bubbles, styled for st, ctrl+v pasting the
// clipboard as km's Clipboard says.
func (f *Field) build(st *styles.Styles, km *keys.KeyMap) {
	// Text imported from a file can be longer than the limit for typing;
	// editing it must not cut it short.
	if n := utf8.RuneCountInString(f.initial); f.limit > 0 && n > f.limit {
		f.limit = n
	}
	switch f.kind {
	case textKind:
		ti := textinput.New()
		ti.Prompt = ""
		ti.CharLimit = f.limit
		ti.Cursor.SetMode(cursor.CursorStatic) // no blink ticks: quiet over SSH, exact in tests
		ti.Cursor.Style = st.Cursor
		ti.Cursor.TextStyle = st.Plain
		ti.TextStyle, ti.PromptStyle = st.Plain, st.Plain
		ti.PlaceholderStyle, ti.CompletionStyle = st.Placeholder, st.Placeholder
		ti.SetValue(f.initial)
		ti.CursorEnd()
		ti.KeyMap.Paste = km.Clipboard
		f.input = ti
	case areaKind:
		ta := textarea.New()
		ta.ShowLineNumbers = false
		ta.Prompt = "│ "
		ta.CharLimit = f.limit
		ta.Cursor.SetMode(cursor.CursorStatic)
		ta.Cursor.Style = st.Cursor
		ta.Cursor.TextStyle = st.Plain
		focused := textarea.Style{
			Base: st.Plain, CursorLine: st.Plain, CursorLineNumber: st.Plain, EndOfBuffer: st.Plain,
			LineNumber: st.Plain, Placeholder: st.Placeholder, Prompt: st.FieldLabelFocus, Text: st.Plain,
		}
		blurred := focused
		blurred.Prompt = st.Subtle
		ta.FocusedStyle, ta.BlurredStyle = focused, blurred
		ta.Blur() // points the area at the styles just set
		ta.SetValue(f.initial)
		ta.KeyMap.Paste = km.Clipboard
		f.area = ta
	}
	f.validate()
}

// Value is the field's current value: the text typed, or the chosen
// option's Value.
func (f Field) Value() string {
	switch f.kind {
	case textKind:
		return f.input.Value()
	case areaKind:
		return f.area.Value()
	default:
		if len(f.opts) == 0 {
			return ""
		}
		return f.opts[f.sel].Value
	}
}

func (f *Field) validate() {
	f.err = nil
	if f.check != nil {
		f.err = f.check(f.Value())
	}
}

// pick moves a picker by delta, wrapping round.
func (f *Field) pick(delta int) {
	if n := len(f.opts); n > 0 {
		f.sel = ((f.sel+delta)%n + n) % n
	}
}

// jump selects the next option whose label starts with r (case folded), so
// typing "e" on the category picker lands on Estates.
func (f *Field) jump(r rune) bool {
	n := len(f.opts)
	prefix := strings.ToLower(string(r))
	for i := 1; i <= n; i++ {
		j := (f.sel + i) % n
		if strings.HasPrefix(strings.ToLower(f.opts[j].Label), prefix) {
			f.sel = j
			return true
		}
	}
	return false
}
