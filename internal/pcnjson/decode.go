package pcnjson

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/infile"
)

// ForumFormat is the format word of a forum pack.
const ForumFormat = "pcnvoice.forum"

// Decoder reads pcnvoice files: the one decoder behind Decode, DecodePack
// and Read. Its buffers are reused from one file to the next, so a worker
// that reads thousands of files keeps only what each result needs. The
// zero Decoder is ready to use; one Decoder is not for concurrent use.
type Decoder struct {
	c canonicaliser
}

// Submission is a submission that passed every check of SPEC §4: its
// document and its RFC 8785 canonical form. Only this package makes one,
// so a pack can embed its canonical form without checking it again.
type Submission struct {
	Doc *Document
	// Signature is the submission's signature record: as its pack kept
	// it (DecodePack), or as a merge found it beside the file. Nil means
	// unsigned. A merge checks an embedded one again before it counts.
	Signature *Signature
	canon     []byte
}

// Canonical is the submission's canonical form: the bytes its digest is
// computed over and a pack embeds. It must not be changed.
func (s *Submission) Canonical() []byte { return s.canon }

// Decode checks and decodes a submission file's bytes. name is used in
// errors. It returns the document and the file's text as UTF-8 (a
// byte-order mark dropped, UTF-16 converted): the record an import keeps,
// whose canonical form the digest covers.
func Decode(name string, data []byte) (*Document, []byte, error) {
	var d Decoder
	return d.Decode(context.Background(), name, data)
}

// Decode is the package's Decode with d's buffers, stopping early if ctx ends.
func (d *Decoder) Decode(ctx context.Context, name string, data []byte) (*Document, []byte, error) {
	if len(data) > MaxSize {
		return nil, nil, &Error{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a submission", MaxSize>>20)}
	}
	text, err := d.canonicalise(ctx, name, data)
	if err != nil {
		return nil, nil, err
	}
	doc, err := decodeSubmission(name, d.c.out, string(d.c.out))
	if err != nil {
		return nil, nil, err
	}
	return doc, text, nil
}

// canonicalise turns a file's bytes into UTF-8 text and canonicalises it
// into d.c, refusing anything that is not one I-JSON object.
func (d *Decoder) canonicalise(ctx context.Context, name string, data []byte) ([]byte, error) {
	text, err := infile.Text(name, data)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(text, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, &Error{File: name, Msg: "empty file: not a pcnvoice file"}
	case trimmed[0] != '{':
		return nil, &Error{File: name, Msg: "not a JSON object: not a pcnvoice file"}
	}
	d.c.reset(ctx, text)
	if err := d.c.run(); err != nil {
		var p *problem
		if errors.As(err, &p) {
			return nil, p.in(name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return text, nil
}

// decodeSubmission decodes and checks a submission from its canonical
// form; s is canon as a string, which the document's text shares.
func decodeSubmission(name string, canon []byte, s string) (*Document, error) {
	r := docReader{b: canon, s: s, index: -1}
	var doc Document
	if !readDocument(&r, &doc) {
		return nil, &Error{File: name, Msg: "not valid JSON"} // cannot happen: canon is canonical
	}
	if err := checkHeader(name, &doc, &r, Format, Version); err != nil {
		return nil, err
	}
	if r.err != nil {
		r.err.File = name
		return nil, r.err
	}
	if doc.Digest == "" {
		return nil, &Error{File: name, Member: "digest", Msg: "missing: export the file again from pcnvoice"}
	}
	if doc.Digest != digestWithout(canon, r.digestFrom, r.digestTo) {
		return nil, &Error{File: name, Member: "digest", Msg: "does not match the content: the file was modified after export; ask its PCN to export it again"}
	}
	if err := doc.Validate(); err != nil {
		var fe *domain.FieldError
		if errors.As(err, &fe) {
			return nil, &Error{File: name, Member: fe.Field, Msg: fe.Msg}
		}
		return nil, &Error{File: name, Msg: err.Error()}
	}
	doc.sort()
	return &doc, nil
}

// checkHeader checks format and version before anything else, so a wrong
// kind of file gets a message about what it is, not about a member.
func checkHeader(name string, d *Document, r *docReader, format string, version int) error {
	fail := func(member, msg string, args ...any) error {
		return &Error{File: name, Member: member, Msg: fmt.Sprintf(msg, args...)}
	}
	switch {
	case r.seen&seenFormat == 0 || r.bad&seenFormat != 0:
		return fail("format", "missing: not a pcnvoice file")
	case d.Format != format && (d.Format == Format || d.Format == ForumFormat):
		return fail("format", "is %q, not %q", d.Format, format)
	case d.Format != format:
		return fail("format", "%q is not a pcnvoice format", d.Format)
	case r.seen&seenVersion == 0:
		return fail("version", "missing")
	case r.bad&seenVersion != 0 || d.Version < 1:
		return fail("version", "must be a whole number from 1")
	case d.Version > version:
		return fail("version", "%d was written by a newer pcnvoice (this one reads version %d): update pcnvoice", d.Version, version)
	}
	return nil
}

// digestWithout is the digest of the canonical object canon without its
// member canon[from:to] (and the comma beside it).
func digestWithout(canon []byte, from, to int) string {
	switch {
	case from > 0 && canon[from-1] == ',':
		from--
	case to < len(canon) && canon[to] == ',':
		to++
	}
	h := sha256.New()
	h.Write(canon[:from])
	h.Write(canon[to:])
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// ReadFile reads and decodes the submission at path.
func ReadFile(path string) (*Document, []byte, error) {
	data, err := infile.Read(path, MaxSize)
	if err != nil {
		return nil, nil, err
	}
	return Decode(path, data)
}
