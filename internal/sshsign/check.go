package sshsign

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// Status is a file's signature status, in SPEC §13's words; the strings
// are what the pack and the papers show.
type Status string

// The statuses SPEC §13 names.
const (
	// Signed: the signature verifies with a key the roster lists for the
	// file's PCN code.
	Signed Status = "signed"
	// KeyNotChecked: the signature verifies, but there was no roster to
	// say whose key it is.
	KeyNotChecked Status = "key not checked"
	// Unsigned: there is no signature.
	Unsigned Status = "unsigned"
)

// Input is what Check needs: a file's exact bytes, its signature if any, the
// roster if any, who the file speaks for, and when the check happens.
type Input struct {
	Data []byte
	// Sig is the armored signature (the X.sig beside X, or one a pack
	// kept); nil means there is none. An empty but present .sig is not
	// nil, and is not a signature.
	Sig []byte
	// Roster is the forum's allowed_signers; nil means none was given.
	Roster *Roster
	// Principal is the PCN code the file is from. Empty means any principal
	// the roster lists the key for (a forum pack, which speaks for no one
	// PCN); the Result then names them all.
	Principal string
	// Time is when the roster's valid-after and valid-before are judged:
	// the time of checking, as ssh-keygen -Y verify uses.
	Time time.Time
}

// Result is a file's signature, checked: its status and, when signed, by
// whom. It is what a forum pack keeps for each submission, Signature
// included, so a later merge can check it again against its own roster.
type Result struct {
	Status Status
	// Principal is the PCN code the roster lists the key for (for a pack,
	// every principal, comma-separated); empty unless Signed.
	Principal string
	// Fingerprint is the signing key's SHA256 fingerprint, set whenever
	// the signature parsed, also alongside an error.
	Fingerprint string
	Key         ssh.PublicKey
	Signature   []byte // the armored signature as given; nil when Unsigned
}

// Check applies SPEC §13 to one file and returns its status:
//   - no signature: Unsigned (whether that is acceptable is the caller's
//     call: --require-signatures);
//   - a signature that verifies, no roster: KeyNotChecked;
//   - a signature that verifies, with a key the roster allows for
//     in.Principal in namespace pcnvoice at in.Time: Signed.
//
// Anything else is an error saying why, wrapping one of ErrNotSignature,
// ErrKeyType, ErrNamespace, ErrBadSignature (the file changed after it was
// signed), ErrNotOnRoster, ErrOtherPrincipal (a key listed for another
// PCN), ErrExpired, ErrNotYetValid or ErrNamespaceNotAllowed. The error
// does not name the file: the caller does.
func Check(in Input) (Result, error) {
	if in.Sig == nil {
		return Result{Status: Unsigned}, nil
	}
	sig, err := Verify(in.Data, in.Sig)
	if sig == nil {
		return Result{}, err
	}
	res := Result{Fingerprint: sig.Fingerprint(), Key: sig.Key, Signature: in.Sig}
	if err != nil {
		return res, err
	}
	if in.Roster == nil {
		res.Status = KeyNotChecked
		return res, nil
	}
	if in.Principal == "" {
		names := in.Roster.Principals(sig.Key, Namespace, in.Time)
		if len(names) == 0 {
			return res, fmt.Errorf("%w: %s lists key %s for no one, in namespace %s, at %s", ErrNotOnRoster, in.Roster.Name, res.Fingerprint, Namespace, stamp(in.Time))
		}
		res.Status, res.Principal = Signed, strings.Join(names, ",")
		return res, nil
	}
	if _, err := in.Roster.Allow(sig.Key, in.Principal, Namespace, in.Time); err != nil {
		return res, err
	}
	res.Status, res.Principal = Signed, in.Principal
	return res, nil
}
