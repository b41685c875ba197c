package pcnjson

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The vectors in testdata/vectors were hashed by gen.py, a second route
// (Python's JSON writer) independent of the canonicaliser here.
func TestDigestVectors(t *testing.T) {
	f, err := os.Open("testdata/vectors/digests.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		name, want, _ := strings.Cut(sc.Text(), " ")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata/vectors", name))
			if err != nil {
				t.Fatal(err)
			}
			c, err := Canonicalise(b)
			if err != nil {
				t.Fatal(err)
			}
			if got := DigestOf(c); got != want {
				t.Errorf("digest = %s\nwant     %s", got, want)
			}
			// The same file with its digest set must decode: unknown members
			// stay inside the digest.
			var m map[string]any
			json.Unmarshal(b, &m)
			m["digest"] = want
			signed, _ := json.Marshal(m)
			if _, _, err := Decode(name, signed); err != nil {
				t.Errorf("Decode with the vector digest: %v", err)
			}
		})
		n++
	}
	if n < 2 {
		t.Fatalf("only %d vectors read", n)
	}
}

func TestCanonicalIsNotGoEncoding(t *testing.T) {
	c, err := Canonical(map[string]string{"b": "<&>\u2028", "a": "é"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\"a\":\"é\",\"b\":\"<&>\u2028\"}"; string(c) != want {
		t.Errorf("Canonical = %q, want %q", c, want)
	}
}
