package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/submission"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

func (m *Main) exportCommand() *cobra.Command {
	var format, out string
	var allowPII bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export your PCN's submission for the forum (JSON), or a readable copy",
		Long: `Export writes your PCN's submission: the JSON file you send to the forum, signed
by its digest. Exporting unchanged content gives the same revision and the same
file; any change makes the next revision. Free text is checked for patient data
first: a valid NHS number or a date of birth stops the export (exit 3).`,
		Example: `  pcnvoice export -o riverside-2026-27-Q3.json
  pcnvoice export --format json > submission.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "json":
			default:
				return usageErr("--format %q: want json", format)
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
			if err := m.writeOutput(cmd.OutOrStdout(), out, rec.Document); err != nil {
				return err
			}
			where := "stdout"
			if out != "" {
				where = out
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "exported revision %d (%s, %s) to %s\n", rec.Revision, rec.Period, rec.Digest[:19]+"…", where)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json (the submission)")
	cmd.Flags().StringVarP(&out, "o", "o", "", "write to FILE (atomically) instead of stdout")
	cmd.Flags().BoolVar(&allowPII, "allow-pii", false, "export even though the patient-data guard blocks it (after you have checked)")
	return cmd
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
