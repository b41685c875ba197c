package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/report"
	"github.com/pcnvoice/pcnvoice/internal/submission"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

func (m *Main) exportCommand() *cobra.Command {
	var format, out string
	var allowPII bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export your PCN's submission for the forum (JSON), or a board-ready copy (md, html)",
		Long: `Export writes your PCN's submission: the JSON file you send to the forum, signed
by its digest. Exporting unchanged content gives the same revision and the same
file; any change makes the next revision. Free text is checked for patient data
first: a valid NHS number or a date of birth stops the export (exit 3).

--format md and --format html write a readable board paper of the same
revision instead: cover sheet, statement, recommendations, service status,
workload and practices, ending with the revision and digest of the JSON it
matches. They record the revision just as the JSON does, so the paper always
matches a submission the database kept. HTML is one self-contained file that
prints on A4.`,
		Example: `  pcnvoice export -o riverside-2026-27-Q3.json
  pcnvoice export --format json > submission.json
  pcnvoice export --format html -o riverside-2026-27-Q3.html
  pcnvoice export --format md | glow -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			render, err := m.exportRenderer(format)
			if err != nil {
				return err
			}
			db, err := m.openDB(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer db.Close()
			postcodes, err := db.PracticePostcodes(cmd.Context())
			if err != nil {
				return err
			}
			build := submission.Build(m.now(), version.Generator())
			// The guard runs inside the export transaction, before a revision is
			// recorded or a byte written: a blocked export leaves no trace.
			guarded := func(s domain.Snapshot, last *domain.ExportRecord) (domain.ExportRecord, error) {
				doc := submission.FromSnapshot(s)
				if err := m.guard(cmd.ErrOrStderr(), doc.FreeText(""), pii.Options{AllowedPostcodes: postcodes}, allowPII); err != nil {
					return domain.ExportRecord{}, err
				}
				return build(s, last)
			}
			rec, err := db.Export(cmd.Context(), guarded)
			if err != nil {
				return err
			}
			data, err := render(rec)
			if err != nil {
				return err
			}
			if err := m.writeOutput(cmd.OutOrStdout(), out, data); err != nil {
				return err
			}
			where := "stdout"
			if out != "" {
				where = out
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "exported revision %d (%s, %s) as %s to %s\n", rec.Revision, rec.Period, rec.Digest[:19]+"…", format, where)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json (the submission), md or html (a board paper of the same revision)")
	cmd.Flags().StringVarP(&out, "o", "o", "", "write to FILE (atomically) instead of stdout")
	cmd.Flags().BoolVar(&allowPII, "allow-pii", false, "export even though the patient-data guard blocks it (after you have checked)")
	return cmd
}

// exportRenderer turns an export record into the bytes of the chosen
// format. It checks the format and loads the config (for catalogue names)
// before the database is touched, so a typo or a broken config never
// records a revision.
func (m *Main) exportRenderer(format string) (func(domain.ExportRecord) ([]byte, error), error) {
	if format == "json" {
		return func(rec domain.ExportRecord) ([]byte, error) { return rec.Document, nil }, nil
	}
	if format != "md" && format != "html" {
		return nil, usageErr("--format %q: want json, md or html", format)
	}
	cfg, err := m.config()
	if err != nil {
		return nil, err
	}
	return func(rec domain.ExportRecord) ([]byte, error) {
		// Rendered from the recorded JSON itself, decoded and verified, so
		// the paper shows exactly the revision and digest it names.
		doc, _, err := submission.Decode(fmt.Sprintf("revision %d", rec.Revision), rec.Document)
		if err != nil {
			return nil, fmt.Errorf("render the export: %w", err)
		}
		if format == "md" {
			return report.SubmissionMarkdown(doc, cfg), nil
		}
		return report.SubmissionHTML(doc, cfg)
	}, nil
}

// errPII marks a refusal by the patient-data guard (exit 3).
var errPII = errors.New("blocked: the text looks like it holds patient-identifiable data")

// guard scans fields, prints each finding on w (warnings always, blocks too)
// and returns an exit-3 error when something blocks and allow is false.
func (m *Main) guard(w io.Writer, fields []pii.Field, opt pii.Options, allow bool) error {
	findings := pii.Scan(fields, opt)
	for _, f := range findings {
		fmt.Fprintf(w, "pcnvoice: %s: %s\n", f.Level, f)
	}
	if !pii.Blocking(findings) {
		return nil
	}
	if allow {
		fmt.Fprintln(w, "pcnvoice: --allow-pii given: going ahead despite the patient-data findings above")
		return nil
	}
	return &exitErr{code: exitPII, err: fmt.Errorf("%w: remove it (see above) or, once checked, repeat with --allow-pii", errPII)}
}

// writeOutput writes data to path atomically (mode 0600: it holds notes),
// or to w when path is empty.
func (m *Main) writeOutput(w io.Writer, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := w.Write(data)
		return err
	}
	return atomicfile.WriteFile(path, data, 0o600)
}
