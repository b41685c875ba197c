package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// chromeLines is the root's own lines: tabs, the rule under them, the
// status line and the help line.
const chromeLines = 4

// View draws the tab bar, the active screen (or the full help), the status
// line and the help bar, in exactly the window's size: every line is cut
// to the width and the screen to its height, so no text can break the
// layout.
func (m *Model) View() string {
	w, h := max(m.width, 1), max(m.height, chromeLines+1)
	var b strings.Builder
	key := tabKey{w, m.active, m.phase}
	if m.tabs.key != key || m.tabs.text == "" {
		tabs, rule := m.tabBar(w)
		m.tabs = tabCache{key: key, text: tabs + "\n" + rule + "\n"}
	}
	b.WriteString(m.tabs.text)
	body := m.com.Styles.Subtle.Render("opening " + m.dbName() + "…")
	if cur := m.current(); cur != nil {
		body = cur.View()
		if m.showHelp {
			body = m.fullHelp(cur)
		}
	}
	b.WriteString(clip(body, w, h-chromeLines))
	b.WriteString("\n" + m.statusLine(w) + "\n" + m.helpLine(w))
	return b.String()
}

// tabCache keeps the drawn tab bar: it changes only with the width and the
// active section, and drawing it is a third of a frame's cost.
type tabCache struct {
	key  tabKey
	text string
}

type tabKey struct {
	width, active int
	phase         phase
}

func (m *Model) dbName() string {
	if m.com.DB == nil {
		return "the database"
	}
	return m.com.DB.Path()
}

// tabBar draws "1 Overview  2 Practices …" and a rule that is heavy under
// the active section, so the active one shows without colour too. When the
// names do not fit, only the active one is named.
func (m *Model) tabBar(w int) (string, string) {
	st := m.com.Styles
	if m.phase != ready {
		title := "pcnvoice"
		if m.phase == settingUp {
			title = "pcnvoice · first run"
		}
		return st.Title.Render(common.Truncate(title, w)), st.TabRule.Render(strings.Repeat("─", w))
	}
	labels := make([]string, len(m.sections))
	total := 0
	for i, e := range m.sections {
		labels[i] = string(rune('1'+i)) + " " + e.title
		total += ansi.StringWidth(labels[i])
	}
	gap := "  "
	switch {
	case total+2*(len(labels)-1) <= w:
	case total+len(labels)-1 <= w:
		gap = " "
	default:
		for i := range labels {
			if i != m.active {
				labels[i] = string(rune('1' + i))
			}
		}
		gap = " "
	}
	var tabs, rule strings.Builder
	for i, l := range labels {
		if i > 0 {
			tabs.WriteString(gap)
			rule.WriteString(st.TabRule.Render(strings.Repeat("─", len(gap))))
		}
		lw := ansi.StringWidth(l)
		if i == m.active {
			tabs.WriteString(st.TabActive.Render(l))
			rule.WriteString(st.TabRuleOn.Render(strings.Repeat("━", lw)))
		} else {
			tabs.WriteString(st.TabInactive.Render(l))
			rule.WriteString(st.TabRule.Render(strings.Repeat("─", lw)))
		}
	}
	if rest := w - ansi.StringWidth(rule.String()); rest > 0 {
		rule.WriteString(st.TabRule.Render(strings.Repeat("─", rest)))
	}
	return common.Truncate(tabs.String(), w), common.Truncate(rule.String(), w)
}

// statusLine shows the error banner, else the passing notice, with a
// read-only badge on the right.
func (m *Model) statusLine(w int) string {
	st := m.com.Styles
	badge := ""
	if m.com.ReadOnly {
		badge = "read-only"
	}
	room := w - ansi.StringWidth(badge) - 1
	left := ""
	switch {
	case m.banner != "":
		left = st.ErrorBanner.Render(common.Truncate("✗ "+m.banner, room-18)) + st.Subtle.Render("  (esc to dismiss)")
	case m.notice != "":
		left = st.Notice.Render(common.Truncate(m.notice, room))
	}
	if badge == "" {
		return left
	}
	pad := max(w-ansi.StringWidth(left)-ansi.StringWidth(badge), 1)
	return common.Truncate(left+strings.Repeat(" ", pad)+st.Badge.Render(badge), w)
}

// helpLine is the one-line help: the screen's keys, then the global ones,
// which always show (the screen's are cut short first). While a screen has
// the keyboard only its own keys work, so only they show.
func (m *Model) helpLine(w int) string {
	cur := m.current()
	var own []key.Binding
	if cur != nil {
		own = cur.ShortHelp()
	}
	km := m.com.Keys
	var global []key.Binding
	if cur == nil || !cur.Capturing() {
		global = km.Global()
	}
	tail := m.help.ShortHelpView(global)
	room := w
	if tail != "" {
		room -= ansi.StringWidth(tail) + ansi.StringWidth(m.help.ShortSeparator)
	}
	h := m.help
	h.Width = max(room, 0)
	head := h.ShortHelpView(own)
	switch {
	case head == "":
		return common.Truncate(tail, w)
	case tail == "":
		return common.Truncate(head, w)
	}
	return common.Truncate(head+m.help.ShortSeparator+tail, w)
}

// fullHelp is every key of the active screen and the global ones.
func (m *Model) fullHelp(cur section) string {
	groups := append(cur.FullHelp(), m.com.Keys.GlobalFull())
	return m.com.Styles.Title.Render("Keys") + m.com.Styles.Subtle.Render("  (any key closes)") + "\n\n" + m.help.FullHelpView(groups)
}

// clip makes s exactly h lines, each at most w cells.
func clip(s string, w, h int) string {
	lines := strings.SplitN(s, "\n", h+1)
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
