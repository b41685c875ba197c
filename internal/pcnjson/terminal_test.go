package pcnjson

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

func TestForTerminal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"{\n\t\"a\": \"plain é 😀 \u2028\"\r\n}", "{\n\t\"a\": \"plain é 😀 \u2028\"\r\n}"},
		{`{"a":"` + "\x7f" + `"}`, `{"a":"\u007f"}`},
		{`{"a":"` + "\u0085\u009b[31m" + `"}`, `{"a":"\u0085\u009b[31m"}`},
		{`{"a":"` + "x\u202eevil\u202c\u2066\u2069\u200e\u200f\u061c" + `"}`, `{"a":"x\u202eevil\u202c\u2066\u2069\u200e\u200f\u061c"}`},
		{"\x1b", `\u001b`},
	} {
		got := ForTerminal([]byte(tc.in))
		if string(got) != tc.want {
			t.Errorf("ForTerminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
		var a, b any
		if json.Unmarshal([]byte(tc.in), &a) == nil {
			if err := json.Unmarshal(got, &b); err != nil || !reflect.DeepEqual(a, b) {
				t.Errorf("ForTerminal(%q) means something else: %v", tc.in, err)
			}
		}
	}
	clean := []byte(`{"a": "nothing to do"}`)
	if got := ForTerminal(clean); &got[0] != &clean[0] {
		t.Error("clean text was copied")
	}
	// A canonical submission holding every such character: the terminal
	// copy is still the same document.
	b, _ := encodeSample(t)
	b = bytes.Replace(b, []byte("We are stretched."), []byte("We are \u202estretched\u202c \u0085 \x7f."), 1)
	if bytes.Contains(ForTerminal(b), []byte("\u202e")) {
		t.Error("bidi override reached the terminal")
	}
}
