package list

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
)

// HandleKey moves the cursor for the moving-about keys and reports whether
// msg was one of them.
func (c *Cursor) HandleKey(km *keys.KeyMap, msg tea.KeyMsg) bool {
	switch {
	case key.Matches(msg, km.Up):
		c.Move(-1)
	case key.Matches(msg, km.Down):
		c.Move(+1)
	case key.Matches(msg, km.PageUp):
		c.Page(-1)
	case key.Matches(msg, km.PageDown):
		c.Page(+1)
	case key.Matches(msg, km.Top):
		c.Top()
	case key.Matches(msg, km.Bottom):
		c.Bottom()
	default:
		return false
	}
	return true
}
