package pii

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles a pattern on first use rather than at start-up: every
// pcnvoice command links this package, and `status` over SSH should not pay
// for regexps only an export needs.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
