package form

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// View draws the form, at most the height given to SetSize.
func (m Model) View() string {
	st := m.st
	lw := m.labelWidth()
	inputW := max(m.width-lw, 10)
	var b strings.Builder
	b.WriteString(st.Title.Render(common.Truncate(m.title, m.width)) + "\n")
	for _, l := range m.topLines() {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n")
	for i, f := range m.fields {
		focused := i == m.focus
		label := common.Fit(f.label, lw-4)
		if focused {
			label = st.Marker.Render("▸ ") + st.FieldLabelFocus.Render(label) + "  "
		} else {
			label = "  " + st.FieldLabel.Render(label) + "  "
		}
		pad := strings.Repeat(" ", lw)
		lines := strings.Split(m.fieldView(f, focused, inputW), "\n")
		for j, l := range lines {
			if j == 0 {
				b.WriteString(label + l + "\n")
			} else {
				b.WriteString(pad + l + "\n")
			}
		}
		if f.err != nil && f.touched {
			b.WriteString(pad + st.FieldError.Render(common.Truncate("✗ "+common.ErrText(f.err), inputW)) + "\n")
		}
	}
	b.WriteString("\n")
	if m.asking != "" {
		lines := common.Wrap(m.asking+"  y = yes · n = no", max(m.width, 1), 3)
		for i, l := range lines {
			lines[i] = st.Confirm.Render(l)
		}
		b.WriteString(strings.Join(lines, "\n"))
		return b.String()
	}
	button := "[ " + m.submit + " ]"
	if m.focus == len(m.fields) {
		b.WriteString(st.Marker.Render("▸ ") + st.FieldLabelFocus.Render(button))
	} else {
		b.WriteString("  " + st.FieldLabel.Render(button))
	}
	hint := "  ctrl+s " + m.does + " from any field · esc cancels"
	if m.noCancel {
		hint = "  ctrl+s " + m.does + " from any field"
	}
	b.WriteString(st.Subtle.Render(common.Truncate(hint, max(m.width-ansi.StringWidth(button)-2, 0))))
	return b.String()
}

// topLines are the intro and the problem under the title, wrapped to the
// width (at most six and three lines).
func (m Model) topLines() []string {
	var out []string
	if m.intro != "" {
		for _, l := range common.Wrap(m.intro, max(m.width, 1), 6) {
			out = append(out, m.st.Subtle.Render(l))
		}
	}
	if m.problem != "" {
		for _, l := range common.Wrap("✗ "+m.problem, max(m.width, 1), 3) {
			out = append(out, m.st.FieldError.Render(l))
		}
	}
	return out
}

func (m Model) fieldView(f Field, focused bool, w int) string {
	st := m.st
	switch f.kind {
	case textKind:
		v := f.input.View()
		if focused && f.hint != "" {
			if room := w - ansi.StringWidth(v) - 2; room > 8 {
				v += "  " + st.FieldHint.Render(common.Truncate(f.hint, room))
			}
		}
		return v
	case areaKind:
		return f.area.View()
	}
	if len(f.opts) == 0 {
		return st.Subtle.Render("(no choices)")
	}
	label := f.opts[f.sel].Label
	if !focused {
		return common.Truncate(label, w)
	}
	v := "◂ " + common.Truncate(label, w-4) + " ▸"
	hint := "←/→ or type a letter"
	if f.hint != "" {
		hint = f.hint
	}
	if room := w - ansi.StringWidth(v) - 2; room > 8 {
		v += "  " + st.FieldHint.Render(common.Truncate(hint, room))
	}
	return st.FieldLabelFocus.Render(v)
}
