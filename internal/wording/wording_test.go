package wording

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestThousands(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {41230, "41,230"},
		{1000000, "1,000,000"}, {-1, "-1"}, {-1234, "-1,234"}, {-999999, "-999,999"},
		{math.MaxInt64, "9,223,372,036,854,775,807"}, {math.MinInt64, "-9,223,372,036,854,775,808"},
	} {
		if got := Thousands(c.n); got != c.want {
			t.Errorf("Thousands(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// TestThousandsReadsBack checks every grouping: taking the commas out
// gives the number back, and each group after the first has three digits.
func TestThousandsReadsBack(t *testing.T) {
	for n := int64(-20000); n <= 20000; n += 7 {
		s := Thousands(n * 997)
		if back, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64); err != nil || back != n*997 {
			t.Fatalf("Thousands(%d) = %q reads back as %d, %v", n*997, s, back, err)
		}
		groups := strings.Split(strings.TrimPrefix(s, "-"), ",")
		for _, g := range groups[1:] {
			if len(g) != 3 {
				t.Fatalf("Thousands(%d) = %q: group %q", n*997, s, g)
			}
		}
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			t.Fatalf("Thousands(%d) = %q: first group %q", n*997, s, groups[0])
		}
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 notes"}, {1, "1 note"}, {2, "2 notes"}, {1204, "1,204 notes"}} {
		if got := Plural(c.n, "note", "notes"); got != c.want {
			t.Errorf("Plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestList(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"Access"}, "Access"}, {[]string{"Estates", "Integration"}, "Estates and Integration"}, {[]string{"A", "B", "C"}, "A, B and C"}} {
		if got := List(c.in); got != c.want {
			t.Errorf("List(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}
