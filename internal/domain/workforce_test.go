package domain

import (
	"errors"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestParseWTE(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want WTE
		err  error
	}{
		{"1.25", 125, nil},
		{"0.6", 60, nil},
		{"3", 300, nil},
		{" 3.0 ", 300, nil},
		{".5", 50, nil},
		{"2.", 200, nil},
		{"1.250", 125, nil}, // a trailing zero is not a third decimal
		{"", 0, nil},
		{"0", 0, nil},
		{"-0", 0, nil},
		{"1000", MaxWTE, nil},
		{"1000.00", MaxWTE, nil},
		{"007.5", 750, nil},
		{"1.255", 0, ErrWTEDecimals},
		{"0.001", 0, ErrWTEDecimals},
		{"-0.5", 0, ErrWTENegative},
		{"-99999", 0, ErrWTENegative},
		{"1000.01", 0, ErrWTETooBig},
		{"99999999999999999999", 0, ErrWTETooBig},
		{"1,5", 0, ErrWTENotANum},
		{"one", 0, ErrWTENotANum},
		{".", 0, ErrWTENotANum},
		{"-", 0, ErrWTENotANum},
		{"1e2", 0, ErrWTENotANum},
		{"+1", 0, ErrWTENotANum},
		{"1.2.3", 0, ErrWTENotANum},
		{"١٢", 0, ErrWTENotANum}, // Arabic-Indic digits are not typed as WTE
	} {
		got, err := ParseWTE(tc.in)
		if !errors.Is(err, tc.err) || got != tc.want {
			t.Errorf("ParseWTE(%q) = %d, %v; want %d, %v", tc.in, got, err, tc.want, tc.err)
		}
		if err != nil && !strings.Contains(err.Error(), strings.TrimSpace(tc.in)) {
			t.Errorf("ParseWTE(%q): %v does not quote the figure", tc.in, err)
		}
	}
}

func TestWTEText(t *testing.T) {
	for w, want := range map[WTE][2]string{
		0: {"0", "0.0"}, 60: {"0.6", "0.6"}, 125: {"1.25", "1.25"}, 300: {"3", "3.0"},
		105: {"1.05", "1.05"}, MaxWTE: {"1000", "1000.0"}, -50: {"-0.5", "-0.5"},
	} {
		if got := [2]string{w.String(), w.Text()}; got != want {
			t.Errorf("WTE(%d) writes %q, want %q", int64(w), got, want)
		}
	}
}

// TestWTERoundTrip: every WTE a role may hold is written in a form that
// reads back as itself, whichever way round.
func TestWTERoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := WTE(rapid.Int64Range(0, int64(MaxWTE)).Draw(t, "w"))
		for _, s := range []string{w.String(), w.Text()} {
			if got, err := ParseWTE(s); err != nil || got != w {
				t.Fatalf("ParseWTE(%q) = %d, %v; want %d", s, got, err, w)
			}
		}
		b, _ := w.MarshalJSON()
		var back WTE
		if err := back.UnmarshalJSON(b); err != nil || back != w {
			t.Fatalf("JSON %s reads back as %d, %v", b, back, err)
		}
	})
}

func TestPercentAndFillLine(t *testing.T) {
	for _, tc := range []struct {
		in, planned WTE
		pct         int64
		ok          bool
		line        string
	}{
		{260, 400, 65, true, "2.6 of 4.0 planned WTE in post (65%)"},
		{100, 300, 33, true, "1.0 of 3.0 planned WTE in post (33%)"},
		{200, 300, 67, true, "2.0 of 3.0 planned WTE in post (67%)"},
		{50, 400, 13, true, "0.5 of 4.0 planned WTE in post (13%)"}, // 12.5 rounds half up
		{500, 400, 125, true, "5.0 of 4.0 planned WTE in post (125%)"},
		{260, 0, 0, false, "2.6 WTE in post, none planned"},
	} {
		pct, ok := Percent(tc.in, tc.planned)
		if pct != tc.pct || ok != tc.ok || FillLine(tc.in, tc.planned) != tc.line {
			t.Errorf("Percent(%d, %d) = %d, %v, %q; want %d, %v, %q", tc.in, tc.planned, pct, ok, FillLine(tc.in, tc.planned), tc.pct, tc.ok, tc.line)
		}
	}
}

func TestRoleValidate(t *testing.T) {
	for _, tc := range []struct {
		r    Role
		want string
	}{
		{Role{Key: "clinical-pharmacist", InPost: 200, Planned: 300}, ""},
		{Role{Key: "a-forums-own", InPost: MaxWTE}, ""},
		{Role{Key: " "}, "workforce.role: must not be empty"},
		{Role{Key: "gp", InPost: -1}, "workforce.wte_in_post: -0.01 is negative"},
		{Role{Key: "gp", Planned: MaxWTE + 1}, "workforce.wte_planned: 1000.01 is over 1,000"},
		{Role{Key: "gp", Recruiting: -100}, "workforce.wte_recruiting: -1 is negative"},
	} {
		err := tc.r.Validate("workforce")
		if got := ""; err != nil {
			got = err.Error()
			if tc.want == "" || !strings.HasPrefix(got, tc.want) {
				t.Errorf("%+v: %v, want %q", tc.r, err, tc.want)
			}
		} else if tc.want != "" {
			t.Errorf("%+v accepted, want %q", tc.r, tc.want)
		}
	}
}

// TestParseWTETotal: a forum total is read like a role's WTE, but up to
// MaxWTETotal rather than a role's 1,000.
func TestParseWTETotal(t *testing.T) {
	for _, c := range []struct {
		in   string
		want WTETotal
		err  error
	}{
		{"3000", 3000_00, nil},
		{"1140.5", 1140_50, nil},
		{"1000000000000", MaxWTETotal, nil},
		{"1000000000000.01", 0, ErrWTETotalTooBig},
		{"999999999999.99", MaxWTETotal - 1, nil},
		{"99999999999999999999", 0, ErrWTETotalTooBig},
		{"1.255", 0, ErrWTEDecimals},
		{"-1", 0, ErrWTENegative},
	} {
		got, err := ParseWTETotal(c.in)
		if got != c.want || !errors.Is(err, c.err) {
			t.Errorf("ParseWTETotal(%q) = %v, %v; want %v, %v", c.in, got, err, c.want, c.err)
		}
	}
	if _, err := ParseWTE("1140.5"); !errors.Is(err, ErrWTETooBig) {
		t.Errorf("a role's 1140.5 WTE: %v", err)
	}
}
