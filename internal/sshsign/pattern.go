package sshsign

import "strings"

// matchList matches s against an OpenSSH pattern-list (ssh_config(5)
// PATTERNS, match_pattern_list in OpenSSH's match.c): comma-separated
// patterns with * and ?, a leading ! negating one. It returns 1 for a
// match, -1 when a negated pattern matches (which wins over any positive
// one), 0 otherwise. Case matters, as it does for allowed_signers.
func matchList(s string, list []string) int {
	got := 0
	for _, p := range list {
		neg := strings.HasPrefix(p, "!")
		if neg {
			p = p[1:]
		}
		if matchPattern(s, p) {
			if neg {
				return -1
			}
			got = 1
		}
	}
	return got
}

// matchPattern matches s against one glob pattern: * any run of bytes
// (empty too), ? any one byte, anything else itself. Bytes, not runes, as
// OpenSSH does. Iterative with one backtrack point, so no pattern can make
// it take more than len(s)*len(p) steps.
func matchPattern(s, p string) bool {
	si, pi := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			si++
			pi++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			mark++
			si, pi = mark, star+1
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
