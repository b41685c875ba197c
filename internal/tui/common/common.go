// Package common holds what every screen of the TUI shares: the Common value
// (database, catalogues, styles, keys, size, clock, read-only flag), the
// Screen shape, the messages screens send to the root, the Writer that saves
// edits in order, and text helpers that keep the layout intact whatever the
// data holds.
package common

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/keys"
	"github.com/pcnvoice/pcnvoice/internal/tui/styles"
)

// Common is handed to every screen by value. Its pointers are shared; Width
// and Height are each screen's own, set through SetSize.
type Common struct {
	// Ctx bounds reads; it ends when the session does. Writes outlive it
	// (see Writer): a confirmed edit is saved even as the program stops.
	Ctx      context.Context
	DB       *store.DB
	Config   *config.Config
	Styles   *styles.Styles
	Keys     *keys.KeyMap
	Writer   *Writer
	Now      func() time.Time
	ReadOnly bool
	// Remote is a session over SSH: nothing the user types may name a
	// file (SPEC §11). ForumDir is the folder whose packs its Forum
	// section lists, "" for none.
	Remote   bool
	ForumDir string
	// AgentSocket is the ssh-agent a signing_key of "agent" asks: the
	// user's SSH_AUTH_SOCK on their own machine ("" for the platform's
	// default). Over SSH it is left empty, but what keeps the server's
	// agent (or one forwarded to it) from signing is the Export screen's
	// refusal when Remote, not the empty socket.
	AgentSocket string

	Width, Height int
}

// RemoteText is what a key that would read or write a file says over SSH.
const RemoteText = "over SSH the app opens no file on the server: import and export at the machine itself"

// SetSize records the space a screen may draw in.
func (c *Common) SetSize(w, h int) { c.Width, c.Height = max(w, 1), max(h, 1) }

// Today is the clock's date written YYYY-MM-DD, the default for a new note.
func (c Common) Today() string { return c.Now().Format(time.DateOnly) }

// Screen is the shape of every section. S is the screen's own concrete type:
// Update returns S, so a screen's tests drive it without type assertions,
// and the root wraps each one to keep screens of different types in one
// slice.
type Screen[S any] interface {
	Update(tea.Msg) (S, tea.Cmd)
	View() string
	// SetSize gives the screen its drawing area.
	SetSize(width, height int) S
	// Focus is called when the screen becomes the active section; screens
	// reload there, so what another screen (or process) saved shows up.
	Focus() (S, tea.Cmd)
	// Capturing reports that a form, filter or question has the keyboard:
	// the root then leaves q, 1–8, tab and ? to the screen.
	Capturing() bool
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}
