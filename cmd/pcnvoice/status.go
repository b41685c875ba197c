package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

func (m *Main) statusCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Print where your PCN is: one screenful of plain text, or JSON",
		Example: `  pcnvoice status
  pcnvoice status --json
  ssh pcn-box pcnvoice status`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := m.checkConfig(); err != nil {
				return err
			}
			s, err := m.readStatus(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return writeStatusJSON(cmd.OutOrStdout(), s)
			}
			_, err = io.WriteString(cmd.OutOrStdout(), FormatStatus(s, 80))
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of text, for scripts (members as the README lists them)")
	return cmd
}

// FormatStatus renders the summary as at most 15 plain lines no wider than
// width columns. Stored text goes through the terminal sanitiser: the
// database may hold text imported from other people's files.
func FormatStatus(s store.Summary, width int) string {
	var lines []string
	add := func(format string, args ...any) {
		lines = append(lines, runewidth.Truncate(termtext.Line(fmt.Sprintf(format, args...)), width, "…"))
	}
	if s.PCN == nil {
		add("No PCN set up yet · period %s", s.Period)
		add("Set it up: run `pcnvoice`, or `pcnvoice import` a submission or NHS file.")
		add("Database: %s", termtext.Name(s.DatabasePath))
		return strings.Join(lines, "\n") + "\n"
	}
	add("%s (%s)", s.PCN.Name, s.PCN.Code)
	ics := s.PCN.ICS
	if ics == "" {
		ics = "not set"
	}
	add("ICS: %s · period %s", ics, s.Period)
	add("Practices: %d · population %s", s.Practices, wording.Thousands(s.Population))
	var parts []string
	for _, st := range domain.Statuses {
		parts = append(parts, fmt.Sprintf("%d %s", s.Services[st], st.Word()))
	}
	add("Services: %d · %s", s.ServicesTotal, strings.Join(parts, ", "))
	if s.Notes == 0 {
		add("Workload: no notes yet")
	} else {
		add("Workload: %d notes · %d high severity · newest %s", s.Notes, s.HighNotes, s.LatestNote)
	}
	if s.Priorities == 0 {
		add("Priorities: none yet")
	} else {
		add("Priorities: %d · top: %s", s.Priorities, s.TopPriority)
	}
	add("Workforce: %s", workforceLine(s))
	switch {
	case s.LastExport == nil:
		add("Last export: never")
	case s.ChangedSince:
		add("Last export: revision %d on %s · changed since (see `pcnvoice diff`)", s.LastExport.Revision, exportDay(s.LastExport.ExportedAt))
	default:
		add("Last export: revision %d on %s · up to date", s.LastExport.Revision, exportDay(s.LastExport.ExportedAt))
	}
	return strings.Join(lines, "\n") + "\n"
}

// workforceLine is the status's workforce in words and numbers.
func workforceLine(s store.Summary) string {
	w := s.Workforce
	switch {
	case w == nil:
		return "not reported"
	case s.Roles == 0:
		return "no additional-role staff"
	}
	line := domain.FillLine(w.InPost, w.Planned)
	if w.Recruiting > 0 {
		line += " · " + w.Recruiting.Text() + " recruiting"
	}
	return line
}

func exportDay(rfc3339 string) string {
	if len(rfc3339) >= 10 {
		return rfc3339[:10]
	}
	return rfc3339
}

// statusJSON is SPEC §7's JSON shape; its member names are an interface.
type statusJSON struct {
	PCN                *statusPCN       `json:"pcn"`
	Period             string           `json:"period"`
	Practices          int              `json:"practices"`
	Population         int64            `json:"population"`
	Services           statusServices   `json:"services"`
	Workload           statusWorkload   `json:"workload"`
	Priorities         statusPriorities `json:"priorities"`
	Workforce          *statusWorkforce `json:"workforce"`
	LastExport         *statusExport    `json:"last_export"`
	ChangedSinceExport bool             `json:"changed_since_export"`
}

type statusPCN struct {
	Code string `json:"code"`
	Name string `json:"name"`
	ICS  string `json:"ics"`
}

type statusServices struct {
	Total      int `json:"total"`
	Green      int `json:"green"`
	Amber      int `json:"amber"`
	Red        int `json:"red"`
	NotStarted int `json:"not_started"`
}

type statusWorkload struct {
	Notes  int     `json:"notes"`
	High   int     `json:"high"`
	Latest *string `json:"latest"`
}

type statusPriorities struct {
	Count int     `json:"count"`
	Top   *string `json:"top"`
}

// statusWorkforce is the WTE totals, written as exact decimals (1.25).
type statusWorkforce struct {
	InPost     domain.WTE `json:"in_post"`
	Planned    domain.WTE `json:"planned"`
	Recruiting domain.WTE `json:"recruiting"`
}

type statusExport struct {
	Revision int    `json:"revision"`
	At       string `json:"at"`
	Digest   string `json:"digest"`
}

func writeStatusJSON(w io.Writer, s store.Summary) error {
	out := statusJSON{
		Period:     s.Period,
		Practices:  s.Practices,
		Population: s.Population,
		Services: statusServices{
			Total: s.ServicesTotal, Green: s.Services[domain.Green], Amber: s.Services[domain.Amber],
			Red: s.Services[domain.Red], NotStarted: s.Services[domain.NotStarted],
		},
		Workload:           statusWorkload{Notes: s.Notes, High: s.HighNotes},
		Priorities:         statusPriorities{Count: s.Priorities},
		ChangedSinceExport: s.ChangedSince,
	}
	if s.PCN != nil {
		out.PCN = &statusPCN{Code: s.PCN.Code, Name: s.PCN.Name, ICS: s.PCN.ICS}
	}
	if s.LatestNote != "" {
		out.Workload.Latest = &s.LatestNote
	}
	if s.Priorities > 0 {
		out.Priorities.Top = &s.TopPriority
	}
	if w := s.Workforce; w != nil {
		out.Workforce = &statusWorkforce{InPost: w.InPost, Planned: w.Planned, Recruiting: w.Recruiting}
	}
	if s.LastExport != nil {
		out.LastExport = &statusExport{Revision: s.LastExport.Revision, At: s.LastExport.ExportedAt, Digest: s.LastExport.Digest}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	// Always escaped, terminal or not (SPEC §3): encoding/json escapes C0
	// controls but passes DEL, C1 and bidi controls through raw.
	_, err := w.Write(termtext.JSON(b.Bytes()))
	return err
}
