package pcnjson

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"unicode/utf8"
)

// The signature statuses of SPEC §13, as a pack writes them. They are the
// words sshsign.Status uses; they are repeated here because they are part
// of the file format, and forum (which must stay pure) reads them.
const (
	// SigSigned: the signature verifies with a key the roster lists for
	// the submission's PCN code.
	SigSigned = "signed"
	// SigKeyNotChecked: the signature verifies, but the merge had no
	// roster to say whose key it is.
	SigKeyNotChecked = "key not checked"
	// SigUnsigned: there is no signature.
	SigUnsigned = "unsigned"
)

// Signature is a counted submission's signature in a forum pack
// (submissions[i].signature): what the merge that made the pack found, and
// what the next merge needs to check it again for itself.
//
// A signature covers a file's exact bytes (an exported submission is
// indented JSON), while the pack embeds the submission's canonical form,
// so the pack keeps the signed bytes too: File, the file as text, or
// FileBase64 when the bytes are not UTF-8 (a file saved as UTF-16). Status,
// Principal and Fingerprint say what this pack's merge concluded; a later
// merge (or verify) works them out again from Signature and the file
// against its own roster and does not trust them.
type Signature struct {
	Status      string `json:"status"`
	Principal   string `json:"principal,omitempty"`   // the PCN code the roster lists the key for; only when signed
	Fingerprint string `json:"fingerprint,omitempty"` // the key's, "SHA256:…"
	Signature   string `json:"signature,omitempty"`   // the armored SSHSIG, as in FILE.sig
	File        string `json:"file,omitempty"`        // the exact bytes signed, as text
	FileBase64  string `json:"file_base64,omitempty"` // the exact bytes signed, when they are not UTF-8
}

// NewSignature returns the record of a checked signature: status and who,
// the armored signature, and the bytes it covers, kept as text when they
// are UTF-8 and in base64 otherwise. A nil sig means unsigned, and then
// only the status is kept.
func NewSignature(status, principal, fingerprint string, sig, file []byte) Signature {
	if sig == nil {
		return Signature{Status: SigUnsigned}
	}
	s := Signature{Status: status, Principal: principal, Fingerprint: fingerprint, Signature: string(sig)}
	if utf8.Valid(file) {
		s.File = string(file)
	} else {
		s.FileBase64 = base64.StdEncoding.EncodeToString(file)
	}
	return s
}

// HasSignature reports whether the record carries a signature to check.
func (s Signature) HasSignature() bool { return s.Signature != "" }

// SignedBytes returns the exact bytes the signature covers.
func (s Signature) SignedBytes() ([]byte, error) {
	if s.FileBase64 != "" {
		b, err := base64.StdEncoding.DecodeString(s.FileBase64)
		if err != nil {
			return nil, fmt.Errorf("file_base64: not base64")
		}
		return b, nil
	}
	return []byte(s.File), nil
}

// check says what is wrong with a record read from a pack, naming the
// member under it ("file: missing"), or returns nil. A pack written
// before signatures were kept has none: that reads as unsigned.
func (s *Signature) check() (member, msg string) {
	switch s.Status {
	case "":
		if *s != (Signature{}) {
			return "status", "missing"
		}
		s.Status = SigUnsigned
		return "", ""
	case SigUnsigned:
		if s.Signature != "" || s.File != "" || s.FileBase64 != "" || s.Principal != "" || s.Fingerprint != "" {
			return "status", "is unsigned, but the record holds a signature or a signer"
		}
		return "", ""
	case SigSigned, SigKeyNotChecked:
	default:
		return "status", fmt.Sprintf("%q: want %q, %q or %q", s.Status, SigSigned, SigKeyNotChecked, SigUnsigned)
	}
	switch {
	case s.Signature == "":
		return "signature", "missing: a signed submission keeps its signature"
	case s.File == "" && s.FileBase64 == "":
		return "file", "missing: a signed submission keeps the exact bytes signed"
	case s.File != "" && s.FileBase64 != "":
		return "file", "given twice, as file and file_base64"
	}
	if _, err := s.SignedBytes(); err != nil {
		return "file_base64", "not base64"
	}
	return "", ""
}

// statusRank orders statuses from the most to the least assured.
func statusRank(status string) int {
	switch status {
	case SigSigned:
		return 0
	case SigKeyNotChecked:
		return 1
	}
	return 2
}

// CompareSignatures orders two records of one submission (one digest),
// the better first: signed before key not checked before unsigned, then by
// the signature's text and the signed bytes, so which copy a merge keeps
// never depends on the order files arrive in. Nil is unsigned.
func CompareSignatures(a, b *Signature) int {
	ra, rb := SigUnsigned, SigUnsigned
	if a != nil {
		ra = a.Status
	}
	if b != nil {
		rb = b.Status
	}
	if c := cmp.Compare(statusRank(ra), statusRank(rb)); c != 0 {
		return c
	}
	if a == nil || b == nil {
		return 0
	}
	for _, p := range [][2]string{{a.Signature, b.Signature}, {a.File, b.File}, {a.FileBase64, b.FileBase64}} {
		switch {
		case p[0] < p[1]:
			return -1
		case p[0] > p[1]:
			return 1
		}
	}
	return 0
}

// Matches reports whether data, a file's bytes, holds the submission s:
// whether its canonical form is s's, byte for byte. It is how a merge
// knows the signed bytes a pack kept are the very submission embedded.
func (d *Decoder) Matches(ctx context.Context, name string, data []byte, s *Submission) (bool, error) {
	if len(data) > MaxSize {
		return false, &Error{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a submission", MaxSize>>20)}
	}
	if _, err := d.canonicalise(ctx, name, data); err != nil {
		return false, err
	}
	return bytes.Equal(d.c.out, s.canon), nil
}
