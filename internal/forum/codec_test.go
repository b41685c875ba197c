package forum

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowebpki/jcs"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/submission"
)

// TestEncodePackDigest: the digest EncodePack builds member by member is
// the one the reference canonicaliser gives for the whole pack, and the
// file is plain JSON with one embedded submission a line.
func TestEncodePackDigest(t *testing.T) {
	p, _, err := Merge(read(t, forumtest.Generate(1, 4)...), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(b, &members); err != nil {
		t.Fatalf("pack is not JSON: %v", err)
	}
	delete(members, "digest")
	whole, _ := json.Marshal(members)
	c, err := jcs.Transform(whole)
	if err != nil {
		t.Fatal(err)
	}
	if want := submission.DigestOf(c); p.Digest != want {
		t.Errorf("digest %s, reference %s", p.Digest, want)
	}
	if n := bytes.Count(b, []byte("\n    {\"digest\":\"sha256:")); n != 4 {
		t.Errorf("%d embedded submissions on lines of their own, want 4", n)
	}
	if !bytes.HasSuffix(b, []byte("\"\n}\n")) {
		t.Errorf("pack does not end with the digest and a newline: %q", b[len(b)-20:])
	}
}

func TestDecodePackRoundTrip(t *testing.T) {
	b, _ := mergeFiles(t, testOptions(), forumtest.Generate(2, 5)...)
	p, err := DecodePack("p.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Documents) != 5 || p.Documents[0].PCN.Code != p.Submissions[0].Code {
		t.Errorf("documents not decoded: %d", len(p.Documents))
	}
	again, err := EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	mustEqualPacks(t, "decode then encode", again, b)
	// Saved again by Windows tools: still the same pack.
	for name, data := range map[string][]byte{"bom": append([]byte("\xEF\xBB\xBF"), b...), "utf-16": utf16LE(string(b)), "crlf": bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))} {
		if _, err := DecodePack(name, data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// resign changes a pack's members with edit and signs it again, as a
// tool that knows the recipe but not the rules might: the pack digest then
// verifies and the deeper checks must catch the edit.
func resign(t testing.TB, b []byte, edit func(map[string]json.RawMessage)) []byte {
	t.Helper()
	members, err := submission.Members("p", b)
	if err != nil {
		t.Fatal(err)
	}
	edit(members)
	delete(members, "digest")
	d, err := packDigest(members, nil)
	if err != nil {
		t.Fatal(err)
	}
	members["digest"], _ = json.Marshal(d)
	out, _ := json.Marshal(members)
	return out
}

func TestDecodePackRejects(t *testing.T) {
	good, _ := mergeFiles(t, testOptions(), forumtest.Generate(3, 3)...)
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
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"edited", bytes.Replace(good, []byte(`"top": 3`), []byte(`"top": 4`), 1), "p.json: digest: does not match the content"},
		{"no digest", resign(t, good, func(m map[string]json.RawMessage) {})[:0], "empty file"},
		{"newer", resign(t, good, func(m map[string]json.RawMessage) { m["version"] = json.RawMessage("2") }), "version: 2 was written by a newer pcnvoice"},
		{"a submission", forumtest.Generate(1, 1)[0].Data, `format: must be "pcnvoice.forum"`},
		{"swapped embedded", swapEmbedded, "p.json: submissions[0]: names"},
		{"edited embedded", editEmbedded, "p.json: embedded[0]: digest: does not match"},
		{"dropped embedded", dropOne, "embedded: holds 2 submissions but the submissions list names 3"},
		{"array", []byte(`[]`), "not a JSON object"},
		{"wrong type", resign(t, good, func(m map[string]json.RawMessage) { m["submissions"] = json.RawMessage(`"all"`) }), "submissions: has the wrong type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodePack("p.json", tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want one containing %q", err, tc.msg)
			}
		})
	}
}

// FuzzDecodePack: no input makes DecodePack panic, and whatever it accepts
// encodes to a pack it accepts again.
func FuzzDecodePack(f *testing.F) {
	good, _ := mergeFiles(f, testOptions(), forumtest.Generate(4, 2)...)
	f.Add(good)
	f.Add(utf16LE(string(good)))
	f.Add([]byte(`{"format":"pcnvoice.forum","version":1,"digest":"sha256:00"}`))
	f.Add([]byte(`{"format":"pcnvoice.forum","version":1e400}`))
	f.Add([]byte("\xEF\xBB\xBF{}"))
	paths, _ := filepath.Glob(filepath.Join(fixtureDir, "*", "*pack*.json"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodePack("fuzz.json", data)
		if err != nil {
			return
		}
		b, err := EncodePack(p)
		if err != nil {
			t.Fatalf("accepted pack does not encode: %v", err)
		}
		if _, err := DecodePack("again.json", b); err != nil {
			t.Fatalf("re-encoded pack is refused: %v", err)
		}
	})
}

func TestReadTellsKinds(t *testing.T) {
	sub := forumtest.Generate(5, 1)[0]
	in, err := Read("s.json", sub.Data)
	if err != nil || in.Doc == nil || in.Pack != nil {
		t.Fatalf("submission read as %+v, %v", in, err)
	}
	// format need not come first.
	var m map[string]json.RawMessage
	json.Unmarshal(sub.Data, &m)
	sorted, _ := json.Marshal(m)
	if in, err := Read("sorted.json", sorted); err != nil || in.Doc == nil {
		t.Errorf("keys in sorted order: %v", err)
	}
	big := append(bytes.Repeat([]byte(" "), submission.MaxSize), sub.Data...)
	if _, err := Read("big.json", big); err == nil || !strings.Contains(err.Error(), "larger than 16 MiB") {
		t.Errorf("oversized submission: %v", err)
	}
	for name, data := range map[string]string{
		"other":  `{"format": "pcnvoice.backup", "version": 1}`,
		"number": `{"format": 5}`,
		"text":   `hello`,
	} {
		if _, err := Read(name, []byte(data)); err == nil || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: error %v does not name the file", name, err)
		}
	}
}

func TestSniffFormat(t *testing.T) {
	for in, want := range map[string]string{
		`{"format": "pcnvoice.forum", "version": 1}`:        "pcnvoice.forum",
		" \r\n{\n  \"format\" : \"pcnvoice.submission\"\n}": "pcnvoice.submission",
		`{"format": "pcnvoice.\u0073ubmission"}`:            "pcnvoice.submission",
		`{"version": 1, "format": "pcnvoice.forum"}`:        "pcnvoice.forum",
		`{"format": 1}`: "", `[]`: "", `{"format"`: "", ``: "", `{"a": {"format": "x"}}`: "",
	} {
		if got := sniffFormat([]byte(in)); got != want {
			t.Errorf("sniffFormat(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEncodePackRecanonicalises: an embedded item replaced by hand (here
// with the same submission indented) is canonicalised again, so the file
// and digest are what Merge's own pack gives.
func TestEncodePackRecanonicalises(t *testing.T) {
	files := forumtest.Generate(12, 3)
	p, _, err := Merge(read(t, files...), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := EncodePack(p)
	var indented bytes.Buffer
	json.Indent(&indented, p.Embedded[1], "", "\t")
	p.Embedded[1] = indented.Bytes()
	got, err := EncodePack(p)
	if err != nil {
		t.Fatal(err)
	}
	mustEqualPacks(t, "re-canonicalised", got, want)
}
