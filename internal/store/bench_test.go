package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// bigPCN is a database of a PCN with 5,000 notes, as pcnbench measures.
func bigPCN(b *testing.B) *DB {
	b.Helper()
	ctx := context.Background()
	d := openTest(b)
	if err := d.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Big PCN"}); err != nil {
		b.Fatal(err)
	}
	notes := make([]domain.Note, 5000)
	for i := range notes {
		notes[i] = domain.Note{Category: "workforce", Severity: domain.Severity(i%3 + 1), Date: fmt.Sprintf("2026-%02d-%02d", i%12+1, i%28+1), Text: "note"}
	}
	if err := d.Restore(ctx, domain.Snapshot{Period: domain.Period{Year: 2026, Quarter: 3}, PCN: domain.PCN{Code: "U51234", Name: "Big PCN"}, Notes: notes}, nil); err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkSummary is the status query on a PCN with 5,000 notes.
func BenchmarkSummary(b *testing.B) {
	ctx := context.Background()
	d := bigPCN(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Summary(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenSummary is what `pcnvoice status` does against the database:
// open (pragmas verified, schema checked), summarise, close.
func BenchmarkOpenSummary(b *testing.B) {
	ctx := context.Background()
	d := openTest(b)
	path := d.Path()
	d.Close()
	b.ReportAllocs()
	for b.Loop() {
		db, err := Open(ctx, path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Summary(ctx); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkReadStatus is `pcnvoice status`'s read, which starts from
// nothing every time: a new connection, the schema read, the summary.
func BenchmarkReadStatus(b *testing.B) {
	ctx := context.Background()
	d := bigPCN(b)
	path := d.Path()
	d.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadStatus(ctx, path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
