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
type NoticeMsg struct {
	Text string
	// Clear dismisses the error banner too: the action succeeded, so an
	// error from an earlier try at it no longer applies.
	Clear bool
}

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

// DoneCmd shows a notice that an action succeeded, clearing the banner.
func DoneCmd(format string, args ...any) tea.Cmd {
	text := fmt.Sprintf(format, args...)
	return func() tea.Msg { return NoticeMsg{Text: text, Clear: true} }
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

// The sections' places in the tab bar (SPEC §10), for messages that name
// one.
const (
	SectionOverview = iota
	SectionPractices
	SectionServices
	SectionWorkload
	SectionPriorities
	SectionExport
	SectionForum
)

// JumpMsg asks the root to show Section with one record selected: the
// Export section sends it when the user picks a patient-data finding. The
// root hands it to that section, then switches to it; the section selects
// the record once loaded and, with Edit and an editable session, opens its
// editor on Field.
type JumpMsg struct {
	Section int
	// ID is a note's or priority's database ID; Key a service's key.
	ID  int64
	Key string
	// Field is the member at fault ("text", "note", "title", "ask",
	// "rationale", "statement"), for the editor to start on.
	Field string
	Edit  bool
}

// JumpCmd sends msg.
func JumpCmd(msg JumpMsg) tea.Cmd { return func() tea.Msg { return msg } }
