// Package exportjob is the one export path behind `pcnvoice export` and the
// TUI's Export section: the patient-data guard, the revision recorded in
// the database, the rendering in the chosen format and the atomic write.
// It prints nothing: each front end reports findings and results in its own
// way, and both get the same guarantees — a blocked export records no
// revision and writes no byte.
package exportjob

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/report"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/submission"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

// Format is what an export writes: the submission itself (JSON) or a board
// paper of the same revision (Markdown, HTML). Its value is the --format
// flag's spelling.
type Format string

// The formats, in the order a picker offers them.
const (
	JSON     Format = "json"
	Markdown Format = "md"
	HTML     Format = "html"
)

// Formats lists every format, for pickers and messages.
var Formats = []Format{JSON, Markdown, HTML}

// ErrFormat is returned for a format other than json, md or html.
var ErrFormat = errors.New("want json, md or html")

// ParseFormat returns the Format spelled s, exactly.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case JSON, Markdown, HTML:
		return f, nil
	}
	return "", fmt.Errorf("format %q: %w", s, ErrFormat)
}

// ErrBlocked is what a *BlockedError matches with errors.Is: the guard
// found patient data and AllowPII was not set.
var ErrBlocked = errors.New("blocked: the text looks like it holds patient-identifiable data")

// BlockedError is Run's error when the guard blocks the export. Nothing was
// recorded or written.
type BlockedError struct {
	Findings []pii.Finding
}

// Error says what blocked, in the words of ErrBlocked.
func (e *BlockedError) Error() string { return ErrBlocked.Error() }

// Is makes errors.Is(err, ErrBlocked) true.
func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }

// Options are one export's settings.
type Options struct {
	Format Format // "" means JSON
	// Path is the file to write, atomically and with mode 0600 (it holds
	// notes); "" writes nothing and leaves the bytes in Result.Bytes.
	Path string
	// AllowPII exports despite blocking findings, after the user has
	// checked them (--allow-pii).
	AllowPII bool
	// Now stamps a new revision; the zero time means time.Now.
	Now time.Time
	// Generator is the document's generator member; "" means this build's.
	Generator string
	// Config names catalogue entries in md and html; nil means the
	// shipped defaults.
	Config *config.Config
}

// Result is what an export did.
type Result struct {
	// Record is the revision exported: a new one, or the last one again
	// when the content is unchanged (Unchanged).
	Record    domain.ExportRecord
	Bytes     []byte        // the output in the chosen format
	Findings  []pii.Finding // every finding, warnings included
	Unchanged bool
}

// Run exports the database's current content. The guard runs inside the
// export's write transaction, before a revision is recorded, so content
// edited in another window cannot slip past it; on a block without
// AllowPII it returns a *BlockedError (errors.Is(err, ErrBlocked)) and the
// findings in Result.Findings, having recorded and written nothing.
func Run(ctx context.Context, db *store.DB, opt Options) (Result, error) {
	opt = opt.withDefaults()
	if _, err := ParseFormat(string(opt.Format)); err != nil {
		return Result{}, err
	}
	if err := checkFolder(opt.Path); err != nil {
		return Result{}, err
	}
	postcodes, err := db.PracticePostcodes(ctx)
	if err != nil {
		return Result{}, err
	}
	var res Result
	build := submission.Build(opt.Now, opt.Generator)
	guarded := func(s domain.Snapshot, last *domain.ExportRecord) (domain.ExportRecord, error) {
		doc := submission.FromSnapshot(s)
		findings, err := scan(&doc, postcodes)
		if err != nil {
			return domain.ExportRecord{}, err
		}
		res.Findings = findings
		if pii.Blocking(res.Findings) && !opt.AllowPII {
			return domain.ExportRecord{}, &BlockedError{Findings: res.Findings}
		}
		rec, err := build(s, last)
		res.Unchanged = err == nil && last != nil && rec.Revision == last.Revision
		return rec, err
	}
	if res.Record, err = db.Export(ctx, guarded); err != nil {
		return res, err
	}
	if res.Bytes, err = render(res.Record, opt.Format, opt.Config); err != nil {
		return res, err
	}
	if opt.Path != "" {
		if err := atomicfile.WriteFile(opt.Path, res.Bytes, 0o600); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (o Options) withDefaults() Options {
	if o.Format == "" {
		o.Format = JSON
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Generator == "" {
		o.Generator = version.Generator()
	}
	if o.Config == nil {
		o.Config = config.Default()
	}
	return o
}

// checkFolder refuses a destination whose folder does not exist before
// the export is recorded: a mistyped folder should cost nothing.
func checkFolder(path string) error {
	if path == "" {
		return nil
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("write %s: the folder %s does not exist", path, dir)
	case !fi.IsDir():
		return fmt.Errorf("write %s: %s is not a folder", path, dir)
	}
	return nil
}

// render turns the recorded export into the chosen format. Papers are
// rendered from the recorded JSON itself, decoded and verified, so they
// show exactly the revision and digest they name.
func render(rec domain.ExportRecord, f Format, cfg *config.Config) ([]byte, error) {
	if f == JSON {
		return rec.Document, nil
	}
	doc, _, err := submission.Decode(fmt.Sprintf("revision %d", rec.Revision), rec.Document)
	if err != nil {
		return nil, fmt.Errorf("render the export: %w", err)
	}
	if f == Markdown {
		return report.SubmissionMarkdown(doc, cfg), nil
	}
	return report.SubmissionHTML(doc, cfg)
}
