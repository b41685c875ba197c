// Package coming is the stand-in for a section whose screen has not been
// built yet (Export, Forum): it keeps the section in the tab bar and says
// which command does the job meanwhile.
package coming

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// Model shows one line naming the command to use.
type Model struct {
	com  common.Common
	line string
}

// New returns a placeholder that says line.
func New(com common.Common, line string) Model { return Model{com: com, line: line} }

// Update does nothing: there is nothing here to act on.
func (m Model) Update(tea.Msg) (Model, tea.Cmd) { return m, nil }

// Focus does nothing.
func (m Model) Focus() (Model, tea.Cmd) { return m, nil }

// SetSize records the drawing area.
func (m Model) SetSize(w, h int) Model { m.com.SetSize(w, h); return m }

// Capturing is always false.
func (m Model) Capturing() bool { return false }

// View draws the line.
func (m Model) View() string {
	return m.com.Styles.Subtle.Render(common.Truncate(m.line, m.com.Width))
}

// ShortHelp offers no keys of its own.
func (m Model) ShortHelp() []key.Binding { return nil }

// FullHelp offers no keys of its own.
func (m Model) FullHelp() [][]key.Binding { return nil }
