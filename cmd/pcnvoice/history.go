package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

func (m *Main) historyCommand() *cobra.Command {
	var asJSON bool
	var out string
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List the submissions your database exported, newest first",
		Long: `History lists every submission this database exported (the database keeps
each one, byte for byte), newest first: its revision, period, when it was
exported, its digest, and what it held — services by status, workload notes,
priorities and, when it was reported, the workforce.

Compare two of them with pcnvoice diff @N @M, or one with your current
content with pcnvoice diff @N. A read-only database can be read.`,
		Example: `  pcnvoice history
  pcnvoice history --json | jq '.exports[0]'
  pcnvoice diff @3`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return m.history(cmd, asJSON, out)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of text, for scripts (also when -o names a .json file)")
	pathFlag(cmd.Flags(), &out, "output", "o", "write to FILE (atomically) instead of stdout")
	return cmd
}

// historyJSON is `history --json`: its member names are an interface.
type historyJSON struct {
	PCN     *statusPCN     `json:"pcn"`
	Exports []historyEntry `json:"exports"`
}

// historyEntry is one export and what it held. A document the database
// holds that does not read (it cannot happen short of damage to the file)
// keeps its line, with Error saying why, rather than hide the others.
type historyEntry struct {
	Revision   int              `json:"revision"`
	Period     string           `json:"period"`
	ExportedAt string           `json:"exported_at"`
	Digest     string           `json:"digest"`
	Services   *statusServices  `json:"services"`
	Workload   *historyWorkload `json:"workload"`
	Priorities *int             `json:"priorities"`
	// Workforce is the WTE totals the submission reported, null when it
	// did not report its workforce (never zero for "not reported").
	Workforce *statusWorkforce `json:"workforce"`
	Error     string           `json:"error,omitempty"`
	roles     int              // how many roles the workforce listed
}

type historyWorkload struct {
	Notes int `json:"notes"`
	High  int `json:"high"`
}

func (m *Main) history(cmd *cobra.Command, asJSON bool, out string) error {
	asJSON = asJSON || isJSONName(out)
	if err := m.checkConfig(); err != nil {
		return err
	}
	if err := m.checkOutput(out); err != nil {
		return err
	}
	db, err := m.openForReading(cmd.Context())
	if err != nil {
		return err
	}
	defer db.Close()
	recs, err := db.ExportHistory(cmd.Context())
	if err != nil {
		return err
	}
	pcn, err := db.PCN(cmd.Context())
	if err != nil {
		return err
	}
	h := historyJSON{Exports: make([]historyEntry, 0, len(recs))}
	if pcn != nil {
		h.PCN = &statusPCN{Code: pcn.Code, Name: pcn.Name, ICS: pcn.ICS}
	}
	for _, r := range recs {
		h.Exports = append(h.Exports, historyOf(r))
	}
	if asJSON {
		err = m.writeReportJSON(out, h)
	} else {
		err = m.writeText(cmd, out, formatHistory(h))
	}
	if err == nil {
		m.wrote(cmd, out, "the history ("+wording.Plural(len(h.Exports), "export", "exports")+")")
	}
	return err
}

// wrote says, when -o named a file, what was written to it.
func (m *Main) wrote(cmd *cobra.Command, out, what string) {
	if out != "" && out != "-" {
		fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s to %s\n", what, out)
	}
}

// historyOf reads what one export held from its recorded document.
func historyOf(r domain.ExportRecord) historyEntry {
	e := historyEntry{Revision: r.Revision, Period: r.Period, ExportedAt: r.ExportedAt, Digest: r.Digest}
	doc, _, err := pcnjson.Decode(fmt.Sprintf("revision %d", r.Revision), r.Document)
	if err != nil {
		e.Error = err.Error()
		return e
	}
	s := statusServices{Total: len(doc.Services)}
	for _, sv := range doc.Services {
		switch sv.Status {
		case domain.Green:
			s.Green++
		case domain.Amber:
			s.Amber++
		case domain.Red:
			s.Red++
		case domain.NotStarted:
			s.NotStarted++
		}
	}
	w := historyWorkload{Notes: len(doc.Workload)}
	for _, n := range doc.Workload {
		if n.Severity == domain.High {
			w.High++
		}
	}
	p := len(doc.Priorities)
	e.Services, e.Workload, e.Priorities = &s, &w, &p
	if doc.Workforce != nil {
		t := domain.Totals(*doc.Workforce)
		e.Workforce = &statusWorkforce{InPost: t.InPost, Planned: t.Planned, Recruiting: t.Recruiting}
		e.roles = len(*doc.Workforce)
	}
	return e
}

// formatHistory is history for a person: a block of a few lines per
// export, each within 80 columns but the digest's.
func formatHistory(h historyJSON) string {
	var b strings.Builder
	line := func(format string, args ...any) {
		b.WriteString(termtext.Line(fmt.Sprintf(format, args...)) + "\n")
	}
	who := "This database"
	if h.PCN != nil {
		who = fmt.Sprintf("%s (%s)", h.PCN.Name, h.PCN.Code)
	}
	if len(h.Exports) == 0 {
		line("%s has exported nothing yet: `pcnvoice export -o FILE` writes the first submission.", who)
		return b.String()
	}
	line("%s: %s, newest first", who, wording.Plural(len(h.Exports), "export", "exports"))
	for _, e := range h.Exports {
		b.WriteString("\n")
		line("Revision %d · %s · exported %s", e.Revision, e.Period, exportTime(e.ExportedAt))
		if e.Error != "" {
			line("  the recorded file does not read: %s", e.Error)
		} else {
			s := e.Services
			var parts []string
			for _, c := range []struct {
				n    int
				word string
			}{{s.Green, "green"}, {s.Amber, "amber"}, {s.Red, "red"}, {s.NotStarted, "not started"}} {
				if c.n > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", c.n, c.word))
				}
			}
			if len(parts) == 0 {
				parts = []string{"none"}
			}
			line("  Services: %s", strings.Join(parts, " · "))
			line("  %s (%d high) · %s", wording.Plural(e.Workload.Notes, "note", "notes"), e.Workload.High, wording.Plural(*e.Priorities, "priority", "priorities"))
			switch wf := e.Workforce; {
			case wf == nil:
				line("  Workforce: not reported")
			case e.roles == 0:
				line("  Workforce: no additional-role staff")
			default:
				line("  Workforce: %s", domain.FillLine(wf.InPost, wf.Planned))
			}
		}
		line("  %s", e.Digest)
	}
	return b.String()
}

// exportTime writes an RFC 3339 time as "2026-11-18 16:45 UTC".
func exportTime(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format("2006-01-02 15:04 UTC")
	}
	return s
}

// writeReportJSON writes v, a report made from the database or files (not
// a document kept byte for byte), as indented JSON with every control
// character escaped, terminal or not, as status --json is.
func (m *Main) writeReportJSON(out string, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return m.writeOutput(out, termtext.JSON(b.Bytes()), true)
}

// writeText writes text for a person: to stdout through the output
// boundary, or to the file -o names, with the same names quoted and the
// same characters dropped as the terminal would have.
func (m *Main) writeText(cmd *cobra.Command, out, text string) error {
	if out == "" || out == "-" {
		_, err := io.WriteString(cmd.OutOrStdout(), text)
		return err
	}
	return atomicfile.WriteFile(out, []byte(termtext.Sanitize(m.names.quote(text))), 0o600)
}

// isJSONName reports whether -o names a .json file: its extension picks
// the format, as for export and merge.
func isJSONName(out string) bool {
	return out != "-" && extFormats[strings.ToLower(filepath.Ext(out))] == "json"
}
