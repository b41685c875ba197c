package forum

import (
	"fmt"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
)

// BenchmarkMerge is the merge alone, files already read, plain and
// anonymised: anonymising scrubs every quoted string against every
// counted PCN's names.
func BenchmarkMerge(b *testing.B) {
	inputs := read(b, forumtest.Generate(2026, 1250)...)
	for _, anon := range []bool{false, true} {
		b.Run(fmt.Sprintf("anonymise=%v", anon), func(b *testing.B) {
			opt := testOptions()
			opt.Anonymise = anon
			for b.Loop() {
				if _, _, err := Merge(inputs, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
