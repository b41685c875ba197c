package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

func TestImportPractices(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	rep, err := d.ImportPractices(ctx, PracticeImport{
		PCN:     &domain.PCN{Code: "U99001", Name: "Riverside Health PCN", ICS: "North ICB"},
		Members: []MemberPractice{{"Y99101", "Bridge Street", "RV1 1AA"}, {"Y99102", "Mill Lane", "RV1 2BB"}},
		Seed:    []domain.Service{{Key: "ehch", Name: "EHCH"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.PCNCreated || len(rep.Added) != 2 {
		t.Fatalf("report = %+v", rep)
	}
	if ss, _ := d.Services(ctx); len(ss) != 1 || ss[0].Status != domain.NotStarted {
		t.Errorf("services not seeded: %+v", ss)
	}
	if pcs, _ := d.PracticePostcodes(ctx); !slices.Equal(pcs, []string{"RV1 1AA", "RV1 2BB"}) {
		t.Errorf("postcodes = %v", pcs)
	}

	rep, err = d.ImportPractices(ctx, PracticeImport{ListSizes: map[string]int64{"Y99101": 9834, "Z00001": 5}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.SizesUpdated != 1 || !slices.Equal(rep.NoSizeRow, []string{"Y99102"}) {
		t.Errorf("list sizes report = %+v", rep)
	}
	if ps, _ := d.Practices(ctx); len(ps) != 2 || ps[0].ListSize != 9834 {
		t.Errorf("non-member added or size not set: %+v", ps)
	}

	_, err = d.ImportPractices(ctx, PracticeImport{PCN: &domain.PCN{Code: "U99002", Name: "Other"}, Members: []MemberPractice{{"A00001", "X", ""}}})
	if !errors.Is(err, ErrOtherPCN) {
		t.Errorf("other PCN: err = %v", err)
	}
	if ps, _ := d.Practices(ctx); len(ps) != 2 {
		t.Errorf("a refused import added practices: all or nothing broken")
	}
}
