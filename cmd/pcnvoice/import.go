package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/nhsdata"
	"github.com/pcnvoice/pcnvoice/internal/submission"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// maxImport caps any imported file; NHS national files are a few MiB.
const maxImport = 64 << 20

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
	head, size, err := infile.Peek(path, 4096)
	if err != nil {
		return err
	}
	if looksJSON(head) {
		// Refuse an oversized submission before reading it whole.
		if size > submission.MaxSize {
			return fmt.Errorf("%s: %w (%d bytes; a submission is at most %d MiB)", path, infile.ErrTooLarge, size, submission.MaxSize>>20)
		}
		data, err := infile.Read(path, submission.MaxSize)
		if err != nil {
			return err
		}
		return m.restore(ctx, w, path, data)
	}
	data, err := infile.Read(path, nhsdata.MaxFileSize)
	if err != nil {
		return err
	}
	return m.importNHS(ctx, w, path, data, pcn)
}

// looksJSON reports whether a file's first bytes (after a byte-order mark
// and white space, in UTF-8 or UTF-16) look like JSON — or like nothing at
// all, so that an empty file gets the submission reader's message.
func looksJSON(head []byte) bool {
	trimmed := bytes.TrimLeft(head, " \t\r\n\x00\xef\xbb\xbf\xff\xfe")
	return len(trimmed) == 0 || trimmed[0] == '{' || trimmed[0] == '['
}

// restore replaces the database's content with a submission's.
func (m *Main) restore(ctx context.Context, w io.Writer, path string, data []byte) error {
	doc, text, err := submission.Decode(path, data)
	if err != nil {
		return err
	}
	hash, err := submission.ContentHash(doc)
	if err != nil {
		return err
	}
	db, err := m.openDB(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	cur, err := db.PCN(ctx)
	if err != nil {
		return err
	}
	if cur != nil && cur.Code != doc.PCN.Code {
		return fmt.Errorf("%s: is for %s %s, but this database holds %s %s; use another --db for another PCN",
			path, doc.PCN.Code, termtext.Line(doc.PCN.Name), cur.Code, termtext.Line(cur.Name))
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return err
	}
	backup := ""
	if !empty {
		if backup, err = db.Backup(ctx, "before-import"); err != nil {
			return err
		}
	}
	rec := domain.ExportRecord{
		Revision: doc.Revision, ExportedAt: doc.GeneratedAt, Period: doc.Period,
		Digest: doc.Digest, ContentHash: hash, Document: text,
	}
	if err := db.Restore(ctx, doc.Snapshot(), &rec); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(w, "restored %s %s, %s revision %d: %d practices, %d services, %d workload notes, %d priorities\n",
		doc.PCN.Code, termtext.Line(doc.PCN.Name), doc.Period, doc.Revision,
		len(doc.Practices), len(doc.Services), len(doc.Workload), len(doc.Priorities))
	if backup != "" {
		fmt.Fprintf(w, "the database as it was is backed up at %s\n", backup)
	}
	return nil
}
