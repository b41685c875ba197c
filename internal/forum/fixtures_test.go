package forum

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
)

// update rewrites the fixtures and golden files from the generators:
//
//	go test ./internal/forum -run 'TestFixtures|TestWorkedExample' -update
var update = flag.Bool("update", false, "rewrite testdata/forum fixtures and golden files")

// fixtureDir is the shared fixtures folder at the module root.
const fixtureDir = "../../testdata/forum"

// worked is the worked example (see TestWorkedExample for the sums): five
// PCNs whose ballots have a Condorcet winner under equal weights and a
// different one when votes count patients.
func worked() []forumtest.File {
	pcns := []struct {
		code, name string
		pop        int64
		themes     []string
		red        string
		statement  string
	}{
		{"U20001", "Riverside Health PCN", 35000, []string{"estates", "workforce", "digital"}, "ehch", "Riverside is delivering, but on goodwill: rooms first."},
		{"U20002", "Hillside PCN", 30000, []string{"estates", "workforce", "access"}, "", "We cannot grow the team without rooms to put it in."},
		{"U20003", "Castlegate Care PCN", 25000, []string{"workforce", "digital", "estates"}, "ehch", ""},
		{"U20004", "Moorview PCN", 12000, []string{"workforce", "estates", "access"}, "cvd-prevention", "Supervision is the bottleneck."},
		{"U20005", "Harbourside PCN", 8000, []string{"mental-health", "access", "workforce"}, "", "Our coastal practices see mental health need the others do not."},
	}
	var files []forumtest.File
	for i, p := range pcns {
		s := forumtest.Simple(p.code, p.pop, p.themes...)
		s.PCN.Name = p.name
		s.PCN.Place = strings.Fields(p.name)[0]
		s.Statement = p.statement
		for _, key := range []string{"cvd-prevention", "ehch", "enhanced-access"} {
			st := domain.Green
			if key == p.red {
				st = domain.Red
			} else if key == "enhanced-access" && i%2 == 0 {
				st = domain.Amber
			}
			s.Services = append(s.Services, domain.Service{Key: key, Name: config.Name(config.Default().Services, key), Status: st})
		}
		s.Notes = []domain.Note{
			{Category: "estates", Severity: domain.Severity(1 + i%3), Date: "2026-10-01", Text: "Not enough clinical rooms."},
			{Category: "workforce", Severity: domain.High, Date: "2026-10-08", Text: "GP supervision time is unfunded."},
		}
		files = append(files, fromSnapshot(p.code+".json", s, 1))
	}
	return files
}

// received is what a forum chair's inbox holds: the same kind of files
// saved every way Windows and mail clients save them, an old revision
// beside a new one, and a neighbourhood's pack.
func received(tb testing.TB) []forumtest.File {
	tb.Helper()
	snap := func(i int, name string) domain.Snapshot {
		s := forumtest.Snapshot(rand.New(rand.NewPCG(2026, uint64(i))), forumtest.Code(100+i), i)
		s.PCN.Name = name
		return s
	}
	riverside := fromSnapshot("Riverside Health PCN Q3.json", snap(0, "Riverside Health PCN"), 1)
	riverside.Data = append([]byte("\xEF\xBB\xBF"), riverside.Data...) // Notepad's "UTF-8 with BOM"
	hillside := fromSnapshot("hillside_q3_FINAL.json", snap(1, "Hillside PCN"), 1)
	hillside.Data = bytes.ReplaceAll(hillside.Data, []byte("\n"), []byte("\r\n")) // saved on Windows
	moorview := fromSnapshot("moorview-q3.json", snap(2, "Moorview PCN"), 3)
	moorview.Data = utf16LE(string(moorview.Data)) // PowerShell 5's `>`
	castlegate := snap(3, "Castlegate Care PCN")
	old := fromSnapshot("castlegate q3.json", castlegate, 1)
	castlegate.Statement += " (Corrected figures.)"
	newer := fromSnapshot("castlegate q3 (1).json", castlegate, 2)
	pack := packFile(tb, "northgate-neighbourhood-pack.json", testOptions(),
		fromSnapshot("a.json", snap(4, "Northgate North PCN"), 1), fromSnapshot("b.json", snap(5, "Northgate South PCN"), 2))
	return []forumtest.File{riverside, hillside, moorview, old, newer, pack}
}

// bad are files a merge must refuse, each naming the file.
func bad(tb testing.TB) []forumtest.File {
	tb.Helper()
	good := simple("U30001", 5000, 1, "estates")
	tampered := bytes.Replace(good.Data, []byte("Ask about estates"), []byte("Ask about money"), 1)
	var v map[string]any
	if err := json.Unmarshal(good.Data, &v); err != nil {
		tb.Fatal(err)
	}
	v["version"] = 2
	newer, _ := json.MarshalIndent(v, "", "  ")
	pack := packFile(tb, "pack.json", testOptions(), good, simple("U30002", 5000, 1, "workforce"))
	packTampered := bytes.Replace(pack.Data, []byte(`"method": "schulze"`), []byte(`"method": "borda"`), 1)
	return []forumtest.File{
		{Name: "tampered.json", Data: tampered},
		{Name: "truncated.json", Data: good.Data[:len(good.Data)/2]},
		{Name: "not-pcnvoice.json", Data: []byte(`{"name": "a spreadsheet export", "rows": []}` + "\n")},
		{Name: "newer-version.json", Data: append(newer, '\n')},
		{Name: "pack-tampered.json", Data: packTampered},
		{Name: "paper.md", Data: []byte("# North PCN Forum: the collective view of 5 PCNs, 2026/27 Q3\n\nA paper, given back to merge by mistake.\n")},
	}
}

// TestFixtures keeps testdata/forum in step with its generators, so every
// fixture can be remade from code (go test -run TestFixtures -update).
func TestFixtures(t *testing.T) {
	sets := map[string][]forumtest.File{"worked": worked(), "received": received(t), "bad": bad(t)}
	for dir, files := range sets {
		for _, f := range files {
			path := filepath.Join(fixtureDir, dir, f.Name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, f.Data) {
				t.Errorf("%s is not what its generator makes (err %v): run go test ./internal/forum -run TestFixtures -update", path, err)
			}
		}
	}
}
