package report

import (
	"strings"
	"testing"
)

// BenchmarkChairWords is the chair's part of making a forum pack's papers
// (forum_view.go): a summary of a few pages read and written both ways.
func BenchmarkChairWords(b *testing.B) {
	md := strings.Repeat(chairSample+"\n", 20)
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		ChairHTML(md)
		ChairMarkdown(md)
	}
}
