package forum

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/submission"
)

// DecodePack checks and decodes a forum pack file's bytes (UTF-8, with or
// without a byte-order mark, or UTF-16 with one). name is used in errors.
// The pack's own digest must match, every embedded submission must decode
// and verify against its own digest, and the submissions list must agree
// with the embedded documents: a pack is only as good as its evidence.
func DecodePack(name string, data []byte) (*Pack, error) {
	if len(data) > MaxPackSize {
		return nil, &submission.Error{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a forum pack", MaxPackSize>>20)}
	}
	text, err := infile.Text(name, data)
	if err != nil {
		return nil, err
	}
	members, err := submission.Members(name, text)
	if err != nil {
		return nil, err
	}
	return decodePack(name, text, members)
}

func decodePack(name string, text []byte, members map[string]json.RawMessage) (*Pack, error) {
	fail := func(member, format string, args ...any) error {
		return &submission.Error{File: name, Member: member, Msg: fmt.Sprintf(format, args...)}
	}
	if err := checkVersion(name, members); err != nil {
		return nil, err
	}
	var digest string
	if raw, ok := members["digest"]; !ok || json.Unmarshal(raw, &digest) != nil || digest == "" {
		return nil, fail("digest", "missing: merge the submissions again with pcnvoice")
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(members["embedded"], &raws); err != nil || raws == nil {
		return nil, fail("embedded", "must be a list of submissions")
	}
	// Decode the evidence first: each submission checks its own digest and
	// yields its canonical form, which the pack's digest is then built on.
	docs := make([]*submission.Document, len(raws))
	canon := make([]json.RawMessage, len(raws))
	var r reader
	for i, raw := range raws {
		doc, c, err := r.decodeSubmission(fmt.Sprintf("%s: embedded[%d]", name, i), raw)
		if err != nil {
			return nil, err
		}
		docs[i], canon[i] = doc, c
	}
	if want, err := packDigest(members, canon); err != nil {
		return nil, fail("", "not valid JSON: %v", err)
	} else if digest != want {
		return nil, fail("digest", "does not match the content: the pack was modified after it was made; merge the submissions again")
	}
	var p Pack
	if err := json.Unmarshal(text, &p); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fail(te.Field, "has the wrong type (a JSON %s)", te.Value)
		}
		return nil, fail("", "not a valid forum pack: %v", err)
	}
	if len(p.Submissions) != len(docs) {
		return nil, fail("embedded", "holds %d submissions but the submissions list names %d", len(docs), len(p.Submissions))
	}
	for i, doc := range docs {
		if e := p.Submissions[i]; e.Digest != doc.Digest || e.Code != doc.PCN.Code {
			return nil, fail(fmt.Sprintf("submissions[%d]", i), "names %s %s but embedded[%d] is %s %s", e.Code, e.Digest, i, doc.PCN.Code, doc.Digest)
		}
	}
	p.Embedded, p.Documents, p.canonical = canon, docs, slices.Clone(canon)
	return &p, nil
}

// checkVersion checks the format and version members of a pack.
func checkVersion(name string, members map[string]json.RawMessage) error {
	var format string
	var version int
	if err := json.Unmarshal(members["format"], &format); err != nil || format != Format {
		return &submission.Error{File: name, Member: "format", Msg: fmt.Sprintf("must be %q", Format)}
	}
	if err := json.Unmarshal(members["version"], &version); err != nil || version < 1 {
		return &submission.Error{File: name, Member: "version", Msg: "must be a whole number from 1"}
	}
	if version > Version {
		return &submission.Error{File: name, Member: "version", Msg: fmt.Sprintf("%d was written by a newer pcnvoice (this one reads version %d): update pcnvoice", version, Version)}
	}
	return nil
}
