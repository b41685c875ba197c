package mergejob

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
)

// signedForum is six submissions, each PCN with its own key on a roster.
type signedForum struct {
	dir    string
	files  []forumtest.File
	paths  []string
	keys   []sshsigntest.Key
	roster *sshsign.Roster
	opt    forum.Options
}

// checkedAt is when the tests' rosters are judged.
var checkedAt = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func newSignedForum(t testing.TB) *signedForum {
	t.Helper()
	f := &signedForum{dir: t.TempDir(), files: forumtest.Generate(20, 6)}
	f.paths = write(t, f.dir, f.files...)
	var lines []string
	for _, file := range f.files {
		k := sshsigntest.NewKey(t)
		f.keys = append(f.keys, k)
		lines = append(lines, k.Line(file.Code, `namespaces="pcnvoice"`))
	}
	f.roster = sshsigntest.Roster(t, filepath.Join(t.TempDir(), "allowed_signers"), lines...)
	opt, err := Options(config.Default(), Settings{}, checkedAt)
	if err != nil {
		t.Fatal(err)
	}
	f.opt = opt
	return f
}

// signAll signs every submission with its PCN's key.
func (f *signedForum) signAll(t testing.TB) {
	t.Helper()
	for i, p := range f.paths {
		f.keys[i].SignFile(t, p)
	}
}

func (f *signedForum) merge(paths []string, sigs Signatures) (Result, error) {
	if sigs.Time.IsZero() {
		sigs.Time = checkedAt
	}
	return Run(context.Background(), Job{Paths: paths, Options: f.opt, Signatures: sigs})
}

// pack merges paths into a JSON pack at dir/name and returns its path.
func (f *signedForum) pack(t testing.TB, name string, sigs Signatures, paths ...string) string {
	t.Helper()
	res, err := f.merge(paths, sigs)
	if err != nil {
		t.Fatal(err)
	}
	data, err := Render(res.Pack, JSON)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func statuses(p *pcnjson.Pack) map[string]string {
	out := map[string]string{}
	for _, e := range p.Submissions {
		out[e.Code] = e.Signature.Status
	}
	return out
}

// TestSignatureRules applies SPEC §13 to one submission at a time, beside
// five unsigned ones, with and without a roster.
func TestSignatureRules(t *testing.T) {
	f := newSignedForum(t)
	other := sshsigntest.NewKey(t)
	lapsed := sshsigntest.NewKey(t)
	roster := sshsigntest.Roster(t, filepath.Join(t.TempDir(), "allowed_signers"), append(rosterLines(f),
		other.Line(f.files[5].Code, ""),
		lapsed.Line(f.files[0].Code, `valid-before="20261031Z"`))...)
	target, code := f.paths[0], f.files[0].Code
	data := f.files[0].Data
	sig := func(b []byte) func(t *testing.T) { return func(t *testing.T) { os.WriteFile(target+".sig", b, 0o600) } }

	for _, tc := range []struct {
		name    string
		setup   func(t *testing.T)
		roster  *sshsign.Roster
		require bool
		status  string // the target's status when the merge goes ahead
		err     string // else the error
	}{
		{"listed key", sig(f.keys[0].Sign(t, data)), roster, false, pcnjson.SigSigned, ""},
		{"key listed for another PCN", sig(other.Sign(t, data)), roster, false, "", "key not listed for this PCN: " + roster.Name + " lists key " + other.Fingerprint() + " for " + f.files[5].Code + ", not " + code},
		{"key on no line", sig(sshsigntest.NewKey(t).Sign(t, data)), roster, false, "", "key not on the roster"},
		{"expired roster line", sig(lapsed.Sign(t, data)), roster, false, "", "line 8: roster line expired"},
		{"one byte changed after signing", func(t *testing.T) {
			sig(f.keys[0].Sign(t, data))(t)
			os.WriteFile(target, append(bytes.Clone(data), '\n'), 0o600)
		}, roster, false, "", "signature does not verify"},
		{"another namespace", sig(f.keys[0].SignIn(t, data, "git")), roster, false, "", `namespace "git", not "pcnvoice"`},
		{"not a signature", sig([]byte("-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n")), roster, false, "", "not an SSH signature"},
		{"empty .sig", sig([]byte{}), roster, false, "", "not an SSH signature"},
		{"no .sig, roster", nil, roster, false, pcnjson.SigUnsigned, ""},
		{"no .sig, required", nil, roster, true, "", code + " is unsigned (no " + code + ".json.sig beside it): signatures are required"},
		{"no roster, valid", sig(other.Sign(t, data)), nil, false, pcnjson.SigKeyNotChecked, ""},
		{"no roster, invalid", func(t *testing.T) {
			sig(f.keys[0].Sign(t, data))(t)
			os.WriteFile(target, append(bytes.Clone(data), ' '), 0o600)
		}, nil, false, "", "signature does not verify"},
		{"no roster, no .sig, required", nil, nil, true, "", "signatures are required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(target, data, 0o600)
			os.Remove(target + ".sig")
			if tc.setup != nil {
				tc.setup(t)
			}
			res, err := f.merge([]string{f.dir}, Signatures{Roster: tc.roster, Require: tc.require})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), filepath.Base(target)) {
					t.Fatalf("error %v, want one naming %s and saying %q", err, filepath.Base(target), tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			e := res.Pack.Submissions[index(res.Pack, code)]
			if e.Signature.Status != tc.status {
				t.Fatalf("status %q, want %q", e.Signature.Status, tc.status)
			}
			switch tc.status {
			case pcnjson.SigSigned:
				if e.Signature.Principal != code || e.Signature.Fingerprint != f.keys[0].Fingerprint() || e.Signature.File != string(data) || e.Signature.Signature == "" {
					t.Errorf("record %+v", e.Signature)
				}
			case pcnjson.SigKeyNotChecked:
				if e.Signature.Principal != "" || e.Signature.Fingerprint != other.Fingerprint() {
					t.Errorf("record %+v", e.Signature)
				}
			}
			// With a roster, each unsigned submission is a warning naming its file; without, none.
			unsigned := 0
			for _, w := range res.Warnings {
				if strings.Contains(w.Msg, "is unsigned (no ") {
					unsigned++
				}
			}
			want := 0
			if tc.roster != nil {
				want = 5
				if tc.status == pcnjson.SigUnsigned {
					want = 6
				}
			}
			if unsigned != want {
				t.Errorf("%d unsigned warnings, want %d: %v", unsigned, want, res.Warnings)
			}
		})
	}
}

func rosterLines(f *signedForum) []string {
	var lines []string
	for i, file := range f.files {
		lines = append(lines, f.keys[i].Line(file.Code, `namespaces="pcnvoice"`))
	}
	return lines
}

func index(p *pcnjson.Pack, code string) int {
	for i, e := range p.Submissions {
		if e.Code == code {
			return i
		}
	}
	return -1
}

// TestPacksOfPacksKeepSignatures: six signed submissions merged into two
// packs, and the packs merged under the roster: every signature verified
// again, and the pack is the flat merge's, byte for byte — with or
// without a roster at either level.
func TestPacksOfPacksKeepSignatures(t *testing.T) {
	f := newSignedForum(t)
	f.signAll(t)
	withRoster, without := Signatures{Roster: f.roster}, Signatures{}
	for _, tc := range []struct {
		name       string
		inner, top Signatures
		status     string
	}{
		{"roster at both levels", withRoster, withRoster, pcnjson.SigSigned},
		{"no roster for the packs, a roster at the top", without, withRoster, pcnjson.SigSigned},
		{"a roster for the packs, none at the top", withRoster, without, pcnjson.SigKeyNotChecked},
	} {
		t.Run(tc.name, func(t *testing.T) {
			north := f.pack(t, "north.json", tc.inner, f.paths[:3]...)
			south := f.pack(t, "south.json", tc.inner, f.paths[3:]...)
			flat, err := f.merge([]string{f.dir}, tc.top)
			if err != nil {
				t.Fatal(err)
			}
			packs, err := f.merge([]string{south, north}, tc.top)
			if err != nil {
				t.Fatal(err)
			}
			for code, st := range statuses(packs.Pack) {
				if st != tc.status {
					t.Errorf("%s: %s, want %s", code, st, tc.status)
				}
			}
			a, _ := Render(flat.Pack, JSON)
			b, _ := Render(packs.Pack, JSON)
			if !bytes.Equal(a, b) {
				t.Error("merging the packs is not the flat merge")
			}
		})
	}
}

// repack decodes the pack at path, lets edit change it, and writes it
// back with its digest made good again: a forger who knows the format.
func repack(t testing.TB, path string, edit func(p *pcnjson.Pack)) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := pcnjson.DecodePack(path, data)
	if err != nil {
		t.Fatal(err)
	}
	edit(p)
	out, err := pcnjson.EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestTamperedPackSignatures: a pack whose kept signature or signed bytes
// were changed — its digest made good again — is refused, naming the pack
// and the submission.
func TestTamperedPackSignatures(t *testing.T) {
	f := newSignedForum(t)
	f.signAll(t)
	stranger := sshsigntest.NewKey(t)
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, s *pcnjson.Signature, i int)
		want string
	}{
		{"a byte of the signature", func(t *testing.T, s *pcnjson.Signature, i int) {
			b := []byte(s.Signature)
			at := len("-----BEGIN SSH SIGNATURE-----\n") + 200
			b[at] ^= 'A' ^ 'B'
			if b[at] == '\n' {
				b[at] = 'Q'
			}
			s.Signature = string(b)
		}, "signature: "},
		{"another key's signature over the same bytes", func(t *testing.T, s *pcnjson.Signature, i int) {
			s.Signature = string(stranger.Sign(t, []byte(s.File)))
		}, "key not on the roster"},
		{"the signed file re-spaced (same content)", func(t *testing.T, s *pcnjson.Signature, i int) {
			s.File = strings.Replace(s.File, "\n", "\n ", 1)
		}, "signature does not verify"},
		{"the signed file with other content", func(t *testing.T, s *pcnjson.Signature, i int) {
			s.File = string(f.files[(i+1)%len(f.files)].Data)
		}, "the signed file it keeps is not this submission"},
		{"the signed file not JSON", func(t *testing.T, s *pcnjson.Signature, i int) {
			s.File = "hello"
		}, "does not read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			north := f.pack(t, "north.json", Signatures{Roster: f.roster}, f.paths[:3]...)
			var code string
			repack(t, north, func(p *pcnjson.Pack) {
				tc.edit(t, &p.Submissions[1].Signature, 1)
				code = p.Submissions[1].Code
			})
			_, err := f.merge(append([]string{north}, f.paths[3:]...), Signatures{Roster: f.roster})
			if err == nil || !strings.Contains(err.Error(), "north.json: submissions[1] ("+code+"): ") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one naming north.json's submissions[1] and saying %q", err, tc.want)
			}
			// Without a roster the signature is still checked.
			if tc.want != "key not on the roster" {
				if _, err := f.merge([]string{north}, Signatures{}); err == nil {
					t.Error("merged without a roster")
				}
			}
		})
	}
	t.Run("changed without a new digest", func(t *testing.T) {
		north := f.pack(t, "north.json", Signatures{Roster: f.roster}, f.paths[:3]...)
		data, _ := os.ReadFile(north)
		i := bytes.Index(data, []byte(`"signature": "-----BEGIN SSH SIGNATURE-----\n`)) + 60
		data[i] ^= 1
		os.WriteFile(north, data, 0o600)
		if _, err := f.merge([]string{north}, Signatures{Roster: f.roster}); err == nil || !strings.Contains(err.Error(), "digest: does not match") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("made unsigned", func(t *testing.T) {
		// Anyone can strip a signature and fix the digest; only
		// --require-signatures (or a signed pack) stands in the way.
		north := f.pack(t, "north.json", Signatures{Roster: f.roster}, f.paths[:3]...)
		repack(t, north, func(p *pcnjson.Pack) { p.Submissions[0].Signature = pcnjson.Signature{Status: pcnjson.SigUnsigned} })
		res, err := f.merge([]string{north}, Signatures{Roster: f.roster})
		if err != nil || res.Pack.Submissions[0].Signature.Status != pcnjson.SigUnsigned || len(res.Warnings) != 1 ||
			!strings.Contains(res.Warnings[0].Msg, "north.json (forum pack): "+res.Pack.Submissions[0].Code+" is unsigned") {
			t.Fatalf("%v, %v", res.Warnings, err)
		}
		if _, err := f.merge([]string{north}, Signatures{Roster: f.roster, Require: true}); err == nil || !strings.Contains(err.Error(), "signatures are required") {
			t.Fatalf("required: %v", err)
		}
	})
}

// TestPackOwnSignature: a pack's own .sig is checked like a submission's,
// for anyone the roster lists.
func TestPackOwnSignature(t *testing.T) {
	f := newSignedForum(t)
	f.signAll(t)
	north := f.pack(t, "north.json", Signatures{Roster: f.roster}, f.paths[:3]...)
	f.keys[0].SignFile(t, north)
	res, err := f.merge([]string{north}, Signatures{Roster: f.roster})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.PackSignatures) != 1 || res.PackSignatures[0].Path != north || res.PackSignatures[0].Status != sshsign.Signed ||
		res.PackSignatures[0].Principal != f.files[0].Code {
		t.Errorf("pack signatures %+v", res.PackSignatures)
	}
	sshsigntest.NewKey(t).SignFile(t, north)
	if _, err := f.merge([]string{north}, Signatures{Roster: f.roster}); err == nil || !strings.Contains(err.Error(), "north.json: signature north.json.sig: key not on the roster") {
		t.Errorf("a stranger's pack signature: %v", err)
	}
	if res, err := f.merge([]string{north}, Signatures{}); err != nil || res.PackSignatures[0].Status != sshsign.KeyNotChecked {
		t.Errorf("no roster: %+v, %v", res.PackSignatures, err)
	}
}

// TestSignedCopyWins: the same submission given unsigned and signed
// counts as signed, whatever the order; and two valid signatures of one
// file give the same pack in any order.
func TestSignedCopyWins(t *testing.T) {
	f := newSignedForum(t)
	copies := t.TempDir()
	unsigned := filepath.Join(copies, "a-copy.json")
	os.WriteFile(unsigned, f.files[0].Data, 0o600)
	f.keys[0].SignFile(t, f.paths[0])
	// A second key listed for the same PCN (a digital lead's) signs a copy.
	lead := sshsigntest.NewKey(t)
	roster := sshsigntest.Roster(t, filepath.Join(t.TempDir(), "allowed_signers"), append(rosterLines(f), lead.Line(f.files[0].Code, ""))...)
	second := filepath.Join(copies, "z-copy.json")
	os.WriteFile(second, f.files[0].Data, 0o600)
	lead.SignFile(t, second)
	var packs [][]byte
	for _, order := range [][]string{{unsigned, f.paths[0], second}, {second, f.paths[0], unsigned}} {
		res, err := f.merge(order, Signatures{Roster: roster})
		if err != nil {
			t.Fatal(err)
		}
		if st := res.Pack.Submissions[0].Signature.Status; st != pcnjson.SigSigned || len(res.Warnings) != 0 {
			t.Errorf("status %s, warnings %v", st, res.Warnings)
		}
		b, _ := Render(res.Pack, JSON)
		packs = append(packs, b)
	}
	if !bytes.Equal(packs[0], packs[1]) {
		t.Error("the order of the copies changed the pack")
	}
}
