package pcnjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Encode validates d, sets its digest and returns the file's bytes: indented
// JSON (people open these files) ending in a newline.
func Encode(d *Document) ([]byte, error) {
	d.Digest = ""
	d.sort()
	if err := d.Validate(); err != nil {
		return nil, err
	}
	c, err := Canonical(d)
	if err != nil {
		return nil, fmt.Errorf("encode submission: %w", err)
	}
	d.Digest = DigestOf(c)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("encode submission: %w", err)
	}
	return buf.Bytes(), nil
}

// ErrNoPCN is returned by Build when the database has no PCN to export.
var ErrNoPCN = errors.New("no PCN is set up yet: run `pcnvoice import` or set it up in the TUI first")

// Build returns the export step for store.DB.Export: it builds the document
// from the snapshot and, if its content is what the last export held,
// returns that export unchanged (same revision, same bytes); otherwise the
// next revision, stamped with now (UTC, whole seconds) and generator.
func Build(now time.Time, generator string) func(domain.Snapshot, *domain.ExportRecord) (domain.ExportRecord, error) {
	return func(s domain.Snapshot, last *domain.ExportRecord) (domain.ExportRecord, error) {
		if s.PCN.Code == "" {
			return domain.ExportRecord{}, ErrNoPCN
		}
		d := FromSnapshot(s)
		hash, err := ContentHash(&d)
		if err != nil {
			return domain.ExportRecord{}, err
		}
		if last != nil && last.ContentHash == hash {
			return *last, nil
		}
		d.Revision = 1
		if last != nil {
			d.Revision = last.Revision + 1
		}
		d.Generator = generator
		d.GeneratedAt = now.UTC().Truncate(time.Second).Format(time.RFC3339)
		b, err := Encode(&d)
		if err != nil {
			return domain.ExportRecord{}, err
		}
		return domain.ExportRecord{
			Revision: d.Revision, ExportedAt: d.GeneratedAt, Period: d.Period,
			Digest: d.Digest, ContentHash: hash, Document: b,
		}, nil
	}
}
