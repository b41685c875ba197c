package pcnjson

import "github.com/pcnvoice/pcnvoice/internal/termtext"

// ForTerminal returns JSON text b ready for a terminal: every character a
// terminal would act on rather than show — C0 controls (bar the tab,
// newline and carriage return that are JSON's own white space), DEL, C1
// controls, and the bidirectional controls that can make text read in an
// order other than the bytes' (SPEC §3) — written as a \u escape. In
// valid JSON such characters are only ever inside strings, where the
// escape means the same character, so the result decodes to the same
// value; but it is no longer canonical, which is why files stay as they
// are and only what goes to a terminal passes through here. It is
// termtext.JSON, the one such escaper, which the command line's output
// boundary uses for every JSON document it shows.
func ForTerminal(b []byte) []byte { return termtext.JSON(b) }
