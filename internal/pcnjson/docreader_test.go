package pcnjson

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// TestDocReaderKnowsEveryMember fails when Document (or a domain type in
// it) gains a JSON member that readDocument does not fill: the reader
// would silently drop it.
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
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
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
	walk("", reflect.TypeFor[Document]())
	slices.Sort(paths)
	known := slices.Sorted(slices.Values(docReaderMembers))
	if !slices.Equal(paths, known) {
		t.Errorf("Document has members\n%v\nbut readDocument fills\n%v\nteach docreader.go the difference", paths, known)
	}
}

// TestReadersAgree holds the hand-written reader to the reflective one:
// the same document from the same canonical form, and the same first
// complaint about a value of the wrong type.
func TestReadersAgree(t *testing.T) {
	docs := []string{
		`{"format":"x","pcn":null,"practices":null,"services":[],"workload":[null,{"severity":3,"text":null}],"zzz":[1,"a",{"b":[true,false,null]}],"version":-5}`,
		`{"digest":"\u001f\"\\\n","priorities":[{"extra":{},"rank":2}],"pcn":{"code":"U1","population":123456789012345}}`,
		`{}`, `{"version":"1"}`, `{"pcn":[]}`, `{"services":{}}`, `{"statement":1}`, `{"revision":true}`,
		`{"revision":1.5}`, `{"workload":[{"severity":"high"}]}`, `{"workload":[7]}`, `{"practices":[{"list_size":-3}]}`,
		`{"PCN":{"code":"U2"},"pcn":{"code":"U1"}}`, `{"Statement":"x","statement":"y","ſtatement":"z"}`,
		`{"pcn":{"code":5,"name":6}}`, `{"format":1,"version":2.5}`,
		`{"workforce":null}`, `{"workforce":[]}`, `{"workforce":"none"}`, `{"workforce":{}}`, `{"workforce":[7]}`,
		`{"workforce":[null,{"role":"gp","wte_in_post":-1,"wte_planned":2}]}`, `{"workforce":[{"wte_in_post":1.255}]}`,
		`{"workforce":[{"wte_planned":"2","wte_in_post":1.5}]}`, `{"workforce":[{"wte_recruiting":1e-7,"note":null}]}`,
		`{"workforce":[{"wte_in_post":0.6,"wte_planned":1000,"wte_recruiting":1000.01}]}`, `{"workforce":[{"wte_in_post":[]}]}`,
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 50 {
		b, _ := Build(time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC), "test")(randomSnapshot(rng, i), nil)
		c, err := Canonicalise(b.Document)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(c))
	}
	for _, doc := range docs {
		c, err := Canonicalise([]byte(doc))
		if err != nil {
			t.Fatalf("%.60s: %v", doc, err)
		}
		r := newDocReader(c)
		var got, want Document
		if !readDocument(&r, &got) {
			t.Fatalf("%.60s: readDocument failed", c)
		}
		werr := unmarshalCanonical(c, string(c), &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.60s:\nreadDocument       %+v\nunmarshalCanonical %+v", c, got, want)
		}
		if fmt.Sprint(r.err) != fmt.Sprint(werr) {
			t.Errorf("%.60s: readDocument says %v, unmarshalCanonical %v", c, r.err, werr)
		}
	}
}

// TestDocumentIsTheCanonicalForm: a submission re-spelled every way JSON
// allows — other white space and member order, escapes in names and
// text, numbers written 1.0 or 10e-1 — has the same canonical form, so
// the same digest, and must decode to the same document. Were it read
// from the text, two files with one digest could say different things.
func TestDocumentIsTheCanonicalForm(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 13))
	for i := range 40 {
		rec, err := Build(time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC), "test")(randomSnapshot(rng, i), nil)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := Decode("a.json", rec.Document)
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			text := respell(rng, rec.Document)
			got, _, err := Decode("b.json", text)
			if err != nil {
				t.Fatalf("re-spelled file refused: %v\n%s", err, text)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("re-spelled file reads differently:\n%+v\n%+v\n%s", got, want, text)
			}
		}
	}
}

// respell writes the JSON text b again with the same meaning: random
// white space, names and strings partly escaped, whole numbers in other
// forms. (Member order is left: the canonical form sorts it anyway, and
// TestCanonicalMatchesReference covers it.)
func respell(rng *rand.Rand, b []byte) []byte {
	var out bytes.Buffer
	ws := func() {
		for range rng.IntN(3) {
			out.WriteByte(" \t\r\n"[rng.IntN(4)])
		}
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			out.WriteByte('"')
			j := i + 1
			for ; b[j] != '"'; j++ {
				switch r := b[j]; {
				case r == '\\' && b[j+1] == 'u':
					out.Write(b[j : j+6])
					j += 5
				case r == '\\':
					out.Write(b[j : j+2])
					j++
				case r < 0x80 && rng.IntN(4) == 0:
					fmt.Fprintf(&out, `\u%04x`, r)
				case r == '/' && rng.IntN(2) == 0:
					out.WriteString(`\/`)
				default:
					out.WriteByte(r)
				}
			}
			out.WriteByte('"')
			i = j
		case c == '-' || c >= '0' && c <= '9':
			j := i
			for j < len(b) && (b[j] == '-' || b[j] == '.' || b[j] >= '0' && b[j] <= '9') {
				j++
			}
			n := string(b[i:j])
			switch fraction := strings.Contains(n, "."); rng.IntN(4) {
			case 0:
				if fraction {
					n += "0" // 1.25 as 1.250
				} else {
					n += ".0"
				}
			case 1:
				if fraction {
					n += "0e0"
				} else if n != "0" {
					n += "0e-1"
				}
			case 2:
				n += "E0"
			}
			out.WriteString(n)
			i = j - 1
		case c == ' ' || c == '\n':
			ws()
		default:
			out.WriteByte(c)
			if c == ',' || c == ':' || c == '{' || c == '[' {
				ws()
			}
		}
	}
	return out.Bytes()
}

// TestNamesMatchExactly: a member named in another case, or with a
// character that folds to an ASCII one, is an unknown member — kept in the
// digest, ignored on read — whichever comes first in the file. Go's
// encoding/json would have filled pcn from "PCN".
func TestNamesMatchExactly(t *testing.T) {
	good, _ := encodeSample(t)
	for _, tc := range []struct {
		name, edit string
		check      func(d *Document) bool
	}{
		{"PCN after pcn", `"PCN": {"code": "U99999", "name": "Impostor"}`, func(d *Document) bool { return d.PCN.Name == "Riverside Health PCN" }},
		{"ſtatement", `"ſtatement": "Impostor"`, func(d *Document) bool { return d.Statement == "We are stretched." }},
		{"Statement", `"Statement": "Impostor"`, func(d *Document) bool { return d.Statement == "We are stretched." }},
		{"DIGEST", `"DIGEST": "sha256:00"`, func(d *Document) bool { return strings.HasPrefix(d.Digest, "sha256:") && d.Digest != "sha256:00" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, where := range []string{"first", "last"} {
				text := string(good)
				if where == "first" {
					text = strings.Replace(text, "{", "{"+tc.edit+",", 1)
				} else {
					text = strings.Replace(text, `"digest"`, tc.edit+`, "digest"`, 1)
				}
				text = resignText(t, text)
				d, _, err := Decode("twin.json", []byte(text))
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				if !tc.check(d) {
					t.Errorf("%s: the twin was read: %+v", where, d)
				}
			}
		})
	}
}

// randomSnapshot is a valid snapshot with i in its names, drawn from rng.
func randomSnapshot(rng *rand.Rand, i int) domain.Snapshot {
	s := sampleSnapshot()
	s.PCN.Code = fmt.Sprintf("U%05d", 10000+i)
	s.PCN.Name = fmt.Sprintf("PCN %d / \"%s\" <é> \u2028", i, strings.Repeat("x", rng.IntN(5)))
	for j := range rng.IntN(20) {
		s.Notes = append(s.Notes, domain.Note{Category: []string{"estates", "it", "Ünïcode", "a/b"}[rng.IntN(4)],
			Severity: domain.Severity(1 + rng.IntN(3)), Date: fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28)),
			Text: fmt.Sprintf("note %d\twith\nlines, \\ and \x01 and 😀", j)})
	}
	for j := range rng.IntN(4) {
		s.Practices = append(s.Practices, domain.Practice{ODSCode: fmt.Sprintf("B%05d", j), Name: "P", ListSize: rng.Int64N(domain.MaxListSize + 1)})
	}
	s.Workforce, s.WorkforceReported = nil, rng.IntN(3) > 0 // not reported, none, or some roles
	for j := range rng.IntN(6) {
		if !s.WorkforceReported {
			break
		}
		s.Workforce = append(s.Workforce, domain.Role{Key: fmt.Sprintf("role-%d-ü", j),
			InPost: domain.WTE(rng.Int64N(int64(domain.MaxWTE) + 1)), Planned: domain.WTE(rng.Int64N(1000)),
			Recruiting: domain.WTE(rng.Int64N(3) * 5), Note: strings.Repeat("vacant\n", rng.IntN(2))})
	}
	s.Statement = strings.Repeat("We are stretched. ", rng.IntN(4))
	return s
}

// digestMember is the digest member as Encode writes it, last.
var digestMember = regexp.MustCompile(`,\s*"digest": "sha256:[0-9a-f]+"`)

// resignText gives the submission text a digest that matches it, worked
// out by the reference (encoding/json and gowebpki/jcs), as a tool that
// follows the recipe would.
func resignText(tb testing.TB, text string) string {
	tb.Helper()
	without := digestMember.ReplaceAllString(text, "")
	c, err := refCanonical([]byte(without))
	if err != nil {
		tb.Fatalf("reference refuses %.80q: %v", without, err)
	}
	return strings.Replace(without, "\n}", ",\n  \"digest\": \""+DigestOf(c)+"\"\n}", 1)
}
