package exportjob

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
)

// TestSignedExport: the signature covers the exact bytes written, in every
// format, and verifies as ssh-keygen -Y verify would (sshsign.Verify).
func TestSignedExport(t *testing.T) {
	db := demoDB(t)
	k := sshsigntest.NewKey(t)
	dir := t.TempDir()
	for _, f := range Formats {
		out := filepath.Join(dir, "sub."+string(f))
		res, err := Run(context.Background(), db, Options{Path: out, Format: f, Now: clock, Sign: k.Signer(t).Sign})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(out)
		sig, err := os.ReadFile(out + ".sig")
		if err != nil || res.SigPath != out+".sig" {
			t.Fatalf("%s: no signature (%v, %q)", f, err, res.SigPath)
		}
		s, err := sshsign.Verify(data, sig)
		if err != nil || s.Fingerprint() != k.Fingerprint() || s.Hash != "sha512" || s.Namespace != "pcnvoice" {
			t.Errorf("%s: %v, %+v", f, err, s)
		}
	}
}

// TestFailedSignatureWritesNothing: a signer that fails, a disk that fills
// while either file is written, or a -o whose .sig is protected leave
// both paths as they were and record no revision.
func TestFailedSignatureWritesNothing(t *testing.T) {
	k := sshsigntest.NewKey(t)
	full := func(at int) func(io.Writer) io.Writer {
		n := 0
		return func(w io.Writer) io.Writer {
			n++
			if n == at {
				return failWriter{}
			}
			return w
		}
	}
	for _, tc := range []struct {
		name    string
		sign    func([]byte) ([]byte, error)
		wrap    func() func(io.Writer) io.Writer
		protect bool
		want    string
	}{
		{"the agent refuses", func([]byte) ([]byte, error) { return nil, errors.New("agent refused operation") }, nil, false, "sign "},
		{"disk full on the signature", nil, func() func(io.Writer) io.Writer { return full(1) }, false, "no space"},
		{"disk full on the file", nil, func() func(io.Writer) io.Writer { return full(2) }, false, "no space"},
		{"the .sig is the config file", nil, nil, true, "is the config file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := demoDB(t)
			dir := t.TempDir()
			out := filepath.Join(dir, "sub.json")
			os.WriteFile(out, []byte("old"), 0o600)
			os.WriteFile(out+".sig", []byte("old sig"), 0o600)
			opt := Options{Path: out, Now: clock, Sign: k.Signer(t).Sign}
			if tc.sign != nil {
				opt.Sign = tc.sign
			}
			if tc.wrap != nil {
				opt.Wrap = tc.wrap()
			}
			if tc.protect {
				opt.Protect = []atomicfile.Protect{{Path: out + ".sig", What: "the config file"}}
			}
			_, err := Run(context.Background(), db, opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if got, _ := os.ReadFile(out); string(got) != "old" {
				t.Errorf("the file changed")
			}
			if got, _ := os.ReadFile(out + ".sig"); string(got) != "old sig" {
				t.Errorf("the signature changed")
			}
			if n := exports(t, db); n != 0 {
				t.Errorf("%d exports recorded", n)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 2 {
				t.Errorf("folder holds %d entries", len(entries))
			}
		})
	}
	t.Run("stdout", func(t *testing.T) {
		_, err := Run(context.Background(), demoDB(t), Options{Out: io.Discard, Sign: k.Signer(t).Sign})
		if !errors.Is(err, ErrSignNeedsFile) {
			t.Errorf("err = %v", err)
		}
	})
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestUnsignedExportDropsStaleSignature: exporting unsigned over a file
// that was signed removes its old signature, which no longer signs it,
// and says so; exporting the same bytes again keeps it.
func TestUnsignedExportDropsStaleSignature(t *testing.T) {
	db := demoDB(t)
	k := sshsigntest.NewKey(t)
	out := filepath.Join(t.TempDir(), "sub.json")
	ctx := context.Background()
	if _, err := Run(ctx, db, Options{Path: out, Now: clock, Sign: k.Signer(t).Sign}); err != nil {
		t.Fatal(err)
	}
	res, err := Run(ctx, db, Options{Path: out, Now: clock.Add(time.Hour)})
	if err != nil || res.StaleSig || !res.Unchanged {
		t.Fatalf("unchanged: stale %v, unchanged %v, %v", res.StaleSig, res.Unchanged, err)
	}
	if _, err := os.Stat(out + ".sig"); err != nil {
		t.Fatal("a signature that still signs the file was removed")
	}
	if err := db.SetStatement(ctx, "A new word."); err != nil {
		t.Fatal(err)
	}
	res, err = Run(ctx, db, Options{Path: out, Now: clock.Add(2 * time.Hour)})
	if err != nil || !res.StaleSig || res.Record.Revision != 2 {
		t.Fatalf("changed: stale %v, revision %d, %v", res.StaleSig, res.Record.Revision, err)
	}
	if _, err := os.Stat(out + ".sig"); !errors.Is(err, os.ErrNotExist) {
		t.Error("the old signature is left beside the new file")
	}
}
