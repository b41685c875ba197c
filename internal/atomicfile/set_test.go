package atomicfile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteSet: both files are written, or — whatever fails before the
// first rename — neither changes and no temporary file is left.
func TestWriteSet(t *testing.T) {
	big := strings.Repeat("x", 2*chunk+3)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		wrap func(n *int) func(io.Writer) io.Writer
		want error
	}{
		{"written", context.Background(), nil, nil},
		{"the first fails", context.Background(), func(n *int) func(io.Writer) io.Writer {
			return func(w io.Writer) io.Writer { *n++; return &failAt{w, 5} }
		}, syscall.ENOSPC},
		{"the second fails part-way", context.Background(), func(n *int) func(io.Writer) io.Writer {
			return func(w io.Writer) io.Writer {
				*n++
				if *n == 2 {
					return &failAt{w, chunk + 1}
				}
				return w
			}
		}, syscall.ENOSPC},
		{"cancelled", cancelled, nil, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sig, file := filepath.Join(dir, "a.json.sig"), filepath.Join(dir, "a.json")
			os.WriteFile(sig, []byte("old sig"), 0o600)
			os.WriteFile(file, []byte("old file"), 0o600)
			opt := Options{Perm: 0o600}
			n := 0
			if tc.wrap != nil {
				opt.Wrap = tc.wrap(&n)
			}
			err := WriteSet(tc.ctx, []File{{sig, []byte("new sig")}, {file, []byte(big)}}, opt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			wantSig, wantFile := "old sig", "old file"
			if tc.want == nil {
				wantSig, wantFile = "new sig", big
			}
			if got, _ := os.ReadFile(sig); string(got) != wantSig {
				t.Errorf("sig = %.20q, want %.20q", got, wantSig)
			}
			if got, _ := os.ReadFile(file); string(got) != wantFile {
				t.Errorf("file = %.20q, want %.20q", got, wantFile)
			}
			if n := names(t, dir); len(n) != 2 {
				t.Errorf("folder holds %v", n)
			}
		})
	}
}

// TestWriteSetLateFailure: when a rename fails after the first file of
// the set is in place, that file is removed rather than left beside the
// old second one, and the error says so.
func TestWriteSetLateFailure(t *testing.T) {
	dir := t.TempDir()
	sig, file := filepath.Join(dir, "a.json.sig"), filepath.Join(dir, "a.json")
	os.WriteFile(sig, []byte("old sig"), 0o600)
	n := 0
	opt := Options{Perm: 0o600, Wrap: func(w io.Writer) io.Writer {
		if n++; n == 2 {
			// Once the checks are done, a folder takes the second file's
			// name: its rename will fail.
			os.MkdirAll(filepath.Join(file, "inside"), 0o700)
		}
		return w
	}}
	err := WriteSet(context.Background(), []File{{sig, []byte("new sig")}, {file, []byte("new file")}}, opt)
	if err == nil || !strings.Contains(err.Error(), "a.json.sig, written just before, removed") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(sig); !os.IsNotExist(err) {
		t.Error("the signature is left without its file")
	}
	if got := names(t, dir); len(got) != 1 || got[0] != "a.json" {
		t.Errorf("folder holds %v", got)
	}
}
