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
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/report"
	"github.com/pcnvoice/pcnvoice/internal/sigfile"
	"github.com/pcnvoice/pcnvoice/internal/store"
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

// Settings lists the files an export reads besides the database, which
// its Path may no more replace than the database: the config file and the
// signing key file ("" for none, or for the agent). The command line and
// the app's Export screen both pass it, so a director who types the key's
// own name as the file to write is refused rather than left without a key.
func Settings(configFile, keyFile string) []atomicfile.Protect {
	var out []atomicfile.Protect
	if configFile != "" {
		out = append(out, atomicfile.Protect{Path: configFile, What: "the config file"})
	}
	if keyFile != "" {
		out = append(out, atomicfile.Protect{Path: keyFile, What: "the signing key"})
	}
	return out
}

// Options are one export's settings.
type Options struct {
	Format Format // "" means JSON
	// Path is the file to write, atomically and with mode 0600 (it holds
	// notes). It may not be the database, its log, a backup or any other
	// SQLite database, nor a path in Protect.
	Path string
	// Out takes the export when Path is "" (stdout). The export is recorded
	// once Out has taken every byte. One of Path and Out is required.
	Out io.Writer
	// Protect lists more paths Path must not replace: the files the export
	// reads besides the database (Settings).
	Protect []atomicfile.Protect
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
	// Wrap, when set, wraps the writer the export goes through: tests put
	// one there that fails at byte N, as a full disk does.
	Wrap func(io.Writer) io.Writer
	// Sign, when set, signs the exact bytes exported (sshsign's Signer.Sign:
	// an armored SSH signature), and the signature is written to Path.sig
	// with the file, as one (SPEC §13). It needs Path. A signature that
	// fails writes neither file and records nothing.
	Sign func(data []byte) ([]byte, error)
}

// Result is what an export did.
type Result struct {
	// Record is the revision exported: a new one, or the last one again
	// when the content is unchanged (Unchanged).
	Record    domain.ExportRecord
	Bytes     []byte        // the output in the chosen format
	Findings  []pii.Finding // every finding, warnings included
	Notices   []Notice      // what the papers would lack (Notices)
	Unchanged bool
	// NotRecorded says why an export to Out was not recorded in the
	// database's history (it is read-only); "" when it was.
	NotRecorded string
	// SigPath is the signature written beside Path, when Sign was set.
	SigPath string
	// StaleSig says a signature left beside Path by its last version,
	// which does not sign what was written now, was removed (unsigned
	// exports only); StaleSigErr says why one could not be.
	StaleSig    bool
	StaleSigErr error
}

// ErrNoDestination is returned when Options give neither Path nor Out.
var ErrNoDestination = errors.New("exportjob: no destination (Path or Out)")

// ErrSignNeedsFile is returned when Sign is set without Path: a signature
// is a file beside the file it signs.
var ErrSignNeedsFile = errors.New("a signed export needs a file to write (the signature goes beside it, as FILE.sig)")

// Run exports the database's current content. The guard runs before
// anything is written or recorded, on the content as it is exported, so
// content edited in another window cannot slip past it; on a block without
// AllowPII it returns a *BlockedError (errors.Is(err, ErrBlocked)) and the
// findings in Result.Findings, having recorded and written nothing. The
// export is recorded only once its output is safely written — the file
// renamed into place and synced, or every byte taken by Out — so a failed
// write leaves history and "changed since export" as they were.
func Run(ctx context.Context, db *store.DB, opt Options) (Result, error) {
	opt = opt.withDefaults()
	if _, err := ParseFormat(string(opt.Format)); err != nil {
		return Result{}, err
	}
	if opt.Path == "" && opt.Out == nil {
		return Result{}, ErrNoDestination
	}
	if opt.Sign != nil && opt.Path == "" {
		return Result{}, ErrSignNeedsFile
	}
	if opt.Path != "" {
		if why := db.ReadOnly(); why != "" {
			return Result{}, fmt.Errorf("%s: %w (%s): an export to a file is recorded in the database's history, which cannot be written; without -o an unrecorded copy goes to stdout", db.Path(), store.ErrReadOnly, why)
		}
		check := atomicfile.CheckTarget
		if opt.Sign != nil {
			check = sigfile.CheckTarget // FILE.sig is written too
		}
		if err := check(opt.Path, append(store.Protected(db.Path()), opt.Protect...)); err != nil {
			return Result{}, err
		}
		if err := checkFolder(opt.Path); err != nil {
			return Result{}, err
		}
	}
	postcodes, err := db.PracticePostcodes(ctx)
	if err != nil {
		return Result{}, err
	}
	var res Result
	build := pcnjson.Build(opt.Now, opt.Generator)
	guarded := func(s domain.Snapshot, last *domain.ExportRecord) (domain.ExportRecord, error) {
		doc := pcnjson.FromSnapshot(s)
		findings, err := scan(&doc, postcodes)
		if err != nil {
			return domain.ExportRecord{}, err
		}
		res.Findings = findings
		res.Notices = Notices(&doc)
		if pii.Blocking(res.Findings) && !opt.AllowPII {
			return domain.ExportRecord{}, &BlockedError{Findings: res.Findings}
		}
		rec, err := build(s, last)
		res.Unchanged = err == nil && last != nil && rec.Revision == last.Revision
		return rec, err
	}
	if opt.Path != "" {
		// The file (and its signature) is written inside the export's
		// write transaction, and the revision recorded only after the
		// renames and fsyncs. The bytes are signed before either file is
		// written: a signature that fails leaves nothing behind.
		res.Record, err = db.Export(ctx, guarded, func(rec domain.ExportRecord) error {
			data, err := render(ctx, db, rec, opt.Format, opt.Config)
			if err != nil {
				return err
			}
			var sig []byte
			if opt.Sign != nil {
				if sig, err = opt.Sign(data); err != nil {
					return fmt.Errorf("sign %s: %w", opt.Path, err)
				}
			}
			res.Bytes = data
			return sigfile.Write(ctx, opt.Path, data, sig, atomicfile.Options{Perm: 0o600, Wrap: opt.Wrap})
		})
		if err != nil {
			res.Bytes = nil
			return res, err
		}
		if opt.Sign != nil {
			res.SigPath = sigfile.Path(opt.Path)
		} else {
			res.StaleSig, res.StaleSigErr = sigfile.RemoveStale(opt.Path, res.Bytes)
		}
		return res, nil
	}
	// Stdout may be a pipe to a pager that waits on a person: write it
	// without holding the write lock, then record, unless another export
	// was recorded meanwhile.
	p, err := db.PrepareExport(ctx, guarded)
	if err != nil {
		return res, err
	}
	res.Record = p.Record
	if res.Bytes, err = render(ctx, db, p.Record, opt.Format, opt.Config); err != nil {
		return res, err
	}
	if err := writeAll(ctx, opt.Out, opt.Wrap, res.Bytes); err != nil {
		return res, err
	}
	if why := db.ReadOnly(); why != "" {
		res.NotRecorded = why
		return res, nil
	}
	return res, db.RecordExport(ctx, p)
}

// writeAll writes data to w in pieces, stopping if ctx ends.
func writeAll(ctx context.Context, w io.Writer, wrap func(io.Writer) io.Writer, data []byte) error {
	if wrap != nil {
		w = wrap(w)
	}
	const piece = 64 << 10
	for len(data) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := w.Write(data[:min(len(data), piece)])
		if err != nil {
			return fmt.Errorf("write the export: %w", err)
		}
		data = data[n:]
	}
	return nil
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
// show exactly the revision and digest they name, with each service's
// status in the last period exported before this one beside it (SPEC §14)
// when the history has one.
func render(ctx context.Context, db *store.DB, rec domain.ExportRecord, f Format, cfg *config.Config) ([]byte, error) {
	if f == JSON {
		return rec.Document, nil
	}
	doc, _, err := pcnjson.Decode(fmt.Sprintf("revision %d", rec.Revision), rec.Document)
	if err != nil {
		return nil, fmt.Errorf("render the export: %w", err)
	}
	prev, err := previous(ctx, db, doc)
	if err != nil {
		return nil, err
	}
	if f == Markdown {
		return report.SubmissionMarkdownSince(doc, prev, cfg), nil
	}
	return report.SubmissionHTMLSince(doc, prev, cfg)
}

// previous is the last submission the database exported for a period
// before doc's, read through the one decoder; nil when there is none.
// (Called while an export holds the write lock: it reads on a connection
// of its own, which WAL lets it, and sees the history as it was, which
// the export being recorded does not change.)
func previous(ctx context.Context, db *store.DB, doc *pcnjson.Document) (*pcnjson.Document, error) {
	p, err := domain.ParsePeriod(doc.Period)
	if err != nil {
		return nil, nil
	}
	rec, err := db.PreviousPeriodExport(ctx, p)
	if err != nil || rec == nil {
		return nil, err
	}
	prev, _, err := pcnjson.Decode(fmt.Sprintf("%s: revision %d", db.Path(), rec.Revision), rec.Document)
	if err != nil {
		return nil, fmt.Errorf("read the previous period's submission, whose statuses the paper shows: %w", err)
	}
	return prev, nil
}
