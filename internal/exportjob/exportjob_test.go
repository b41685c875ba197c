package exportjob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

var clock = time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)

// demoDB is the demo PCN in a database of the test's own.
func demoDB(t testing.TB) *store.DB {
	t.Helper()
	ctx := context.Background()
	snap := demo.Snapshot(config.Default(), clock)
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"), store.Options{Create: true, Period: snap.Period.String()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Restore(ctx, snap, nil); err != nil {
		t.Fatal(err)
	}
	return db
}

// addPatientData puts a valid NHS number in a note dated before every demo
// note (so it is workload[0]) and a date of birth in the statement.
func addPatientData(t testing.TB, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := db.SaveNote(ctx, domain.Note{Category: "other", Severity: domain.Low, Date: "2026-04-01", Text: "Patient 943 476 5919 waited six weeks."})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetStatement(ctx, "One patient, DOB 12/03/1941, waited longest."); err != nil {
		t.Fatal(err)
	}
	return id
}

func exports(t testing.TB, db *store.DB) int {
	t.Helper()
	recs, err := db.Exports(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(recs)
}

func TestRunWritesAndRepeatsUnchanged(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "sub.json")
	res, err := Run(ctx, db, Options{Path: out, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if res.Record.Revision != 1 || res.Unchanged || len(res.Findings) != 0 {
		t.Errorf("first export: revision %d, unchanged %v, findings %v", res.Record.Revision, res.Unchanged, res.Findings)
	}
	data, err := os.ReadFile(out)
	if err != nil || !bytes.Equal(data, res.Bytes) {
		t.Fatalf("file holds %d bytes, result %d (err %v)", len(data), len(res.Bytes), err)
	}
	if fi, _ := os.Stat(out); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	doc, _, err := pcnjson.Decode(out, data)
	if err != nil || doc.Revision != 1 || doc.GeneratedAt != "2026-11-18T09:00:00Z" {
		t.Fatalf("decoded %+v, %v", doc, err)
	}
	again, err := Run(ctx, db, Options{Out: io.Discard, Now: clock.Add(time.Hour)})
	if err != nil || !again.Unchanged || !bytes.Equal(again.Bytes, data) {
		t.Errorf("unchanged content: unchanged %v, same bytes %v, err %v", again.Unchanged, bytes.Equal(again.Bytes, data), err)
	}
	if _, err := db.SaveNote(ctx, domain.Note{Category: "it", Severity: 2, Date: "2026-11-18", Text: "Printer down."}); err != nil {
		t.Fatal(err)
	}
	p, err := Check(ctx, db)
	if err != nil || p.Revision != 2 || p.Unchanged || p.Last.Revision != 1 {
		t.Fatalf("check after an edit: %+v, %v", p, err)
	}
	third, err := Run(ctx, db, Options{Format: Markdown, Out: io.Discard, Now: clock})
	if err != nil || third.Record.Revision != 2 || !bytes.Contains(third.Bytes, []byte(third.Record.Digest)) {
		t.Errorf("md after an edit: revision %d, err %v", third.Record.Revision, err)
	}
}

func TestRunBlockedLeavesNoTrace(t *testing.T) {
	db := demoDB(t)
	addPatientData(t, db)
	dir := t.TempDir()
	for _, f := range Formats {
		res, err := Run(context.Background(), db, Options{Format: f, Path: filepath.Join(dir, "x."+string(f)), Now: clock})
		var be *BlockedError
		if !errors.Is(err, ErrBlocked) || !errors.As(err, &be) {
			t.Fatalf("%s: err %v, want ErrBlocked", f, err)
		}
		if len(be.Findings) != 2 || len(res.Findings) != 2 || res.Bytes != nil {
			t.Errorf("%s: findings %v / %v, bytes %d", f, be.Findings, res.Findings, len(res.Bytes))
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("blocked exports left %v", left)
	}
	if n := exports(t, db); n != 0 {
		t.Errorf("blocked exports recorded %d revisions", n)
	}
	res, err := Run(context.Background(), db, Options{AllowPII: true, Out: io.Discard, Now: clock})
	if err != nil || res.Record.Revision != 1 || len(res.Findings) != 2 {
		t.Errorf("override: %+v, %v", res.Record, err)
	}
	if n := exports(t, db); n != 1 {
		t.Errorf("override recorded %d revisions, want 1", n)
	}
}

func TestRunRefusesBeforeRecording(t *testing.T) {
	db := demoDB(t)
	for _, opt := range []Options{
		{Format: "pdf", Out: io.Discard},
		{Path: filepath.Join(t.TempDir(), "no", "such", "folder", "x.json")},
		{},
	} {
		if _, err := Run(context.Background(), db, opt); err == nil {
			t.Errorf("%+v: no error", opt)
		}
	}
	if n := exports(t, db); n != 0 {
		t.Errorf("refused exports recorded %d revisions", n)
	}
	if _, err := ParseFormat("pdf"); !errors.Is(err, ErrFormat) {
		t.Errorf("ParseFormat(pdf) = %v", err)
	}
}

// TestLocateByIdentity: a finding's path, in the document's order, leads
// to the record by ID whatever order a screen shows records in.
func TestLocateByIdentity(t *testing.T) {
	db := demoDB(t)
	id := addPatientData(t, db)
	p, err := Check(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Blocking() || p.Revision != 1 || p.Last != nil {
		t.Fatalf("preview %+v", p)
	}
	want := map[string]Target{
		"statement":        {Kind: "statement", Field: "statement"},
		"workload[0].text": {Kind: "note", ID: id, Index: 0, Field: "text"},
	}
	for _, f := range p.Findings {
		got, ok := Locate(&p.Doc, f.Path)
		if !ok || got != want[f.Path] {
			t.Errorf("Locate(%q) = %+v, %v; want %+v", f.Path, got, ok, want[f.Path])
		}
	}
	ps := p.Doc.Priorities
	if got, _ := Locate(&p.Doc, "priorities[2].ask"); got.Kind != "priority" || got.ID != ps[2].ID || got.Index != 2 || got.Field != "ask" {
		t.Errorf("priorities[2].ask → %+v, want ID %d", got, ps[2].ID)
	}
	if got, _ := Locate(&p.Doc, "services[1].note"); got.Key != p.Doc.Services[1].Key {
		t.Errorf("services[1].note → %+v", got)
	}
	for _, bad := range []string{"workload[99].text", "pcn.name", "workload[x].text", ""} {
		if _, ok := Locate(&p.Doc, bad); ok {
			t.Errorf("Locate(%q) found something", bad)
		}
	}
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct {
		name, code, period string
		f                  Format
		want               string
	}{
		{"Riverside Health PCN", "U99001", "2026/27 Q3", JSON, "riverside-health-pcn-2026-27-q3.json"},
		{"  St Mary's & Hill/Vale  ", "U1", "2026/27 Q1", HTML, "st-mary-s-hill-vale-2026-27-q1.html"},
		{"医療", "U51234", "2026/27 Q4", Markdown, "u51234-2026-27-q4.md"},
		{"", "", "", JSON, "submission.json"},
	} {
		doc := &pcnjson.Document{PCN: domain.PCN{Name: tc.name, Code: tc.code}, Period: tc.period}
		if got := FileName(doc, tc.f); got != tc.want || strings.ContainsAny(got, "/\\ ") {
			t.Errorf("FileName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestNoticesForEmptyAsks: a priority with no ask is flagged by Check (for
// the Export screen) and by Run (for the CLI), naming its rank and record,
// and the export still goes ahead; its paper shows the priority as raised,
// never as a resolution.
func TestNoticesForEmptyAsks(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	ps, err := db.Priorities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := ps[2] // the demo's priority 3
	p.Ask = "  "
	if _, err := db.SavePriority(ctx, p); err != nil {
		t.Fatal(err)
	}
	pre, err := Check(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(pre.Notices) != 1 || !strings.HasPrefix(pre.Notices[0].String(), "priority 3 has no ask for the board") ||
		pre.Notices[0].Target != (Target{Kind: "priority", ID: p.ID, Index: 2, Field: "ask"}) {
		t.Fatalf("notices %+v", pre.Notices)
	}
	var out bytes.Buffer
	res, err := Run(ctx, db, Options{Format: Markdown, Out: &out, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notices) != 1 || res.Notices[0].Msg != pre.Notices[0].Msg {
		t.Errorf("Run notices %+v", res.Notices)
	}
	md := out.String()
	if strings.Contains(md, "SUPPORT:** "+p.Title) || !strings.Contains(md, "Priority 3: **"+p.Title+"**") {
		t.Errorf("the paper makes the empty ask a resolution, or drops it:\n%s", md)
	}
}
