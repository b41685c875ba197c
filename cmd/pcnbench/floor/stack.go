//go:build stack

package main

// Built with -tags stack, the floor links the libraries the project's
// brief fixes for pcnvoice — Bubble Tea, Bubbles, Lip Gloss, cobra, wish,
// BurntSushi/toml — beside the driver, and still runs only the one query.
// Their package initialisation runs at every start of any program that
// links them, so this floor is the least a status command in such a
// binary can cost; pcnbench reports it next to the bare one.
import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/charmbracelet/bubbles/textarea"
	_ "github.com/charmbracelet/bubbles/textinput"
	_ "github.com/charmbracelet/bubbles/viewport"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/wish"
	_ "github.com/spf13/cobra"
)
