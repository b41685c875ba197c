package mergejob

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
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
