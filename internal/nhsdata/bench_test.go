package nhsdata

import (
	"bytes"
	"fmt"
	"testing"
)

// patientsFor gives practice i a plausible list size, tiny special sites
// included.
func patientsFor(i int) int64 {
	if i%500 == 0 {
		return int64(1 + i%25)
	}
	return int64(2000 + (i*7919)%18000)
}

// nationalListSizes builds a list-size file the size of England's: one
// ALL/ALL row per practice (about 460 KB for 6,300), and with breakdown,
// the MALE and FEMALE rows some releases add.
func nationalListSizes(practices int, breakdown bool) []byte {
	var b bytes.Buffer
	b.WriteString("PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\r\n")
	for i := range practices {
		n := patientsFor(i)
		row := func(sex string, v int64) {
			fmt.Fprintf(&b, "GP_PRAC_PAT_LIST,2026-04-01,GP,%02dX,E38%06d,A%05d,AB%d %dCD,%s,ALL,%d\r\n",
				i%99, i%200, i, i%99, i%9, sex, v)
		}
		row("ALL", n)
		if breakdown {
			row("FEMALE", n/2)
			row("MALE", n-n/2)
		}
	}
	return b.Bytes()
}

// nationalMap builds a practice–PCN map for England: 6,300 practices in
// 1,260 PCNs.
func nationalMap(practices int) []byte {
	var b bytes.Buffer
	b.WriteString("PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,ICB_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME,SUPPLIER_NAME\r\n")
	for i := range practices {
		fmt.Fprintf(&b, "GP_PRAC_PAT_LIST,2026-04-01,A%05d,PRACTICE NUMBER %d,AB%d %dCD,U%05d,PCN NUMBER %d,E38%06d,%02dX,NHS SUB ICB %d,E54%06d,Q%02d,NHS ICB %d,E40%06d,Y%02d,REGION %d,EMIS\r\n",
			i, i, i%99, i%9, i/5, i/5, i%200, i%99, i%99, i%42, i%42, i%42, i%7, 56+i%7, i%7)
	}
	return b.Bytes()
}

// nationalEPCNCSV builds the headerless ePCN export for England, with a
// closed spell for one practice in ten.
func nationalEPCNCSV(practices int) []byte {
	var b bytes.Buffer
	for i := range practices {
		if i%10 == 0 {
			fmt.Fprintf(&b, "\"A%05d\",\"PRACTICE %d\",\"%02dX\",\"SUB ICB\",\"U%05d\",\"OLD PCN\",\"%02dX\",\"SUB ICB\",\"20190701\",\"20230331\",\"Y\"\r\n",
				i, i, i%99, 90000+i/5, i%99)
		}
		fmt.Fprintf(&b, "\"A%05d\",\"PRACTICE %d\",\"%02dX\",\"SUB ICB\",\"U%05d\",\"PCN %d\",\"%02dX\",\"SUB ICB\",\"20190701\",\"\",\"Y\"\r\n",
			i, i, i%99, i/5, i/5, i%99)
	}
	return b.Bytes()
}

func BenchmarkReadListSizes(b *testing.B) {
	for _, bc := range []struct {
		name      string
		breakdown bool
	}{{"national", false}, {"national+sex-rows", true}} {
		data := nationalListSizes(6300, bc.breakdown)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := ReadListSizes("all.csv", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadPracticeMap(b *testing.B) {
	data := nationalMap(6300)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadPracticeMap("map.csv", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadEPCNCSV(b *testing.B) {
	data := nationalEPCNCSV(6300)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadEPCNCSV("epcn.csv", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	data := nationalListSizes(6300, true)
	b.ReportAllocs()
	for b.Loop() {
		if Detect(data) != ListSizes {
			b.Fatal("not detected")
		}
	}
}

// nationalWorkbook builds an ePCN.xlsx for England: 6,300 practices, one in
// ten with an ended spell as well, and 1,260 PCNs.
func nationalWorkbook(tb testing.TB, practices int) []byte {
	tb.Helper()
	partners := [][]any{partnerHeader}
	for i := range practices {
		code, pcn := fmt.Sprintf("A%05d", i), fmt.Sprintf("U%05d", i/5)
		if i%10 == 0 {
			partners = append(partners, partnerRow(code, fmt.Sprintf("U%05d", 90000+i/5), 20190701, 20230331))
		}
		partners = append(partners, partnerRow(code, pcn, 20190701, nil))
	}
	details := [][]any{{"PCN Code", "PCN Name", "Current Sub ICB Loc Code", "Sub ICB Location", "Open Date", "Close Date", "Postcode"}}
	for i := range practices / 5 {
		details = append(details, []any{fmt.Sprintf("U%05d", i), fmt.Sprintf("PCN %d", i), "99X", "NHS X", 20190701, nil, "AB1 2CD"})
	}
	return buildWorkbook(tb, false, sheet{"PCNDetails", details}, sheet{"PCN Core Partner Details", partners})
}

func BenchmarkReadEPCNWorkbook(b *testing.B) {
	data := nationalWorkbook(b, 6300)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadEPCNWorkbook("ePCN.xlsx", data); err != nil {
			b.Fatal(err)
		}
	}
}
