package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/store"
)

const fixtures = "../../testdata/nhs/"

var clock = time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)

func newDB(t *testing.T) *store.DB {
	t.Helper()
	d, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "i.db"), store.Options{Create: true, Period: "2026/27 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestReadTouchesNothingAndNamesKinds(t *testing.T) {
	tests := map[string]string{
		"gp-reg-pat-prac-map.csv":      "practice–PCN map",
		"gp-reg-pat-prac-all.csv":      "list sizes",
		"gp-reg-pat-prac-all-2021.csv": "list sizes",
		"ePCN.xlsx":                    "ePCN workbook",
		"epcn-core-partners.csv":       "ePCN core partner",
	}
	for file, want := range tests {
		p, err := Read(fixtures + file)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if !strings.Contains(p.Kind, want) || p.Restores() {
			t.Errorf("%s read as %q (restores %v), want %q", file, p.Kind, p.Restores(), want)
		}
	}
	junk := filepath.Join(t.TempDir(), "letter.txt")
	os.WriteFile(junk, []byte("Dear forum\n"), 0o600)
	if _, err := Read(junk); err == nil || !strings.Contains(err.Error(), "letter.txt: not a file pcnvoice understands") {
		t.Errorf("junk: %v", err)
	}
}

func TestApplyMapNeedsPCN(t *testing.T) {
	db := newDB(t)
	p, err := Read(fixtures + "gp-reg-pat-prac-map.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(context.Background(), db, Options{Now: clock}); !errors.Is(err, ErrNeedPCN) {
		t.Fatalf("err = %v, want ErrNeedPCN", err)
	}
	res, err := p.Apply(context.Background(), db, Options{PCN: "U99001", Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(res.Lines, "\n"), "added 6 practices") {
		t.Errorf("lines = %q", res.Lines)
	}
	ss, _ := db.Services(context.Background())
	if len(ss) != 10 {
		t.Errorf("%d services seeded, want the 10 of 2026/27", len(ss))
	}
}
