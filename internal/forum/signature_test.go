package forum

import (
	"math/rand/v2"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// TestBestSignatureKept: copies of one submission carrying different
// signature records (none, key not checked, two valid signatures) count
// once, with the best record, whatever order they come in; a submission
// with no record is unsigned in the pack.
func TestBestSignatureKept(t *testing.T) {
	files := forumtest.Generate(9, 3)
	f := files[0]
	recs := []*pcnjson.Signature{
		nil,
		{Status: pcnjson.SigKeyNotChecked, Fingerprint: "SHA256:k", Signature: "a", File: string(f.Data)},
		{Status: pcnjson.SigSigned, Principal: f.Code, Fingerprint: "SHA256:z", Signature: "z", File: string(f.Data)},
		{Status: pcnjson.SigSigned, Principal: f.Code, Fingerprint: "SHA256:b", Signature: "b", File: string(f.Data)},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 8 {
		inputs := read(t, append(files, f, f, f)...)
		order := rng.Perm(len(recs))
		n := 0
		for i := range inputs {
			if inputs[i].Submission.Doc.PCN.Code == f.Code {
				inputs[i].Submission.Signature = recs[order[n]]
				n++
			}
		}
		rng.Shuffle(len(inputs), func(i, j int) { inputs[i], inputs[j] = inputs[j], inputs[i] })
		p, _, err := Merge(inputs, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Submissions {
			want := pcnjson.Signature{Status: pcnjson.SigUnsigned}
			if e.Code == f.Code {
				want = *recs[3]
			}
			if e.Signature != want {
				t.Fatalf("%s (order %v): %+v, want %+v", e.Code, order, e.Signature, want)
			}
		}
	}
}
