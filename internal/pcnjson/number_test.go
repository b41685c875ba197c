package pcnjson

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/gowebpki/jcs"
)

// TestNumberAppendixB: RFC 8785 Appendix B's number serialisation
// samples, IEEE 754 bits to the string ECMAScript writes.
func TestNumberAppendixB(t *testing.T) {
	for _, tc := range []struct {
		bits uint64
		want string
	}{
		{0x0000000000000000, "0"}, {0x8000000000000000, "0"},
		{0x0000000000000001, "5e-324"}, {0x8000000000000001, "-5e-324"},
		{0x7fefffffffffffff, "1.7976931348623157e+308"}, {0xffefffffffffffff, "-1.7976931348623157e+308"},
		{0x4340000000000000, "9007199254740992"}, {0xc340000000000000, "-9007199254740992"},
		{0x4430000000000000, "295147905179352830000"},
		{0x44b52d02c7e14af5, "9.999999999999997e+22"}, {0x44b52d02c7e14af6, "1e+23"}, {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
		{0x444b1ae4d6e2ef4e, "999999999999999700000"}, {0x444b1ae4d6e2ef4f, "999999999999999900000"}, {0x444b1ae4d6e2ef50, "1e+21"},
		{0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"}, {0x3eb0c6f7a0b5ed8d, "0.000001"},
		{0x41b3de4355555553, "333333333.3333332"}, {0x41b3de4355555554, "333333333.33333325"},
		{0x41b3de4355555555, "333333333.3333333"}, {0x41b3de4355555556, "333333333.3333334"},
		{0x41b3de4355555557, "333333333.33333343"},
		{0xbecbf647612f3696, "-0.0000033333333333333333"}, {0x43143ff3c1cb0959, "1424953923781206.2"},
	} {
		if got := string(appendNumber(nil, math.Float64frombits(tc.bits))); got != tc.want {
			t.Errorf("%016x: %s, want %s", tc.bits, got, tc.want)
		}
	}
}

// TestNumberMatchesJCS: on random doubles of every magnitude, the
// formatting is gowebpki/jcs's (which RFC 8785's authors test against
// 100 million V8 samples).
func TestNumberMatchesJCS(t *testing.T) {
	rng := rand.New(rand.NewPCG(8785, 2))
	for i := range 200_000 {
		var f float64
		switch i % 3 {
		case 0:
			f = math.Float64frombits(rng.Uint64())
		case 1:
			f = float64(rng.Int64N(1<<53)) / math.Pow(10, float64(rng.IntN(25)))
		default:
			f = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(60)-30))
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		want, err := jcs.NumberToJSON(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(appendNumber(nil, f)); got != want {
			t.Fatalf("%v (%016x): %s, jcs %s", f, math.Float64bits(f), got, want)
		}
		// and it reads back as the same double
		if back, _ := strconv.ParseFloat(want, 64); back != f && !(f == 0 && back == 0) {
			t.Fatalf("%s reads back as %v, not %v", want, back, f)
		}
	}
}
