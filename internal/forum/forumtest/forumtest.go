// Package forumtest makes signed submissions for tests and benchmarks of
// the forum merge: realistic ones from a seed (services, workload notes and
// priorities a clinical director might write), and minimal ones built from
// a list of themes for worked examples. Every file is made by the real
// exporter (pcnjson.Build), so it verifies exactly as an emailed one.
package forumtest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// Period is the period generated submissions are for.
var Period = domain.Period{Year: 2026, Quarter: 3}

// Exported is when generated submissions were exported (plus a minute per
// PCN, so their times differ as real ones would).
var Exported = time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC)

// Generator is the generator member of every file made here.
const Generator = "pcnvoice forumtest"

// File is one generated submission file.
type File struct {
	Name string // e.g. "U10003.json"
	Code string
	Data []byte
}

// Encode exports s as revision rev at time at, the way `pcnvoice export`
// does. It panics on a snapshot that does not validate: callers build them
// here, and a bad one is a defect in the test, not an input.
func Encode(s domain.Snapshot, rev int, at time.Time) []byte {
	var last *domain.ExportRecord
	if rev > 1 {
		// A different content hash makes Build take the next revision.
		last = &domain.ExportRecord{Revision: rev - 1, ContentHash: "forumtest"}
	}
	rec, err := pcnjson.Build(at, Generator)(s, last)
	if err != nil {
		panic(fmt.Sprintf("forumtest: %s: %v", s.PCN.Code, err))
	}
	return rec.Document
}

// Code returns the i-th generated PCN code. Codes are spread over the
// range rather than counted up, so code order is not generation order.
func Code(i int) string {
	return fmt.Sprintf("U%05d", 10000+(i*7919)%90000)
}

// Generate returns n realistic submissions from seed: the same seed and n
// always give the same files, byte for byte. Each has 3–8 practices,
// 6–10 services, 20–40 workload notes and 3–8 priorities, with themes drawn
// unevenly so that a forum has a real top and a real minority; and a
// workforce (see Workforce), or none reported.
func Generate(seed uint64, n int) []File {
	out := make([]File, n)
	for i := range n {
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		s := Snapshot(rng, Code(i), i)
		s.Workforce, s.WorkforceReported = Workforce(rand.New(rand.NewPCG(seed, uint64(i)+1<<32)))
		out[i] = File{Name: Code(i) + ".json", Code: Code(i), Data: Encode(s, 1+rng.IntN(3), Exported.Add(time.Duration(i)*time.Minute))}
	}
	return out
}

// WriteFiles writes files into dir and returns their paths.
func WriteFiles(dir string, files []File) ([]string, error) {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(dir, f.Name)
		if err := os.WriteFile(paths[i], f.Data, 0o600); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// Simple returns a minimal valid snapshot for worked examples: one practice
// holding the whole population, and one priority per theme, in order.
func Simple(code string, population int64, themes ...string) domain.Snapshot {
	s := domain.Snapshot{
		Period:    Period,
		PCN:       domain.PCN{Code: code, Name: "PCN " + code, ICS: "Example ICS", Place: "Example", ClinicalDirector: "Clinical director of " + code},
		Practices: []domain.Practice{{ODSCode: "Y" + code[1:], Name: "Practice of " + code, ListSize: population}},
		Services:  []domain.Service{},
		Notes:     []domain.Note{},
	}
	for i, t := range themes {
		s.Priorities = append(s.Priorities, domain.Priority{
			Rank: i + 1, Theme: t, Title: fmt.Sprintf("%s priority %d", t, i+1), Ask: "Ask about " + t,
		})
	}
	return s
}
