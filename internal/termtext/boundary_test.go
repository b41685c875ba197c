package termtext

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile carries every kind of control a file name or field can smuggle.
const hostile = "map\x1b]52;c;SGVsbG8=\x07\x1b[31mRED\u009b31m\x7f\u202e\x1b]8;;http://x\x1b\\link\n\tend\xff.csv"

// controlIn returns the first character of out a terminal would act on
// rather than show, or -1: C0 other than newline and tab, DEL, C1 (as
// UTF-8), bidi controls, and bytes that are not UTF-8 (a lone 0x9b is CSI
// to an 8-bit terminal).
func controlIn(out string) rune {
	for i := 0; i < len(out); {
		r, n := utf8.DecodeRuneInString(out[i:])
		if r == utf8.RuneError && n == 1 {
			return rune(out[i])
		}
		if r != '\n' && r != '\t' && (r < 0x20 || drop(r)) {
			return r
		}
		i += n
	}
	return -1
}

func TestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"riverside-2026-27-Q3.json", "riverside-2026-27-Q3.json"},
		{"/home/asha/PCN forum/café ✓.json", "/home/asha/PCN forum/café ✓.json"},
		{`C:\Users\asha\inbox\U51234.json`, `C:\Users\asha\inbox\U51234.json`},
		{"map\x1b]52;c;SGVsbG8=\x07RED.csv", `"map\x1b]52;c;SGVsbG8=\aRED.csv"`},
		{"two\nlines.json", `"two\nlines.json"`},
		{"tab\there", `"tab\there"`},
		{"evil\u202egnp.json", `"evil\u202egnp.json"`},
		{"c1\u009b31m", `"c1\u009b31m"`},
		{"del\x7f", `"del\x7f"`},
		{"bad\xffutf8", `"bad\xffutf8"`},
		{"zero\u200bwidth", `"zero\u200bwidth"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Name(tt.in)
			if got != tt.want {
				t.Errorf("Name(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if r := controlIn(got); r >= 0 {
				t.Errorf("Name(%q) holds control %U", tt.in, r)
			}
		})
	}
}

func TestJSONEscapesWhatATerminalWouldAct(t *testing.T) {
	v := map[string]any{"name": hostile, "n": 3, "list": []any{"\u2066x\u2069", "ok"}}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	// encoding/json escapes C0 but passes DEL, C1 and bidi controls raw.
	if controlIn(string(raw)) < 0 {
		t.Fatal("the test's input has nothing to escape")
	}
	out := JSON(raw)
	if r := controlIn(string(out)); r >= 0 {
		t.Errorf("control %U survived: %s", r, out)
	}
	var back map[string]any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("escaped JSON decodes to %q, want %q", back, want)
	}
	clean := []byte(`{"a":"café ✓","b":[1,2]}` + "\n")
	if got := JSON(clean); &got[0] != &clean[0] {
		t.Error("clean JSON was copied")
	}
}

// TestJSONExact: JSON's own white space (tab, newline, carriage return)
// and printable characters, U+2028 among them, pass as they are; DEL, C1
// and bidirectional controls, and ESC outside a string, become \u escapes.
func TestJSONExact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"{\n\t\"a\": \"plain é 😀 \u2028\"\r\n}", "{\n\t\"a\": \"plain é 😀 \u2028\"\r\n}"},
		{`{"a":"` + "\x7f" + `"}`, `{"a":"\u007f"}`},
		{`{"a":"` + "\u0085\u009b[31m" + `"}`, `{"a":"\u0085\u009b[31m"}`},
		{`{"a":"` + "x\u202eevil\u202c\u2066\u2069\u200e\u200f\u061c" + `"}`, `{"a":"x\u202eevil\u202c\u2066\u2069\u200e\u200f\u061c"}`},
		{"\x1b", `\u001b`},
	} {
		if got := JSON([]byte(tc.in)); string(got) != tc.want {
			t.Errorf("JSON(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestWritersSplitAnywhere writes through the writers one byte at a time
// and in random-sized pieces: the result must be what one write gives, so
// a sequence or character split between writes is treated whole.
func TestWritersSplitAnywhere(t *testing.T) {
	text := strings.Repeat(hostile+"\nplain line ✓\n", 3) + "no newline at the end \u009b"
	doc, _ := json.Marshal(map[string]string{"a": hostile, "b": "\u009b\u202e"})
	for _, size := range []int{1, 2, 3, 5, 7, 64} {
		var whole, split bytes.Buffer
		w := NewWriter(&whole)
		w.Write([]byte(text))
		w.Flush()
		s := NewWriter(&split)
		for p := []byte(text); len(p) > 0; p = p[min(size, len(p)):] {
			s.Write(p[:min(size, len(p))])
		}
		s.Flush()
		if split.String() != whole.String() {
			t.Errorf("pieces of %d: %q, want %q", size, split.String(), whole.String())
		}
		if r := controlIn(whole.String()); r >= 0 {
			t.Errorf("Writer let %U through", r)
		}

		var jsplit bytes.Buffer
		j := NewJSONWriter(&jsplit)
		for p := doc; len(p) > 0; p = p[min(size, len(p)):] {
			j.Write(p[:min(size, len(p))])
		}
		j.Flush()
		if want := JSON(doc); !bytes.Equal(jsplit.Bytes(), want) {
			t.Errorf("JSON in pieces of %d: %q, want %q", size, jsplit.Bytes(), want)
		}
	}
}

func TestWriterPrepareAndLongLines(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	w.Prepare = func(s string) string { return strings.ReplaceAll(s, "secret\x1b", Name("secret\x1b")) }
	w.Write([]byte("file secret\x1b: bad\n"))
	if got := out.String(); got != "file \"secret\\x1b\": bad\n" {
		t.Errorf("Prepare not applied before sanitising: %q", got)
	}
	// A name with a line break, written a byte at a time: held until whole.
	out.Reset()
	const two = "two\nlines"
	w.Prepare = func(s string) string { return strings.ReplaceAll(s, two, Name(two)) }
	w.Hold = func(s string) int {
		if strings.HasSuffix(s, "two\n") {
			return len("two\n")
		}
		return 0
	}
	for _, c := range []byte("first\nfile " + two + ": bad\n") {
		w.Write([]byte{c})
	}
	if got := out.String(); got != "first\nfile \"two\\nlines\": bad\n" {
		t.Errorf("a name with a line break was cut: %q", got)
	}
	w.Prepare, w.Hold = nil, nil
	out.Reset()
	long := strings.Repeat("é", maxHeld) // no newline, past the limit
	w.Write([]byte(long))
	if out.Len() == 0 {
		t.Error("a line past the limit was held back whole")
	}
	w.Flush()
	if out.String() != long {
		t.Error("a long line was changed")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWritersReportErrors(t *testing.T) {
	w := NewWriter(failWriter{})
	if _, err := w.Write([]byte("line\n")); err == nil {
		t.Error("Writer hid a write error")
	}
	j := NewJSONWriter(failWriter{})
	if _, err := j.Write([]byte("{}")); err == nil {
		t.Error("JSONWriter hid a write error")
	}
}

// FuzzJSON checks the terminal form of any JSON document against the
// document: the same value when decoded, and nothing a terminal acts on.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{`{}`, `"\u001b]52;c;SGVsbG8=\u0007"`, "\"\u009b31m\u202e\x7f\"", `[1,"a\nb",null]`, "\"\xff\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out := JSON(b)
		if r := controlIn(string(out)); r >= 0 && r != '\r' {
			t.Fatalf("control %U survived in %q", r, out)
		}
		var want, got any
		if json.Unmarshal(b, &want) != nil || !utf8.Valid(b) {
			return
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("escaped form of %q does not decode: %v", b, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("escaped form of %q decodes to %v, want %v", b, got, want)
		}
	})
}
