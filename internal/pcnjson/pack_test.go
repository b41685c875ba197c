package pcnjson_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gowebpki/jcs"

	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// The pack's tests merge real submissions, so they live outside the
// package: forum, which makes packs, imports pcnjson.

func testOptions() forum.Options {
	return forum.Options{Now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), Generator: "pcnvoice test"}
}

func read(tb testing.TB, files ...forumtest.File) []pcnjson.Input {
	tb.Helper()
	out := make([]pcnjson.Input, len(files))
	for i, f := range files {
		in, err := pcnjson.Read(f.Name, f.Data)
		if err != nil {
			tb.Fatalf("read %s: %v", f.Name, err)
		}
		out[i] = in
	}
	return out
}

func merge(tb testing.TB, files ...forumtest.File) (*pcnjson.Pack, []byte) {
	tb.Helper()
	p, _, err := forum.Merge(read(tb, files...), testOptions())
	if err != nil {
		tb.Fatal(err)
	}
	b, err := pcnjson.EncodePack(p)
	if err != nil {
		tb.Fatal(err)
	}
	return p, b
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// refPackDigest is the digest of the pack members without digest, the
// reference way: Go's encoder and gowebpki/jcs over the whole.
func refPackDigest(tb testing.TB, members map[string]json.RawMessage) string {
	tb.Helper()
	without := map[string]json.RawMessage{}
	for k, v := range members {
		if k != "digest" {
			without[k] = v
		}
	}
	whole, _ := json.Marshal(without)
	c, err := jcs.Transform(whole)
	if err != nil {
		tb.Fatal(err)
	}
	return pcnjson.DigestOf(c)
}

// TestEncodePackDigest: the digest EncodePack builds around the embedded
// submissions is the one the reference gives for the whole pack, and the
// file is plain JSON with one embedded submission a line.
func TestEncodePackDigest(t *testing.T) {
	p, b := merge(t, forumtest.Generate(1, 4)...)
	var members map[string]json.RawMessage
	if err := json.Unmarshal(b, &members); err != nil {
		t.Fatalf("pack is not JSON: %v", err)
	}
	if want := refPackDigest(t, members); p.Digest != want {
		t.Errorf("digest %s, reference %s", p.Digest, want)
	}
	if n := bytes.Count(b, []byte("\n    {\"digest\":\"sha256:")); n != 4 {
		t.Errorf("%d embedded submissions on lines of their own, want 4", n)
	}
	if !bytes.HasSuffix(b, []byte("\"\n}\n")) {
		t.Errorf("pack does not end with the digest and a newline: %q", b[len(b)-20:])
	}
	// The sections are laid out as encoding/json indents them.
	head, _, _ := bytes.Cut(b, []byte(`"embedded": [`))
	rest := *p
	rest.Embedded, rest.Digest, rest.Documents = nil, "", nil
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(&rest)
	wantHead, _, _ := bytes.Cut(want.Bytes(), []byte(`"embedded": null`))
	if !bytes.Equal(head, wantHead) {
		t.Errorf("sections not laid out as json.Indent lays them out")
	}
}

func TestDecodePackRoundTrip(t *testing.T) {
	_, b := merge(t, forumtest.Generate(2, 5)...)
	p, err := pcnjson.DecodePack("p.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Documents) != 5 || p.Documents[0].PCN.Code != p.Submissions[0].Code || len(p.Counted()) != 5 {
		t.Errorf("documents not decoded: %d", len(p.Documents))
	}
	again, err := pcnjson.EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, b) {
		t.Error("decode then encode changed the pack")
	}
	// Saved again by Windows tools: still the same pack.
	for name, data := range map[string][]byte{"bom": append([]byte("\xEF\xBB\xBF"), b...), "utf-16": utf16LE(string(b)), "crlf": bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))} {
		if _, err := pcnjson.DecodePack(name, data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// resign changes a pack's members with edit and signs it again, as a
// tool that knows the recipe but not the rules might: the pack digest then
// verifies and the deeper checks must catch the edit.
func resign(t testing.TB, b []byte, edit func(map[string]json.RawMessage)) []byte {
	t.Helper()
	var members map[string]json.RawMessage
	if err := json.Unmarshal(b, &members); err != nil {
		t.Fatal(err)
	}
	edit(members)
	members["digest"], _ = json.Marshal(refPackDigest(t, members))
	out, _ := json.Marshal(members)
	return out
}

func TestDecodePackRejects(t *testing.T) {
	_, good := merge(t, forumtest.Generate(3, 3)...)
	swapEmbedded := resign(t, good, func(m map[string]json.RawMessage) {
		var e []json.RawMessage
		json.Unmarshal(m["embedded"], &e)
		e[0], e[1] = e[1], e[0]
		m["embedded"], _ = json.Marshal(e)
	})
	editEmbedded := resign(t, good, func(m map[string]json.RawMessage) {
		m["embedded"] = bytes.Replace(m["embedded"], []byte(`"statement":"`), []byte(`"statement":"Edited. `), 1)
	})
	dropOne := resign(t, good, func(m map[string]json.RawMessage) {
		var e []json.RawMessage
		json.Unmarshal(m["embedded"], &e)
		m["embedded"], _ = json.Marshal(e[1:])
	})
	// The period twice, the second one signed as a last-wins reader sees it.
	periodTwice := resign(t, good, func(m map[string]json.RawMessage) { m["period"] = json.RawMessage(`"2025/26 Q1"`) })
	periodTwice = bytes.Replace(periodTwice, []byte(`{`), []byte(`{"period":"2026/27 Q3",`), 1)
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"edited", bytes.Replace(good, []byte(`"top": 3`), []byte(`"top": 4`), 1), "p.json: digest: does not match the content"},
		{"empty", nil, "empty file"},
		{"newer", resign(t, good, func(m map[string]json.RawMessage) { m["version"] = json.RawMessage("2") }), "version: 2 was written by a newer pcnvoice"},
		{"a submission", forumtest.Generate(1, 1)[0].Data, `format: is "pcnvoice.submission", not "pcnvoice.forum"`},
		{"swapped embedded", swapEmbedded, "p.json: submissions[0]: names"},
		{"edited embedded", editEmbedded, "p.json: embedded[0]: digest: does not match"},
		{"dropped embedded", dropOne, "embedded: holds 2 submissions but the submissions list names 3"},
		{"array", []byte(`[]`), "not a JSON object"},
		{"wrong type", resign(t, good, func(m map[string]json.RawMessage) { m["submissions"] = json.RawMessage(`"all"`) }), "p.json: submissions: must be a list, not text"},
		{"deep type", resign(t, good, func(m map[string]json.RawMessage) {
			var c bytes.Buffer
			json.Compact(&c, m["ranking"])
			m["ranking"] = bytes.Replace(c.Bytes(), []byte(`"position":1`), []byte(`"position":"first"`), 1)
		}), "p.json: ranking.order[0].position: must be a whole number, not text"},
		{"embedded not a list", resign(t, good, func(m map[string]json.RawMessage) { m["embedded"] = json.RawMessage(`{}`) }), "embedded: must be a list of submissions"},
		{"embedded item not an object", resign(t, good, func(m map[string]json.RawMessage) { m["embedded"] = json.RawMessage(`[1]`) }), "p.json: embedded[0]: not a submission"},
		{"period twice", periodTwice, "p.json: period: named twice in one object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pcnjson.DecodePack("p.json", tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want one containing %q", err, tc.msg)
			}
		})
	}
}

// TestPackNamesMatchExactly: a "Period" beside "period" is an unknown
// member; the pack reads the exact one, wherever each stands.
func TestPackNamesMatchExactly(t *testing.T) {
	_, good := merge(t, forumtest.Generate(3, 2)...)
	twin := resign(t, good, func(m map[string]json.RawMessage) {
		m["Period"] = json.RawMessage(`"1999/00 Q1"`)
		m["RANKING"] = json.RawMessage(`{"method":"borda"}`)
	})
	p, err := pcnjson.DecodePack("p.json", twin)
	if err != nil {
		t.Fatal(err)
	}
	if p.Period != "2026/27 Q3" || p.Ranking.Method != "schulze" {
		t.Errorf("a case twin was read: period %q, method %q", p.Period, p.Ranking.Method)
	}
}

// FuzzDecodePack: no input makes DecodePack panic, and whatever it accepts
// encodes to a pack it accepts again, holding the same submissions.
func FuzzDecodePack(f *testing.F) {
	_, good := merge(f, forumtest.Generate(4, 2)...)
	f.Add(good)
	f.Add(utf16LE(string(good)))
	signed := forumtest.Generate(4, 2)
	f.Add(signedPack(f, []pcnjson.Signature{
		pcnjson.NewSignature(pcnjson.SigSigned, signed[0].Code, "SHA256:abc", []byte("sig"), signed[0].Data),
		pcnjson.NewSignature(pcnjson.SigKeyNotChecked, "", "SHA256:def", []byte("sig"), utf16LE(string(signed[1].Data))),
	}, signed...))
	f.Add([]byte(`{"format":"pcnvoice.forum","version":1,"digest":"sha256:00"}`))
	f.Add([]byte(`{"format":"pcnvoice.forum","version":1e400}`))
	f.Add([]byte("\xEF\xBB\xBF{}"))
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "forum", "*", "*pack*.json"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := pcnjson.DecodePack("fuzz.json", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error: %q", err)
			}
			return
		}
		b, err := pcnjson.EncodePack(p)
		if err != nil {
			t.Fatalf("accepted pack does not encode: %v", err)
		}
		q, err := pcnjson.DecodePack("again.json", b)
		if err != nil {
			t.Fatalf("re-encoded pack is refused: %v", err)
		}
		if len(q.Documents) != len(p.Documents) {
			t.Fatalf("re-encoded pack holds %d submissions, not %d", len(q.Documents), len(p.Documents))
		}
		for i := range p.Submissions {
			if q.Submissions[i].Signature != p.Submissions[i].Signature {
				t.Fatalf("submissions[%d].signature changed on re-encoding: %+v, then %+v", i, p.Submissions[i].Signature, q.Submissions[i].Signature)
			}
		}
	})
}

func TestReadTellsKinds(t *testing.T) {
	sub := forumtest.Generate(5, 1)[0]
	in, err := pcnjson.Read("s.json", sub.Data)
	if err != nil || in.Submission == nil || in.Pack != nil {
		t.Fatalf("submission read as %+v, %v", in, err)
	}
	if !bytes.Equal(in.Submission.Canonical(), mustCanonical(t, sub.Data)) {
		t.Error("Canonical is not the submission's canonical form")
	}
	// format need not come first.
	var m map[string]json.RawMessage
	json.Unmarshal(sub.Data, &m)
	sorted, _ := json.Marshal(m)
	if in, err := pcnjson.Read("sorted.json", sorted); err != nil || in.Submission == nil {
		t.Errorf("keys in sorted order: %v", err)
	}
	big := append(bytes.Repeat([]byte(" "), pcnjson.MaxSize), sub.Data...)
	if _, err := pcnjson.Read("big.json", big); err == nil || !strings.Contains(err.Error(), "big.json: larger than 16 MiB: not a submission") {
		t.Errorf("oversized submission: %v", err)
	}
	_, pack := merge(t, forumtest.Generate(5, 2)...)
	if in, err := pcnjson.Read("p.json", pack); err != nil || in.Pack == nil || len(in.Pack.Counted()) != 2 {
		t.Errorf("pack read as %+v, %v", in, err)
	}
	for name, tc := range map[string]struct{ data, want string }{
		"other":  {`{"format": "pcnvoice.backup", "version": 1}`, `other: format: "pcnvoice.backup": not a pcnvoice submission or forum pack`},
		"number": {`{"format": 5}`, "number: format: missing: not a pcnvoice submission or forum pack"},
		"none":   {`{"a": 5}`, "none: format: missing"},
		"text":   {`hello`, "text: not a JSON object"},
		"paper":  {"# North forum\n", "paper: a forum paper (Markdown or HTML), not a pack"},
		"html":   {"\xEF\xBB\xBF<!DOCTYPE html><p>", "html: a forum paper"},
	} {
		if _, err := pcnjson.Read(name, []byte(tc.data)); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", name, err, tc.want)
		}
	}
}

func mustCanonical(tb testing.TB, b []byte) []byte {
	tb.Helper()
	c, err := jcs.Transform(b)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestEncodePackRecanonicalises: an embedded item replaced by hand (here
// with the same submission indented) is canonicalised again, so the file
// and digest are what Merge's own pack gives; one that is not I-JSON is
// refused.
func TestEncodePackRecanonicalises(t *testing.T) {
	p, want := merge(t, forumtest.Generate(12, 3)...)
	var indented bytes.Buffer
	json.Indent(&indented, p.Embedded[1], "", "\t")
	p.Embedded[1] = indented.Bytes()
	got, err := pcnjson.EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("a re-indented embedded submission changed the pack")
	}
	p.Embedded[2] = json.RawMessage(`{"a":1,"a":2}`)
	if _, err := pcnjson.EncodePack(p); err == nil || !strings.Contains(err.Error(), "embedded[2]: a: named twice") {
		t.Errorf("duplicate names embedded: %v", err)
	}
}
