package forum

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
)

// TestOrderDoesNotMatter: the same set of inputs gives byte-identical packs
// whatever order they come in, under every method and weighting.
func TestOrderDoesNotMatter(t *testing.T) {
	files := forumtest.Generate(7, 40)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, opt := range []Options{
		testOptions(),
		{Now: fixedNow, Method: rank.Borda, Weight: Population, Top: 5, Anonymise: true},
	} {
		want, _ := mergeFiles(t, opt, files...)
		for range 5 {
			got, _ := mergeFiles(t, opt, shuffled(rng, files)...)
			mustEqualPacks(t, "shuffled", got, want)
		}
	}
}

// TestSameFileTwiceCountsOnce: a file given twice — or the same submission
// re-saved with a byte-order mark, CRLF line ends, as UTF-16 or compacted —
// counts once and changes nothing in the pack.
func TestSameFileTwiceCountsOnce(t *testing.T) {
	files := forumtest.Generate(3, 6)
	want, _ := mergeFiles(t, testOptions(), files...)
	f := files[2]
	var compacted bytes.Buffer
	if err := json.Compact(&compacted, f.Data); err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"same bytes": f.Data,
		"bom":        append([]byte("\xEF\xBB\xBF"), f.Data...),
		"crlf":       bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r\n")),
		"utf-16":     utf16LE(string(f.Data)),
		"compacted":  compacted.Bytes(),
	}
	for name, data := range variants {
		t.Run(name, func(t *testing.T) {
			dup := forumtest.File{Name: "copy of " + f.Name, Data: data}
			got, w := mergeFiles(t, testOptions(), append([]forumtest.File{dup}, files...)...)
			mustEqualPacks(t, name, got, want)
			if len(w) != 0 {
				t.Errorf("warnings for a duplicate: %q", warningText(w))
			}
		})
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// TestMergeOfPacksEqualsFlatMerge: merge is associative. Thirty
// submissions split into three packs (neighbourhoods), merged as packs,
// give the flat merge's pack byte for byte; so do packs that overlap, a
// pack of packs, and packs mixed with loose files.
func TestMergeOfPacksEqualsFlatMerge(t *testing.T) {
	files := forumtest.Generate(11, 30)
	for _, opt := range []Options{testOptions(), {Now: fixedNow, Method: rank.Borda, Weight: Population, Anonymise: true}} {
		flat, _ := mergeFiles(t, opt, files...)
		// Packs are made with other settings than the final merge: their
		// rankings are recomputed, only their submissions carry over.
		packOpt := Options{Now: fixedNow, Top: 1, Anonymise: !opt.Anonymise}
		a := packFile(t, "north.json", packOpt, files[:10]...)
		b := packFile(t, "south.json", packOpt, files[10:20]...)
		c := packFile(t, "east.json", packOpt, files[20:]...)
		got, _ := mergeFiles(t, opt, c, a, b)
		mustEqualPacks(t, "three packs", got, flat)

		overlap := packFile(t, "overlap.json", packOpt, files[5:25]...)
		got, _ = mergeFiles(t, opt, overlap, a, c)
		mustEqualPacks(t, "overlapping packs", got, flat)

		ab := packFile(t, "north-south.json", packOpt, a, b)
		got, _ = mergeFiles(t, opt, append([]forumtest.File{ab}, files[20:]...)...)
		mustEqualPacks(t, "pack of packs and loose files", got, flat)
	}
}

// TestCondorcetWinnerWinsUnderSchulze: whenever one theme beats every
// other head to head, Schulze puts it first, alone, under either weighting.
func TestCondorcetWinnerWinsUnderSchulze(t *testing.T) {
	found := 0
	for seed := range uint64(40) {
		files := forumtest.Generate(seed, 3+int(seed%9))
		for _, w := range []Weight{Equal, Population} {
			p, _, err := Merge(read(t, files...), Options{Now: fixedNow, Weight: w})
			if err != nil {
				t.Fatal(err)
			}
			r := p.Ranking
			winner, ok := rank.CondorcetWinner(r.Pairwise.Themes, r.Pairwise.Counts)
			if !ok {
				continue
			}
			found++
			if r.Order[0].Theme != winner || r.Order[0].Position != 1 || (len(r.Order) > 1 && r.Order[1].Position == 1) {
				t.Errorf("seed %d %s: Condorcet winner %s, but Schulze order starts %v", seed, w, winner, r.Order[:min(3, len(r.Order))])
			}
		}
	}
	if found < 10 {
		t.Errorf("only %d merges had a Condorcet winner; the property was hardly tested", found)
	}
}

// TestAnonymiseLabelsStable: labels follow sorted codes, so adding a file
// in another order gives the same labels, and no quote names a PCN.
func TestAnonymiseLabelsStable(t *testing.T) {
	files := forumtest.Generate(5, 12)
	opt := testOptions()
	opt.Anonymise = true
	p, _, err := Merge(read(t, shuffled(rand.New(rand.NewPCG(3, 4)), files)...), opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range p.Submissions {
		if want := Label(i); e.Label != want {
			t.Errorf("submissions[%d] (%s) label %q, want %q", i, e.Code, e.Label, want)
		}
	}
	quoted, _ := json.Marshal([]any{p.Quotes, p.Minority, p.Services, p.Coverage})
	for _, e := range p.Submissions {
		if bytes.Contains(quoted, []byte(e.Code)) || bytes.Contains(quoted, []byte(e.Name)) {
			t.Errorf("anonymised sections name %s (%s)", e.Code, e.Name)
		}
	}
	if !strings.Contains(string(quoted), `"label":"PCN A"`) {
		t.Errorf("anonymised sections carry no labels: %.300s", quoted)
	}
}

func TestLabel(t *testing.T) {
	for i, want := range map[int]string{0: "PCN A", 1: "PCN B", 25: "PCN Z", 26: "PCN AA", 27: "PCN AB", 51: "PCN AZ", 52: "PCN BA", 701: "PCN ZZ", 702: "PCN AAA"} {
		if got := Label(i); got != want {
			t.Errorf("Label(%d) = %q, want %q", i, got, want)
		}
	}
}
