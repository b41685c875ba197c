package pii

import (
	"encoding/json"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// zeros are the zero digits of some of the scripts whose digits are read
// as digits: ASCII, full-width, Arabic-Indic, Persian, Devanagari, Bengali,
// Thai, mathematical bold and monospace, Myanmar.
var zeros = []rune{'0', 0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0x1d7ce, 0x1d7f6, 0x1040}

// The separator and invisible characters a number may be typed or pasted
// with, from the classes SPEC §9 names.
var (
	spaceRunes     = []rune{' ', '\t', 0x00a0, 0x2007, 0x2009, 0x202f, 0x3000, 0x2002, 0x2003, 0x205f}
	dashRunes      = []rune{'-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe63, 0xff0d}
	dotSlashRunes  = []rune{'.', '/', 0xff0e, 0xff0f, 0x2044, 0x2215, 0x00b7}
	invisibleRunes = []rune{0x200b, 0x200c, 0x200d, 0x2060, 0x00ad, 0xfeff, 0x200e, 0x200f, 0x202a, 0x202c, 0x2066, 0x2069, 0xfe0f}
)

// drawDigits draws ten digits, valid as an NHS number or not.
func drawDigits(t *rapid.T, valid bool) string {
	return rapid.Custom(func(t *rapid.T) string {
		var b [10]byte
		for i := range b {
			b[i] = '0' + byte(rapid.IntRange(0, 9).Draw(t, "digit"))
		}
		return string(b[:])
	}).Filter(func(d string) bool { return ValidNHSNumber(d) == valid }).Draw(t, "number")
}

// render writes digits as a person might: each digit in some script,
// and between digits nothing or one separator run (up to four spaces,
// dashes, dots or slashes), with invisible characters anywhere.
func render(t *rapid.T, digits string) string {
	var b strings.Builder
	invisibles := func(label string) {
		for range rapid.IntRange(0, 2).Draw(t, label+" invisibles") {
			b.WriteRune(rapid.SampledFrom(invisibleRunes).Draw(t, "invisible"))
		}
	}
	seps := rapid.SampledFrom([][]rune{spaceRunes, dashRunes, dotSlashRunes, append(append([]rune{}, spaceRunes...), dashRunes...)})
	for i := 0; i < len(digits); i++ {
		invisibles("before digit")
		b.WriteRune(rapid.SampledFrom(zeros).Draw(t, "script") + rune(digits[i]-'0'))
		if i == len(digits)-1 {
			break
		}
		invisibles("after digit")
		if rapid.Bool().Draw(t, "group ends") {
			class := seps.Draw(t, "separator class")
			for range rapid.IntRange(1, 4).Draw(t, "separator length") {
				b.WriteRune(rapid.SampledFrom(class).Draw(t, "separator"))
				invisibles("in separator")
			}
		}
	}
	return b.String()
}

// drawContext draws text around a number that cannot join it: it ends
// and starts with something other than a digit or a separator.
func drawContext(t *rapid.T, text string) string {
	before := rapid.SampledFrom([]string{"", "NHS no ", "Patient: ", "ref", "(", "Pt ", "NHS number is\n", "ＮＨＳ："}).Draw(t, "before")
	after := rapid.SampledFrom([]string{"", ".", " seen today", ")", "\nnext line", ", then", "号"}).Draw(t, "after")
	return before + text + after
}

// TestPropertyValidNumbersBlock: a valid NHS number blocks however it is
// written, and the finding points at it.
func TestPropertyValidNumbersBlock(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		digits := drawDigits(t, true)
		text := drawContext(t, render(t, digits))
		fs := Scan([]Field{{Path: "f", Text: text}}, Options{})
		checkInvariants(t, text, fs)
		if !Blocking(fs) {
			t.Fatalf("no block for %s written %q: %v", digits, text, fs)
		}
		var sc scratch
		for _, f := range fs {
			if f.Kind == KindNHSNumber && onlyDigits(sc.read(text[f.Offset:f.Offset+f.Length]).s) == digits {
				return
			}
		}
		t.Fatalf("no finding points at %s in %q: %v", digits, text, fs)
	})
}

// TestPropertyInvalidNumbersNeverBlock: ten digits failing the check never
// block, however they are written (a 3-3-4 grouping may warn).
func TestPropertyInvalidNumbersNeverBlock(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		digits := drawDigits(t, false)
		text := drawContext(t, render(t, digits))
		fs := Scan([]Field{{Path: "f", Text: text}}, Options{})
		checkInvariants(t, text, fs)
		if Blocking(fs) {
			t.Fatalf("%s written %q blocks: %v", digits, text, fs)
		}
	})
}

// TestPropertyPhoneNumbersPass: UK telephone numbers, domestic or
// international, written in the usual groupings with any spaces or dashes,
// never read as NHS numbers — even when their ten-digit national part
// passes the check.
func TestPropertyPhoneNumbersPass(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		national := rapid.SampledFrom([]string{"1", "2", "3", "7", "8"}).Draw(t, "lead") +
			rapid.StringMatching(`[0-9]{9}`).Draw(t, "rest")
		separators := []rune{' ', '-', 0x00a0, 0x2009, 0x2013}
		grouped := func(digits string, groupings [][]int) string {
			var b strings.Builder
			for i, n := range rapid.SampledFrom(groupings).Draw(t, "grouping") {
				if i > 0 {
					b.WriteRune(rapid.SampledFrom(separators).Draw(t, "separator"))
				}
				b.WriteString(digits[:n])
				digits = digits[n:]
			}
			return b.String()
		}
		domestic := [][]int{{4, 3, 4}, {3, 4, 4}, {5, 6}, {5, 3, 3}, {11}}
		international := [][]int{{3, 3, 4}, {2, 4, 4}, {4, 6}, {4, 3, 3}, {10}}
		text := rapid.SampledFrom([]string{"Tel ", "call ", "(", ""}).Draw(t, "before")
		switch rapid.IntRange(0, 3).Draw(t, "form") {
		case 0:
			text += grouped("0"+national, domestic)
		case 1:
			text += "+44 " + grouped(national, international)
		case 2:
			text += "+44 (0)" + grouped(national, international)
		case 3:
			text += "0044 " + grouped(national, international)
		}
		text += rapid.SampledFrom([]string{"", ".", ")", " for the hub"}).Draw(t, "after")
		for _, f := range Scan([]Field{{Path: "f", Text: text}}, Options{}) {
			if f.Kind == KindNHSNumber || f.Kind == KindNHSNumberInvalid {
				t.Fatalf("telephone number %q read as an NHS number: %v", text, f)
			}
		}
	})
}

// TestPropertyJSONAnywhere: a valid NHS number blocks wherever it sits in
// a JSON document — a known member, an unknown one, deep in arrays, or a
// member's name — and the path names the place.
func TestPropertyJSONAnywhere(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		digits := drawDigits(t, true)
		text := drawContext(t, render(t, digits))
		var v any = text
		path := ""
		asName := rapid.Bool().Draw(t, "as a member name")
		if asName {
			v = map[string]any{text: 1}
		}
		for range rapid.IntRange(1, 4).Draw(t, "depth") {
			if rapid.Bool().Draw(t, "array") {
				n := rapid.IntRange(0, 2).Draw(t, "index")
				items := make([]any, n+1)
				for i := range n {
					items[i] = "clean"
				}
				items[n] = v
				v, path = items, "[%d]"+path
				path = strings.Replace(path, "%d", string(rune('0'+n)), 1)
				continue
			}
			name := rapid.SampledFrom([]string{"pcn", "name", "zeta_unknown", "x", "services"}).Draw(t, "name")
			v, path = map[string]any{name: v, "other": "clean"}, "."+name+path
		}
		doc, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := ScanJSON("U12345", doc, Options{})
		if err != nil {
			t.Fatalf("ScanJSON(%s): %v", doc, err)
		}
		if !Blocking(fs) {
			t.Fatalf("no block for %s in %s", digits, doc)
		}
		want := "U12345 " + strings.TrimPrefix(path, ".")
		for _, f := range fs {
			if f.Level == Block && strings.HasPrefix(f.Path, want) && strings.HasSuffix(f.Path, " (member name)") == asName {
				return
			}
		}
		t.Fatalf("no block at %q in %s: %v", want, doc, fs)
	})
}
