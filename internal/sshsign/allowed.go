package sshsign

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/ssh"

	"github.com/pcnvoice/pcnvoice/internal/infile"
)

// Entry is one line of an allowed_signers file: which principals (PCN
// codes) a key may sign for, in which namespaces and when.
type Entry struct {
	Line       int      // 1-based line number in the file
	Principals []string // exact names; pcnvoice refuses wildcards
	// Namespaces is the namespaces="…" pattern-list, split at commas; nil
	// when the line has none, which allows every namespace.
	Namespaces []string
	// ValidAfter and ValidBefore bound when the line counts (both ends
	// included, to the second, as OpenSSH does); zero means no bound.
	ValidAfter, ValidBefore time.Time
	Key                     ssh.PublicKey
	Comment                 string // what follows the key on the line
}

// Roster is a parsed allowed_signers file: the forum's list of which key
// may sign for which PCN code.
type Roster struct {
	Name    string // the file, for messages
	Entries []Entry
	// byKey indexes Entries by key (its wire form): a national merge
	// checks 1,250 signatures against 1,250 lines, and comparing every
	// key with every line was most of the merge's time. ParseRoster
	// builds it; a Roster built by hand is searched line by line.
	byKey map[string][]int
}

// MaxRosterSize caps an allowed_signers file: a line is about 100 bytes
// and England has some 1,250 PCNs.
const MaxRosterSize = 4 << 20

// ReadRoster reads and parses the allowed_signers file at path (see
// ParseRoster).
func ReadRoster(path string, loc *time.Location) (*Roster, error) {
	data, err := infile.Read(path, MaxRosterSize)
	if err != nil {
		return nil, err
	}
	return ParseRoster(path, data, loc)
}

// ParseRoster parses an OpenSSH allowed_signers file (ssh-keygen(1), ALLOWED
// SIGNERS): one key a line, `principals [options] keytype base64 [comment]`,
// with blank lines and lines starting with # ignored. It reads what
// ssh-keygen reads, with these deliberate refusals, each an error naming
// name and the line:
//
//   - cert-authority lines and certificate keys: a roster lists each
//     director's own key, so one line can never vouch for a whole forum;
//   - wildcards (* ?) and negations (!) in principals: each PCN code is
//     listed by name, so U5* cannot quietly let one key sign for a hundred
//     PCNs. Principals match exactly and case matters, as in ssh-keygen;
//   - anything ssh-keygen would reject on that line (unknown option,
//     unquoted or repeated option, bad time, valid-before not after
//     valid-after, a key that does not decode or whose type is not the one
//     named) and DSA or short RSA keys.
//
// Unlike ssh-keygen, which stops reading at the first line that lists the
// principal it wants, every line must parse: a broken roster is found when
// it is set up, not the day a merge reaches its bad line.
//
// Times without a Z (or UTC) suffix are in loc, as ssh-keygen reads them
// in the local time zone. A UTF-8 byte-order mark and CRLF line ends are
// accepted; so is UTF-16 with a byte-order mark (Windows PowerShell).
func ParseRoster(name string, data []byte, loc *time.Location) (*Roster, error) {
	if len(data) > MaxRosterSize {
		return nil, fmt.Errorf("%s: %w (the limit is %d MiB)", name, infile.ErrTooLarge, MaxRosterSize>>20)
	}
	text, err := infile.Text(name, data)
	if err != nil {
		return nil, err
	}
	r := &Roster{Name: name}
	for i, line := range bytes.Split(text, []byte("\n")) {
		e, ok, err := parseLine(string(bytes.TrimSuffix(line, []byte("\r"))), loc)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", name, i+1, err)
		}
		if ok {
			e.Line = i + 1
			r.Entries = append(r.Entries, e)
		}
	}
	r.byKey = make(map[string][]int, len(r.Entries))
	for i, e := range r.Entries {
		w := string(e.Key.Marshal())
		r.byKey[w] = append(r.byKey[w], i)
	}
	return r, nil
}

const space = " \t"

// parseLine parses one line; ok is false for a blank or comment line.
func parseLine(line string, loc *time.Location) (e Entry, ok bool, err error) {
	rest := strings.TrimLeft(line, space)
	if rest == "" || rest[0] == '#' {
		return Entry{}, false, nil
	}
	field, rest, err := principalsField(rest)
	if err != nil {
		return Entry{}, false, err
	}
	if e.Principals, err = parsePrincipals(field); err != nil {
		return Entry{}, false, err
	}
	rest = strings.TrimLeft(rest, space)
	if rest == "" {
		return Entry{}, false, fmt.Errorf("no key after the principals")
	}
	// As in ssh-keygen: a field that is not a key type is the options.
	if !keyTypes[firstField(rest)] {
		opts, after, err := optionsField(rest)
		if err != nil {
			return Entry{}, false, err
		}
		if err := parseOptions(opts, &e, loc); err != nil {
			return Entry{}, false, err
		}
		rest = strings.TrimLeft(after, space)
	}
	if e.Key, e.Comment, err = parseKey(rest); err != nil {
		return Entry{}, false, err
	}
	return e, true, nil
}

// principalsField splits off the first field, which may be double-quoted
// as a whole (ssh-keygen's strdelimw).
func principalsField(s string) (field, rest string, err error) {
	if s[0] == '"' {
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return "", "", fmt.Errorf("principals: no closing quote")
		}
		field, rest = s[1:1+end], s[2+end:]
		if rest != "" && !strings.ContainsRune(space, rune(rest[0])) {
			return "", "", fmt.Errorf("principals: text straight after the closing quote")
		}
		return field, rest, nil
	}
	field = firstField(s)
	if strings.ContainsRune(field, '"') {
		return "", "", fmt.Errorf("principals %q: a quote inside the list (quote the whole list, or none of it)", field)
	}
	return field, s[len(field):], nil
}

// parsePrincipals splits and checks the principals list.
func parsePrincipals(field string) ([]string, error) {
	if field == "" {
		return nil, fmt.Errorf("no principals (list the PCN codes this key signs for, e.g. U51234)")
	}
	list := strings.Split(field, ",")
	for _, p := range list {
		switch {
		case p == "":
			return nil, fmt.Errorf("principals %q: an empty name in the list", field)
		case strings.ContainsAny(p, "*?"):
			return nil, fmt.Errorf("principal %q: wildcards are not accepted in a pcnvoice roster; list each PCN code", p)
		case p[0] == '!':
			return nil, fmt.Errorf("principal %q: negations are not accepted in a pcnvoice roster; list each PCN code", p)
		case !printable(p):
			return nil, fmt.Errorf("principal %q: a space, a control character or invalid UTF-8", p)
		}
	}
	return list, nil
}

// optionsField splits off the options field, in which white space is
// allowed only between double quotes, and \" does not end a quote
// (ssh-keygen's sshkey_advance_past_options).
func optionsField(s string) (opts, rest string, err error) {
	quoted := false
	i := 0
	for ; i < len(s) && (quoted || (s[i] != ' ' && s[i] != '\t')); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '"':
			i++
		case s[i] == '"':
			quoted = !quoted
		}
	}
	if quoted {
		return "", "", fmt.Errorf("options: no closing quote")
	}
	if i == len(s) {
		return "", "", fmt.Errorf("%q is neither options nor a key type (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa…), and no key follows it", s)
	}
	return s[:i], s[i:], nil
}

// parseOptions reads a comma-separated options list into e, as ssh-keygen's
// sshsigopt_parse does (option names in any case, values in double quotes).
func parseOptions(s string, e *Entry, loc *time.Location) error {
	var seenNS, seenAfter, seenBefore bool
	for s != "" {
		name := s[:strings.IndexAny(s+"=,", "=,")]
		switch lower := strings.ToLower(name); {
		case lower == "cert-authority":
			return fmt.Errorf("cert-authority: certificate authorities are not accepted in a pcnvoice roster; list each director's own key")
		case lower == "namespaces" || lower == "valid-after" || lower == "valid-before":
			if len(s) == len(name) || s[len(name)] != '=' {
				return fmt.Errorf("option %s: no value (write %s=\"…\")", name, lower)
			}
			val, after, err := dequote(s[len(name)+1:])
			if err != nil {
				return fmt.Errorf("option %s: %w", name, err)
			}
			s = after
			switch lower {
			case "namespaces":
				if seenNS {
					return fmt.Errorf("option namespaces: given twice")
				}
				seenNS = true
				if e.Namespaces, err = parseNamespaces(val); err != nil {
					return fmt.Errorf("option namespaces: %w", err)
				}
			case "valid-after":
				if seenAfter {
					return fmt.Errorf("option valid-after: given twice")
				}
				seenAfter = true
				if e.ValidAfter, err = parseTime(val, loc); err != nil {
					return fmt.Errorf("option valid-after: %w", err)
				}
			case "valid-before":
				if seenBefore {
					return fmt.Errorf("option valid-before: given twice")
				}
				seenBefore = true
				if e.ValidBefore, err = parseTime(val, loc); err != nil {
					return fmt.Errorf("option valid-before: %w", err)
				}
			}
		default:
			return fmt.Errorf("unknown option %q (pcnvoice reads namespaces, valid-after and valid-before)", name)
		}
		if s == "" {
			break
		}
		if s[0] != ',' {
			return fmt.Errorf("options: %q after a quoted value (separate options with commas, no spaces)", s)
		}
		if s = s[1:]; s == "" {
			return fmt.Errorf("options: a comma and then nothing")
		}
	}
	if !e.ValidAfter.IsZero() && !e.ValidBefore.IsZero() && !e.ValidBefore.After(e.ValidAfter) {
		return fmt.Errorf("valid-before is not after valid-after")
	}
	return nil
}

// dequote reads a double-quoted value at the start of s; \" stands for a
// quote inside it, and nothing else is an escape (OpenSSH's opt_dequote).
func dequote(s string) (val, rest string, err error) {
	if s == "" || s[0] != '"' {
		return "", "", fmt.Errorf("the value must be in double quotes")
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '"':
			b.WriteByte('"')
			i++
		case s[i] == '"':
			return b.String(), s[i+1:], nil
		default:
			b.WriteByte(s[i])
		}
	}
	return "", "", fmt.Errorf("no closing quote")
}

// parseNamespaces splits a namespaces pattern-list. pcnvoice keeps each
// pattern free of quotes, backslashes and white space, so a line renders
// back without escapes.
func parseNamespaces(val string) ([]string, error) {
	if val == "" {
		return nil, fmt.Errorf("empty (list the namespaces this key signs in, e.g. \"pcnvoice\")")
	}
	list := strings.Split(val, ",")
	for _, p := range list {
		if p == "" || p == "!" || strings.ContainsAny(p, `"\`) || !printable(p) {
			return nil, fmt.Errorf("%q: not a namespace pattern", p)
		}
	}
	return list, nil
}

// parseTime reads an allowed_signers time as OpenSSH's parse_absolute_time
// does: YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, in UTC with a Z (or UTC)
// suffix, else in loc. Unlike OpenSSH it refuses impossible dates (31 April)
// rather than rolling them over, and times before 1970 as OpenSSH does.
func parseTime(s string, loc *time.Location) (time.Time, error) {
	bad := fmt.Errorf("%q: not a time (YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, with Z for UTC)", s)
	v := s
	switch {
	case len(v) > 1 && (v[len(v)-1] == 'Z' || v[len(v)-1] == 'z'):
		v, loc = v[:len(v)-1], time.UTC
	case len(v) > 3 && strings.EqualFold(v[len(v)-3:], "UTC"):
		v, loc = v[:len(v)-3], time.UTC
	}
	if len(v) != 8 && len(v) != 12 && len(v) != 14 {
		return time.Time{}, bad
	}
	n := make([]int, 0, 6)
	for i := 0; i < len(v); i += 2 {
		if v[i] < '0' || v[i] > '9' || v[i+1] < '0' || v[i+1] > '9' {
			return time.Time{}, bad
		}
		n = append(n, int(v[i]-'0')*10+int(v[i+1]-'0'))
	}
	n = append(n, 0, 0, 0)[:7]
	year, month, day, hour, min, sec := n[0]*100+n[1], n[2], n[3], n[4], n[5], n[6]
	t := time.Date(year, time.Month(month), day, hour, min, sec, 0, loc)
	if t.Year() != year || int(t.Month()) != month || t.Day() != day || hour > 23 || min > 59 || sec > 59 {
		return time.Time{}, bad
	}
	if t.Unix() <= 0 {
		return time.Time{}, fmt.Errorf("%q: before 1970", s)
	}
	return t, nil
}

// keyTypes are the key type names ssh-keygen reads in a key field; which
// of them pcnvoice accepts is usableKey's business.
var keyTypes = map[string]bool{
	ssh.KeyAlgoED25519: true, ssh.KeyAlgoECDSA256: true, ssh.KeyAlgoECDSA384: true, ssh.KeyAlgoECDSA521: true,
	ssh.KeyAlgoRSA: true, ssh.KeyAlgoSKED25519: true, ssh.KeyAlgoSKECDSA256: true, keyAlgoDSA: true,
	ssh.CertAlgoED25519v01: true, ssh.CertAlgoECDSA256v01: true, ssh.CertAlgoECDSA384v01: true,
	ssh.CertAlgoECDSA521v01: true, ssh.CertAlgoRSAv01: true, ssh.CertAlgoSKED25519v01: true,
	ssh.CertAlgoSKECDSA256v01: true, certAlgoDSA: true,
}

// parseKey reads `keytype base64 [comment]`.
func parseKey(s string) (ssh.PublicKey, string, error) {
	typ := firstField(s)
	if !keyTypes[typ] {
		return nil, "", fmt.Errorf("%q: not a key type (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa…)", typ)
	}
	if typ == keyAlgoDSA || strings.HasSuffix(typ, "-cert-v01@openssh.com") {
		// Refused by name, before decoding: the reason is the type.
		return nil, "", fmt.Errorf("%s key: %w", typ, usableKey(typeOnly(typ)))
	}
	rest := strings.TrimLeft(s[len(typ):], space)
	b64 := firstField(rest)
	if b64 == "" {
		return nil, "", fmt.Errorf("%s key: the base64 key data is missing", typ)
	}
	blob, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, "", fmt.Errorf("%s key: the base64 key data is damaged", typ)
	}
	key, err := ssh.ParsePublicKey(blob)
	if err != nil {
		return nil, "", fmt.Errorf("%s key: does not decode (%s)", typ, quoteless(err))
	}
	if key.Type() != typ {
		return nil, "", fmt.Errorf("%s key: the data holds a %s key", typ, key.Type())
	}
	if err := usableKey(key); err != nil {
		return nil, "", fmt.Errorf("%s key: %w", typ, err)
	}
	return key, strings.Trim(rest[len(b64):], space), nil
}

// firstField returns s up to its first space or tab.
func firstField(s string) string {
	if i := strings.IndexAny(s, space); i >= 0 {
		return s[:i]
	}
	return s
}

// printable reports whether s is valid UTF-8 with no white space or
// control characters.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// typeOnly is a stand-in public key of a type, for usableKey's verdict on
// types refused before their data is decoded.
type typeOnly string

func (t typeOnly) Type() string                                 { return string(t) }
func (t typeOnly) Marshal() []byte                              { return nil }
func (t typeOnly) Verify(data []byte, sig *ssh.Signature) error { return errKeyType }

// quoteless returns a library's error text with anything unprintable
// escaped: some quote the bytes they could not read, raw.
func quoteless(err error) string {
	q := strconv.QuoteToASCII(err.Error())
	return q[1 : len(q)-1]
}
