package nhsdata

import (
	"cmp"
	"errors"
	"fmt"
	"io"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// Membership is one spell of a practice (a PCN core partner) in a PCN, as
// ODS publishes it: a practice that moved PCN has one ended spell and one
// current one.
type Membership struct {
	PracticeCode, PracticeName string
	PCNCode, PCNName           string
	SubICBCode, SubICBName     string // the practice's sub-ICB location
	Start, End                 string // YYYY-MM-DD; End "" = current
}

// Current reports whether the spell covers the day asOf (YYYY-MM-DD): it
// began on or before it (or has no start) and has not ended before it.
// Dates are compared as strings, which YYYY-MM-DD makes safe.
func (m Membership) Current(asOf string) bool {
	return (m.Start == "" || m.Start <= asOf) && (m.End == "" || m.End >= asOf)
}

// PCNDetail is a PCN as the ePCN PCNDetails sheet describes it. Dates are
// YYYY-MM-DD; Close "" = open. When read from the CSV export, which has no
// such sheet, only the code, name and sub-ICB location are known.
type PCNDetail struct {
	Code, Name             string
	SubICBCode, SubICBName string
	Postcode               string
	Open, Close            string
}

// EPCN is the content of the ePCN data: PCNs and every membership spell,
// ended ones included, in file order. Use Membership.Current to pick the
// practices in a PCN today.
type EPCN struct {
	PCNs    []PCNDetail
	Members []Membership
}

// column is a column index with the name to use for it in messages.
type column struct {
	i     int
	label string
}

// memberCols locates a membership's fields in a row, for the CSV export
// (fixed positions) and the workbook (found by header) alike.
type memberCols struct {
	code, name, subCode, subName, pcn, pcnName, pcnSubCode, pcnSubName, start, end column
}

// dateFunc parses a date cell; the workbook's also knows Excel serials.
type dateFunc func(where string, row int, col, raw string) (string, error)

// member reads one membership spell and the PCN it names.
func (c memberCols) member(where string, row int, rec []string, date dateFunc) (Membership, PCNDetail, error) {
	var m Membership
	var err error
	if m.PracticeCode, err = practiceCode(where, row, c.code.label, cell(rec, c.code.i)); err != nil {
		return m, PCNDetail{}, err
	}
	if m.PCNCode, err = pcnCode(where, row, c.pcn.label, cell(rec, c.pcn.i)); err != nil {
		return m, PCNDetail{}, err
	}
	if m.Start, err = date(where, row, c.start.label, cell(rec, c.start.i)); err != nil {
		return m, PCNDetail{}, err
	}
	if m.End, err = date(where, row, c.end.label, cell(rec, c.end.i)); err != nil {
		return m, PCNDetail{}, err
	}
	m.PracticeName = cell(rec, c.name.i)
	m.PCNName = cell(rec, c.pcnName.i)
	m.SubICBCode = domain.NormaliseCode(cell(rec, c.subCode.i))
	m.SubICBName = cell(rec, c.subName.i)
	p := PCNDetail{
		Code:       m.PCNCode,
		Name:       m.PCNName,
		SubICBCode: domain.NormaliseCode(cell(rec, c.pcnSubCode.i)),
		SubICBName: cell(rec, c.pcnSubName.i),
	}
	return m, p, nil
}

// pcnSet collects distinct PCNs in order of first appearance, filling a
// name or sub-ICB location a PCN's first row left empty.
type pcnSet struct {
	list  []PCNDetail
	index map[string]int
}

func (s *pcnSet) add(p PCNDetail) {
	if s.index == nil {
		s.index = make(map[string]int)
	}
	i, ok := s.index[p.Code]
	if !ok {
		s.index[p.Code] = len(s.list)
		s.list = append(s.list, p)
		return
	}
	q := &s.list[i]
	q.Name = cmp.Or(q.Name, p.Name)
	q.SubICBCode = cmp.Or(q.SubICBCode, p.SubICBCode)
	q.SubICBName = cmp.Or(q.SubICBName, p.SubICBName)
}

// epcnCSVCols are the positions of the headerless export's columns.
var epcnCSVCols = memberCols{
	code: column{0, "column 1 (partner code)"}, name: column{1, "column 2 (partner name)"},
	subCode: column{2, "column 3 (practice sub-ICB code)"}, subName: column{3, "column 4 (practice sub-ICB name)"},
	pcn: column{4, "column 5 (PCN code)"}, pcnName: column{5, "column 6 (PCN name)"},
	pcnSubCode: column{6, "column 7 (PCN sub-ICB code)"}, pcnSubName: column{7, "column 8 (PCN sub-ICB name)"},
	start: column{8, "column 9 (start date)"}, end: column{9, "column 10 (end date)"},
}

// ReadEPCNCSV reads the headerless CSV export of the ePCN core partner
// details: partner code, partner name, practice sub-ICB code and name, PCN
// code and name, PCN sub-ICB code and name, start date, end date, sub-ICB
// match flag. The flag is not needed and may be missing; a header row added
// by hand is skipped. A row of any other width is an error: it is not this
// file. PCNs are the distinct PCNs the rows name.
func ReadEPCNCSV(name string, data []byte) (*EPCN, error) {
	if err := checkSize(name, data); err != nil {
		return nil, err
	}
	rows := newCSVRows(name, data)
	var out EPCN
	var pcns pcnSet
	for first := true; ; first = false {
		row, rec, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if first && epcnCSVHeader(rec) {
			continue
		}
		if len(rec) < epcnCSVMinCols || len(rec) > epcnCSVMaxCols {
			return nil, fmt.Errorf("%s: row %d: %d columns, expected 11 (is this the headerless ePCN core partner CSV?)", name, row, len(rec))
		}
		m, p, err := epcnCSVCols.member(name, row, rec, parseDate)
		if err != nil {
			return nil, err
		}
		out.Members = append(out.Members, m)
		pcns.add(p)
	}
	if len(out.Members) == 0 {
		return nil, fmt.Errorf("%s: no membership rows", name)
	}
	out.PCNs = pcns.list
	return &out, nil
}
