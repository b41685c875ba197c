package main

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/change"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

func (m *Main) diffCommand() *cobra.Command {
	var asJSON bool
	var out string
	cmd := &cobra.Command{
		Use:   "diff [OLD [NEW]]",
		Short: "Say what changed between two submissions, or since your last export",
		Long: `Diff says what changed between two submissions: services whose status or note
changed (amber → red), priorities added, removed, re-ranked or with a changed
ask, workload notes added or removed, practices added, removed or with a
changed list size, the workforce per role, and whether the statement changed.

OLD and NEW are submission files, or @N for revision N of your database's
history (pcnvoice history lists them). With no argument, diff compares your
last export with what the database holds now: what exporting again would
send. With one, it compares that file or revision with what the database
holds now.

Priorities are matched by theme and title, then by title alone (a changed
theme); a reworded title reads as one priority removed and one added.
Workload notes have no name, so a note edited reads as one removed and one
added. Comparing two files needs no database.`,
		Example: `  pcnvoice diff
  pcnvoice diff @3
  pcnvoice diff @3 @5 --json
  pcnvoice diff riverside-2026-27-Q2.json riverside-2026-27-Q3.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 2 {
				return usageErr("diff compares two submissions at most, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return m.diff(cmd, args, asJSON, out)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of text, for scripts (also when -o names a .json file)")
	pathFlag(cmd.Flags(), &out, "output", "o", "write to FILE (atomically) instead of stdout")
	return cmd
}

// diffSide is one document compared and how to name it.
type diffSide struct {
	doc    *pcnjson.Document
	source string // for JSON: "revision 3", the file as given, "current content"
	text   string // for a person: "revision 3 (2026/27 Q2, exported …)"
}

// differ reads what diff compares, opening the database only when an
// argument needs it: two files need none.
type differ struct {
	m  *Main
	db *store.DB
}

func (d *differ) open(ctx context.Context) (*store.DB, error) {
	if d.db == nil {
		db, err := d.m.openForReading(ctx)
		if err != nil {
			return nil, err
		}
		d.db = db
	}
	return d.db, nil
}

func (d *differ) close() {
	if d.db != nil {
		d.db.Close()
	}
}

func (m *Main) diff(cmd *cobra.Command, args []string, asJSON bool, out string) error {
	asJSON = asJSON || isJSONName(out)
	var files []string
	for _, a := range args {
		if !strings.HasPrefix(a, "@") {
			files = append(files, a)
		} else if _, err := revisionArg(a); err != nil {
			return err
		}
	}
	cfg, err := m.config()
	if err != nil {
		return err
	}
	if err := m.checkOutput(out, files...); err != nil {
		return err
	}
	ctx := cmd.Context()
	d := &differ{m: m}
	defer d.close()
	var old, now diffSide
	switch len(args) {
	case 0:
		old, err = d.lastExport(ctx)
	default:
		old, err = d.side(ctx, args[0])
	}
	if err != nil {
		return err
	}
	if len(args) == 2 {
		now, err = d.side(ctx, args[1])
	} else {
		now, err = d.current(ctx)
	}
	if err != nil {
		return err
	}
	c := change.Diff(old.doc, now.doc, change.Options{CompareServices: cfg.CompareServices})
	c.From.Source, c.To.Source = old.source, now.source
	what := "the changes (" + cmp.Or(c.Summary(), "none") + ")"
	if asJSON {
		err = m.writeReportJSON(out, c)
	} else {
		err = m.writeText(cmd, out, formatDiff(c, old, now, cfg, m.undone(ctx, d, args, c)))
	}
	if err == nil {
		m.wrote(cmd, out, what)
	}
	return err
}

// undone reports whether the default diff (the last export against now)
// found nothing although status says the content changed since: edits
// were made after the export and then put back.
func (m *Main) undone(ctx context.Context, d *differ, args []string, c change.Changes) bool {
	if len(args) != 0 || !c.Empty() {
		return false
	}
	s, err := d.db.Summary(ctx)
	return err == nil && s.ChangedSince
}

// formatDiff is the changes for a person: a heading naming the two sides,
// then the changes, or one line saying there are none. The sides' names
// are as given (file names are quoted by the output boundary, which must
// see them whole); the changes' text is sanitised by change.
func formatDiff(c change.Changes, old, now diffSide, cfg *config.Config, undone bool) string {
	if c.Empty() {
		s := "No changes from " + old.text + " to " + now.text + "."
		if undone {
			s += " (Edits were made since the export, but they leave the content as it was exported: exporting again gives revision " +
				strconv.Itoa(c.From.Revision) + " again.)"
		}
		return s + "\n"
	}
	var b strings.Builder
	b.WriteString("Changes from " + old.text + " to " + now.text + ":\n")
	names := change.Names{
		Theme:    func(k string) string { return config.Name(cfg.Themes, k) },
		Category: func(k string) string { return config.Name(cfg.Categories, k) },
		Role:     func(k string) string { return config.Name(cfg.Roles, k) },
	}
	for _, l := range c.Lines(names) {
		b.WriteString(l + "\n")
	}
	return b.String()
}

// revisionArg reads "@N".
func revisionArg(a string) (int, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(a, "@"))
	if err != nil || n < 1 {
		return 0, usageErr("%q: write a revision from your history as @N, e.g. @3 (pcnvoice history lists them); a file whose name begins with @ as ./%s", a, a)
	}
	return n, nil
}

// side reads an argument: @N from the database's history, else a file.
func (d *differ) side(ctx context.Context, arg string) (diffSide, error) {
	if !strings.HasPrefix(arg, "@") {
		doc, _, err := pcnjson.ReadFile(arg)
		if err != nil {
			return diffSide{}, err
		}
		return diffSide{doc: doc, source: arg, text: arg + " (" + described(doc) + ")"}, nil
	}
	n, err := revisionArg(arg)
	if err != nil {
		return diffSide{}, err
	}
	db, err := d.open(ctx)
	if err != nil {
		return diffSide{}, err
	}
	rec, err := db.ExportRevision(ctx, n)
	if err != nil {
		return diffSide{}, err
	}
	if rec == nil {
		return diffSide{}, d.noRevision(ctx, db, n)
	}
	return d.recorded(rec.Revision, rec.Document)
}

// noRevision says which revisions there are, when @N is not one.
func (d *differ) noRevision(ctx context.Context, db *store.DB, n int) error {
	recs, err := db.Exports(ctx)
	if err != nil {
		return err
	}
	switch len(recs) {
	case 0:
		return fmt.Errorf("@%d: %s has exported nothing yet, so there is no revision to compare", n, db.Path())
	case 1:
		return fmt.Errorf("@%d: %s holds revision %d only (pcnvoice history lists it)", n, db.Path(), recs[0].Revision)
	}
	return fmt.Errorf("@%d: %s has no revision %d; its history holds %d revisions, %d to %d (pcnvoice history lists them)",
		n, db.Path(), n, len(recs), recs[len(recs)-1].Revision, recs[0].Revision)
}

// recorded decodes an export the database keeps, through the one decoder.
func (d *differ) recorded(rev int, document []byte) (diffSide, error) {
	doc, _, err := pcnjson.Decode(fmt.Sprintf("%s: revision %d", d.db.Path(), rev), document)
	if err != nil {
		return diffSide{}, err
	}
	text := fmt.Sprintf("revision %d (%s, exported %s)", rev, doc.Period, exportTime(doc.GeneratedAt))
	return diffSide{doc: doc, source: "revision " + strconv.Itoa(rev), text: text}, nil
}

// lastExport is the newest export: what the forum last received.
func (d *differ) lastExport(ctx context.Context) (diffSide, error) {
	db, err := d.open(ctx)
	if err != nil {
		return diffSide{}, err
	}
	rec, err := db.LastExport(ctx)
	if err != nil {
		return diffSide{}, err
	}
	if rec == nil {
		return diffSide{}, fmt.Errorf("%s has exported nothing yet, so there is no last export to compare with: export first, or give the files to compare", db.Path())
	}
	return d.recorded(rec.Revision, rec.Document)
}

// current is what the database holds now, as the next export would send it.
func (d *differ) current(ctx context.Context) (diffSide, error) {
	db, err := d.open(ctx)
	if err != nil {
		return diffSide{}, err
	}
	s, err := db.Snapshot(ctx)
	if err != nil {
		return diffSide{}, err
	}
	if s.PCN.Code == "" {
		return diffSide{}, fmt.Errorf("%s holds no PCN yet, so there is nothing current to compare: run `pcnvoice` to set it up", db.Path())
	}
	doc := pcnjson.FromSnapshot(s)
	return diffSide{doc: &doc, source: "current content", text: "the current content (" + doc.Period + ")"}, nil
}

// described names a submission file's content: "U51234 revision 3, 2026/27 Q2".
func described(d *pcnjson.Document) string {
	return fmt.Sprintf("%s revision %d, %s, exported %s", d.PCN.Code, d.Revision, d.Period, exportTime(d.GeneratedAt))
}
