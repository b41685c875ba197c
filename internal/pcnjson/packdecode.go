package pcnjson

import (
	"context"
	"fmt"
)

// DecodePack checks and decodes a forum pack file's bytes (UTF-8, with or
// without a byte-order mark, or UTF-16 with one). name is used in errors.
// The pack's own digest must match, every embedded submission must decode
// and verify against its own digest, and the submissions list must agree
// with the embedded documents: a pack is only as good as its evidence.
func DecodePack(name string, data []byte) (*Pack, error) {
	var d Decoder
	return d.DecodePack(context.Background(), name, data)
}

// DecodePack is the package's DecodePack with d's buffers, stopping early
// if ctx ends.
func (d *Decoder) DecodePack(ctx context.Context, name string, data []byte) (*Pack, error) {
	if len(data) > MaxPackSize {
		return nil, &Error{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a forum pack", MaxPackSize>>20)}
	}
	if _, err := d.canonicalise(ctx, name, data); err != nil {
		return nil, err
	}
	return d.pack(name)
}

// pack decodes the pack whose canonical form d holds. The pack is
// canonicalised once, whole: the canonical form of each embedded
// submission is a slice of it, read and verified in place.
func (d *Decoder) pack(name string) (*Pack, error) {
	fail := func(member, format string, args ...any) error {
		return &Error{File: name, Member: member, Msg: fmt.Sprintf(format, args...)}
	}
	if err := d.packHeader(name); err != nil {
		return nil, err
	}
	dm, ok := d.c.topMember("digest")
	digest := d.topString("digest")
	if !ok || digest == "" {
		return nil, fail("digest", "missing: merge the submissions again with pcnvoice")
	}
	em, ok := d.c.topMember("embedded")
	var spans [][2]int
	if ok {
		v := memberValue(d.c.out, em)
		spans = elements(d.c.out, em.end-len(v), em.end)
	}
	if spans == nil {
		return nil, fail("embedded", "must be a list of submissions")
	}
	canon := d.c.take() // the pack's own from here: its documents share it
	s := string(canon)
	// Decode the evidence first: each submission checks its own digest.
	subs := make([]*Submission, len(spans))
	for i, sp := range spans {
		label := fmt.Sprintf("%s: embedded[%d]", name, i)
		item := canon[sp[0]:sp[1]:sp[1]]
		if item[0] != '{' {
			return nil, &Error{File: label, Msg: "not a submission (a JSON object)"}
		}
		doc, err := decodeSubmission(label, item, s[sp[0]:sp[1]])
		if err != nil {
			return nil, err
		}
		subs[i] = &Submission{Doc: doc, canon: item}
	}
	if digest != digestWithout(canon, dm.start, dm.end) {
		return nil, fail("digest", "does not match the content: the pack was modified after it was made; merge the submissions again")
	}
	var p Pack
	if err := unmarshalCanonical(canon, s, &p); err != nil {
		err.File = name
		return nil, err
	}
	if len(p.Submissions) != len(subs) {
		return nil, fail("embedded", "holds %d submissions but the submissions list names %d", len(subs), len(p.Submissions))
	}
	for i, sub := range subs {
		e, doc := &p.Submissions[i], sub.Doc
		if e.Digest != doc.Digest || e.Code != doc.PCN.Code {
			return nil, fail(fmt.Sprintf("submissions[%d]", i), "names %s %s but embedded[%d] is %s %s", e.Code, e.Digest, i, doc.PCN.Code, doc.Digest)
		}
		if member, msg := e.Signature.check(); msg != "" {
			return nil, fail(fmt.Sprintf("submissions[%d].signature.%s", i, member), "%s", msg)
		}
		if e.Signature.HasSignature() {
			sig := e.Signature
			sub.Signature = &sig
		}
	}
	p.Embed(subs)
	return &p, nil
}

// packHeader checks the format and version of the pack d holds, as a
// submission's are checked: they are read from a two-member object made
// of the pack's own.
func (d *Decoder) packHeader(name string) error {
	hdr := []byte{'{'}
	for _, key := range []string{"format", "version"} { // in canonical order
		if m, ok := d.c.topMember(key); ok {
			if len(hdr) > 1 {
				hdr = append(hdr, ',')
			}
			hdr = append(hdr, d.c.out[m.start:m.end]...)
		}
	}
	hdr = append(hdr, '}')
	r := newDocReader(hdr)
	var doc Document
	readDocument(&r, &doc)
	return checkHeader(name, &doc, &r, ForumFormat, PackVersion)
}

// elements returns where the items of the canonical array canon[from:to]
// are; nil if it is not an array.
func elements(canon []byte, from, to int) [][2]int {
	if from >= to || canon[from] != '[' {
		return nil
	}
	r := docReader{b: canon[:to], i: from + 1}
	out := [][2]int{}
	for first := true; !r.byte(']'); first = false {
		if !first && !r.byte(',') {
			return nil
		}
		start := r.i
		if !r.skip() {
			return nil
		}
		out = append(out, [2]int{start, r.i})
	}
	return out
}
