package forum

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gowebpki/jcs"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/submission"
)

// signed returns doc (JSON text) with a digest that matches it, as a tool
// that follows the recipe would write it, whatever else it did.
func signed(tb testing.TB, doc string) []byte {
	tb.Helper()
	members, err := submission.Members("doc", []byte(doc))
	if err != nil {
		tb.Fatal(err)
	}
	delete(members, "digest")
	b, _ := json.Marshal(members)
	c, err := jcs.Transform(b)
	if err != nil {
		tb.Fatal(err)
	}
	members["digest"], _ = json.Marshal(submission.DigestOf(c))
	out, _ := json.MarshalIndent(members, "", " ")
	return out
}

// checkAgrees holds decodeSubmission (fast path or not) to submission.Decode:
// both refuse, or both give the same document; and the canonical form is
// the reference one. It returns whether the fast path answered.
func checkAgrees(t *testing.T, text []byte) bool {
	t.Helper()
	want, wtext, werr := submission.Decode("x.json", text)
	fdoc, fcanon, fast := fastDecode(&canonicaliser{}, text)
	doc, canon, err := (&reader{}).decodeSubmission("x.json", text)
	if fast && werr != nil {
		t.Fatalf("fastDecode accepts what Decode refuses (%v): %.200q", werr, text)
	}
	if (err == nil) != (werr == nil) {
		t.Fatalf("decodeSubmission error %v, Decode error %v", err, werr)
	}
	if err != nil {
		if err.Error() != werr.Error() {
			t.Errorf("messages differ: %q and %q", err, werr)
		}
		return fast
	}
	if !reflect.DeepEqual(doc, want) || (fast && !reflect.DeepEqual(fdoc, want)) {
		t.Fatalf("documents differ:\n%+v\n%+v", doc, want)
	}
	ref, _ := jcs.Transform(wtext) // Decode's text: a byte-order mark it dropped is not JSON
	if !bytes.Equal(canon, ref) || (fast && !bytes.Equal(fcanon, ref)) {
		t.Fatalf("canonical form differs from the reference")
	}
	return fast
}

// fastDecodeVariants are documents Decode accepts but the fast path must
// leave to it (or refuse), each made from a valid submission.
func fastDecodeVariants(tb testing.TB) map[string][]byte {
	doc := string(forumtest.Generate(8, 1)[0].Data)
	return map[string][]byte{
		"as exported":       []byte(doc),
		"sorted keys":       signed(tb, doc),
		"unsorted services": signed(tb, swapEnds(tb, doc, "services")),
		"unsorted notes":    signed(tb, swapEnds(tb, doc, "workload")),
		"upper-case key":    signed(tb, strings.Replace(doc, `"statement"`, `"Statement"`, 1)),
		"unknown float":     signed(tb, strings.Replace(doc, `"version": 1,`, `"version": 1, "x": 0.5,`, 1)),
		"revision 2.0":      signed(tb, strings.Replace(doc, `"revision": `, `"revision": 2.0, "r": `, 1)),
		"escaped text":      signed(tb, strings.Replace(doc, `"statement": "`, `"statement": "\u00e9\n\"\/`, 1)),
		"no digest":         []byte(strings.Replace(doc, `"digest"`, `"digestx"`, 1)),
		"bad digest":        []byte(strings.Replace(doc, `"digest": "sha256:`, `"digest": "sha256:0`, 1)),
		"version 2":         signed(tb, strings.Replace(doc, `"version": 1`, `"version": 2`, 1)),
		"null lists":        signed(tb, strings.Replace(doc, `"priorities": [`, `"priorities": null, "p": [`, 1)),
		"trailing":          []byte(doc + "}"),
		"second bom":        []byte("\xEF\xBB\xBF" + doc),
	}
}

// swapEnds swaps the first and last items of a list in doc.
func swapEnds(tb testing.TB, doc, list string) string {
	tb.Helper()
	var m map[string]json.RawMessage
	json.Unmarshal([]byte(doc), &m)
	var items []json.RawMessage
	json.Unmarshal(m[list], &items)
	if len(items) < 2 {
		tb.Fatalf("%s has %d items", list, len(items))
	}
	items[0], items[len(items)-1] = items[len(items)-1], items[0]
	m[list], _ = json.Marshal(items)
	b, _ := json.Marshal(m)
	return string(b)
}

func TestFastDecodeAgreesWithDecode(t *testing.T) {
	fast := 0
	for _, f := range forumtest.Generate(21, 50) {
		if checkAgrees(t, f.Data) {
			fast++
		}
	}
	if fast != 50 {
		t.Errorf("the fast path took %d of 50 exported files, want all", fast)
	}
	wantFast := map[string]bool{"as exported": true, "sorted keys": true, "escaped text": true, "null lists": true}
	for name, text := range fastDecodeVariants(t) {
		t.Run(name, func(t *testing.T) {
			if got := checkAgrees(t, text); got != wantFast[name] {
				t.Errorf("fast path %v, want %v", got, wantFast[name])
			}
		})
	}
}

// FuzzFastDecode: whatever the fast path accepts, Decode accepts as the
// same document.
func FuzzFastDecode(f *testing.F) {
	for _, text := range fastDecodeVariants(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		if !utf8.Valid(text) {
			return // Read hands only UTF-8 to decodeSubmission
		}
		checkAgrees(t, text)
	})
}

// TestDocReaderKnowsEveryMember fails when submission.Document (or a
// domain type in it) gains a JSON member that decodeCanonical does not
// fill: the fast path would silently drop it.
func TestDocReaderKnowsEveryMember(t *testing.T) {
	var paths []string
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			ft := f.Type
			switch {
			case ft.Kind() == reflect.Struct:
				walk(prefix+name+".", ft)
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				walk(prefix+name+"[].", ft.Elem())
			default:
				paths = append(paths, prefix+name)
			}
		}
	}
	walk("", reflect.TypeFor[submission.Document]())
	slices.Sort(paths)
	known := slices.Sorted(slices.Values(docReaderMembers))
	if !slices.Equal(paths, known) {
		t.Errorf("submission.Document has members\n%v\nbut decodeCanonical fills\n%v\nteach docreader.go the difference", paths, known)
	}
}

// TestDecodeCanonicalMatchesUnmarshal reads canonical documents with odd
// but valid values both ways.
func TestDecodeCanonicalMatchesUnmarshal(t *testing.T) {
	docs := []string{
		`{"format":"x","pcn":null,"practices":null,"services":[],"workload":[null,{"severity":3,"text":null}],"zzz":[1,"a",{"b":[true,false,null]}],"version":-5}`,
		`{"digest":"\u001f\"\\\n","priorities":[{"rank":2,"extra":{}}],"pcn":{"population":123456789012345,"code":"U1"}}`,
		`null`, `{}`, `[]`, `{"version":"1"}`, `{"pcn":[]}`, `{"services":{}}`, `{"statement":1}`, `{"revision":true}`,
	}
	for _, f := range forumtest.Generate(30, 3) {
		c, _ := canonical(f.Data)
		docs = append(docs, string(c))
	}
	for _, doc := range docs {
		var want, got submission.Document
		werr := json.Unmarshal([]byte(doc), &want)
		ok := decodeCanonical([]byte(doc), &got)
		if ok && (werr != nil || !reflect.DeepEqual(got, want)) {
			t.Errorf("%.60s: decodeCanonical %+v, Unmarshal %+v (%v)", doc, got, want, werr)
		}
		if !ok && werr == nil {
			t.Errorf("%.60s: decodeCanonical refuses what Unmarshal takes", doc)
		}
	}
}
