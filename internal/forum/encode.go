package forum

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/pcnvoice/pcnvoice/internal/submission"
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
// members' canonical forms, so the embedded submissions, canonicalised on
// the side while the sections encode, are hashed in place rather than
// canonicalised again as part of the whole.
func EncodePack(p *Pack) ([]byte, error) {
	embedded, wait := canonicalAll(p.Embedded, p.canonical)
	rest := *p
	rest.Embedded, rest.Digest, rest.Documents = nil, "", nil
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&rest); err != nil {
		wait()
		return nil, fmt.Errorf("encode forum pack: %w", err)
	}
	if err := wait(); err != nil {
		return nil, fmt.Errorf("encode forum pack: %w", err)
	}
	digest, err := restDigest(buf.Bytes(), embedded)
	if err != nil {
		return nil, fmt.Errorf("encode forum pack: %w", err)
	}
	p.Digest, p.Embedded = digest, embedded
	// Embedded is the last member but the digest: it encoded as null.
	head, ok := bytes.CutSuffix(buf.Bytes(), []byte("null\n}\n"))
	if !ok {
		return nil, errors.New("encode forum pack: embedded is not the last member")
	}
	size := len(head) + len(digest) + 32
	for _, e := range embedded {
		size += len(e) + 6
	}
	out := make([]byte, 0, size)
	out = append(out, head...)
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

// canonicalAll canonicalises raws on a worker per CPU and returns at once;
// wait blocks until they are done. EncodePack must not trust a Pack
// someone else filled in, but items that are the very slices in known
// (made canonical by Merge or DecodePack) are taken as they are, and
// others that prove canonical already are checked in a reused buffer and
// kept, not copied (a copy is another 12 MiB at 1,250 submissions).
func canonicalAll(raws, known []json.RawMessage) (out []json.RawMessage, wait func() error) {
	out = make([]json.RawMessage, len(raws))
	errs := make([]error, len(raws))
	var wg sync.WaitGroup
	workers := max(1, min(runtime.GOMAXPROCS(0), len(raws)))
	for w := range workers {
		wg.Go(func() {
			var c canonicaliser
			for i := w; i < len(raws); i += workers {
				if i < len(known) && sameBytes(raws[i], known[i]) {
					out[i] = raws[i]
					continue
				}
				c.reset(raws[i])
				err := c.run()
				switch {
				case err == nil && bytes.Equal(c.out, raws[i]):
					out[i] = raws[i]
				case err == nil:
					out[i] = bytes.Clone(c.out)
				default:
					// Deep nesting and the like: the general road, with its errors.
					out[i], err = canonical(raws[i])
				}
				if err != nil {
					errs[i] = fmt.Errorf("embedded[%d]: %w", i, err)
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
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// restDigest is the digest of the pack whose sections are the JSON object
// in text (with "embedded": null and no digest) and whose embedded
// submissions are embedded, already canonical: text is canonicalised and
// the canonical submissions are hashed in the place of its null.
func restDigest(text []byte, embedded []json.RawMessage) (string, error) {
	c := canonicaliser{src: text, out: make([]byte, 0, len(text))}
	err := c.run()
	at := slices.IndexFunc(c.top, func(m member) bool { return string(m.key) == "embedded" })
	if errors.Is(err, errUnsure) || (err == nil && at < 0) {
		members, err := submission.Members("forum pack", text)
		if err != nil {
			return "", err
		}
		return packDigest(members, embedded)
	}
	if err != nil {
		return "", err
	}
	valueStart := c.top[at].start + len(`"embedded":`)
	h := sha256.New()
	h.Write(c.out[:valueStart])
	writeArray(h, embedded)
	h.Write(c.out[c.top[at].end:])
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// writeArray writes the canonical array of canonical items to w.
func writeArray(w io.Writer, items []json.RawMessage) {
	w.Write([]byte{'['})
	for i, e := range items {
		if i > 0 {
			w.Write([]byte{','})
		}
		w.Write(e)
	}
	w.Write([]byte{']'})
}

// packDigest is the digest a pack with these top-level members should
// carry: over the canonical form of the object without its digest. The
// canonical form of an object is its members' canonical forms in key
// order, so it is built here member by member, with embedded (when not
// nil) standing for the embedded member: submissions already canonical,
// which need not be canonicalised a second time.
func packDigest(members map[string]json.RawMessage, embedded []json.RawMessage) (string, error) {
	keys := make([]string, 0, len(members))
	for k := range members {
		if k != "digest" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	h := sha256.New()
	h.Write([]byte{'{'})
	for i, k := range keys {
		if strings.ContainsFunc(k, func(r rune) bool { return r > 0xFFFF }) {
			// Byte order is UTF-16 order only within the BMP; such a key is
			// never pcnvoice's, so take the slow, general road.
			return slowPackDigest(members)
		}
		if i > 0 {
			h.Write([]byte{','})
		}
		key, _ := json.Marshal(k)
		ck, err := canonical(key)
		if err != nil {
			return "", err
		}
		h.Write(ck)
		h.Write([]byte{':'})
		if k == "embedded" && embedded != nil {
			writeArray(h, embedded)
			continue
		}
		cv, err := canonical(members[k])
		if err != nil {
			return "", err
		}
		h.Write(cv)
	}
	h.Write([]byte{'}'})
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// slowPackDigest canonicalises the members as one object.
func slowPackDigest(members map[string]json.RawMessage) (string, error) {
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
	c, err := canonical(b)
	if err != nil {
		return "", err
	}
	return submission.DigestOf(c), nil
}
