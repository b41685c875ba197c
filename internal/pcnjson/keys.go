package pcnjson

import "cmp"

// compareKeys orders member names as RFC 8785 does: by their UTF-16 code
// units. That is the byte order of their UTF-8 but for one case: a
// character from U+E000 to U+FFFF (UTF-8 lead byte EE or EF) sorts after
// one beyond U+FFFF (lead F0–F4) in UTF-16, whose surrogates are D800–DFFF.
// a and b are valid UTF-8, so where they first differ both are at the
// start of a character or both inside characters with the same lead byte.
func compareKeys(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == n {
		return cmp.Compare(len(a), len(b))
	}
	x, y := a[i], b[i]
	switch {
	case (x == 0xEE || x == 0xEF) && y >= 0xF0:
		return 1
	case (y == 0xEE || y == 0xEF) && x >= 0xF0:
		return -1
	}
	return cmp.Compare(x, y)
}
