package pcnjson_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// signedPack merges files with a signature record set on each submission
// as a merge would after checking them, and returns the pack's bytes.
func signedPack(tb testing.TB, recs []pcnjson.Signature, files ...forumtest.File) []byte {
	tb.Helper()
	inputs := read(tb, files...)
	for i := range inputs {
		if recs[i].Status != pcnjson.SigUnsigned {
			inputs[i].Submission.Signature = &recs[i]
		}
	}
	p, _, err := forum.Merge(inputs, testOptions())
	if err != nil {
		tb.Fatal(err)
	}
	b, err := pcnjson.EncodePack(p)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestSignatureRecordRoundTrip: the signed bytes a pack keeps come back
// exactly, whatever they hold — every escape JSON has, a byte-order mark,
// CRLF, and bytes that are not UTF-8 (kept in base64) — and a pack's
// re-encoding is itself.
func TestSignatureRecordRoundTrip(t *testing.T) {
	files := forumtest.Generate(30, 3)
	crlf := "\xEF\xBB\xBF" + strings.ReplaceAll(string(files[0].Data), "\n", "\r\n")
	utf16 := utf16LE(string(files[1].Data))
	// Not the submission (a merge would refuse it), but every escape JSON has.
	escapes := string(files[2].Data) + "\x00\x1f\"\\/\u2028\u2029\U0001F600<>&\x7f"
	recs := []pcnjson.Signature{
		pcnjson.NewSignature(pcnjson.SigSigned, files[0].Code, "SHA256:abc", []byte("-----BEGIN SSH SIGNATURE-----\nAAA=\n-----END SSH SIGNATURE-----\n"), []byte(crlf)),
		pcnjson.NewSignature(pcnjson.SigKeyNotChecked, "", "SHA256:def", []byte("sig two"), utf16),
		pcnjson.NewSignature(pcnjson.SigKeyNotChecked, "", "SHA256:ghi", []byte("sig three"), []byte(escapes)),
	}
	if recs[0].File != crlf || recs[0].FileBase64 != "" || recs[1].File != "" || recs[1].FileBase64 == "" {
		t.Fatalf("records: %+v", recs)
	}
	if u := pcnjson.NewSignature(pcnjson.SigSigned, "U1", "SHA256:x", nil, []byte("x")); u != (pcnjson.Signature{Status: pcnjson.SigUnsigned}) {
		t.Errorf("no signature: %+v", u)
	}
	data := signedPack(t, recs, files...)
	p, err := pcnjson.DecodePack("p.json", data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{files[0].Code: []byte(crlf), files[1].Code: utf16, files[2].Code: []byte(escapes)}
	for i, e := range p.Submissions {
		sub := p.Counted()[i]
		got, err := sub.Signature.SignedBytes()
		if err != nil || !bytes.Equal(got, want[e.Code]) || e.Signature != *sub.Signature {
			t.Errorf("%s: signed bytes differ (%v)", e.Code, err)
		}
		var d pcnjson.Decoder
		same, err := d.Matches(context.Background(), "file", got, sub)
		if e.Code == files[2].Code {
			if same || err == nil {
				t.Errorf("%s: bytes with more after the JSON match the submission", e.Code)
			}
		} else if !same || err != nil {
			t.Errorf("%s: the kept bytes do not match the embedded submission: %v", e.Code, err)
		}
	}
	again, err := pcnjson.EncodePack(p)
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("re-encoded pack differs (%v)", err)
	}
}

// TestSignatureRecordRejects: a record that cannot be checked again is
// refused, naming the member.
func TestSignatureRecordRejects(t *testing.T) {
	files := forumtest.Generate(31, 2)
	good := signedPack(t, []pcnjson.Signature{
		pcnjson.NewSignature(pcnjson.SigSigned, files[0].Code, "SHA256:abc", []byte("sig"), files[0].Data),
		{Status: pcnjson.SigUnsigned},
	}, files...)
	edit := func(i int, change func(rec map[string]any)) []byte {
		return resign(t, good, func(m map[string]json.RawMessage) {
			var subs []map[string]any
			json.Unmarshal(m["submissions"], &subs)
			rec, _ := subs[i]["signature"].(map[string]any)
			if rec == nil {
				rec = map[string]any{}
			}
			change(rec)
			subs[i]["signature"] = rec
			m["submissions"], _ = json.Marshal(subs)
		})
	}
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"unknown status":       {edit(0, func(r map[string]any) { r["status"] = "verified" }), `submissions[0].signature.status: "verified": want`},
		"no signature":         {edit(0, func(r map[string]any) { delete(r, "signature") }), "submissions[0].signature.signature: missing"},
		"no file":              {edit(0, func(r map[string]any) { delete(r, "file") }), "submissions[0].signature.file: missing"},
		"file twice":           {edit(0, func(r map[string]any) { r["file_base64"] = "AAAA" }), "submissions[0].signature.file: given twice"},
		"bad base64":           {edit(0, func(r map[string]any) { delete(r, "file"); r["file_base64"] = "!!" }), "submissions[0].signature.file_base64: not base64"},
		"unsigned with a key":  {edit(1, func(r map[string]any) { r["fingerprint"] = "SHA256:x" }), "submissions[1].signature.status: is unsigned, but"},
		"status missing":       {edit(1, func(r map[string]any) { delete(r, "status"); r["principal"] = "U1" }), "submissions[1].signature.status: missing"},
		"signature not a text": {edit(0, func(r map[string]any) { r["signature"] = 5 }), "submissions[0].signature.signature"},
	} {
		_, err := pcnjson.DecodePack("p.json", tc.data)
		if err == nil || !strings.Contains(err.Error(), "p.json: "+tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	// A pack made before signatures were kept has no record: unsigned.
	old := edit(1, func(r map[string]any) {})
	old = resign(t, old, func(m map[string]json.RawMessage) {
		var subs []map[string]any
		json.Unmarshal(m["submissions"], &subs)
		for _, s := range subs {
			delete(s, "signature")
		}
		m["submissions"], _ = json.Marshal(subs)
	})
	p, err := pcnjson.DecodePack("old.json", old)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Submissions {
		if e.Signature.Status != pcnjson.SigUnsigned {
			t.Errorf("%s: %q", e.Code, e.Signature.Status)
		}
	}
}

func TestCompareSignatures(t *testing.T) {
	signed := &pcnjson.Signature{Status: pcnjson.SigSigned, Signature: "b"}
	signedA := &pcnjson.Signature{Status: pcnjson.SigSigned, Signature: "a"}
	unchecked := &pcnjson.Signature{Status: pcnjson.SigKeyNotChecked, Signature: "a"}
	for _, tc := range []struct {
		a, b *pcnjson.Signature
		want int
	}{
		{signed, nil, -1}, {nil, signed, 1}, {signed, unchecked, -1}, {signedA, signed, -1}, {signed, signedA, 1},
		{signed, signed, 0}, {nil, &pcnjson.Signature{Status: pcnjson.SigUnsigned}, 0},
	} {
		if got := pcnjson.CompareSignatures(tc.a, tc.b); got != tc.want {
			t.Errorf("Compare(%+v, %+v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
