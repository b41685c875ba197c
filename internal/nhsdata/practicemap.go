package nhsdata

import (
	"errors"
	"fmt"
	"io"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// MapRow is one practice of the practice–PCN map (gp-reg-pat-prac-map.csv):
// the practice, its PCN, and the sub-ICB location, ICB and NHS region above
// them. Codes are trimmed and upper-cased. A practice in no PCN, which the
// file marks with PCN code "U" and the name "Unallocated", has PCNCode and
// PCNName "". Columns older files lack are "".
type MapRow struct {
	PracticeCode, PracticeName, PracticePostcode string
	PCNCode, PCNName                             string
	SubICBCode, SubICBName                       string
	ICBCode, ICBName                             string
	RegionCode, RegionName                       string
}

// mapCols lists each field's header names, current spelling first, then
// the CCG/STP spellings of files before July 2022.
var mapCols = struct {
	practiceCode, practiceName, postcode, pcnCode, pcnName []string
	subICBCode, subICBName, icbCode, icbName               []string
	regionCode, regionName                                 []string
}{
	practiceCode: []string{"PRACTICE_CODE"},
	practiceName: []string{"PRACTICE_NAME"},
	postcode:     []string{"PRACTICE_POSTCODE", "POSTCODE"},
	pcnCode:      []string{"PCN_CODE"},
	pcnName:      []string{"PCN_NAME"},
	subICBCode:   []string{"SUB_ICB_LOCATION_CODE", "SUB_ICB_CODE", "CCG_CODE"},
	subICBName:   []string{"SUB_ICB_LOCATION_NAME", "SUB_ICB_NAME", "CCG_NAME"},
	icbCode:      []string{"ICB_CODE", "STP_CODE"},
	icbName:      []string{"ICB_NAME", "STP_NAME"},
	regionCode:   []string{"COMM_REGION_CODE", "REGION_CODE"},
	regionName:   []string{"COMM_REGION_NAME", "REGION_NAME"},
}

// unallocatedPCN is the PCN code the map gives practices in no PCN.
const unallocatedPCN = "U"

// ReadPracticeMap reads a practice–PCN map. Every practice code must be
// valid, and each practice may appear once: a second row would leave the
// import guessing which PCN is right.
func ReadPracticeMap(name string, data []byte) ([]MapRow, error) {
	if err := checkSize(name, data); err != nil {
		return nil, err
	}
	rows := newCSVRows(name, data)
	_, first, err := rows.next()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: file is empty (is this a practice–PCN map?)", name)
	}
	if err != nil {
		return nil, err
	}
	h := newHeader(first)
	var missing string
	cPrac := h.need(&missing, mapCols.practiceCode...)
	cPracName := h.need(&missing, mapCols.practiceName...)
	cPCN := h.need(&missing, mapCols.pcnCode...)
	cPCNName := h.need(&missing, mapCols.pcnName...)
	if missing != "" {
		return nil, fmt.Errorf("%s: no %s column (is this a practice–PCN map?)", name, missing)
	}
	cPost := h.find(mapCols.postcode...)
	cSub, cSubName := h.find(mapCols.subICBCode...), h.find(mapCols.subICBName...)
	cICB, cICBName := h.find(mapCols.icbCode...), h.find(mapCols.icbName...)
	cReg, cRegName := h.find(mapCols.regionCode...), h.find(mapCols.regionName...)

	var out []MapRow
	seen := make(map[string]int)
	for {
		row, rec, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		code, err := practiceCode(name, row, "PRACTICE_CODE", cell(rec, cPrac))
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[code]; dup {
			return nil, rowError(name, row, "PRACTICE_CODE", "%s is already on row %d", code, prev)
		}
		seen[code] = row
		m := MapRow{
			PracticeCode:     code,
			PracticeName:     cell(rec, cPracName),
			PracticePostcode: cell(rec, cPost),
			SubICBCode:       domain.NormaliseCode(cell(rec, cSub)),
			SubICBName:       cell(rec, cSubName),
			ICBCode:          domain.NormaliseCode(cell(rec, cICB)),
			ICBName:          cell(rec, cICBName),
			RegionCode:       domain.NormaliseCode(cell(rec, cReg)),
			RegionName:       cell(rec, cRegName),
		}
		if raw := cell(rec, cPCN); raw != "" && domain.NormaliseCode(raw) != unallocatedPCN {
			if m.PCNCode, err = pcnCode(name, row, "PCN_CODE", raw); err != nil {
				return nil, err
			}
			m.PCNName = cell(rec, cPCNName)
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no practice rows below the header", name)
	}
	return out, nil
}
