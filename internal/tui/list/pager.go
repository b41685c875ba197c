package list

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
)

// Pager scrolls a text of N lines through a window Height lines tall: the
// cursor's sibling for reading rather than choosing (a preview, a PCN's
// submission), so nothing is selected and ↓ moves the text at once.
type Pager struct {
	offset, n, height int
}

// SetLen sets the number of lines, keeping the window in range.
func (p *Pager) SetLen(n int) { p.n = max(n, 0); p.clamp() }

// SetHeight sets how many lines fit on screen.
func (p *Pager) SetHeight(h int) { p.height = max(h, 1); p.clamp() }

// Height is how many lines fit on screen.
func (p Pager) Height() int { return max(p.height, 1) }

// Window returns the half-open range [start, end) of lines to draw.
func (p Pager) Window() (start, end int) { return p.offset, min(p.offset+p.Height(), p.n) }

// Top scrolls back to the first line.
func (p *Pager) Top() { p.offset = 0 }

// More reports how many lines lie below the window, for a "↓ 12 more" hint.
func (p Pager) More() int { return max(p.n-p.offset-p.Height(), 0) }

// HandleKey scrolls for the moving-about keys and reports whether msg was
// one of them.
func (p *Pager) HandleKey(km *keys.KeyMap, msg tea.KeyMsg) bool {
	page := max(p.Height()-1, 1)
	switch {
	case key.Matches(msg, km.Up):
		p.offset--
	case key.Matches(msg, km.Down):
		p.offset++
	case key.Matches(msg, km.PageUp):
		p.offset -= page
	case key.Matches(msg, km.PageDown):
		p.offset += page
	case key.Matches(msg, km.Top):
		p.offset = 0
	case key.Matches(msg, km.Bottom):
		p.offset = p.n
	default:
		return false
	}
	p.clamp()
	return true
}

func (p *Pager) clamp() {
	p.offset = max(min(p.offset, p.n-p.Height()), 0)
}
