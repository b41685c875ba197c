package sshsign

import (
	"crypto/rand"
	"errors"
	mathrand "math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

func TestParseRosterLines(t *testing.T) {
	k := testKeys(t)["ed25519"]
	key := AuthorizedKey(k.pub)
	utc := func(s string) time.Time {
		tm, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, line string
		want       Entry
	}{
		{"one principal", "U51234 " + key, Entry{Principals: []string{"U51234"}}},
		{"several principals, comment", "U51234,U51235,U51236 " + key + " dr.patel@nhs.net laptop", Entry{Principals: []string{"U51234", "U51235", "U51236"}, Comment: "dr.patel@nhs.net laptop"}},
		{"quoted principals", `"U51234,U51235" ` + key, Entry{Principals: []string{"U51234", "U51235"}}},
		{"leading blanks and tabs", " \t U51234\t\t" + key, Entry{Principals: []string{"U51234"}}},
		{"namespaces", `U51234 namespaces="pcnvoice,git" ` + key, Entry{Principals: []string{"U51234"}, Namespaces: []string{"pcnvoice", "git"}}},
		{"option names in any case", `U51234 NameSpaces="pcnvoice",Valid-After="20260401Z" ` + key, Entry{Principals: []string{"U51234"}, Namespaces: []string{"pcnvoice"}, ValidAfter: utc("2026-04-01 00:00:00")}},
		{"namespace pattern", `U51234 namespaces="pcn*,!pcnvoice-test" ` + key, Entry{Principals: []string{"U51234"}, Namespaces: []string{"pcn*", "!pcnvoice-test"}}},
		{"dates in UTC", `U51234 valid-after="20260401Z",valid-before="20270331235959Z" ` + key, Entry{Principals: []string{"U51234"}, ValidAfter: utc("2026-04-01 00:00:00"), ValidBefore: utc("2027-03-31 23:59:59")}},
		{"minutes, UTC suffix", `U51234 valid-before="202703311200UTC" ` + key, Entry{Principals: []string{"U51234"}, ValidBefore: utc("2027-03-31 12:00:00")}},
		{"local time (London summer)", `U51234 valid-after="20260701" ` + key, Entry{Principals: []string{"U51234"}, ValidAfter: utc("2026-06-30 23:00:00")}},
		{"escaped quote in a value", `U51234 namespaces="pcnvoice,a\"b" ` + key, Entry{}},
		{"email-like principal", "chair@forum.example " + key, Entry{Principals: []string{"chair@forum.example"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := ParseRoster("allowed_signers", []byte(c.line+"\n"), london)
			if c.name == "escaped quote in a value" {
				// A namespace holding a quote cannot be written back
				// unambiguously: refused, naming the line.
				if err == nil || !strings.Contains(err.Error(), "allowed_signers: line 1: option namespaces") {
					t.Fatalf("err %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Entries) != 1 {
				t.Fatalf("%d entries", len(r.Entries))
			}
			got := r.Entries[0]
			c.want.Line, c.want.Key = 1, k.pub
			if !sameEntry(got, c.want) || got.Line != 1 {
				t.Errorf("got  %#v\nwant %#v", got, c.want)
			}
		})
	}
}

// sameEntry compares entries, keys by their wire form, times as instants.
func sameEntry(a, b Entry) bool {
	return slices.Equal(a.Principals, b.Principals) && slices.Equal(a.Namespaces, b.Namespaces) &&
		(a.Namespaces == nil) == (b.Namespaces == nil) &&
		a.ValidAfter.Equal(b.ValidAfter) && a.ValidBefore.Equal(b.ValidBefore) &&
		sameKey(a.Key, b.Key) && a.Comment == b.Comment
}

func TestParseRosterFile(t *testing.T) {
	keys := testKeys(t)
	file := "\ufeff# Forum roster, 2026/27\r\n" +
		"\r\n" +
		keys["ed25519"].line("U51234", "") + "\r\n" +
		"   # an indented comment\n" +
		"\t\n" +
		keys["rsa"].line("U51235,U51236", `namespaces="pcnvoice"`) + "\n" +
		keys["ecdsa521"].line("U51237", "") // no final newline
	r, err := ParseRoster("forum/allowed_signers", []byte(file), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, e := range r.Entries {
		lines = append(lines, e.Line)
	}
	if !slices.Equal(lines, []int{3, 6, 7}) {
		t.Errorf("entries on lines %v, want 3 6 7", lines)
	}
	if r.Entries[0].Comment != "ed25519" {
		t.Errorf("CRLF left in the comment: %q", r.Entries[0].Comment)
	}
}

func TestParseRosterRefusals(t *testing.T) {
	keys := testKeys(t)
	key := AuthorizedKey(keys["ed25519"].pub)
	cert := &ssh.Certificate{Key: keys["ed25519"].pub, CertType: ssh.UserCert, ValidPrincipals: []string{"U51234"}, ValidBefore: ssh.CertTimeInfinity}
	caSigner, err := ssh.NewSignerFromKey(keys["other"].priv)
	if err != nil {
		t.Fatal(err)
	}
	if err := cert.SignCert(rand.Reader, caSigner); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, line, want string
	}{
		{"cert-authority", "U51234 cert-authority " + key, "cert-authority: certificate authorities are not accepted"},
		{"cert-authority with others", `U51234 namespaces="pcnvoice",cert-authority ` + key, "cert-authority"},
		{"certificate as the key", "U51234 " + AuthorizedKey(cert), "certificate"},
		{"DSA key", "U51234 ssh-dss AAAAB3NzaC1kc3M= old laptop", "DSA keys are no longer accepted"},
		{"wildcard", "U5* " + key, `principal "U5*": wildcards are not accepted`},
		{"question mark", "U5123? " + key, "wildcards are not accepted"},
		{"negation", "U51234,!U51235 " + key, "negations are not accepted"},
		{"empty principal", "U51234,,U51235 " + key, "an empty name in the list"},
		{"trailing comma", "U51234, " + key, "an empty name in the list"},
		{"space in quoted principals", `"U51234, U51235" ` + key, "a space"},
		{"quote inside principals", `U51234,"U51235" ` + key, "a quote inside the list"},
		{"unclosed principals quote", `"U51234 ` + key, "principals: no closing quote"},
		{"text after principals quote", `"U51234"x ` + key, "straight after the closing quote"},
		{"no key", "U51234", "no key after the principals"},
		{"only options", `U51234 namespaces="pcnvoice"`, "no key follows it"},
		{"unknown option", "U51234 no-touch-required " + key, `unknown option "no-touch-required"`},
		{"unquoted value", "U51234 namespaces=pcnvoice " + key, "must be in double quotes"},
		{"option without value", "U51234 valid-after " + key, "option valid-after: no value"},
		{"option with = and nothing", "U51234 namespaces= " + key, "must be in double quotes"},
		{"unclosed value", `U51234 namespaces="pcnvoice ` + key, "no closing quote"},
		{"namespaces twice", `U51234 namespaces="a",namespaces="b" ` + key, "given twice"},
		{"valid-after twice", `U51234 valid-after="20260101",valid-after="20260102" ` + key, "given twice"},
		{"empty namespaces", `U51234 namespaces="" ` + key, "namespaces: empty"},
		{"space before comma", `U51234 namespaces="a" ,valid-after="20260101" ` + key, "not a key type"},
		{"trailing comma in options", `U51234 namespaces="a", ` + key, "a comma and then nothing"},
		{"junk after value", `U51234 namespaces="a"b ` + key, "after a quoted value"},
		{"bad date", `U51234 valid-after="20260231" ` + key, "not a time"},
		{"bad length", `U51234 valid-after="2026040" ` + key, "not a time"},
		{"not digits", `U51234 valid-after="2026-04-01" ` + key, "not a time"},
		{"hour 24", `U51234 valid-after="202604012400Z" ` + key, "not a time"},
		{"before 1970", `U51234 valid-after="19691231Z" ` + key, "before 1970"},
		{"the epoch itself", `U51234 valid-after="19700101Z" ` + key, "before 1970"},
		{"before not after after", `U51234 valid-after="20270101Z",valid-before="20270101Z" ` + key, "valid-before is not after valid-after"},
		{"misspelt key type", "U51234 ssh-ed2551 AAAAC3NzaC1lZDI1NTE5AAAAIA==", "unknown option"},
		{"damaged base64", "U51234 ssh-ed25519 AAAA!!!!", "base64 key data is damaged"},
		{"no base64", "U51234 ssh-ed25519", "base64 key data is missing"},
		{"truncated key", "U51234 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", "does not decode"},
		{"type not the data's", "U51234 ssh-rsa " + strings.Fields(key)[1], "holds a ssh-ed25519 key"},
		{"control character", "U51234\x01 " + key, "control character"},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := "# roster\n\n" + c.line + "\n"
			_, err := ParseRoster("forum/allowed_signers", []byte(file), time.UTC)
			if err == nil {
				t.Fatal("parsed")
			}
			if !strings.HasPrefix(err.Error(), "forum/allowed_signers: line 3: ") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %q, want it to name the file and line 3 and say %q", err, c.want)
			}
		})
	}
}

func TestParseRosterFileRefusals(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"invalid UTF-8", []byte("U51234 \xff\xfe\xfd\n"), "allowed_signers: "},
		{"too large", make([]byte, MaxRosterSize+1), "file too large"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseRoster("allowed_signers", c.data, time.UTC)
			if err == nil || !strings.HasPrefix(err.Error(), "allowed_signers: ") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %v", err)
			}
		})
	}
}

func TestMatchList(t *testing.T) {
	for _, c := range []struct {
		s    string
		list string
		want int
	}{
		{"pcnvoice", "pcnvoice", 1},
		{"pcnvoice", "git,pcnvoice", 1},
		{"pcnvoice", "git,file", 0},
		{"pcnvoice", "pcn*", 1},
		{"pcnvoice", "*", 1},
		{"pcnvoice", "pcnvoic?", 1},
		{"pcnvoice", "pcnvoic", 0},
		{"pcnvoice", "PCNVOICE", 0},
		{"pcnvoice", "*,!pcnvoice", -1},
		{"pcnvoice", "!git", 0},
		{"pcnvoice", "p*n*e", 1},
		{"pcnvoice", "*voice*", 1},
		{"pcnvoice", "**", 1},
		{"", "*", 1},
		{"abababab", "*ab*ab?", 0},
		{"abababab", "*ab*ab", 1},
	} {
		if got := matchList(c.s, strings.Split(c.list, ",")); got != c.want {
			t.Errorf("matchList(%q, %q) = %d, want %d", c.s, c.list, got, c.want)
		}
	}
}

func TestRosterAllow(t *testing.T) {
	keys := testKeys(t)
	ed, rsaKey, other := keys["ed25519"], keys["rsa"], keys["other"]
	r := roster(t,
		ed.line("U51234,U51235", ""),
		rsaKey.line("U51236", `valid-after="20260401Z",valid-before="20270331235959Z"`),
		rsaKey.line("U51237", `namespaces="git"`),
		other.line("U51238", `valid-before="20250101Z"`),
		other.line("U51238", `valid-after="20260101Z"`), // a renewed line for the same key
	)
	at := time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC)
	for _, c := range []struct {
		name      string
		key       testKey
		principal string
		t         time.Time
		want      error
		line      int
	}{
		{"listed", ed, "U51234", at, nil, 1},
		{"second principal of the line", ed, "U51235", at, nil, 1},
		{"in its window", rsaKey, "U51236", at, nil, 2},
		{"first second counts", rsaKey, "U51236", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), nil, 2},
		{"last second counts", rsaKey, "U51236", time.Date(2027, 3, 31, 23, 59, 59, 999, time.UTC), nil, 2},
		{"expired", rsaKey, "U51236", time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), ErrExpired, 0},
		{"not yet valid", rsaKey, "U51236", time.Date(2026, 3, 31, 23, 59, 59, 0, time.UTC), ErrNotYetValid, 0},
		{"namespace excluded", rsaKey, "U51237", at, ErrNamespaceNotAllowed, 0},
		{"renewed line wins over expired one", other, "U51238", at, nil, 5},
		{"another PCN's key", ed, "U51236", at, ErrOtherPrincipal, 0},
		{"case matters", ed, "u51234", at, ErrOtherPrincipal, 0},
		{"not on the roster", keys["ecdsa256"], "U51234", at, ErrNotOnRoster, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := r.Allow(c.key.pub, c.principal, Namespace, c.t)
			if c.want == nil {
				if err != nil || e.Line != c.line {
					t.Fatalf("entry %v err %v, want line %d", e, err, c.line)
				}
				return
			}
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), "allowed_signers") {
				t.Fatalf("err %v, want %v naming the roster", err, c.want)
			}
		})
	}
	if got := r.Principals(ed.pub, Namespace, at); !slices.Equal(got, []string{"U51234", "U51235"}) {
		t.Errorf("Principals = %v", got)
	}
	if got := r.Principals(rsaKey.pub, Namespace, at); !slices.Equal(got, []string{"U51236"}) {
		t.Errorf("Principals = %v (U51237's line is for git only)", got)
	}
}

func TestRosterLineRendersBack(t *testing.T) {
	keys := testKeys(t)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		keys["ed25519"].line("U51234,U51235", `namespaces="pcnvoice,git*",valid-after="20260701",valid-before="202703312359Z"`),
		keys["rsa"].line(`"#U51236"`, ""),
		keys["ecdsa384"].line("U51237", "") + "  trailing words   ",
	}
	r, err := ParseRoster("a", []byte(strings.Join(lines, "\n")), london)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range r.Entries {
		out = append(out, e.String())
	}
	back, err := ParseRoster("b", []byte(strings.Join(out, "\n")), time.FixedZone("elsewhere", -5*3600))
	if err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(out, "\n"))
	}
	for i := range r.Entries {
		if !sameEntry(r.Entries[i], back.Entries[i]) {
			t.Errorf("line %d: %q rendered %q reads back differently", i+1, lines[i], out[i])
		}
	}
}

// TestRosterRandomLinesRoundTrip builds random valid entries — principals,
// namespaces patterns, times to the second, keys of every kind, comments —
// renders them, and reads them back: the same entries, and each one allows
// exactly what it allowed before. Seeded, so a failure repeats.
func TestRosterRandomLinesRoundTrip(t *testing.T) {
	keys := testKeys(t)
	var pool []ssh.PublicKey
	for _, k := range keys {
		pool = append(pool, k.pub)
	}
	rng := mathrand.New(mathrand.NewPCG(20, 26))
	word := func(alphabet string, n int) string {
		runes := []rune(alphabet)
		w := make([]rune, 1+rng.IntN(n))
		for i := range w {
			w[i] = runes[rng.IntN(len(runes))]
		}
		return string(w)
	}
	when := func() time.Time {
		return time.Unix(1+rng.Int64N(4102444800), 0).UTC() // 1970 to 2100
	}
	var entries []Entry
	for range 2000 {
		e := Entry{Key: pool[rng.IntN(len(pool))]}
		for range 1 + rng.IntN(4) {
			e.Principals = append(e.Principals, "U"+word("0123456789", 5))
		}
		if rng.IntN(3) == 0 {
			e.Principals = append(e.Principals, word("abcdefghijklmnopqrstuvwxyz@.-#é", 12))
			rng.Shuffle(len(e.Principals), func(i, j int) { e.Principals[i], e.Principals[j] = e.Principals[j], e.Principals[i] })
		}
		if rng.IntN(2) == 0 {
			for range 1 + rng.IntN(3) {
				e.Namespaces = append(e.Namespaces, word("!*?pcnvoigt-", 9))
			}
			if e.Namespaces[0] == "!" {
				e.Namespaces[0] = "pcnvoice"
			}
		}
		a, b := when(), when()
		switch rng.IntN(4) {
		case 1:
			e.ValidAfter = a
		case 2:
			e.ValidBefore = a
		case 3:
			if a.After(b) {
				a, b = b, a
			}
			if a.Equal(b) {
				b = b.Add(time.Second)
			}
			e.ValidAfter, e.ValidBefore = a, b
		}
		if rng.IntN(2) == 0 {
			e.Comment = word("abc xyz\t@.", 20)
			e.Comment = strings.Trim(e.Comment, " \t")
		}
		// Entries the parser refuses are not generated: every namespace
		// pattern must be one it accepts.
		if _, err := parseNamespaces(strings.Join(e.Namespaces, ",")); e.Namespaces != nil && err != nil {
			continue
		}
		entries = append(entries, e)
	}
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.String() + "\n")
	}
	r, err := ParseRoster("random", []byte(b.String()), time.FixedZone("IST", 5*3600+1800))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Entries) != len(entries) {
		t.Fatalf("%d entries read back as %d", len(entries), len(r.Entries))
	}
	for i, e := range entries {
		got := r.Entries[i]
		if !sameEntry(got, e) {
			t.Fatalf("line %d %q reads back as %#v", i+1, e.String(), got)
		}
		for range 5 {
			ns := []string{Namespace, "git", "pcn", "file"}[rng.IntN(4)]
			at := when()
			if (e.usableAt(ns, at) == nil) != (got.usableAt(ns, at) == nil) {
				t.Fatalf("line %d %q: %s at %s judged differently after reading back", i+1, e.String(), ns, at)
			}
		}
	}
}
