package sshsign

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hiddeco/sshsig"
)

// TestCheck walks SPEC §13's rules: every status, and every refusal the
// issue lists.
func TestCheck(t *testing.T) {
	keys := testKeys(t)
	ed, rsaKey, other := keys["ed25519"], keys["rsa"], keys["other"]
	now := time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC)
	sign := func(k testKey, data []byte) []byte {
		t.Helper()
		sig, err := k.signer(t).Sign(data)
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	forum := roster(t,
		"# the forum's roster",
		ed.line("U51234", ""),
		rsaKey.line("U51235,U51236", `namespaces="pcnvoice"`),
		other.line("U51237", `valid-before="20260930Z"`),
	)
	changed := bytes.Replace(submission, []byte("U51234"), []byte("U51299"), 1)
	for _, c := range []struct {
		name      string
		in        Input
		status    Status
		principal string
		err       error
		key       *testKey // the fingerprint the result must carry
	}{
		{"signed", Input{Data: submission, Sig: sign(ed, submission), Roster: forum, Principal: "U51234"}, Signed, "U51234", nil, &ed},
		{"signed, RSA, one of two PCNs", Input{Data: submission, Sig: sign(rsaKey, submission), Roster: forum, Principal: "U51236"}, Signed, "U51236", nil, &rsaKey},
		{"unsigned", Input{Data: submission, Roster: forum, Principal: "U51234"}, Unsigned, "", nil, nil},
		{"unsigned, no roster", Input{Data: submission, Principal: "U51234"}, Unsigned, "", nil, nil},
		{"key not checked", Input{Data: submission, Sig: sign(other, submission), Principal: "U51234"}, KeyNotChecked, "", nil, &other},
		{"pack: any principal of the key", Input{Data: submission, Sig: sign(rsaKey, submission), Roster: forum}, Signed, "U51235,U51236", nil, &rsaKey},

		{"file changed by one byte", Input{Data: changed, Sig: sign(ed, submission), Roster: forum, Principal: "U51234"}, "", "", ErrBadSignature, &ed},
		{"file changed, no roster", Input{Data: changed, Sig: sign(ed, submission), Principal: "U51234"}, "", "", ErrBadSignature, &ed},
		{"key listed for another PCN", Input{Data: submission, Sig: sign(rsaKey, submission), Roster: forum, Principal: "U51234"}, "", "", ErrOtherPrincipal, &rsaKey},
		{"key not on the roster", Input{Data: submission, Sig: sign(keys["ecdsa521"], submission), Roster: forum, Principal: "U51234"}, "", "", ErrNotOnRoster, ptr(keys["ecdsa521"])},
		{"expired roster line", Input{Data: submission, Sig: sign(other, submission), Roster: forum, Principal: "U51237"}, "", "", ErrExpired, &other},
		{"wrong namespace", Input{Data: submission, Sig: sshsigWith(t, ed, submission, sshsig.HashSHA512, "git"), Roster: forum, Principal: "U51234"}, "", "", ErrNamespace, &ed},
		{"not a signature", Input{Data: submission, Sig: []byte("-----BEGIN PGP SIGNATURE-----\n\nwsBcBAABCAAQ\n-----END PGP SIGNATURE-----\n"), Roster: forum, Principal: "U51234"}, "", "", ErrNotSignature, nil},
		{"empty .sig", Input{Data: submission, Sig: []byte{}, Principal: "U51234"}, "", "", ErrNotSignature, nil},
		{"pack signed by a key on no line", Input{Data: submission, Sig: sign(keys["ecdsa256"], submission), Roster: forum}, "", "", ErrNotOnRoster, ptr(keys["ecdsa256"])},
		{"pack signed by an expired key", Input{Data: submission, Sig: sign(other, submission), Roster: forum}, "", "", ErrNotOnRoster, &other},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.in.Time = now
			res, err := Check(c.in)
			if !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
				t.Fatalf("err %v, want %v", err, c.err)
			}
			if res.Status != c.status || res.Principal != c.principal {
				t.Errorf("status %q principal %q, want %q %q", res.Status, res.Principal, c.status, c.principal)
			}
			want := ""
			if c.key != nil {
				want = Fingerprint(c.key.pub)
			}
			if res.Fingerprint != want {
				t.Errorf("fingerprint %q, want %q", res.Fingerprint, want)
			}
			if (res.Status == Signed || res.Status == KeyNotChecked) && !bytes.Equal(res.Signature, c.in.Sig) {
				t.Error("the result does not keep the signature")
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error on more than one line: %q", err)
			}
		})
	}
}

func ptr(k testKey) *testKey { return &k }

// TestCheckIsPure: the same input gives the same answer, and the time, not
// the clock, decides a roster line's validity.
func TestCheckIsPure(t *testing.T) {
	k := testKeys(t)["ed25519"]
	sig, err := k.signer(t).Sign(submission)
	if err != nil {
		t.Fatal(err)
	}
	r := roster(t, k.line("U51234", `valid-after="20300101Z"`))
	in := Input{Data: submission, Sig: sig, Roster: r, Principal: "U51234", Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	for range 3 {
		if res, err := Check(in); err != nil || res.Status != Signed {
			t.Fatalf("%v %v", res.Status, err)
		}
	}
	in.Time = in.Time.Add(-time.Second)
	if _, err := Check(in); !errors.Is(err, ErrNotYetValid) {
		t.Fatalf("err %v, want ErrNotYetValid", err)
	}
}

// TestRosterByHand: a Roster built without ParseRoster (no index) judges
// keys as a parsed one does.
func TestRosterByHand(t *testing.T) {
	keys := testKeys(t)
	parsed := roster(t, keys["ed25519"].line("U1", ""), keys["rsa"].line("U2,U3", ""), keys["ed25519"].line("U4", `valid-before="20200101Z"`))
	byHand := &Roster{Name: parsed.Name, Entries: parsed.Entries}
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, k := range []testKey{keys["ed25519"], keys["rsa"], keys["other"]} {
		for _, p := range []string{"U1", "U2", "U4", "U9"} {
			_, e1 := parsed.Allow(k.pub, p, Namespace, at)
			_, e2 := byHand.Allow(k.pub, p, Namespace, at)
			if fmt.Sprint(e1) != fmt.Sprint(e2) {
				t.Errorf("%s for %s: %v, by hand %v", k.name, p, e1, e2)
			}
		}
		if a, b := parsed.Principals(k.pub, Namespace, at), byHand.Principals(k.pub, Namespace, at); !slices.Equal(a, b) {
			t.Errorf("%s: principals %v, by hand %v", k.name, a, b)
		}
	}
}
