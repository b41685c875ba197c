package forum

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
)

// BenchmarkMerge is SPEC §12's merge bar: reading, checking and merging
// 1,250 generated submissions from files on disk into an encoded pack, and
// 2,500 to show it scales linearly. Compare with `jq -s length` over the
// same files (see the README's performance section):
//
//	go test ./internal/forum -run '^$' -bench Merge -benchmem
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
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
				inputs, err := ReadFiles(paths, runtime.GOMAXPROCS(0), nil)
				if err != nil {
					b.Fatal(err)
				}
				p, _, err := Merge(inputs, testOptions())
				if err != nil {
					b.Fatal(err)
				}
				if _, err := EncodePack(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
