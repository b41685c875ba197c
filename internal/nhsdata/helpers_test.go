package nhsdata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sharedFixture reads a file from the repository's testdata/nhs, the
// fixtures the CLI tests use too.
func sharedFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "nhs", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// localFixture reads a file from this package's testdata.
func localFixture(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// lines joins CSV lines with the given line end, as files arrive.
func lines(end string, ls ...string) []byte {
	return []byte(strings.Join(ls, end) + end)
}

// wantErr fails unless err is non-nil, one line, and contains every part.
func wantErr(tb testing.TB, err error, parts ...string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("no error, want one containing %q", parts)
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\r\n") {
		tb.Errorf("error is not one line: %q", msg)
	}
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			tb.Errorf("error %q does not contain %q", msg, p)
		}
	}
}

// sheet is a worksheet for buildWorkbook: a name and rows of cell values.
type sheet struct {
	name string
	rows [][]any
}

// buildWorkbook writes an .xlsx with the given sheets in order, so tests
// can shape workbooks the way different ePCN releases and hand edits do.
func buildWorkbook(tb testing.TB, date1904 bool, sheets ...sheet) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	check := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	if date1904 {
		check(f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}))
	}
	check(f.SetSheetName("Sheet1", "Cover"))
	for _, s := range sheets {
		_, err := f.NewSheet(s.name)
		check(err)
		for i, row := range s.rows {
			check(f.SetSheetRow(s.name, fmt.Sprintf("A%d", i+1), &row))
		}
	}
	buf, err := f.WriteToBuffer()
	check(err)
	return buf.Bytes()
}

// partnerHeader is the published membership header, line breaks included.
var partnerHeader = []any{
	"Partner\nOrganisation\nCode", "Partner\nName",
	"Practice\nParent\nSub ICB Loc\nCode", "Practice\nParent\nSub ICB Loc Name",
	"PCN Code", "PCN Name", "PCN Parent\nSub ICB Loc\nCode", "PCN Parent\nSub ICB Loc Name",
	"Practice to PCN\nRelationship\nStart Date", "Practice to PCN\nRelationship\nEnd Date",
	"Practice Sub ICB Loc\nmatches PCN\nSub ICB Loc?",
}

// partnerRow is a membership row with numeric YYYYMMDD dates.
func partnerRow(code, pcn string, start, end any) []any {
	return []any{code, "A SURGERY", "99X", "NHS X", pcn, "A PCN", "99X", "NHS X", start, end, "Y"}
}
