package sshsign

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// FuzzParseRoster: whatever the bytes, ParseRoster returns entries or an
// error naming the file, on one line. What it returns renders back as
// allowed_signers lines that parse, in another time zone, to the same
// entries, and rendering those again changes nothing.
func FuzzParseRoster(f *testing.F) {
	keys := testKeys(f)
	f.Add([]byte(keys["ed25519"].line("U51234", "") + "\n"))
	f.Add([]byte("\ufeff# roster\r\n\r\n" + keys["rsa"].line(`"U51235,U51236"`, `NAMESPACES="pcnvoice,git*",valid-after="20260401",valid-before="202703312359Z"`) + "\r\n"))
	f.Add([]byte(keys["ecdsa384"].line("U51237", `namespaces="a\"b"`) + "\n" + keys["ecdsa521"].line("chair@forum", `valid-before="20270101UTC"`)))
	f.Add([]byte("U5* cert-authority " + AuthorizedKey(keys["ed25519"].pub) + "\n"))
	f.Add([]byte(`"#U1" namespaces="pcnvoice",valid-after="19700102" ` + AuthorizedKey(keys["ecdsa256"].pub) + " c\n"))
	loc := time.FixedZone("BST", 3600)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRoster("roster", data, loc)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "roster: ") || strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error does not name the file on one line: %q", err)
			}
			return
		}
		if n := bytes.Count(data, []byte("\n")) + 1; len(r.Entries) > n {
			t.Fatalf("%d entries from %d lines", len(r.Entries), n)
		}
		rendered := render(r)
		back, err := ParseRoster("again", []byte(rendered), time.FixedZone("EST", -5*3600))
		if err != nil {
			t.Fatalf("rendered roster does not parse: %v\n%s", err, rendered)
		}
		if len(back.Entries) != len(r.Entries) {
			t.Fatalf("%d entries read back as %d:\n%s", len(r.Entries), len(back.Entries), rendered)
		}
		for i := range r.Entries {
			if !sameEntry(r.Entries[i], back.Entries[i]) {
				t.Fatalf("entry %d reads back differently:\n%#v\n%#v\n%s", i, r.Entries[i], back.Entries[i], rendered)
			}
		}
		if again := render(back); again != rendered {
			t.Fatalf("rendering is not stable:\n%s\n%s", rendered, again)
		}
	})
}

func render(r *Roster) string {
	var b strings.Builder
	for _, e := range r.Entries {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

// fuzzKey is a fixed ed25519 key, so the seed signatures on disk stay
// valid: ed25519 signatures are deterministic and not malleable.
var fuzzKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))

var fuzzMessage = []byte(`{"format":"pcnvoice.submission","pcn":{"code":"U51234"}}`)

// FuzzVerify: whatever a .sig holds, Verify refuses it with one of the
// documented errors or accepts it; and of fuzzKey's signatures it accepts
// only the one made, however its armor is laid out: no change to what the
// signature says gets through. The seeds on disk are ssh-keygen's own.
func FuzzVerify(f *testing.F) {
	signer, err := ssh.NewSignerFromKey(fuzzKey)
	if err != nil {
		f.Fatal(err)
	}
	sig, err := sshsig.Sign(bytes.NewReader(fuzzMessage), signer, sshsig.HashSHA512, Namespace)
	if err != nil {
		f.Fatal(err)
	}
	good := sshsig.Armor(sig)
	f.Add(good)
	f.Add(bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n")))
	f.Add(bytes.Replace(good, []byte("-----END"), []byte("\n-----END"), 1))
	f.Add(good[:len(good)/2])
	f.Add([]byte("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n"))
	f.Fuzz(func(t *testing.T, armored []byte) {
		s, err := Verify(fuzzMessage, armored)
		if err != nil {
			if !errors.Is(err, ErrNotSignature) && !errors.Is(err, ErrKeyType) && !errors.Is(err, ErrNamespace) && !errors.Is(err, ErrBadSignature) {
				t.Fatalf("undocumented error: %v", err)
			}
			if s != nil {
				if back, err := ParseSignature(sshsig.Armor(s.sig)); err != nil || !sameKey(back.Key, s.Key) || back.Namespace != s.Namespace || back.Hash != s.Hash {
					t.Fatalf("a parsed signature does not survive re-armoring: %v", err)
				}
			}
			return
		}
		// Another key's genuine signature over the message verifies (the
		// roster decides about keys); one by fuzzKey must be the very one
		// it made.
		if sameKey(s.Key, signer.PublicKey()) && !bytes.Equal(s.sig.Marshal(), sig.Marshal()) {
			t.Fatalf("accepted a changed signature:\n%s", armored)
		}
	})
}
