package pii

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// text is a string as the guard reads it, with the way back to what the
// user typed. Scanners match against s; every finding they make is mapped
// back through pieces to a byte range of the original, so a screen can
// select exactly what was typed and a report can say where it is.
//
// s is the original after, per normalisation segment:
//   - Unicode NFKC, so full-width and other compatibility forms are their
//     plain selves ("９" is "9", "ＤＯＢ" is "DOB", "①" is "1");
//   - every decimal digit of any script as its ASCII digit (NFKC leaves
//     Arabic-Indic, Devanagari and the like alone);
//   - invisible characters dropped: format characters (Unicode category
//     Cf: zero-width space and joiners, word joiner, soft hyphen, byte
//     order mark, bidi controls), control characters other than tab and
//     line breaks, combining marks, variation selectors and the other
//     default-ignorable code points;
//   - every space as an ASCII space, every dash (hyphen, en and em dash,
//     minus sign…) as "-", the other dots and slashes as "." and "/", and
//     the Unicode line and paragraph separators as "\n";
//   - each byte that is not UTF-8 as U+FFFD, so s is always UTF-8.
//
// Case is left as typed: the patterns that must ignore it say so, and the
// one that must not ("Mrs Jones" but not "MRS scanner") can still see it.
type text struct {
	s string
	// pieces lists, in order, each stretch of the original that does not
	// read as itself: everywhere else s and the original agree byte for
	// byte (shifted by the pieces before). nil when s is the original.
	pieces []piece
}

// piece says that s[n:n+nlen] was read from original[o:o+olen]. nlen is 0
// for characters that were dropped.
type piece struct{ n, nlen, o, olen int }

// scratch is memory one scan reuses from string to string, so that the
// cost of a scan does not grow with the number of strings in a document.
// A text read with it is valid until the next read.
type scratch struct {
	buf    []byte
	pieces []piece
	groups []span // the NHS scanner's digit groups
}

// read normalises orig. Text that is printable ASCII, tabs and line
// breaks (nearly every note a director writes) reads as itself, and costs
// one pass over its bytes.
func (sc *scratch) read(orig string) text {
	if plainASCII(orig) {
		return text{s: orig}
	}
	b, pieces := sc.buf[:0], sc.pieces[:0]
	defer func() { sc.buf, sc.pieces = b[:0], pieces[:0] }()
	var it norm.Iter
	it.InitString(norm.NFKC, orig)
	segStart, nStart := 0, 0
	for !it.Done() {
		b = appendRead(b, it.Next())
		end := it.Pos()
		if end == segStart {
			// One input character decomposed into several segments: they
			// are read from that character together.
			continue
		}
		if string(b[nStart:]) != orig[segStart:end] {
			pieces = append(pieces, piece{n: nStart, nlen: len(b) - nStart, o: segStart, olen: end - segStart})
		}
		segStart, nStart = end, len(b)
	}
	if len(pieces) == 0 {
		return text{s: orig}
	}
	return text{s: string(b), pieces: pieces}
}

// plainASCII reports whether s holds only printable ASCII, tabs and line
// breaks, which read as themselves.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || (c < 0x20 && !isLineSpace(c)) {
			return false
		}
	}
	return true
}

// isLineSpace reports the ASCII controls kept as written: tab and the
// line breaks, which end a digit group rather than vanish.
func isLineSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// appendRead appends the reading of one NFKC segment.
func appendRead(b, seg []byte) []byte {
	for i := 0; i < len(seg); {
		c := seg[i]
		if c < utf8.RuneSelf {
			if c != 0x7f && (c >= 0x20 || isLineSpace(c)) {
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(seg[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			// Not UTF-8: read as U+FFFD, as encoding/json reads it. Kept as
			// it was, a stray byte could join another across a character
			// dropped between them and make one that was never there.
			b = utf8.AppendRune(b, utf8.RuneError)
		case unicode.Is(unicode.Nd, r):
			b = append(b, '0'+digitValue(r))
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			b = append(b, '\n')
		case invisible(r):
		case unicode.Is(unicode.Zs, r):
			b = append(b, ' ')
		case isDash(r):
			b = append(b, '-')
		case r == 0x00b7 || r == 0x2027 || r == 0x2219 || r == 0x22c5 || r == 0x30fb:
			b = append(b, '.') // middle dots
		case r == 0x2044 || r == 0x2215 || r == 0x29f8:
			b = append(b, '/') // fraction, division and big slashes
		default:
			b = append(b, seg[i:i+size]...)
		}
		i += size
	}
	return b
}

// invisible reports characters a reader does not see: they are dropped,
// so "943\u200b476" reads as "943476".
func invisible(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Cc, unicode.Mn, unicode.Me,
		unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

// isDash reports the dashes: Unicode's dash punctuation (hyphen, en and
// em dash, horizontal bar…) and the minus signs, which look the same.
func isDash(r rune) bool {
	return r == 0x2212 || r == 0x2796 || unicode.Is(unicode.Pd, r)
}

// digitValue gives the value of a decimal digit (category Nd) of any
// script. Unicode keeps each script's digits as ten consecutive code
// points from 0 to 9, and every range of the Nd table is a run of whole
// such sets, so the value is the distance from the range's start modulo
// ten (TestDigitValue checks both facts against the table in use).
func digitValue(r rune) byte {
	t := unicode.Nd
	if r <= 0xffff {
		k := sort.Search(len(t.R16), func(k int) bool { return rune(t.R16[k].Hi) >= r })
		if k < len(t.R16) && rune(t.R16[k].Lo) <= r {
			return byte((r - rune(t.R16[k].Lo)) % 10)
		}
	}
	k := sort.Search(len(t.R32), func(k int) bool { return rune(t.R32[k].Hi) >= r })
	if k < len(t.R32) && rune(t.R32[k].Lo) <= r {
		return byte((r - rune(t.R32[k].Lo)) % 10)
	}
	return 0
}

// origStart gives the byte of the original that s[i] was read from; for
// i == len(s), the original's length minus what trails unread.
func (t *text) origStart(i int) int {
	k := sort.Search(len(t.pieces), func(k int) bool { return t.pieces[k].n+t.pieces[k].nlen > i })
	if k < len(t.pieces) && t.pieces[k].n <= i {
		return t.pieces[k].o // inside a piece: where its character starts
	}
	if k == 0 {
		return i
	}
	p := t.pieces[k-1]
	return p.o + p.olen + i - (p.n + p.nlen)
}

// span maps s[i:j] (j > i) to the original: its start and length in bytes,
// covering whole characters.
func (t *text) span(i, j int) (offset, length int) {
	if t.pieces == nil {
		return i, j - i
	}
	start := t.origStart(i)
	last := j - 1
	k := sort.Search(len(t.pieces), func(k int) bool { return t.pieces[k].n+t.pieces[k].nlen > last })
	if k < len(t.pieces) && t.pieces[k].n <= last {
		return start, t.pieces[k].o + t.pieces[k].olen - start
	}
	return start, t.origStart(last) + 1 - start
}
