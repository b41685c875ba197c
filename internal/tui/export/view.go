package export

import (
	"fmt"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/exportjob"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// headLines is the lines above the findings: title, revision, blank,
// format, file, signing, guard, and the rule with the column names.
const headLines = 8

// labelW is the width of the left-hand labels.
const labelW = 8

// remoteFile is the File line over SSH, where no file is written: in
// place of a path on the server (SPEC §11).
const remoteFile = "none over SSH: the app writes no file on the server"

// levelW fits "blocks export".
const levelW = 13

// detailLines is the height of the selected finding's detail (or the
// question, or the read-only note) below the findings.
func detailLines(h int) int { return common.DetailHeight(h, 3) }

// formatHelp says what each format is for, beside the picker.
var formatHelp = map[exportjob.Format]string{
	exportjob.JSON:     "the submission file you send to the forum",
	exportjob.Markdown: "a board paper in Markdown, of the same revision",
	exportjob.HTML:     "a board paper to print (A4), of the same revision",
}

// View draws the preview, or the settings, the guard's findings and the
// selected one's detail.
func (m Model) View() string {
	st, w := m.com.Styles, m.com.Width
	if !m.loaded {
		return st.Subtle.Render("checking…")
	}
	if m.mode == previewing {
		return m.previewView()
	}
	var b strings.Builder
	pcn := termtext.Line(m.prev.Doc.PCN.Name + " · " + m.prev.Doc.Period)
	b.WriteString(common.Truncate(st.Title.Render("Export")+"  "+st.Subtle.Render(pcn), w) + "\n")
	b.WriteString(common.Truncate(m.revisionLine(), w) + "\n\n")
	b.WriteString(m.field("Format", m.formatLine()))
	file := m.shortPath()
	switch {
	case m.com.Remote: // the server's home is not the user's business, nor any use to them
		file = st.Subtle.Render(remoteFile)
	case m.mode == naming:
		file = m.input.View()
	}
	b.WriteString(m.field("File", file))
	b.WriteString(m.field("Sign", m.signLine()))
	b.WriteString(m.field("Guard", m.guardLine()))
	if len(m.rows) == 0 {
		b.WriteString(st.Subtle.Render(strings.Repeat("─", w)) + "\n")
		return b.String() + m.footer()
	}
	b.WriteString(st.Header.Render(common.Truncate("  "+common.Fit("Finding", levelW)+" Where", w)) + "\n")
	whereW := min(max((w-2-levelW-1)/2, 16), 48)
	whatW := max(w-2-levelW-1-whereW-1, 0)
	start, end := m.cur.Window()
	for i := start; i < end; i++ {
		r := m.rows[i]
		level := st.Warn.Render(common.Fit("warning", levelW))
		if r.f.Level == pii.Block {
			level = st.Block.Render(common.Fit("blocks export", levelW))
		}
		rest := common.Fit(r.where, whereW) + " " + st.Subtle.Render(common.Truncate(r.what, whatW))
		if i == m.cur.Index() {
			b.WriteString(st.Marker.Render("▸ ") + level + " " + st.Selected.Render(common.Fit(r.where, whereW)) + " " + common.Truncate(r.what, whatW) + "\n")
		} else {
			b.WriteString("  " + level + " " + rest + "\n")
		}
	}
	b.WriteString(st.Subtle.Render(strings.Repeat("─", w)) + "\n")
	return b.String() + m.footer()
}

// holds says what the submission carries, so an empty section shows up
// before the forum sees it.
func (m Model) holds() string {
	d := &m.prev.Doc
	parts := []string{wording.Plural(len(d.Practices), "practice", "practices"), wording.Plural(len(d.Services), "service", "services"),
		wording.Plural(len(d.Workload), "note", "notes"), wording.Plural(len(d.Priorities), "priority", "priorities")}
	statement := "a statement"
	if strings.TrimSpace(d.Statement) == "" {
		statement = m.com.Styles.Badge.Render("no statement")
	}
	return m.com.Styles.Label.Render(common.Fit("Holds", labelW)) + strings.Join(append(parts, statement), " · ")
}

// workforce says what the submission carries of the workforce: not
// reported (the forum leaves the PCN out of its figures), none, or the
// totals.
func (m Model) workforce() string {
	d, st := &m.prev.Doc, m.com.Styles
	rs := d.Roles()
	var text string
	switch {
	case d.Workforce == nil:
		text = st.Badge.Render("workforce not reported") + ": the forum leaves your PCN out of its figures (section 4)"
	case len(rs) == 0:
		text = "workforce: none, no additional-role staff"
	default:
		t := domain.Totals(rs)
		text = "workforce: " + wording.Plural(len(rs), "role", "roles") + " · " + domain.FillLine(t.InPost, t.Planned)
	}
	return strings.Repeat(" ", labelW) + text
}

func (m Model) field(label, value string) string {
	return m.com.Styles.Label.Render(common.Fit(label, labelW)) + common.Truncate(value, m.com.Width-labelW) + "\n"
}

// revisionLine says what revision an export now would carry, so the user
// knows before pressing x whether the forum gets a new file.
func (m Model) revisionLine() string {
	st, p := m.com.Styles, m.prev
	switch {
	case p.Last == nil:
		return st.Badge.Render("will be revision 1") + st.Subtle.Render(": never exported before")
	case p.Unchanged:
		return st.Clear.Render(fmt.Sprintf("unchanged: revision %d", p.Revision)) +
			st.Subtle.Render(fmt.Sprintf(" of %s · exporting gives the same file", when(p.Last.ExportedAt)))
	}
	return st.Badge.Render(fmt.Sprintf("will be revision %d", p.Revision)) +
		st.Subtle.Render(fmt.Sprintf(": changed since revision %d of %s", p.Last.Revision, when(p.Last.ExportedAt)))
}

func when(rfc3339 string) string {
	if t, err := time.Parse(time.RFC3339, rfc3339); err == nil {
		return t.UTC().Format("2006-01-02 15:04 UTC")
	}
	return termtext.Line(rfc3339)
}

// formatLine is the picker: every format, the chosen one marked (in
// brackets as well as bold, so it shows without colour).
func (m Model) formatLine() string {
	st := m.com.Styles
	var parts []string
	for _, f := range exportjob.Formats {
		if f == m.format {
			parts = append(parts, st.Selected.Render("["+string(f)+"]"))
		} else {
			parts = append(parts, st.Subtle.Render(" "+string(f)+" "))
		}
	}
	return strings.Join(parts, " ") + "  " + st.Subtle.Render(formatHelp[m.format])
}

// guardLine is the verdict in words: how many findings block, how many warn.
func (m Model) guardLine() string {
	st := m.com.Styles
	var blocks, warns, unasked int
	for _, r := range m.rows {
		switch {
		case r.f.Kind == noAsk:
			unasked++
		case r.f.Level == pii.Block:
			blocks++
		default:
			warns++
		}
	}
	asks := ""
	if unasked > 0 {
		asks = " · " + st.Warn.Render(wording.Plural(unasked, "priority has", "priorities have")+" no ask")
	}
	if blocks+warns == 0 {
		return st.Clear.Render("✓ no patient data found") + st.Subtle.Render(" in the submission") + asks
	}
	var parts []string
	if blocks > 0 {
		parts = append(parts, st.Block.Render(fmt.Sprintf("✗ %d %s export", blocks, map[bool]string{true: "blocks", false: "block"}[blocks == 1])))
	}
	if warns > 0 {
		parts = append(parts, st.Warn.Render(wording.Plural(warns, "warning", "warnings")))
	}
	return strings.Join(parts, " · ") + asks + st.Subtle.Render("  (enter on one goes to it)")
}

// footer is the selected finding's detail, the override question, or the
// read-only note; and the last export done.
func (m Model) footer() string {
	st, w, h := m.com.Styles, m.com.Width, detailLines(m.com.Height)
	var lines []string
	switch {
	case m.mode == asking:
		lines = append(lines, m.passLines()...)
	case m.mode == confirming:
		q := "The patient-data guard blocks this export. Export anyway? Only if you have checked there is no patient data."
		for _, l := range common.Wrap(q, w, h-1) {
			lines = append(lines, st.Confirm.Render(l))
		}
		lines = append(lines, st.Confirm.Render(common.Truncate("y = yes, I have checked: export anyway · n or esc = no", w)))
	case len(m.rows) > 0:
		r := m.rows[m.cur.Index()]
		head := st.Selected.Render(common.Truncate(r.where, w))
		if r.target.Kind != "statement" { // the file's name for the place, for a chair's question
			head = st.Selected.Render(common.Truncate(r.where, w-8-len(r.f.Path))) + st.Subtle.Render("  file: "+termtext.Line(r.f.Path))
		}
		lines = append(lines, head)
		lines = append(lines, common.Wrap(r.what, w, max(h-2, 1))...)
		lines = append(lines, st.Subtle.Render(common.Truncate("enter goes to it, to put it right", w)))
	case m.com.Remote: // SPEC §11: no file on the server over SSH
		lines = append(lines, common.Wrap(common.RemoteText+"; the findings and the preview (p) still work", w, h)...)
	case m.com.ReadOnly:
		lines = append(lines, common.Wrap(readOnlyText, w, h)...)
	default:
		lines = append(lines, common.Truncate(m.holds(), w), common.Truncate(m.workforce(), w), "")
		lines = append(lines, st.Subtle.Render(common.Truncate("x exports to the file above · p previews what the forum will read", w)))
	}
	if m.com.ReadOnly && m.mode != confirming && len(m.rows) > 0 {
		lines = append(lines, st.Badge.Render(common.Truncate("read-only: export is refused here", w)))
	}
	if m.done != "" {
		lines = append(lines, st.Notice.Render(common.Truncate("last: "+m.done, w)))
	}
	return strings.Join(lines, "\n")
}
