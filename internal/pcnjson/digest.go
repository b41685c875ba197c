package pcnjson

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Canonicalise returns the RFC 8785 (JCS) canonical form of the JSON text
// b, which must be I-JSON: the one canonicaliser every reader, the digest
// and the encoders use.
func Canonicalise(b []byte) ([]byte, error) {
	if !utf8.Valid(b) {
		return nil, errors.New("not valid UTF-8")
	}
	var c canonicaliser
	c.reset(context.Background(), b)
	if err := c.run(); err != nil {
		return nil, err
	}
	return c.take(), nil
}

// Canonical returns the canonical form of v as encoding/json writes it.
// Go's encoder alone is not canonical: it escapes <, > and & and U+2028,
// and keeps struct order; JCS sorts members and fixes string and number
// forms.
func Canonical(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return Canonicalise(buf.Bytes())
}

// DigestOf returns "sha256:" and the lowercase hex SHA-256 of canonical bytes.
func DigestOf(canonical []byte) string {
	sum := sha256.Sum256(canonical)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// content is what "the exported content" means for revisions: everything
// but the format header, generator, time, revision and digest.
type content struct {
	Period     string `json:"period"`
	PCN        any    `json:"pcn"`
	Practices  any    `json:"practices"`
	Services   any    `json:"services"`
	Workload   any    `json:"workload"`
	Priorities any    `json:"priorities"`
	// Workforce is left out when not reported, so a database that never
	// reported it hashes as it did before workforce existed: upgrading
	// pcnvoice does not make unchanged content a new revision.
	Workforce any    `json:"workforce,omitempty"`
	Statement string `json:"statement"`
}

// ContentHash hashes the document's content alone, so that re-exporting
// unchanged content can be recognised whatever its time or revision.
func ContentHash(d *Document) (string, error) {
	var w any
	if d.Workforce != nil {
		w = d.Workforce
	}
	c, err := Canonical(content{d.Period, d.PCN, d.Practices, d.Services, d.Workload, d.Priorities, w, d.Statement})
	if err != nil {
		return "", fmt.Errorf("content hash: %w", err)
	}
	return DigestOf(c), nil
}
