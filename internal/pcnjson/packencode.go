package pcnjson

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"runtime"
	"sync"
	"unicode/utf8"
)

// EncodePack sets p's digest and returns the file's bytes: the pack's own
// sections as JSON indented by two spaces, without HTML escaping (people
// and diff tools read packs); then the embedded submissions, one canonical
// submission a line (tens of MiB indented would bury the sections, and a
// line per PCN greps well); then the digest, and a newline.
//
// The digest is "sha256:" and the hex SHA-256 of the RFC 8785 canonical
// form of the pack without its digest, the recipe of a submission's, so one
// checker serves both. The canonical form of an object is built from its
// members' canonical forms, so the embedded submissions, already canonical,
// are hashed in place of the sections' "embedded": null.
func EncodePack(p *Pack) ([]byte, error) {
	embedded, wait := canonicalAll(p.Embedded, p.subs)
	rest := *p
	rest.Embedded, rest.Digest, rest.Documents, rest.subs = nil, "", nil, nil
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&rest); err != nil {
		wait()
		return nil, fmt.Errorf("encode forum pack: %w", err)
	}
	compact := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	var c canonicaliser
	c.reset(context.Background(), compact)
	if err := c.run(); err != nil {
		wait()
		return nil, fmt.Errorf("encode forum pack: %w", err)
	}
	if err := wait(); err != nil {
		return nil, fmt.Errorf("encode forum pack: %w", err)
	}
	em, ok := c.topMember("embedded")
	if !ok {
		return nil, errors.New("encode forum pack: no embedded member")
	}
	h := sha256.New()
	h.Write(c.out[:em.end-len("null")])
	writeArray(h, embedded)
	h.Write(c.out[em.end:])
	digest := "sha256:" + hex.EncodeToString(h.Sum(nil))
	p.Digest, p.Embedded = digest, embedded

	size := 2*len(compact) + len(digest) + 32
	for _, e := range embedded {
		size += len(e) + 6
	}
	out := appendIndent(make([]byte, 0, size), compact)
	// Embedded is the last member but the digest: it encoded as null.
	out, ok = bytes.CutSuffix(out, []byte("null\n}"))
	if !ok {
		return nil, errors.New("encode forum pack: embedded is not the last member")
	}
	out = append(out, '[')
	for i, e := range embedded {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, "\n    "...)
		out = append(out, e...)
	}
	if len(embedded) > 0 {
		out = append(out, "\n  "...)
	}
	out = append(out, "],\n  \"digest\": \""...)
	out = append(out, digest...)
	out = append(out, "\"\n}\n"...)
	return out, nil
}

// canonicalAll returns raws in canonical form, working on a worker per
// CPU, and returns at once; wait blocks until they are done. An item that
// is still the very slice a Submission in subs holds is canonical by
// construction and taken as it is; any other is canonicalised (and kept,
// not copied, when it proves canonical already).
func canonicalAll(raws []json.RawMessage, subs []*Submission) (out []json.RawMessage, wait func() error) {
	out = make([]json.RawMessage, len(raws))
	errs := make([]error, len(raws))
	var wg sync.WaitGroup
	workers := max(1, min(runtime.GOMAXPROCS(0), len(raws)))
	for w := range workers {
		wg.Go(func() {
			var c canonicaliser
			for i := w; i < len(raws); i += workers {
				if i < len(subs) && subs[i] != nil && sameBytes(raws[i], subs[i].canon) {
					out[i] = raws[i]
					continue
				}
				if !utf8.Valid(raws[i]) {
					errs[i] = fmt.Errorf("embedded[%d]: not valid UTF-8", i)
					continue
				}
				c.reset(context.Background(), raws[i])
				switch err := c.run(); {
				case err != nil:
					errs[i] = fmt.Errorf("embedded[%d]: %w", i, err)
				case bytes.Equal(c.out, raws[i]):
					out[i] = raws[i]
				default:
					out[i] = bytes.Clone(c.out)
				}
			}
		})
	}
	return out, func() error {
		wg.Wait()
		return errors.Join(errs...)
	}
}

// sameBytes reports whether a and b are the same slice of the same array.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// writeArray writes the canonical array of canonical items to h.
func writeArray(h hash.Hash, items []json.RawMessage) {
	h.Write([]byte{'['})
	for i, e := range items {
		if i > 0 {
			h.Write([]byte{','})
		}
		h.Write(e)
	}
	h.Write([]byte{']'})
}

// appendIndent appends src, compact JSON as encoding/json writes it,
// indented by two spaces a level as json.Indent would indent it (empty
// objects and arrays stay "{}" and "[]"), in one pass: json.Indent runs
// a full scanner per byte, which made it most of a pack's encoding.
func appendIndent(dst, src []byte) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		switch b := src[i]; b {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			dst = append(dst, b)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, b)
		case ',':
			dst = append(dst, ',')
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, b)
		}
	}
	return dst
}
