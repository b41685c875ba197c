package sshsign

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// The ways a roster can refuse a key, for errors.Is.
var (
	// ErrNotOnRoster: no line of the roster lists the key.
	ErrNotOnRoster = errors.New("key not on the roster")
	// ErrOtherPrincipal: the roster lists the key, but for other PCNs.
	ErrOtherPrincipal = errors.New("key not listed for this PCN")
	// ErrExpired: the line that lists the key for this PCN ended
	// (valid-before) before the time of checking.
	ErrExpired = errors.New("roster line expired")
	// ErrNotYetValid: the line that lists the key for this PCN starts
	// (valid-after) after the time of checking.
	ErrNotYetValid = errors.New("roster line not yet valid")
	// ErrNamespaceNotAllowed: the line that lists the key for this PCN
	// limits it to namespaces that exclude pcnvoice.
	ErrNamespaceNotAllowed = errors.New("roster line excludes the pcnvoice namespace")
)

// Allow returns the first roster line that lets key sign for principal in
// namespace at t, as `ssh-keygen -Y verify -I principal -n namespace`
// decides with the time t: the key listed on a line naming principal
// exactly, the line's namespaces (if any) matching namespace, and t within
// its valid-after and valid-before (whole seconds, both ends included).
// When no line does, the error wraps the most telling reason: a line that
// lists the key for principal but is expired, not yet valid or for other
// namespaces, else ErrOtherPrincipal, else ErrNotOnRoster.
func (r *Roster) Allow(key ssh.PublicKey, principal, namespace string, t time.Time) (*Entry, error) {
	var refusal error
	var others []string
	for _, i := range r.linesFor(key) {
		e := &r.Entries[i]
		if !slices.Contains(e.Principals, principal) {
			others = append(others, e.Principals...)
			continue
		}
		err := e.usableAt(namespace, t)
		if err == nil {
			return e, nil
		}
		if refusal == nil {
			refusal = fmt.Errorf("%s line %d: %w", r.Name, e.Line, err)
		}
	}
	if refusal != nil {
		return nil, refusal
	}
	if len(others) > 0 {
		slices.Sort(others)
		return nil, fmt.Errorf("%w: %s lists key %s for %s, not %s", ErrOtherPrincipal, r.Name, Fingerprint(key), strings.Join(slices.Compact(others), ", "), principal)
	}
	return nil, fmt.Errorf("%w: %s does not list key %s", ErrNotOnRoster, r.Name, Fingerprint(key))
}

// Principals returns, sorted and once each, every principal the roster
// lets key sign for in namespace at t (`ssh-keygen -Y find-principals`).
func (r *Roster) Principals(key ssh.PublicKey, namespace string, t time.Time) []string {
	var out []string
	for _, i := range r.linesFor(key) {
		if e := &r.Entries[i]; e.usableAt(namespace, t) == nil {
			out = append(out, e.Principals...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// usableAt checks the line's options against namespace and t.
func (e *Entry) usableAt(namespace string, t time.Time) error {
	if e.Namespaces != nil && matchList(namespace, e.Namespaces) != 1 {
		return fmt.Errorf("%w: namespaces=%q does not include %q", ErrNamespaceNotAllowed, strings.Join(e.Namespaces, ","), namespace)
	}
	at := t.Unix()
	if !e.ValidAfter.IsZero() && at < e.ValidAfter.Unix() {
		return fmt.Errorf("%w: it counts from %s, and it is %s", ErrNotYetValid, stamp(e.ValidAfter), stamp(t))
	}
	if !e.ValidBefore.IsZero() && at > e.ValidBefore.Unix() {
		return fmt.Errorf("%w: it counted until %s, and it is %s", ErrExpired, stamp(e.ValidBefore), stamp(t))
	}
	return nil
}

// linesFor returns the indexes of the entries that list key, in file order.
func (r *Roster) linesFor(key ssh.PublicKey) []int {
	wire := key.Marshal()
	if r.byKey != nil {
		return r.byKey[string(wire)]
	}
	var out []int
	for i, e := range r.Entries {
		if bytes.Equal(e.Key.Marshal(), wire) {
			out = append(out, i)
		}
	}
	return out
}

// stamp writes a time for a message, in UTC.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// String renders the line as an allowed_signers line that parses back to
// the same entry (in any time zone: times are written in UTC, with Z).
func (e Entry) String() string {
	var b strings.Builder
	principals := strings.Join(e.Principals, ",")
	if strings.HasPrefix(principals, "#") {
		principals = `"` + principals + `"`
	}
	b.WriteString(principals)
	var opts []string
	if e.Namespaces != nil {
		opts = append(opts, `namespaces="`+strings.Join(e.Namespaces, ",")+`"`)
	}
	if !e.ValidAfter.IsZero() {
		opts = append(opts, `valid-after="`+e.ValidAfter.UTC().Format("20060102150405")+`Z"`)
	}
	if !e.ValidBefore.IsZero() {
		opts = append(opts, `valid-before="`+e.ValidBefore.UTC().Format("20060102150405")+`Z"`)
	}
	if len(opts) > 0 {
		b.WriteString(" " + strings.Join(opts, ","))
	}
	b.WriteString(" " + AuthorizedKey(e.Key))
	if e.Comment != "" {
		b.WriteString(" " + e.Comment)
	}
	return b.String()
}
