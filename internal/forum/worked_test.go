package forum

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// readFile reads the file at path as a merge input.
func readFile(path string) (pcnjson.Input, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return pcnjson.Input{}, err
	}
	return pcnjson.Read(path, data)
}

// readDir reads every file of a fixture folder as a merge input.
func readDir(tb testing.TB, dir string) []pcnjson.Input {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtureDir, dir, "*.json"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no fixtures in %s (%v): run go test -run TestFixtures -update", dir, err)
	}
	var out []pcnjson.Input
	for _, p := range paths {
		in, err := readFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, in)
	}
	return out
}

func configOptions() Options {
	cfg := config.Default()
	opt := testOptions()
	opt.ThemeNames, opt.CategoryNames, opt.ServiceNames = map[string]string{}, map[string]string{}, map[string]string{}
	for _, e := range cfg.Themes {
		opt.ThemeNames[e.Key] = e.Name
	}
	for _, e := range cfg.Categories {
		opt.CategoryNames[e.Key] = e.Name
	}
	for _, e := range cfg.Services {
		opt.ServiceNames[e.Key] = e.Name
	}
	opt.ServiceOrder = config.Keys(cfg.Services)
	opt.Meeting = pcnjson.Meeting{Name: "North Example PCN Forum", Chair: "Dr Sam Okafor", MeetingDate: "2026-12-03", Purpose: "decision", Session: "public"}
	return opt
}

// TestWorkedExample merges testdata/forum/worked, whose result was worked
// out by hand (ballots ranked in order: E estates, W workforce, D digital,
// A access, M mental-health; populations in thousands):
//
//	U20001 35: E W D    U20002 30: E W A    U20003 25: W D E
//	U20004 12: W E A    U20005  8: M A W
//
// One PCN, one vote: W beats E 3–2 and everything else, so W is the
// Condorcet winner; then E, A (beats D 3–2), D (beats M 2–1), M. Borda
// agrees: W 16, E 13.5, A 8, D 6.5, M 6. By population E beats W 65–45 and
// D beats A 60–50: E, W, D, A, M, so the weightings disagree on the top 3.
// Consensus (top 3 of at least 4 of 5 ballots): W (5) and E (4). Minority:
// M, first for U20005 alone.
func TestWorkedExample(t *testing.T) {
	p, warnings, err := Merge(readDir(t, "worked"), configOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warningText(warnings))
	}
	r := p.Ranking
	order := func(ps []pcnjson.Place) (out []string) {
		for _, p := range ps {
			out = append(out, p.Theme)
		}
		return out
	}
	want := []string{"workforce", "estates", "access", "digital", "mental-health"}
	if !slices.Equal(order(r.Order), want) || !slices.Equal(order(r.OtherMethod.Order), want) {
		t.Errorf("Schulze %v, Borda %v; want both %v", order(r.Order), order(r.OtherMethod.Order), want)
	}
	var borda []float64
	for _, p := range r.OtherMethod.Order {
		borda = append(borda, p.Score)
	}
	if !slices.Equal(borda, []float64{16, 13.5, 8, 6.5, 6}) {
		t.Errorf("Borda points %v", borda)
	}
	if got := order(r.OtherWeight.Order); !slices.Equal(got, []string{"estates", "workforce", "digital", "access", "mental-health"}) || !r.WeightingsDisagree {
		t.Errorf("by population %v, disagree %v", got, r.WeightingsDisagree)
	}
	if got := themesOf(p.Consensus.Themes); !slices.Equal(got, []string{"workforce", "estates"}) {
		t.Errorf("consensus %v", got)
	}
	if len(p.Minority) != 1 || p.Minority[0].Theme != "mental-health" || p.Minority[0].PCNs[0].Label != "Harbourside PCN" {
		t.Errorf("minority %+v", p.Minority)
	}
	if r.Order[0].Name != "Workforce" || p.Services[0].Name != "Enhanced health in care homes" {
		t.Errorf("display names not from the config: %q, %q", r.Order[0].Name, p.Services[0].Name)
	}
	var keys []string
	for _, s := range p.Services {
		keys = append(keys, s.Key)
	}
	if !slices.IsSortedFunc(keys, config.Default().CompareServices) {
		t.Errorf("services not in the catalogue's order: %v", keys)
	}
	// The top 3 (W, E, A) and the consensus (W, E): three resolutions.
	var recs []string
	for _, rec := range p.Recommendations {
		recs = append(recs, fmt.Sprintf("%s top=%v consensus=%v asks=%d", rec.Theme, rec.InTop, rec.Consensus, len(rec.Asks)))
	}
	if want := "workforce top=true consensus=true asks=1, estates top=true consensus=true asks=1, access top=true consensus=false asks=1"; strings.Join(recs, ", ") != want {
		t.Errorf("recommendations:\n %s\nwant\n %s", strings.Join(recs, ", "), want)
	}

	b, err := pcnjson.EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "worked.golden.json")
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want2, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	mustEqualPacks(t, "worked example against "+golden, b, want2)
}

// TestReceivedFiles merges a chair's inbox: BOM, CRLF, UTF-16, an old
// revision beside a new one, and a neighbourhood's pack.
func TestReceivedFiles(t *testing.T) {
	p, warnings, err := Merge(readDir(t, "received"), configOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Submissions) != 6 {
		t.Errorf("%d submissions counted, want 6 (4 loose PCNs, 2 from the pack)", len(p.Submissions))
	}
	want := forumtest.Code(103) + ": revision 1 from ../../testdata/forum/received/castlegate q3.json set aside; " +
		"revision 2 from ../../testdata/forum/received/castlegate q3 (1).json is newer and counts\n"
	if got := warningText(warnings); got != want {
		t.Errorf("warnings:\n%s\nwant\n%s", got, want)
	}
}

func TestBadFiles(t *testing.T) {
	want := map[string]string{
		"tampered.json":      "tampered.json: digest: does not match the content",
		"truncated.json":     "truncated.json: not valid JSON",
		"not-pcnvoice.json":  "not-pcnvoice.json: format: missing: not a pcnvoice submission or forum pack",
		"newer-version.json": "newer-version.json: version: 2 was written by a newer pcnvoice",
		"pack-tampered.json": "pack-tampered.json: digest: does not match the content: the pack was modified",
		"paper.md":           "paper.md: a forum paper (Markdown or HTML), not a pack",
	}
	for name, msg := range want {
		t.Run(name, func(t *testing.T) {
			_, err := readFile(filepath.Join(fixtureDir, "bad", name))
			if err == nil {
				t.Fatal("read succeeded")
			}
			if !strings.Contains(err.Error(), msg) {
				t.Errorf("error %q, want it to contain %q", err, msg)
			}
		})
	}
}
