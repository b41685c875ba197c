package submission

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/gowebpki/jcs"
)

// Canonical returns the RFC 8785 (JCS) canonical form of any JSON value.
// Go's own encoder is not canonical: it escapes <, > and & and U+2028, and
// keeps struct order; JCS sorts members and fixes string and number forms.
func Canonical(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return jcs.Transform(buf.Bytes())
}

// DigestOf returns "sha256:" and the lowercase hex SHA-256 of canonical bytes.
func DigestOf(canonical []byte) string {
	sum := sha256.Sum256(canonical)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// rawDigest computes the digest a raw JSON object should carry: the
// canonical form of the object without its digest member. Working on the raw
// members keeps unknown members from newer writers inside the digest.
func rawDigest(members map[string]json.RawMessage) (string, error) {
	without := make(map[string]json.RawMessage, len(members))
	for k, v := range members {
		if k != "digest" {
			without[k] = v
		}
	}
	b, err := json.Marshal(without)
	if err != nil {
		return "", err
	}
	c, err := jcs.Transform(b)
	if err != nil {
		return "", err
	}
	return DigestOf(c), nil
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
	Statement  string `json:"statement"`
}

// ContentHash hashes the document's content alone, so that re-exporting
// unchanged content can be recognised whatever its time or revision.
func ContentHash(d *Document) (string, error) {
	c, err := Canonical(content{d.Period, d.PCN, d.Practices, d.Services, d.Workload, d.Priorities, d.Statement})
	if err != nil {
		return "", fmt.Errorf("content hash: %w", err)
	}
	return DigestOf(c), nil
}
