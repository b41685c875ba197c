package export

import (
	"fmt"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/exportjob"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// finding is one guard finding as drawn: where it is in words a director
// knows ("Workload note of 2026-04-01, Other"), not only the file's path.
type finding struct {
	f      pii.Finding
	where  string // one line, sanitised
	what   string // the finding's sentence, sanitised (it is masked already)
	target exportjob.Target
	found  bool // target names a record
}

// noAsk is the Kind of a row that is not the guard's: a priority with no
// ask for the board (exportjob.Notices), listed with the findings so that
// enter goes to it, but not counted as patient data.
const noAsk = "no-ask"

// findings prepares p's findings, then its notices, for drawing, once per
// check.
func findings(cfg *config.Config, p *exportjob.Preview) []finding {
	out := make([]finding, len(p.Findings), len(p.Findings)+len(p.Notices))
	for i, f := range p.Findings {
		t, ok := exportjob.Locate(&p.Doc, f.Path)
		out[i] = finding{f: f, where: termtext.Line(where(cfg, &p.Doc, f.Path, t, ok)), what: termtext.Line(f.Message), target: t, found: ok}
	}
	for _, n := range p.Notices {
		f := pii.Finding{Path: fmt.Sprintf("priorities[%d].ask", n.Target.Index), Level: pii.Warn, Kind: noAsk, Message: n.Msg}
		out = append(out, finding{f: f, where: termtext.Line(where(cfg, &p.Doc, f.Path, n.Target, true)), what: termtext.Line(n.Msg), target: n.Target, found: true})
	}
	return out
}

// where names a finding's place for a person. The path's index is the
// document's order, so the record is read from the document, not a list.
func where(cfg *config.Config, d *pcnjson.Document, path string, t exportjob.Target, ok bool) string {
	if !ok {
		return path
	}
	i := t.Index
	switch t.Kind {
	case "statement":
		return "Your statement"
	case "service":
		s := d.Services[i]
		return "Service note · " + cmpOr(s.Name, s.Key)
	case "note":
		n := d.Workload[i]
		return "Note of " + n.Date + " · " + config.Name(cfg.Categories, n.Category)
	case "priority":
		p := d.Priorities[i]
		return fmt.Sprintf("Priority %d %s · %s", p.Rank, t.Field, p.Title)
	case "role":
		return "Workforce note · " + config.Name(cfg.Roles, d.Roles()[i].Key)
	}
	return path
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// goTo asks the root to show the selected finding's record with its
// editor open.
func (m Model) goTo() tea.Cmd {
	if len(m.rows) == 0 {
		return nil
	}
	r := m.rows[m.cur.Index()]
	if !r.found {
		return common.NoticeCmd("%s is not a field this app edits", termtext.Line(r.f.Path))
	}
	j := common.JumpMsg{ID: r.target.ID, Key: r.target.Key, Field: r.target.Field, Edit: true}
	switch r.target.Kind {
	case "statement":
		j.Section = common.SectionOverview
	case "service":
		j.Section = common.SectionServices
	case "note":
		j.Section = common.SectionWorkload
	case "priority":
		j.Section = common.SectionPriorities
	case "role":
		j.Section = common.SectionWorkforce
	}
	return common.JumpCmd(j)
}

// defaultPath is where an export goes unless the user says otherwise: the
// home folder, under a name made from the PCN and the period.
func defaultPath(home string, d *pcnjson.Document, f exportjob.Format) string {
	return filepath.Join(home, exportjob.FileName(d, f))
}

// cycleFormat moves to the next format. A file name the app chose follows
// the format; one the user typed keeps its name and changes only an
// extension that named the old format.
func (m *Model) cycleFormat() {
	old := m.format
	for i, f := range exportjob.Formats {
		if f == old {
			m.format = exportjob.Formats[(i+1)%len(exportjob.Formats)]
		}
	}
	switch {
	case !m.named && m.loaded:
		m.path = defaultPath(m.home, &m.prev.Doc, m.format)
	case strings.EqualFold(filepath.Ext(m.path), "."+string(old)):
		m.path = strings.TrimSuffix(m.path, filepath.Ext(m.path)) + "." + string(m.format)
	}
}

// shortPath writes the destination with the home folder as ~, as people
// read it.
func (m Model) shortPath() string { return shortPath(m.path, m.home) }

func shortPath(p, home string) string {
	if home != "" && home != "." && strings.HasPrefix(p, home+string(filepath.Separator)) {
		p = "~" + p[len(home):]
	}
	return termtext.Line(p)
}
