package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/importer"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

func (m *Main) importCommand() *cobra.Command {
	var pcn string
	cmd := &cobra.Command{
		Use:   "import [--pcn CODE] FILE...",
		Short: "Restore a submission, or set up practices from NHS open data",
		Long: `Import reads each FILE and tells what it changed. The kind of file is found
from its content, never its name:

  a pcnvoice submission (.json)   restores the database exactly as the file has it
                                  (into an empty database, or over the same PCN
                                  after a backup copy); another PCN's file is refused
  practice–PCN map                sets up your PCN (name, ICS) and adds its member
    (gp-reg-pat-prac-map.csv)     practices; needs --pcn on a new database
  list sizes                      updates your member practices' list sizes;
    (gp-reg-pat-prac-all.csv)     other practices are ignored
  ePCN membership                 adds your PCN's current member practices
    (ePCN.xlsx, or its CSV)

Each file is imported in one transaction: all of it or none of it.`,
		Example: `  pcnvoice import riverside-2026-27-Q3.json
  pcnvoice import --pcn U51234 gp-reg-pat-prac-map.csv
  pcnvoice import gp-reg-pat-prac-all.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr("import needs at least one FILE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			// A --db that is no database is the mistake to report, even
			// when it is the very file given to import.
			if err := store.Recognise(cmd.Context(), m.dbPath); errors.Is(err, store.ErrNotPCNVoice) {
				return notADatabase(m.dbPath, err)
			}
			for _, path := range args {
				if err := m.importFile(cmd.Context(), cmd.OutOrStdout(), path, pcn); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&pcn, "pcn", "", "the PCN code to take from an NHS file (default: the database's PCN)")
	return cmd
}

func (m *Main) importFile(ctx context.Context, w io.Writer, path, pcn string) error {
	if pcn != "" {
		code := domain.NormaliseCode(pcn)
		if !domain.ValidPCNCode(code) {
			return usageErr("--pcn %q: a PCN code is U and five digits, e.g. U51234", pcn)
		}
		pcn = code
	}
	// A database file (this one, its log, a backup, another) is not
	// something to import, and reading the live one mid-write is no use.
	if err := atomicfile.CheckTarget(path, store.Protected(m.dbPath)); errors.Is(err, atomicfile.ErrProtected) {
		return fmt.Errorf("%s: a pcnvoice database or one of its files, not a file to import; import reads submissions and NHS files", termtext.Name(path))
	}
	// Read and understand the file before touching (or creating) the database.
	plan, err := importer.ReadContext(ctx, path)
	if err != nil {
		return err
	}
	cfg, err := m.config()
	if err != nil {
		return err
	}
	db, err := m.openDB(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := plan.Apply(ctx, db, importer.Options{PCN: pcn, Now: m.now(), Config: cfg})
	if err != nil {
		return err
	}
	indent := ""
	if !plan.Restores() {
		fmt.Fprintf(w, "%s: read as %s\n", termtext.Name(path), plan.Kind)
		indent = "  "
	}
	for _, line := range res.Lines {
		fmt.Fprintln(w, indent+line)
	}
	return nil
}
