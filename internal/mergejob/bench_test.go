package mergejob

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
)

// BenchmarkMerge is SPEC §12's merge bar without the process around it:
// reading, checking and merging 1,250 generated submissions from files on
// disk into an encoded pack, and 2,500 to show it scales linearly. The
// yardstick, `jq -s length` over the same files, is in cmd/pcnbench.
//
//	go test ./internal/mergejob -run '^$' -bench Merge -benchmem
func BenchmarkMerge(b *testing.B) {
	for _, n := range []int{1250, 2500} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			paths, err := forumtest.WriteFiles(dir, forumtest.Generate(2026, n))
			if err != nil {
				b.Fatal(err)
			}
			var size int64
			for _, p := range paths {
				fi, _ := os.Stat(p)
				size += fi.Size()
			}
			opt := forum.Options{Now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := Run(context.Background(), Job{Paths: []string{dir}, Options: opt})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := pcnjson.EncodePack(res.Pack); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMergeSigned is BenchmarkMerge with every submission signed by
// its own key and checked against a roster of 1,250 lines: what signing
// costs a national merge.
//
//	go test ./internal/mergejob -run '^$' -bench MergeSigned -benchmem
func BenchmarkMergeSigned(b *testing.B) {
	const n = 1250
	dir := b.TempDir()
	files := forumtest.Generate(2026, n)
	paths, err := forumtest.WriteFiles(dir, files)
	if err != nil {
		b.Fatal(err)
	}
	var lines []string
	for i, f := range files {
		k := sshsigntest.NewKey(b)
		k.SignFile(b, paths[i])
		lines = append(lines, k.Line(f.Code, `namespaces="pcnvoice"`))
	}
	roster := sshsigntest.Roster(b, filepath.Join(b.TempDir(), "allowed_signers"), lines...)
	opt := forum.Options{Now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Run(context.Background(), Job{Paths: []string{dir}, Options: opt, Signatures: Signatures{Roster: roster}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := pcnjson.EncodePack(res.Pack); err != nil {
			b.Fatal(err)
		}
	}
}
