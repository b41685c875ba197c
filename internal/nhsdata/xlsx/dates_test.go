package xlsx

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestDateFromSerial(t *testing.T) {
	tests := []struct {
		v        float64
		date1904 bool
		want     string // "" = not a date
	}{
		{1, false, "1900-01-01T00:00:00"},
		{59, false, "1900-02-28T00:00:00"},
		{60, false, ""}, // 1900-02-29, which Excel shows and never was
		{61, false, "1900-03-01T00:00:00"},
		{43647, false, "2019-07-01T00:00:00"},
		{43647.5, false, "2019-07-01T12:00:00"},
		{43647.999999, false, "2019-07-02T00:00:00"}, // rounds to the second
		{2958465, false, "9999-12-31T00:00:00"},
		{2958466, false, ""},
		{0, false, ""},
		{0.5, false, ""},
		{-1, false, ""},
		{math.NaN(), false, ""},
		{math.Inf(1), false, ""},
		{0, true, "1904-01-01T00:00:00"},
		{42185, true, "2019-07-01T00:00:00"},
		{2958465 - 1462, true, "9999-12-31T00:00:00"},
		{2958465 - 1461, true, ""},
	}
	for _, tt := range tests {
		got, ok := DateFromSerial(tt.v, tt.date1904)
		if s := got.Format("2006-01-02T15:04:05"); ok != (tt.want != "") || ok && s != tt.want {
			t.Errorf("DateFromSerial(%v, %v) = %s, %v; want %q", tt.v, tt.date1904, s, ok, tt.want)
		}
	}
}

// TestDateFromSerialMatchesExcelize holds the days to those the reader gave
// before it replaced excelize: every day of the years ePCN covers, and a
// sample of others at random times of day. Only the day is compared, as
// the ePCN reader keeps only the day (excelize does not round the time
// before March 1900).
func TestDateFromSerialMatchesExcelize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(v float64, date1904 bool) {
		t.Helper()
		got, ok := DateFromSerial(v, date1904)
		want, err := excelize.ExcelDateToTime(v, date1904)
		if !ok || err != nil || got.Format(time.DateOnly) != want.Format(time.DateOnly) {
			t.Fatalf("serial %v (1904: %v): got %v %v, excelize %v %v", v, date1904, got, ok, want, err)
		}
	}
	for day := 1; day <= 2958465; day += 1 + rng.IntN(40) {
		if day == 60 {
			continue
		}
		check(float64(day), false)
		check(float64(day)+rng.Float64()*0.99, false)
		if day <= 2958465-1462 {
			check(float64(day), true)
		}
	}
	for day := 61; day < 70_000; day++ { // every day of the years ePCN covers
		check(float64(day), false)
	}
}

func TestDateValue(t *testing.T) {
	tests := []struct {
		raw  string
		want string
	}{
		{"43647", "2019-07-01"},
		{"43647.375", "2019-07-01T09:00:00"},
		{"4.3647E4", "2019-07-01"},
		{"0.5", "0.5"},           // a time of day, not a date
		{"20190701", "20190701"}, // past 9999-12-31: left for the caller
		{"-3", "-3"},
		{"x", "x"},
	}
	for _, tt := range tests {
		if got := dateValue(tt.raw, false); got != tt.want {
			t.Errorf("dateValue(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
	if got, want := dateValue("42185", true), "2019-07-01"; got != want {
		t.Errorf("1904 dateValue = %q, want %q", got, want)
	}
}
