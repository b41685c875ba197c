package common

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/pii"
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

// Write is what every finished write reports, whatever it wrote.
type Write struct {
	// Err is the write's error, if any; the root shows it.
	Err error
	// Pending is how many writes of the same kind were still queued when
	// this one finished. Screens reload when it is 0, so a burst of moves
	// redraws once at the end rather than flickering through each step.
	Pending int
	// Notice, when set, is shown on success.
	Notice string
	// Findings are the patient-data guard's findings in the text just
	// saved (see Guarded); the root warns of a blocking one at once.
	Findings []pii.Finding
}

// Saved is a finished write of any kind. The root shows its error or
// notice; screens that sum up the others (the Overview, Export) reload
// after one.
type Saved interface{ Written() Write }

// SavedMsg reports a finished write whose result is a T (Do makes it). T
// is a type of the screen that queued the write, so that screen alone
// matches SavedMsg[T]: no tags to compare, no values to assert.
type SavedMsg[T any] struct {
	Write
	Value T
}

// Written is the write's report.
func (m SavedMsg[T]) Written() Write { return m.Write }

// Confirm draws a y/n question: verb is what y does ("delete", "move on").
func (c Common) Confirm(question, verb string) string {
	return c.Styles.Confirm.Render(Truncate(question+"  y = yes, "+verb+" · n or esc = no", c.Width))
}

// The sections' places in the tab bar (SPEC §10), for messages that name
// one.
const (
	SectionOverview = iota
	SectionPractices
	SectionServices
	SectionWorkforce
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
