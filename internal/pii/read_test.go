package pii

import (
	"strings"
	"testing"
	"unicode"
)

// TestDigitValue checks the two facts digitValue stands on, against the
// Unicode tables this Go carries: every range of decimal digits is a run
// of whole sets of ten, and the sets start at zero (spot-checked on the
// scripts a user is likeliest to paste).
func TestDigitValue(t *testing.T) {
	for _, r := range unicode.Nd.R16 {
		if r.Stride != 1 || (r.Hi-r.Lo+1)%10 != 0 {
			t.Errorf("Nd range %U–%U (stride %d) is not whole sets of ten", r.Lo, r.Hi, r.Stride)
		}
	}
	for _, r := range unicode.Nd.R32 {
		if r.Stride != 1 || (r.Hi-r.Lo+1)%10 != 0 {
			t.Errorf("Nd range %U–%U (stride %d) is not whole sets of ten", r.Lo, r.Hi, r.Stride)
		}
	}
	for _, zero := range []rune{'0', 0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0be6, 0x0e50, 0x1040, 0xff10, 0x104a0, 0x1d7ce, 0x1d7d8, 0x1d7f6, 0x1e950} {
		for k := range rune(10) {
			if got := digitValue(zero + k); got != byte(k) {
				t.Errorf("digitValue(%U) = %d, want %d", zero+k, got, k)
			}
		}
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ASCII", "DOB 12/03/1954\tok\n", "DOB 12/03/1954\tok\n"},
		{"full-width", "ＤＯＢ ９４３", "DOB 943"},
		{"other scripts' digits", "٩٤٣ ९४३ ৯৪৩ 𝟗𝟒𝟑", "943 943 943 943"},
		{"invisible characters", "9\u200b4\u200c3\u200d4\u2060\u00ad7\ufeff6\u202a5\u20669\ufe0f1\u034f9", "9434765919"},
		{"controls", "9\x004\x1b3\x7f4\u0085x", "9434\nx"},
		{"spaces", "1\u00a02\u20073\u2009\u202f4\u30005\u205f6", "1 2 3  4 5 6"},
		{"dashes and minus", "1\u20102\u20113\u20134\u20145\u22126\uff0d7", "1-2-3-4-5-6-7"},
		{"dots and slashes", "1\u00b72\u20443\u22154\uff0f5\uff0e6", "1.2/3/4/5.6"},
		{"line separators", "1\u20282\u20293", "1\n2\n3"},
		{"combining marks", "e\u0301 9\u20e3", "é 9"},
		{"not UTF-8", "9\xff4\xe2\x803", "9\ufffd4\ufffd\ufffd3"},
		{"stray bytes around a dropped control", "\xdc\x1b\xbb", "\ufffd\ufffd"},
		{"no digit made of stray bytes", "\xd9\x00\xa9", "\ufffd\ufffd"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sc scratch
			if got := sc.read(tc.in).s; got != tc.want {
				t.Errorf("read(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestReadSpans: every byte of the text as read maps back to the
// character of the original it came from.
func TestReadSpans(t *testing.T) {
	tests := []struct {
		name, in string
		i, j     int    // a span of the text as read
		want     string // the original it covers
	}{
		{"plain", "abc", 1, 2, "b"},
		{"full-width", "x９４３y", 1, 4, "９４３"},
		{"after full-width", "９x", 1, 2, "x"},
		{"leading invisible left out", "\u200b\u200b943", 0, 3, "943"},
		{"inner invisible kept", "9\u200b43", 0, 3, "9\u200b43"},
		{"trailing invisible left out", "943\u200b!", 0, 3, "943"},
		{"one character read as two", "a⑩b", 1, 2, "⑩"},
		{"second of two", "a⑩b", 2, 3, "⑩"},
		{"after two", "a⑩b", 3, 4, "b"},
		{"ligature of many segments", "x\ufdfay", 1 + len(norm18), 2 + len(norm18), "y"},
		{"whole", "٩٤٣ ٤٧٦", 0, 7, "٩٤٣ ٤٧٦"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sc scratch
			r := sc.read(tc.in)
			off, n := r.span(tc.i, tc.j)
			if got := tc.in[off : off+n]; got != tc.want {
				t.Errorf("read(%q) = %q; span [%d, %d) covers %q of the original, want %q", tc.in, r.s, tc.i, tc.j, got, tc.want)
			}
		})
	}
}

// norm18 is what U+FDFA reads as: eighteen characters from one, over
// several normalisation segments.
var norm18 = func() string {
	var sc scratch
	return strings.TrimSuffix(strings.TrimPrefix(sc.read("x\ufdfay").s, "x"), "y")
}()
