// Package importer reads the files a director imports — a pcnvoice
// submission to restore, or NHS open data (practice–PCN map, list sizes,
// ePCN) — and applies them to a database. Reading comes first and touches
// nothing, so a bad file changes nothing; applying is one transaction and
// says what it changed. The command line and the TUI both import through it.
package importer

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/nhsdata"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// Options are the choices an import takes.
type Options struct {
	// PCN is the PCN code to take from an NHS file (--pcn), already
	// normalised; empty means the database's own PCN.
	PCN string
	// Now dates ePCN memberships ("current" on this day).
	Now time.Time
	// Config gives the catalogue services seeded when an import creates the
	// PCN. Nil means the shipped defaults.
	Config *config.Config
}

// Plan is a file read and understood, ready to apply.
type Plan struct {
	Path string
	Kind string // what the file was read as, for people

	doc  *pcnjson.Document // a submission to restore
	text []byte            // its UTF-8 text, as hashed

	nhsKind nhsdata.Kind
	mapRows []nhsdata.MapRow
	sizes   []nhsdata.ListSize
	epcn    *nhsdata.EPCN
}

// Result is what applying a plan changed, as lines for people.
type Result struct {
	Lines []string
	// Backup is the copy of the database made before the import changed
	// it; "" when nothing changed or the database was empty.
	Backup string
}

// backedUp is the line that tells where the database as it was is kept.
func backedUp(path string) string {
	return "the database as it was is backed up at " + path
}

// Read reads the file at path and works out what it is from its content,
// never its name. It touches no database.
func Read(path string) (*Plan, error) { return ReadContext(context.Background(), path) }

// ReadContext is Read that stops when ctx ends. Only a regular file is
// read: a FIFO, device or socket is refused at once.
func ReadContext(ctx context.Context, path string) (*Plan, error) {
	head, size, err := infile.Peek(path, 4096)
	if err != nil {
		return nil, err
	}
	if looksJSON(head) {
		// Refuse an oversized submission before reading it whole.
		if size > pcnjson.MaxSize {
			return nil, fmt.Errorf("%s: %w (%d bytes; a submission is at most %d MiB)", path, infile.ErrTooLarge, size, pcnjson.MaxSize>>20)
		}
		data, err := infile.ReadContext(ctx, path, pcnjson.MaxSize)
		if err != nil {
			return nil, err
		}
		return parse(ctx, func() (*Plan, error) {
			doc, text, err := pcnjson.Decode(path, data)
			if err != nil {
				return nil, err
			}
			return &Plan{Path: path, Kind: "a pcnvoice submission", doc: doc, text: text}, nil
		})
	}
	data, err := infile.ReadContext(ctx, path, nhsdata.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parse(ctx, func() (*Plan, error) { return readNHS(path, data) })
}

// parse runs a parser, which touches nothing outside its bytes, and
// returns early when ctx ends: a national CSV takes seconds to parse, and
// Ctrl-C must not wait for it. An abandoned parse ends on its own.
func parse(ctx context.Context, fn func() (*Plan, error)) (*Plan, error) {
	type result struct {
		plan *Plan
		err  error
	}
	done := make(chan result, 1)
	go func() {
		p, err := fn()
		done <- result{p, err}
	}()
	select {
	case r := <-done:
		return r.plan, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// looksJSON reports whether a file's first bytes (after a byte-order mark
// and white space, in UTF-8 or UTF-16) look like JSON — or like nothing at
// all, so that an empty file gets the submission reader's message.
func looksJSON(head []byte) bool {
	trimmed := bytes.TrimLeft(head, " \t\r\n\x00\xef\xbb\xbf\xff\xfe")
	return len(trimmed) == 0 || trimmed[0] == '{' || trimmed[0] == '['
}

// Apply applies the plan to db in one transaction.
func (p *Plan) Apply(ctx context.Context, db *store.DB, opt Options) (Result, error) {
	if opt.Config == nil {
		opt.Config = config.Default()
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if p.doc != nil {
		return p.restore(ctx, db)
	}
	return p.applyNHS(ctx, db, opt)
}

// seed lists the period's catalogue services, not started, for a PCN an
// import creates.
func seed(ctx context.Context, db *store.DB, cfg *config.Config) ([]domain.Service, error) {
	period, err := db.Period(ctx)
	if err != nil {
		return nil, err
	}
	var out []domain.Service
	for _, e := range cfg.ActiveServices(period.Year) {
		out = append(out, domain.Service{Key: e.Key, Name: e.Name, Status: domain.NotStarted})
	}
	return out, nil
}
