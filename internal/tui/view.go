package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// chromeLines is the root's own lines at the least: tabs, the rule under
// them, the status line and the help line. A long message takes up to
// statusMax lines.
const (
	chromeLines = 4
	statusMax   = 3
)

// chrome is the root's lines as laid out now.
func (m *Model) chrome() int { return chromeLines - 1 + m.status }

// View draws the tab bar, the active screen (or the full help), the status
// line and the help bar, in exactly the window's size: every line is cut
// to the width and the screen to its height, so no text can break the
// layout.
func (m *Model) View() string {
	w, h := max(m.width, 1), max(m.height, m.chrome()+1)
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
			body = m.fullHelp(cur, w)
		}
	}
	if m.reading != "" {
		body = m.com.Styles.Title.Render("Message") + m.com.Styles.Subtle.Render("  (any key closes)") + "\n\n" +
			strings.Join(common.Wrap(m.reading, w, 0), "\n")
	}
	b.WriteString(clip(body, w, h-m.chrome()))
	b.WriteString("\n" + strings.Join(m.statusLines(w), "\n") + "\n" + m.helpLine(w))
	if m.height < h { // a window too short for the tabs, a line of screen, the status and help
		return clip(b.String(), w, max(m.height, 1))
	}
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

// dbName names the database being opened: its file at the machine
// itself, but not over SSH, where the server's files are none of the
// user's business (SPEC §11).
func (m *Model) dbName() string {
	if m.com.DB == nil || m.com.Remote {
		return "the database"
	}
	return termtext.Line(m.com.DB.Path())
}

// tabBar draws "1 Overview  2 Practices …" and a rule that is heavy under
// the active section, so the active one shows without colour too. When the
// names do not fit, the active one is named in full and the others cut
// to fit ("2 Pract…"), down to their numbers alone in a narrow window.
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
		cutLabels(labels, m.active, w-(len(labels)-1))
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

// message is what the status line says: the error banner, else the
// passing notice; and whether it is the banner.
func (m *Model) message() (string, bool) {
	if m.banner != "" {
		return "✗ " + m.banner + "  (esc to dismiss)", true
	}
	return m.notice, false
}

// statusText wraps the message to the window, leaving room on the first
// line for the read-only badge. all is every line it takes.
func (m *Model) statusText(w int) (all []string) {
	text, _ := m.message()
	if text == "" {
		return []string{""}
	}
	room := w
	if m.com.ReadOnly {
		room -= len("read-only") + 1
	}
	room = max(room, 1)
	// Words wrap. Only a word longer than the line (a path) is broken, and
	// then the lines are filled instead when that takes fewer: wrapped, "✗ "
	// would stand alone above the path. A message of ordinary words never
	// breaks one ("tak / en out").
	lines := common.Wrap(text, room, 0)
	if !longestWordFits(text, room) {
		if hard := strings.Split(ansi.Hardwrap(text, room, true), "\n"); len(hard) < len(lines) {
			lines = hard
		}
	}
	return lines
}

// longestWordFits reports whether every word of text fits in w columns.
func longestWordFits(text string, w int) bool {
	for _, word := range strings.Fields(text) {
		if ansi.StringWidth(word) > w {
			return false
		}
	}
	return true
}

// statusHeight is how many lines the status takes: its message wrapped,
// at most statusMax, and never so many that the screen gets no line.
func (m *Model) statusHeight() int {
	n := min(len(m.statusText(max(m.width, 1))), statusMax)
	return max(min(n, m.height-chromeLines), 1)
}

// longMessage is the message when it does not fit in the status lines,
// for e to show in full.
func (m *Model) longMessage() string {
	if len(m.statusText(max(m.width, 1))) <= m.status {
		return ""
	}
	text, _ := m.message()
	return text
}

// statusLines draws the message in m.status lines, wrapped, the last one
// pointing at e when the message is longer still, with a read-only badge
// on the right of the first.
func (m *Model) statusLines(w int) []string {
	st := m.com.Styles
	lines := m.statusText(w)
	_, isBanner := m.message()
	if len(lines) > m.status {
		lines = lines[:m.status]
		more := "  … e reads all"
		last := lines[m.status-1]
		lines[m.status-1] = common.Truncate(last, max(w-len(more)-1, 1)) + more
	}
	for len(lines) < m.status {
		lines = append(lines, "")
	}
	style := st.Notice
	if isBanner {
		style = st.ErrorBanner
	}
	for i, l := range lines {
		if l != "" {
			lines[i] = style.Render(common.Truncate(l, w))
		}
	}
	if m.com.ReadOnly {
		badge := "read-only"
		pad := max(w-ansi.StringWidth(lines[0])-len(badge), 1)
		lines[0] = common.Truncate(lines[0]+strings.Repeat(" ", pad)+st.Badge.Render(badge), w)
	}
	return lines
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

// fullHelp is every key of the active screen and the global ones, laid
// out in columns that wrap onto further rows rather than run off a narrow
// window.
func (m *Model) fullHelp(cur section, w int) string {
	groups := append(cur.FullHelp(), m.com.Keys.GlobalFull())
	st := m.help.Styles
	var blocks [][]string
	for _, g := range groups {
		var keys, descs []string
		kw := 0
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			keys, descs = append(keys, b.Help().Key), append(descs, b.Help().Desc)
			kw = max(kw, ansi.StringWidth(b.Help().Key))
		}
		var block []string
		for i := range keys {
			block = append(block, st.FullKey.Render(common.Fit(keys[i], kw))+" "+st.FullDesc.Render(descs[i]))
		}
		if len(block) > 0 {
			blocks = append(blocks, block)
		}
	}
	var out []string
	for len(blocks) > 0 {
		n, used := 0, 0
		for n < len(blocks) && (n == 0 || used+3+blockWidth(blocks[n]) <= w) {
			if n > 0 {
				used += 3
			}
			used += blockWidth(blocks[n])
			n++
		}
		out = append(out, joinBlocks(blocks[:n])...)
		out = append(out, "")
		blocks = blocks[n:]
	}
	return m.com.Styles.Title.Render("Keys") + m.com.Styles.Subtle.Render("  (any key closes)") + "\n\n" + strings.Join(out, "\n")
}

func blockWidth(b []string) int {
	w := 0
	for _, l := range b {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}

// joinBlocks sets blocks side by side, three spaces apart.
func joinBlocks(blocks [][]string) []string {
	rows := 0
	for _, b := range blocks {
		rows = max(rows, len(b))
	}
	out := make([]string, rows)
	for i, b := range blocks {
		bw := blockWidth(b)
		for r := range rows {
			cell := ""
			if r < len(b) {
				cell = b[r]
			}
			if i < len(blocks)-1 {
				cell += strings.Repeat(" ", bw-ansi.StringWidth(cell)+3)
			}
			out[r] += cell
		}
	}
	return out
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

// cutLabels fits labels into room cells (their gaps taken out already):
// the active one whole, the others cut evenly, a short one keeping what
// it does not need for the longer ones; a label with room for less than
// two letters of its name is its number alone.
func cutLabels(labels []string, active, room int) {
	room -= ansi.StringWidth(labels[active])
	left := map[int]bool{}
	for i := range labels {
		if i != active {
			left[i] = true
		}
	}
	for len(left) > 0 {
		per := room / len(left)
		fits := false
		for i := range left {
			if wd := ansi.StringWidth(labels[i]); wd <= per {
				room -= wd
				delete(left, i)
				fits = true
			}
		}
		if fits {
			continue
		}
		for i := range left {
			if per >= len("1 Ab…") {
				labels[i] = common.Truncate(labels[i], per)
			} else {
				labels[i] = labels[i][:1]
			}
		}
		return
	}
}
