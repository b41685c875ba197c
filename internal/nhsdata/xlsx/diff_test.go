package xlsx

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestMatchesExcelize writes random sheets with excelize and reads them
// back with both readers: every value must read as excelize's raw reading
// gave it before this package replaced it.
func TestMatchesExcelize(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	texts := []string{"", " ", "  padded  ", "Partner\nOrganisation\nCode", "a\r\nb", "tab\there", "é ü ß – ‘quoted’ 😀",
		`<tag> & "quotes"`, "_x000D_ literal", "_x005F_", "PCN Code", "Y09101", "0123", "1e5", "TRUE"}
	cells := 0
	for round := range 20 {
		f := excelize.NewFile()
		name := fmt.Sprintf("Sheet %d", round)
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r := range 1 + rng.IntN(30) {
			row := make([]any, rng.IntN(15))
			for i := range row {
				switch rng.IntN(6) {
				case 0:
					row[i] = texts[rng.IntN(len(texts))]
				case 1:
					row[i] = rng.IntN(100_000_000) - 1000
				case 2:
					row[i] = rng.NormFloat64() * 1e6
				case 3:
					row[i] = rng.IntN(2) == 0
				case 4:
					row[i] = nil
				default:
					row[i] = fmt.Sprint(rng.Uint64())
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1+rng.IntN(3), 1+r*(1+rng.IntN(3)))
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		want := excelizeRows(t, buf.Bytes(), name)
		got := map[int][]string{}
		w, err := Open(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		rows, err := w.Rows(name, MaxCols)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			if n, cells := rows.Row(); len(cells) > 0 {
				got[n] = cells
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d:\n got %v\nwant %v", round, got, want)
		}
		for _, r := range want {
			cells += len(r)
		}
	}
	t.Logf("%d cells read alike", cells)
}

// excelizeRows reads a sheet with excelize as nhsdata used to: raw values,
// rows by number, trailing empty cells and empty rows dropped.
func excelizeRows(tb testing.TB, data []byte, sheet string) map[int][]string {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[int][]string{}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			tb.Fatal(err)
		}
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) > 0 {
			out[n] = slices.Clone(cells)
		}
	}
	return out
}
