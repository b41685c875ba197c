package common

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// ErrMsg carries an error to the root's error banner. It stays until the
// user dismisses it with esc, so a failed save is never missed.
type ErrMsg struct{ Err error }

// NoticeMsg is a passing note for the status line ("deleted: u to undo"); it
// clears at the next key.
type NoticeMsg struct{ Text string }

// ErrCmd reports err, if not nil, to the banner.
func ErrCmd(err error) tea.Cmd {
	if err == nil {
		return nil
	}
	return func() tea.Msg { return ErrMsg{Err: err} }
}

// NoticeCmd shows a notice.
func NoticeCmd(format string, args ...any) tea.Cmd {
	text := fmt.Sprintf(format, args...)
	return func() tea.Msg { return NoticeMsg{Text: text} }
}

// ErrText is the banner's one line for err: sanitised, because a driver or
// validation message can quote stored text.
func ErrText(err error) string { return termtext.Line(err.Error()) }

// ReadOnlyText is what every refused edit says.
const ReadOnlyText = "read-only session: edits are refused"

// SavedMsg reports that a write finished. Screens reload the data it
// touched when Pending is 0, so a burst of moves redraws once at the end
// rather than flickering through each step.
type SavedMsg struct {
	// Tag says which screen's write this was.
	Tag string
	// Value is what the write returned: a new note's ID, a deleted
	// practice to undo with, or nil.
	Value any
	// Err is the write's error, if any; the root also shows it.
	Err error
	// Pending is how many writes with the same Tag were still queued when
	// this one finished.
	Pending int
	// Notice, when set, is shown on success.
	Notice string
}

// Confirm draws the y/n question asked before a delete.
func (c Common) Confirm(question string) string {
	return c.Styles.Confirm.Render(Truncate(question+"  y = yes, delete · n or esc = no", c.Width))
}
