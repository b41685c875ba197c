// Package styles holds every colour and text style of the TUI. A Styles value
// is built once from a lipgloss.Renderer and handed down: over SSH each
// session has its own renderer (its own colour profile), so nothing here may
// use lipgloss's global renderer or package-level styles.
//
// Colours are the terminal's own 16 ANSI colours, so they follow the user's
// palette on light and dark backgrounds alike without asking the terminal
// what its background is (a query that can stall a slow SSH session). No
// meaning rests on colour alone: statuses and severities are always also
// written as words, and the selected row carries a ▸ marker.
package styles

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// The palette: ANSI colour numbers, which terminals map to their own theme.
const (
	red     = lipgloss.Color("1")
	green   = lipgloss.Color("2")
	yellow  = lipgloss.Color("3")
	blue    = lipgloss.Color("4")
	magenta = lipgloss.Color("5")
	cyan    = lipgloss.Color("6")
	grey    = lipgloss.Color("8")
)

// Styles is the TUI's complete set of styles, bound to one renderer.
type Styles struct {
	// Renderer is the renderer every style was made from; components that
	// need a fresh style (forms, help) take it from here.
	Renderer *lipgloss.Renderer

	Plain    lipgloss.Style
	Title    lipgloss.Style // a screen's heading
	Subtle   lipgloss.Style // secondary text: counts, hints, column rules
	Label    lipgloss.Style // "Period", "Services" … in the overview
	Header   lipgloss.Style // table column headings
	Selected lipgloss.Style // the row under the cursor
	Marker   lipgloss.Style // the ▸ beside the selected row

	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	TabRule     lipgloss.Style // the line under the tabs
	TabRuleOn   lipgloss.Style // its part under the active tab

	ErrorBanner lipgloss.Style
	Notice      lipgloss.Style
	Badge       lipgloss.Style // "read-only"
	Confirm     lipgloss.Style // the y/n question before a delete

	// The patient-data guard's verdicts, always beside their words
	// ("blocks export", "warning", "no patient data found").
	Block, Warn, Clear lipgloss.Style

	FieldLabel      lipgloss.Style
	FieldLabelFocus lipgloss.Style
	FieldError      lipgloss.Style
	FieldHint       lipgloss.Style
	Cursor          lipgloss.Style
	Placeholder     lipgloss.Style

	status   map[domain.Status]lipgloss.Style
	severity map[domain.Severity]lipgloss.Style
	help     help.Styles
}

// New builds the styles for renderer r (lipgloss.DefaultRenderer() if nil).
func New(r *lipgloss.Renderer) *Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	n := r.NewStyle
	s := &Styles{
		Renderer: r,
		Plain:    n(),
		Title:    n().Bold(true),
		Subtle:   n().Foreground(grey),
		Label:    n().Bold(true).Foreground(cyan),
		Header:   n().Bold(true).Foreground(grey),
		Selected: n().Bold(true),
		Marker:   n().Bold(true).Foreground(magenta),

		TabActive:   n().Bold(true).Foreground(magenta),
		TabInactive: n().Foreground(grey),
		TabRule:     n().Foreground(grey),
		TabRuleOn:   n().Bold(true).Foreground(magenta),

		ErrorBanner: n().Bold(true).Foreground(red),
		Notice:      n().Foreground(blue),
		Badge:       n().Bold(true).Foreground(yellow),
		Confirm:     n().Bold(true).Foreground(yellow),

		Block: n().Bold(true).Foreground(red),
		Warn:  n().Foreground(yellow),
		Clear: n().Foreground(green),

		FieldLabel:      n().Foreground(grey),
		FieldLabelFocus: n().Bold(true).Foreground(magenta),
		FieldError:      n().Foreground(red),
		FieldHint:       n().Foreground(grey),
		Cursor:          n().Reverse(true),
		Placeholder:     n().Foreground(grey),

		status: map[domain.Status]lipgloss.Style{
			domain.Green:      n().Foreground(green),
			domain.Amber:      n().Foreground(yellow),
			domain.Red:        n().Bold(true).Foreground(red),
			domain.NotStarted: n().Foreground(grey),
		},
		severity: map[domain.Severity]lipgloss.Style{
			domain.High:   n().Bold(true).Foreground(red),
			domain.Medium: n().Foreground(yellow),
			domain.Low:    n().Foreground(grey),
		},
	}
	s.help = help.Styles{
		Ellipsis:       n().Foreground(grey),
		ShortKey:       n().Bold(true),
		ShortDesc:      n().Foreground(grey),
		ShortSeparator: n().Foreground(grey),
		FullKey:        n().Bold(true),
		FullDesc:       n().Foreground(grey),
		FullSeparator:  n().Foreground(grey),
	}
	return s
}

// Status is the style for a service status; unknown ones are plain.
func (s *Styles) Status(st domain.Status) lipgloss.Style {
	if v, ok := s.status[st]; ok {
		return v
	}
	return s.Plain
}

// Severity is the style for a workload note's severity.
func (s *Styles) Severity(sv domain.Severity) lipgloss.Style {
	if v, ok := s.severity[sv]; ok {
		return v
	}
	return s.Plain
}

// Help is the help bubble's styles, bound to this renderer (help.New's
// defaults use the global one).
func (s *Styles) Help() help.Styles { return s.help }
