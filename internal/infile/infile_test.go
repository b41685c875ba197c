package infile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func TestText(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr string
	}{
		{"utf8", []byte(`{"a":1}`), `{"a":1}`, ""},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, `{"a":1}`...), `{"a":1}`, ""},
		{"utf16le bom", utf16le(`{"a":"café"}`, true), `{"a":"café"}`, ""},
		{"utf16be bom", []byte{0xFE, 0xFF, 0, '{', 0, '}'}, `{}`, ""},
		{"utf16 no bom", utf16le(`{"a":1}`, false), "", "UTF-16 without a byte-order mark"},
		{"invalid utf8", []byte("{\"a\":\"\xff\"}"), "", "not valid UTF-8"},
		{"odd utf16", []byte{0xFF, 0xFE, '{'}, "", "odd number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Text("f.json", tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "f.json: ") {
					t.Fatalf("err = %v, want one naming f.json and %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("Text = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	os.WriteFile(big, make([]byte, 2048), 0o600)
	if _, err := Read(big, 1024); !errors.Is(err, ErrTooLarge) {
		t.Errorf("big file: err = %v", err)
	}
	if _, err := Read(dir, 1024); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("directory: err = %v", err)
	}
	if _, err := Read(filepath.Join(dir, "missing.json"), 1024); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing: err = %v", err)
	}
}

func FuzzText(f *testing.F) {
	f.Add([]byte(`{"a":1}`))
	f.Add(utf16le(`{"a":1}`, true))
	f.Add([]byte{0xFE, 0xFF, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := Text("f", b)
		if err == nil && !utf8.Valid(out) {
			t.Fatalf("Text returned invalid UTF-8 for %x", b)
		}
	})
}
