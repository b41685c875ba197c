package importer

import (
	"context"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// restore replaces the database's content with the submission's, exactly,
// after a backup copy when the database is not empty. Another PCN's file is
// refused before anything is touched.
func (p *Plan) restore(ctx context.Context, db *store.DB) (Result, error) {
	doc := p.doc
	hash, err := pcnjson.ContentHash(doc)
	if err != nil {
		return Result{}, err
	}
	cur, err := db.PCN(ctx)
	if err != nil {
		return Result{}, err
	}
	if cur != nil && cur.Code != doc.PCN.Code {
		return Result{}, fmt.Errorf("%s: is for %s %s, but this database holds %s %s; use another --db for another PCN",
			p.Path, doc.PCN.Code, termtext.Line(doc.PCN.Name), cur.Code, termtext.Line(cur.Name))
	}
	rec := domain.ExportRecord{
		Revision: doc.Revision, ExportedAt: doc.GeneratedAt, Period: doc.Period,
		Digest: doc.Digest, ContentHash: hash, Document: p.text,
	}
	// The backup is taken inside the restore's transaction, when the
	// database held anything: nothing can land between the copy and the
	// restore, and a failed copy restores nothing.
	var res Result
	backup, changed, err := db.RestoreBackedUp(ctx, doc.Snapshot(), &rec)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", p.Path, err)
	}
	if !changed {
		res.Lines = append(res.Lines, fmt.Sprintf("nothing to restore: the database already holds %s %s, %s revision %d, exactly; nothing changed",
			doc.PCN.Code, termtext.Line(doc.PCN.Name), doc.Period, doc.Revision))
		return res, nil
	}
	res.Backup = backup
	res.Lines = append(res.Lines, fmt.Sprintf("restored %s %s, %s revision %d: %d practices, %d services, %d workload notes, %d priorities, %s",
		doc.PCN.Code, termtext.Line(doc.PCN.Name), doc.Period, doc.Revision,
		len(doc.Practices), len(doc.Services), len(doc.Workload), len(doc.Priorities), workforceWords(doc)))
	if res.Backup != "" {
		res.Lines = append(res.Lines, backedUp(res.Backup))
	}
	return res, nil
}

// Restores reports whether applying the plan replaces the whole database
// (a submission), so a front end can ask before doing it.
func (p *Plan) Restores() bool { return p.doc != nil }

// workforceWords says what a restored file reported of its workforce.
func workforceWords(d *pcnjson.Document) string {
	switch n := len(d.Roles()); {
	case d.Workforce == nil:
		return "workforce not reported"
	case n == 0:
		return "no additional-role staff"
	case n == 1:
		return "1 additional role"
	default:
		return fmt.Sprintf("%d additional roles", n)
	}
}
