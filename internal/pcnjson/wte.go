package pcnjson

import (
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// A WTE is read from the canonical form's text of its number, never from
// a float: 0.6 is "0.6" there, which is exactly 60 hundredths, where the
// float 0.6 is not exactly anything. The canonical form writes plain
// digits for every number a file may hold (all are within ±(2^53−1)),
// and exponent notation only below 10^-6, which has more than two
// decimals whatever it is.

// wteOf reads the canonical number text as a WTE, or says what is wrong
// with it: more than two decimals, negative, over 1,000.
func wteOf(text string) (domain.WTE, error) {
	if strings.ContainsAny(text, "eE") {
		return 0, fmt.Errorf("%s %w", text, domain.ErrWTEDecimals)
	}
	return domain.ParseWTE(text)
}

// wteTotalOf is wteOf for a forum total (domain.WTETotal).
func wteTotalOf(text string) (domain.WTETotal, error) {
	if strings.ContainsAny(text, "eE") {
		return 0, fmt.Errorf("%s %w", text, domain.ErrWTEDecimals)
	}
	return domain.ParseWTETotal(text)
}

// wte reads field's number (null changes nothing) into *p. A value that
// is not a number is of the wrong type; a number that is not a WTE is
// recorded as the first problem, naming the member, like a wrong type.
func (r *docReader) wte(field string, p *domain.WTE) bool {
	if r.null() {
		return true
	}
	if r.i >= len(r.b) || !(r.b[r.i] == '-' || r.b[r.i] >= '0' && r.b[r.i] <= '9') {
		return r.wrongType(field, "a number")
	}
	start := r.i
	if !r.skip() {
		return false
	}
	w, err := wteOf(r.s[start:r.i])
	if err != nil {
		if r.err == nil {
			r.err = &Error{Member: r.at(field), Msg: err.Error()}
		}
		return true
	}
	*p = w
	return true
}
