package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Truncate cuts s to at most w terminal cells, ending in an ellipsis when it
// had to cut. Widths are display cells (wide CJK and emoji count two), the
// same measure lipgloss lays out by.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// Fit truncates s to w cells and pads it with spaces to exactly w, for
// table columns.
func Fit(s string, w int) string {
	s = Truncate(s, w)
	if pad := w - ansi.StringWidth(s); pad > 0 {
		return s + strings.Repeat(" ", pad)
	}
	return s
}

// FitRight is Fit aligned right, for numbers.
func FitRight(s string, w int) string {
	s = Truncate(s, w)
	if pad := w - ansi.StringWidth(s); pad > 0 {
		return strings.Repeat(" ", pad) + s
	}
	return s
}

// Wrap breaks s into lines of at most w cells at word boundaries (hard
// breaking words longer than a line), keeping s's own line breaks, and
// returns at most max lines, the last ending in an ellipsis if text was
// left out. max <= 0 means no limit.
func Wrap(s string, w, max int) []string {
	if w <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wrap(s, w, " -"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	if max > 0 && len(lines) > max {
		lines = lines[:max]
		last := lines[max-1]
		if ansi.StringWidth(last) >= w {
			last = ansi.Truncate(last, w-1, "")
		}
		lines[max-1] = last + "…"
	}
	return lines
}

// DetailHeight is how many lines a list screen gives the selected item's
// full text below the list: at least least, more in a tall window.
func DetailHeight(screenHeight, least int) int {
	return max(least, min(screenHeight/5, 10))
}

// StatusDot is a service status's mark: ● for a colour, ○ for not started.
// The status word always goes beside it; the mark is only a signpost.
func StatusDot(s domain.Status) string {
	if s == domain.NotStarted {
		return "○"
	}
	return "●"
}
