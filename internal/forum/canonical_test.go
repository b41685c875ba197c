package forum

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gowebpki/jcs"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
)

var canonicalCases = []string{
	`{"b":1,"a":[true,false,null],"c":{"z":"x","y":""}}`,
	`  {"a" : 1 , "b" : [ 1 , 2 ] }  `,
	`"\u00e9\u2028\/\b\f\n\r\t\u0001\u001f\"\\"`,
	`"\ud83d\ude00 😀"`,
	`{"\u00e9":1,"e":2,"z":3,"é":4}`,
	`{"😀":1,"\uffff":2}`,
	`[1.0,1e3,-0,0.000001,1e-7,123456789012345678901234,1E+2,-1.5e-300,9007199254740993]`,
	`[0,-0.0,100,999999999999999,1000000000000000,12345678901234567]`,
	`{"a":1,"a":2}`,
	`{"a":1,}`, `[1,]`, `{"a"}`, `[01]`, `[1.]`, `[.5]`, `[1e]`, `[-]`, `[+1]`, `tru`, `nul`, `[true false]`,
	`"\ud800"`, `"\udc00\ud800"`, `"\ud800\u0041"`, `"\x"`, "\"tab\there\"", "\"bad \xff utf8\"",
	`1e400`, `[1e-400]`, `{}`, `[]`, `""`, `null`, ` `, ``, `{"a":[{"b":[{"c":{}}]}]}`,
	strings.Repeat("[", 100) + strings.Repeat("]", 100),
	`{"a":1} x`, `{"a":1}}`,
}

// TestCanonicalMatchesJCS holds the fast canonicaliser to the reference:
// the same output, or an error where the reference errs.
func TestCanonicalMatchesJCS(t *testing.T) {
	for _, f := range forumtest.Generate(9, 3) {
		canonicalCases = append(canonicalCases, string(f.Data))
	}
	b, _ := mergeFiles(t, testOptions(), forumtest.Generate(10, 3)...)
	canonicalCases = append(canonicalCases, string(b))
	for _, in := range canonicalCases {
		checkCanonical(t, []byte(in))
	}
}

func checkCanonical(t *testing.T, in []byte) {
	t.Helper()
	want, werr := jcs.Transform(in)
	got, gerr := canonical(in)
	if (werr == nil) != (gerr == nil) || !bytes.Equal(got, want) {
		t.Errorf("canonical(%.80q) = %.80q, %v; jcs gives %.80q, %v", in, got, gerr, want, werr)
	}
}

func FuzzCanonical(f *testing.F) {
	for _, c := range canonicalCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		checkCanonical(t, in)
	})
}

func BenchmarkCanonical(b *testing.B) {
	doc := forumtest.Generate(1, 1)[0].Data
	b.SetBytes(int64(len(doc)))
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			if _, err := canonical(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("jcs", func(b *testing.B) {
		for b.Loop() {
			if _, err := jcs.Transform(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
