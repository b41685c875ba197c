package pii_test

import (
	"encoding/json"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/pii"
)

// forumDocs returns n generated submissions, decoded and in the canonical
// form a forum pack embeds them in.
func forumDocs(b *testing.B, n int) ([]*pcnjson.Document, [][]byte) {
	b.Helper()
	files := forumtest.Generate(2026, n)
	docs := make([]*pcnjson.Document, n)
	canon := make([][]byte, n)
	for i, f := range files {
		d, text, err := pcnjson.Decode(f.Name, f.Data)
		if err != nil {
			b.Fatal(err)
		}
		if canon[i], err = pcnjson.Canonical(json.RawMessage(text)); err != nil {
			b.Fatal(err)
		}
		docs[i] = d
	}
	return docs, canon
}

// BenchmarkGuardForum is the merge's guard over SPEC §12's 1,250
// submissions, on one core: every string of each canonical document
// (ScanJSON, what merge runs).
func BenchmarkGuardForum(b *testing.B) {
	docs, canon := forumDocs(b, 1250)
	var size int64
	for _, c := range canon {
		size += int64(len(c))
	}
	b.Run("every string", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for i, c := range canon {
				fs, err := pii.ScanJSON(docs[i].PCN.Code, c, pii.Options{})
				if err != nil || len(fs) != 0 {
					b.Fatal(fs, err)
				}
			}
		}
	})
}
