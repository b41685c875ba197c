package forum

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gowebpki/jcs"

	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/submission"
)

// EncodePack sets p's digest and returns the file's bytes: JSON indented by
// two spaces, without HTML escaping (people and diff tools read packs),
// ending in a newline. The digest is "sha256:" and the hex SHA-256 of the
// RFC 8785 canonical form of the pack without its digest, as for a
// submission, so one checker serves both.
func EncodePack(p *Pack) ([]byte, error) {
	p.Digest = ""
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("encode forum pack: %w", err)
	}
	c, err := jcs.Transform(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("encode forum pack: %w", err)
	}
	p.Digest = submission.DigestOf(c)
	// Digest is the last member: append it to the text already encoded
	// rather than encoding tens of MiB of embedded submissions twice.
	// This gives exactly what encoding p again would (a test checks).
	out := bytes.TrimSuffix(buf.Bytes(), []byte("\n}\n"))
	out = append(out, ",\n  \"digest\": \""...)
	out = append(out, p.Digest...)
	out = append(out, "\"\n}\n"...)
	return out, nil
}

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
	if want, err := membersDigest(members); err != nil {
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
	if len(p.Submissions) != len(p.Embedded) {
		return nil, fail("embedded", "holds %d submissions but the submissions list names %d", len(p.Embedded), len(p.Submissions))
	}
	p.Documents = make([]*submission.Document, len(p.Embedded))
	for i, raw := range p.Embedded {
		doc, _, err := submission.Decode(fmt.Sprintf("%s: embedded[%d]", name, i), raw)
		if err != nil {
			return nil, err
		}
		if e := p.Submissions[i]; e.Digest != doc.Digest || e.Code != doc.PCN.Code {
			return nil, fail(fmt.Sprintf("submissions[%d]", i), "names %s %s but embedded[%d] is %s %s", e.Code, e.Digest, i, doc.PCN.Code, doc.Digest)
		}
		p.Documents[i] = doc
	}
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

// membersDigest is the digest a JSON object's members should carry: over
// the canonical form of the object without its digest member. Working on
// raw members keeps members from newer writers inside the digest.
func membersDigest(members map[string]json.RawMessage) (string, error) {
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
	return submission.DigestOf(c), nil
}
