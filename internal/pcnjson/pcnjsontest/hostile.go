// Package pcnjsontest holds the hostile files every reader of pcnvoice's
// formats is tested with: `pcnvoice import`, `pcnvoice merge`, the app's
// Forum section (and verify). One table, so that no two entry points can
// come to disagree about a file unnoticed.
package pcnjsontest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// Vector is one hostile file. Err is what every reader says after the
// file's name ("statement: named twice …"); when it is empty the file is
// valid and every reader must show PCNName and Statement — the members
// named exactly so, not a twin named otherwise.
type Vector struct {
	Name      string
	File      string // a name to save it under
	Data      []byte
	Err       string
	PCNName   string
	Statement string
}

const (
	named   = "named twice in one object (I-JSON forbids it; RFC 8785 gives such a file no canonical form): export the file again"
	tooBig  = "is beyond ±(2^53−1), the largest whole number JSON carries exactly: not a figure pcnvoice writes"
	lone    = "holds a lone UTF-16 surrogate (\\ud83d), which is not a character: export the file again"
	nonchar = "holds U+FFFE, a Unicode noncharacter, which I-JSON forbids: remove it and export the file again"
	pcnName = "Riverside Health PCN"
	said    = "We are stretched."
)

// Base is the valid submission the vectors are made from.
func Base() domain.Snapshot {
	return domain.Snapshot{
		Period:    domain.Period{Year: 2026, Quarter: 3},
		PCN:       domain.PCN{Code: "U51234", Name: pcnName, ICS: "North ICS", Place: "Riverside", ClinicalDirector: "Dr Asha Patel"},
		Practices: []domain.Practice{{ODSCode: "A81001", Name: "Mill Lane", ListSize: 12000}, {ODSCode: "Y01002", Name: "Bridge Street Surgery", ListSize: 9000}},
		Services:  []domain.Service{{Key: "ehch", Name: "Enhanced health in care homes", Status: domain.Amber, Note: "2 homes left"}},
		Notes:     []domain.Note{{Category: "estates", Severity: 2, Date: "2026-10-01", Text: "Roof leak"}},
		Priorities: []domain.Priority{
			{Rank: 1, Theme: "estates", Title: "Rooms for ARRS staff", Ask: "Fund 4 clinical rooms"},
		},
		Statement: said,
	}
}

// Hostile returns the vectors: the four cases of issue #13 — a name
// twice (also escaped), a case twin, list sizes at 2^53 and 2^53+1, a pack
// with its period twice — and more of their kind.
func Hostile(tb testing.TB) []Vector {
	tb.Helper()
	rec, err := pcnjson.Build(time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC), "pcnvoice test")(Base(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	good := string(rec.Document)
	// insert adds members after the opening brace.
	insert := func(members string) string { return strings.Replace(good, "{", "{\n  "+members+",", 1) }
	replace := func(old, new string) string {
		if !strings.Contains(good, old) {
			tb.Fatalf("pcnjsontest: %q not in the base file", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	vs := []Vector{
		{Name: "statement twice", Data: lastWins(tb, insert(`"statement": "Ignore the rest."`)), Err: "statement: " + named},
		{Name: "statement twice, once escaped", Data: lastWins(tb, replace(`"statement": "We`, `"st\u0061tement": "Other words.", "statement": "We`)), Err: "statement: " + named},
		{Name: "a PCN code twice", Data: lastWins(tb, replace(`"code": "U51234"`, `"code": "U51234", "code": "U99999"`)), Err: "pcn.code: " + named},
		{Name: "pcn and PCN", Data: strict(tb, replace(`"statement": "We`, `"PCN": {"code": "U99999", "name": "Impostor PCN"}, "statement": "We`)), PCNName: pcnName, Statement: said},
		{Name: "PCN before pcn", Data: strict(tb, insert(`"PCN": {"code": "U99999", "name": "Impostor PCN"}`)), PCNName: pcnName, Statement: said},
		{Name: "statement and ſtatement", Data: strict(tb, replace(`"statement": "We are stretched."`, `"statement": "We are stretched.", "ſtatement": "Impostor words."`)), PCNName: pcnName, Statement: said},
		{Name: "list size 2^53", Data: lastWins(tb, replace(`"list_size": 12000`, `"list_size": 9007199254740992`)), Err: "practices[0].list_size: 9007199254740992 " + tooBig},
		{Name: "list size 2^53+1", Data: lastWins(tb, replace(`"list_size": 12000`, `"list_size": 9007199254740993`)), Err: "practices[0].list_size: 9007199254740993 " + tooBig},
		{Name: "population 1e16", Data: lastWins(tb, replace(`"population": 21000`, `"population": 1e16`)), Err: "pcn.population: 1e16 " + tooBig},
		{Name: "lone surrogate", Data: lastWins(tb, replace(`"text": "Roof leak"`, `"text": "Roof leak \ud83d"`)), Err: "workload[0].text: " + lone},
		{Name: "noncharacter", Data: lastWins(tb, replace(`"statement": "We are`, `"statement": "We \ufffe are`)), Err: "statement: " + nonchar},
		{Name: "nested too deep", Data: lastWins(tb, insert(`"x": `+strings.Repeat("[", 70)+strings.Repeat("]", 70))), Err: "x" + strings.Repeat("[0]", pcnjson.MaxDepth-1) + ": nested more than 64 levels deep: not a pcnvoice file"},
		{Name: "a name twice in an unknown member", Data: lastWins(tb, insert(`"notes": {"a": 1, "a": 2}`)), Err: "notes.a: " + named},
		{Name: "pack with its period twice", Data: packPeriodTwice(tb, rec.Document), Err: "period: " + named},
	}
	for i := range vs {
		vs[i].File = fmt.Sprintf("hostile-%02d.json", i+1)
	}
	return vs
}

// lastWins gives text a digest as a reader that keeps the last of two
// members with one name (Go's encoding/json, JavaScript's JSON.parse)
// would compute it, so a careless checker finds it in order.
func lastWins(tb testing.TB, text string) []byte {
	tb.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		tb.Fatalf("pcnjsontest: %v", err)
	}
	delete(m, "digest")
	c, err := pcnjson.Canonical(m)
	if err != nil { // a number no canonical form holds: any digest will do
		c, _ = json.Marshal(m)
	}
	return []byte(setDigest(text, pcnjson.DigestOf(c)))
}

// strict gives text the digest of its canonical form: it is valid.
func strict(tb testing.TB, text string) []byte {
	tb.Helper()
	without := setDigest(text, "")
	without = strings.Replace(without, `,
  "digest": ""`, "", 1)
	c, err := pcnjson.Canonicalise([]byte(without))
	if err != nil {
		tb.Fatalf("pcnjsontest: %v", err)
	}
	return []byte(setDigest(text, pcnjson.DigestOf(c)))
}

func setDigest(text, digest string) string {
	i := strings.LastIndex(text, `"digest": "`)
	j := i + len(`"digest": "`)
	k := j + strings.IndexByte(text[j:], '"')
	return text[:j] + digest + text[k:]
}

// packPeriodTwice is a pack of sub whose period member is there twice,
// the second signed as a last-wins reader sees it.
func packPeriodTwice(tb testing.TB, sub []byte) []byte {
	tb.Helper()
	in, err := pcnjson.Read("sub.json", sub)
	if err != nil {
		tb.Fatal(err)
	}
	p, _, err := forum.Merge([]pcnjson.Input{in}, forum.Options{Now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	b, err := pcnjson.EncodePack(p)
	if err != nil {
		tb.Fatal(err)
	}
	b = bytes.Replace(b, []byte(`"period": "2026/27 Q3",`), []byte(`"period": "2026/27 Q3", "period": "2025/26 Q1",`), 1)
	return lastWins(tb, string(b))
}
