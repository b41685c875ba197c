package domain

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// WTE is a whole-time equivalent held exactly, in hundredths: 1.25 WTE is
// 125, 0.6 is 60. Figures are typed and written with at most two decimals
// (SPEC §4), so hundredths hold every one of them, and sums over a forum
// never pick up a float's error (0.1 + 0.2 is 0.30 here, not
// 0.30000000000000004).
type WTE int64

// MaxWTE is the largest WTE a role may hold (SPEC §4: at most 1,000). No
// PCN has a hundred staff in one role; the bound keeps a mistyped figure
// from swamping a forum's totals and any sum from overflowing.
const MaxWTE WTE = 1000_00

// ErrWTEDecimals and the other WTE errors say what is wrong with a figure
// in words a director can act on; the file readers put the member's name
// before them.
var (
	ErrWTEDecimals = errors.New("has more than two decimals: write WTE like 0.6, 1.25 or 3")
	ErrWTENegative = errors.New("is negative: a WTE is 0 or more")
	ErrWTETooBig   = errors.New("is over 1,000: a role's WTE is at most 1,000")
	ErrWTENotANum  = errors.New("is not a number: write WTE like 0.6, 1.25 or 3")
)

// ParseWTE reads a WTE as a person or a file writes it: "1.25", "0.6",
// "3", "3.0", ".5", with spaces around it ignored and "" read as 0 (a
// role nobody is recruiting to leaves that figure blank). It refuses
// more than two decimals, a negative figure and more than MaxWTE; the
// error quotes the text.
func ParseWTE(s string) (WTE, error) { return parseWTE(s, MaxWTE, ErrWTETooBig) }

// parseWTE is ParseWTE with the bound and its error given.
func parseWTE(s string, bound WTE, tooBig error) (WTE, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	t, neg := strings.CutPrefix(s, "-")
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" && frac == "" || !digits(whole) || !digits(frac) {
		return 0, fmt.Errorf("%q %w", s, ErrWTENotANum)
	}
	if len(frac) > 2 {
		// Trailing zeros are not decimals a person meant: "1.250" is 1.25.
		if strings.TrimRight(frac[2:], "0") != "" {
			return 0, fmt.Errorf("%s %w", s, ErrWTEDecimals)
		}
		frac = frac[:2]
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 15 { // past any bound, and far enough from int64's end
		if neg {
			return 0, fmt.Errorf("%s %w", s, ErrWTENegative)
		}
		return 0, fmt.Errorf("%s %w", s, tooBig)
	}
	n, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	w := WTE(n*100 + f)
	switch {
	case neg && w != 0:
		return 0, fmt.Errorf("%s %w", s, ErrWTENegative)
	case w > bound:
		return 0, fmt.Errorf("%s %w", s, tooBig)
	}
	return w, nil
}

// WTETotal is WTE summed over a forum's PCNs — a forum pack's totals and
// per-role figures — in hundredths, as WTE. It is its own type because a
// role's bound is not a sum's: sixty ordinary PCNs plan over 1,000 WTE
// between them, and a pack that merge wrote must read back.
type WTETotal WTE

// MaxWTETotal bounds a WTETotal: 1,000,000,000,000 WTE. No forum comes
// near it — a national merge of 1,250 PCNs listing the whole catalogue at
// a role's 1,000 WTE is some 20,000,000 — and even 16 MiB submissions of
// nothing but made-up roles at 1,000 WTE (about 200,000 each) would take
// some five thousand files to reach it. It stays where the rates'
// arithmetic (hundredths × 10,000) fits in int64 and every figure, with
// its two decimals, is written and read back exactly.
const MaxWTETotal WTETotal = 1_000_000_000_000_00

// ErrWTETotalTooBig says a forum total is past MaxWTETotal.
var ErrWTETotalTooBig = errors.New("is over 1,000,000,000,000: a forum's WTE total is at most 1,000,000,000,000")

// ParseWTETotal is ParseWTE for a forum total, bounded by MaxWTETotal.
func ParseWTETotal(s string) (WTETotal, error) {
	w, err := parseWTE(s, WTE(MaxWTETotal), ErrWTETotalTooBig)
	return WTETotal(w), err
}

// String writes t as WTE.String does.
func (t WTETotal) String() string { return WTE(t).String() }

// Text writes t as WTE.Text does.
func (t WTETotal) Text() string { return WTE(t).Text() }

// MarshalJSON writes t as a JSON number in its shortest exact form.
func (t WTETotal) MarshalJSON() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalJSON reads a JSON number with at most two decimals, up to
// MaxWTETotal.
func (t *WTETotal) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	v, err := ParseWTETotal(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// String writes w in its shortest exact form, as a submission file does:
// "1.25", "0.6", "3".
func (w WTE) String() string {
	sign := ""
	if w < 0 {
		sign, w = "-", -w
	}
	s := sign + strconv.FormatInt(int64(w/100), 10)
	switch f := w % 100; {
	case f == 0:
		return s
	case f%10 == 0:
		return s + "." + strconv.FormatInt(int64(f/10), 10)
	default:
		return fmt.Sprintf("%s.%02d", s, f)
	}
}

// Text writes w for a table a person reads: at least one decimal, so a
// column of figures looks like WTE ("4.0", "2.6", "1.25").
func (w WTE) Text() string {
	s := w.String()
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// MarshalJSON writes w as a JSON number in its shortest exact form.
func (w WTE) MarshalJSON() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalJSON reads a JSON number with at most two decimals. (pcnvoice's
// own readers go through pcnjson; this is for any other decoder.)
func (w *WTE) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	v, err := ParseWTE(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// Percent is part as a whole percentage of whole, rounded half up, and
// false when whole is 0 (no rate to give): a fill rate of in post ÷
// planned, say.
func Percent(part, whole WTE) (int64, bool) {
	if whole <= 0 {
		return 0, false
	}
	return (int64(part)*200 + int64(whole)) / (2 * int64(whole)), true
}

// Role is one additional role a PCN reports (SPEC §4's workforce item):
// the WTE in post, planned and being recruited. Key is the roles
// catalogue's key (§6) or a forum's own, kept as given. ID is the
// database's and never exported.
type Role struct {
	ID         int64  `json:"-"`
	Key        string `json:"role"`
	InPost     WTE    `json:"wte_in_post"`
	Planned    WTE    `json:"wte_planned"`
	Recruiting WTE    `json:"wte_recruiting"`
	Note       string `json:"note"`
}

// Validate checks a role: a key, and each figure from 0 to MaxWTE.
func (r Role) Validate(prefix string) error {
	if strings.TrimSpace(r.Key) == "" {
		return fieldErr(prefix+".role", "must not be empty")
	}
	for _, f := range []struct {
		name string
		w    WTE
	}{{"wte_in_post", r.InPost}, {"wte_planned", r.Planned}, {"wte_recruiting", r.Recruiting}} {
		switch {
		case f.w < 0:
			return fieldErr(prefix+"."+f.name, "%s %v", f.w, ErrWTENegative)
		case f.w > MaxWTE:
			return fieldErr(prefix+"."+f.name, "%s %v", f.w, ErrWTETooBig)
		}
	}
	return nil
}

// WorkforceTotals sums roles' WTE: what `status` and the Overview show.
type WorkforceTotals struct {
	InPost, Planned, Recruiting WTE
}

// Totals adds up roles.
func Totals(roles []Role) WorkforceTotals {
	var t WorkforceTotals
	for _, r := range roles {
		t.InPost += r.InPost
		t.Planned += r.Planned
		t.Recruiting += r.Recruiting
	}
	return t
}

// FillLine says how far planned posts are filled, in words and numbers:
// "2.6 of 4.0 planned WTE in post (65%)", or, with nothing planned,
// "2.6 WTE in post, none planned".
func FillLine(inPost, planned WTE) string {
	if p, ok := Percent(inPost, planned); ok {
		return fmt.Sprintf("%s of %s planned WTE in post (%d%%)", inPost.Text(), planned.Text(), p)
	}
	return inPost.Text() + " WTE in post, none planned"
}
