package forum

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/submission"
)

// fastDecode decodes a submission's UTF-8 text in one canonicalising pass
// and one read of the canonical form, where submission.Decode parses it
// five times (members, validity, document, digest members, canonical form). It exists because SPEC §12
// asks a 1,250-file merge to beat `jq -s length`, and Decode alone cost
// twice jq's time.
//
// It answers only when it is sure it agrees with submission.Decode, which
// stays the one authority on what a valid submission is: ok is false for
// anything off the well-trodden path — a key that is not lowercase ASCII
// (Decode's unmarshal folds case), unsorted lists (Decode sorts them), a
// bad digest, any validation failure — and the caller then runs Decode for
// the verdict and its message. A differential fuzz test holds the two to
// the same documents.
//
// c's buffers are reused (one canonicaliser per worker); what is returned
// is the document's own.
func fastDecode(c *canonicaliser, text []byte) (doc *submission.Document, canon json.RawMessage, ok bool) {
	c.reset(text)
	if c.run() != nil || c.otherKeys || c.otherNumbers || len(c.top) == 0 {
		return nil, nil, false
	}
	canon = c.out
	// The digest covers the canonical form without the digest member:
	// hash around it rather than copy.
	at := slices.IndexFunc(c.top, func(m member) bool { return string(m.key) == "digest" })
	if at < 0 {
		return nil, nil, false
	}
	from, to := c.top[at].start, c.top[at].end
	switch {
	case at > 0:
		from-- // the comma before it
	case len(c.top) > 1:
		to++ // the comma after it
	}
	h := sha256.New()
	h.Write(canon[:from])
	h.Write(canon[to:])
	digest := "sha256:" + hex.EncodeToString(h.Sum(nil))

	// Keys are lowercase ASCII and unique, and numbers stand as written,
	// so reading the canonical form fills the document exactly as
	// unmarshalling the text would.
	canon = bytes.Clone(canon) // out of c's buffer, at its exact size
	var d submission.Document
	if !decodeCanonical(canon, &d) {
		return nil, nil, false
	}
	// An int field only takes a whole-number literal, so Version == 1
	// means the text says 1, which is what Decode's header check wants.
	if d.Format != submission.Format || d.Version != submission.Version || d.Digest != digest {
		return nil, nil, false
	}
	if d.Validate() != nil || !inOrder(&d) {
		return nil, nil, false
	}
	// As Decode's sort does, absent lists become empty ones.
	if d.Practices == nil {
		d.Practices = []domain.Practice{}
	}
	if d.Services == nil {
		d.Services = []domain.Service{}
	}
	if d.Workload == nil {
		d.Workload = []domain.Note{}
	}
	if d.Priorities == nil {
		d.Priorities = []domain.Priority{}
	}
	return &d, canon, true
}

// inOrder reports whether d's lists are already in the order SPEC §4 fixes
// (the order submission.Decode sorts them into; a file pcnvoice exported
// always is). Decode's sort is stable, so for a list already in order it
// changes nothing, and the document here equals Decode's.
func inOrder(d *submission.Document) bool {
	return slices.IsSortedFunc(d.Practices, func(a, b domain.Practice) int { return strings.Compare(a.ODSCode, b.ODSCode) }) &&
		slices.IsSortedFunc(d.Services, func(a, b domain.Service) int { return strings.Compare(a.Key, b.Key) }) &&
		slices.IsSortedFunc(d.Workload, func(a, b domain.Note) int {
			return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.Category, b.Category), strings.Compare(a.Text, b.Text),
				cmp.Compare(a.Severity, b.Severity))
		}) &&
		slices.IsSortedFunc(d.Priorities, func(a, b domain.Priority) int { return cmp.Compare(a.Rank, b.Rank) })
}
