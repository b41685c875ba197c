package nhsdata

import (
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/nhsdata/xlsx"
)

// colSpec finds a workbook column by the words of its header rather than
// its exact text: ODS has changed line breaks, spacing and wording ("CCG"
// became "Sub ICB Loc") between releases, and the words have stayed.
type colSpec struct {
	label string   // the current header, for "no … column" messages
	all   []string // words (or phrases) the header must contain
	none  []string // words that rule a header out
}

// epcnHeader folds a workbook header cell for colSpec matching, padded
// with spaces so words match whole.
func epcnHeader(s string) string {
	h := " " + canonHeader(strings.NewReplacer("-", " ", "?", " ").Replace(s)) + " "
	return strings.NewReplacer(
		" CCG ", " SUB ICB LOC ",
		" SUB ICB LOCATION ", " SUB ICB LOC ",
		" POST CODE ", " POSTCODE ",
	).Replace(h)
}

func (c colSpec) matches(h string) bool {
	for _, w := range c.all {
		if !strings.Contains(h, " "+w+" ") {
			return false
		}
	}
	for _, w := range c.none {
		if strings.Contains(h, " "+w+" ") {
			return false
		}
	}
	return true
}

// locate returns the first column matching spec, labelled with the
// header's own text, or index -1.
func locate(headers []string, spec colSpec) column {
	for i, h := range headers {
		if spec.matches(epcnHeader(h)) {
			return column{i, displayHeader(h)}
		}
	}
	return column{-1, spec.label}
}

var (
	specPartnerCode = colSpec{"Partner Organisation Code", []string{"PARTNER", "CODE"}, nil}
	specPartnerName = colSpec{"Partner Name", []string{"PARTNER", "NAME"}, nil}
	specPracSubCode = colSpec{"Practice Parent Sub ICB Loc Code", []string{"PRACTICE", "SUB ICB LOC", "CODE"}, []string{"PCN"}}
	specPracSubName = colSpec{"Practice Parent Sub ICB Loc Name", []string{"PRACTICE", "SUB ICB LOC", "NAME"}, []string{"PCN"}}
	specPCNCode     = colSpec{"PCN Code", []string{"PCN", "CODE"}, []string{"SUB ICB LOC", "PARTNER", "PRACTICE"}}
	specPCNName     = colSpec{"PCN Name", []string{"PCN", "NAME"}, []string{"SUB ICB LOC", "PARTNER", "PRACTICE"}}
	specPCNSubCode  = colSpec{"PCN Parent Sub ICB Loc Code", []string{"PCN", "SUB ICB LOC", "CODE"}, []string{"PRACTICE"}}
	specPCNSubName  = colSpec{"PCN Parent Sub ICB Loc Name", []string{"PCN", "SUB ICB LOC", "NAME"}, []string{"PRACTICE"}}
	specStart       = colSpec{"Practice to PCN Relationship Start Date", []string{"START"}, nil}
	specEnd         = colSpec{"Practice to PCN Relationship End Date", []string{"END"}, nil}

	specDetailSubCode = colSpec{"Current Sub ICB Loc Code", []string{"SUB ICB LOC", "CODE"}, nil}
	specDetailSubName = colSpec{"Sub ICB Location", []string{"SUB ICB LOC"}, []string{"CODE"}}
	specPostcode      = colSpec{"Postcode", []string{"POSTCODE"}, nil}
	specOpen          = colSpec{"Open Date", []string{"OPEN"}, nil}
	specClose         = colSpec{"Close Date", []string{"CLOSE"}, nil}
)

// requireCols returns an error naming the first column not found.
func requireCols(where string, cols ...column) error {
	for _, c := range cols {
		if c.i < 0 {
			return fmt.Errorf("%s: no %q column (is this the ePCN workbook?)", where, c.label)
		}
	}
	return nil
}

// cellDate adapts parseCellDate to a dateFunc for one workbook.
func cellDate(date1904 bool) dateFunc {
	return func(where string, row int, col, raw string) (string, error) {
		return parseCellDate(where, row, col, raw, date1904)
	}
}

// readPartnerSheet reads the membership spells into out.Members and
// collects the PCNs they name into pcns.
func readPartnerSheet(wb *xlsx.Workbook, name, sheet string, date1904 bool, out *EPCN, pcns *pcnSet) error {
	where := fmt.Sprintf("%s: sheet %q", name, sheet)
	rows, err := sheetRows(wb, where, sheet)
	if err != nil {
		return err
	}
	hdr, body, err := splitHeader(where, rows)
	if err != nil {
		return err
	}
	c := memberCols{
		code: locate(hdr, specPartnerCode), name: locate(hdr, specPartnerName),
		subCode: locate(hdr, specPracSubCode), subName: locate(hdr, specPracSubName),
		pcn: locate(hdr, specPCNCode), pcnName: locate(hdr, specPCNName),
		pcnSubCode: locate(hdr, specPCNSubCode), pcnSubName: locate(hdr, specPCNSubName),
		start: locate(hdr, specStart), end: locate(hdr, specEnd),
	}
	if err := requireCols(where, c.code, c.pcn, c.end); err != nil {
		return err
	}
	date := cellDate(date1904)
	for _, r := range body {
		m, p, err := c.member(where, r.n, r.cells, date)
		if err != nil {
			return err
		}
		out.Members = append(out.Members, m)
		pcns.add(p)
	}
	if len(out.Members) == 0 {
		return fmt.Errorf("%s: no membership rows below the header", where)
	}
	return nil
}

// readDetailsSheet reads the PCNs of the PCNDetails sheet, closed ones
// included.
func readDetailsSheet(wb *xlsx.Workbook, name, sheet string, date1904 bool) ([]PCNDetail, error) {
	where := fmt.Sprintf("%s: sheet %q", name, sheet)
	rows, err := sheetRows(wb, where, sheet)
	if err != nil {
		return nil, err
	}
	hdr, body, err := splitHeader(where, rows)
	if err != nil {
		return nil, err
	}
	code, pcnName := locate(hdr, specPCNCode), locate(hdr, specPCNName)
	subCode, subName := locate(hdr, specDetailSubCode), locate(hdr, specDetailSubName)
	postcode, open, closed := locate(hdr, specPostcode), locate(hdr, specOpen), locate(hdr, specClose)
	if err := requireCols(where, code, pcnName); err != nil {
		return nil, err
	}
	date := cellDate(date1904)
	var out []PCNDetail
	for _, r := range body {
		p := PCNDetail{
			Name:       cell(r.cells, pcnName.i),
			SubICBCode: domain.NormaliseCode(cell(r.cells, subCode.i)),
			SubICBName: cell(r.cells, subName.i),
			Postcode:   cell(r.cells, postcode.i),
		}
		if p.Code, err = pcnCode(where, r.n, code.label, cell(r.cells, code.i)); err != nil {
			return nil, err
		}
		if p.Open, err = date(where, r.n, open.label, cell(r.cells, open.i)); err != nil {
			return nil, err
		}
		if p.Close, err = date(where, r.n, closed.label, cell(r.cells, closed.i)); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
