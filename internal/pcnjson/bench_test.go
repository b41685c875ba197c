package pcnjson

import (
	"fmt"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// benchDoc is a national-scale submission: ten services, thirty notes and
// six priorities, as the merge benchmark's generator makes them.
func benchDoc(b *testing.B) []byte {
	b.Helper()
	s := sampleSnapshot()
	for i := range 30 {
		s.Notes = append(s.Notes, domain.Note{Category: "workforce", Severity: domain.Severity(i%3 + 1),
			Date: fmt.Sprintf("2026-10-%02d", i%28+1), Text: fmt.Sprintf("Note %d: locum costs and rooms, <urgent> & rising — see practice managers' report.", i)})
	}
	for i := range 8 {
		s.Services = append(s.Services, domain.Service{Key: fmt.Sprintf("svc-%d", i), Name: "Service", Status: domain.Amber, Note: "Behind plan."})
	}
	for i := 3; i <= 6; i++ {
		s.Priorities = append(s.Priorities, domain.Priority{Rank: i, Theme: "workforce", Title: "More", Ask: "Fund it", Rationale: "Because"})
	}
	rec, err := Build(time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC), "bench")(s, nil)
	if err != nil {
		b.Fatal(err)
	}
	return rec.Document
}

// BenchmarkDecode is reading one emailed submission: UTF-8 check, JSON
// decode, digest over the canonical form, and validation.
func BenchmarkDecode(b *testing.B) {
	data := benchDoc(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Decode("bench.json", data); err != nil {
			b.Fatal(err)
		}
	}
}
