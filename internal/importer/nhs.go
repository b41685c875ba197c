package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/nhsdata"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// ErrNeedPCN is returned (wrapped) when an NHS file covers many PCNs and
// neither Options.PCN nor the database says which is ours.
var ErrNeedPCN = errors.New("say which PCN is yours")

func readNHS(path string, data []byte) (*Plan, error) {
	p := &Plan{Path: path, nhsKind: nhsdata.Detect(data)}
	var err error
	switch p.nhsKind {
	case nhsdata.PracticeMap:
		p.mapRows, err = nhsdata.ReadPracticeMap(path, data)
	case nhsdata.ListSizes:
		p.sizes, err = nhsdata.ReadListSizes(path, data)
	case nhsdata.EPCNWorkbook:
		p.epcn, err = nhsdata.ReadEPCNWorkbook(path, data)
	case nhsdata.EPCNCSV:
		p.epcn, err = nhsdata.ReadEPCNCSV(path, data)
	default:
		var kinds []string
		for _, k := range nhsdata.Kinds() {
			kinds = append(kinds, k.String())
		}
		return nil, fmt.Errorf("%s: not a file pcnvoice understands; it reads a pcnvoice submission (.json), %s", path, strings.Join(kinds, ", "))
	}
	if err != nil {
		return nil, err
	}
	p.Kind = p.nhsKind.String()
	return p, nil
}

func (p *Plan) applyNHS(ctx context.Context, db *store.DB, opt Options) (Result, error) {
	code, err := p.pcnCode(ctx, db, opt.PCN)
	if err != nil {
		return Result{}, err
	}
	var imp store.PracticeImport
	switch {
	case p.mapRows != nil:
		imp, err = p.fromPracticeMap(code)
	case p.sizes != nil:
		imp = store.PracticeImport{ListSizes: make(map[string]int64, len(p.sizes))}
		for _, s := range p.sizes {
			imp.ListSizes[s.PracticeCode] = s.Patients
		}
	case p.epcn != nil:
		imp, err = p.fromEPCN(code, opt.Now)
	}
	if err != nil {
		return Result{}, err
	}
	if imp.PCN != nil {
		if imp.Seed, err = seed(ctx, db, opt.Config); err != nil {
			return Result{}, err
		}
	}
	rep, err := db.ImportPractices(ctx, imp)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", p.Path, err)
	}
	res := Result{Lines: reportLines(imp, rep), Backup: rep.Backup}
	if rep.Backup != "" {
		res.Lines = append(res.Lines, backedUp(rep.Backup))
	}
	return res, nil
}

// pcnCode settles which PCN the file is read for: flag (normalised by the
// caller), else the database's own. List sizes need none: they touch
// members only.
func (p *Plan) pcnCode(ctx context.Context, db *store.DB, flag string) (string, error) {
	cur, err := db.PCN(ctx)
	if err != nil {
		return "", err
	}
	switch {
	case flag != "" && cur != nil && cur.Code != flag:
		return "", fmt.Errorf("%s: --pcn %s, but this database holds %s %s; use another --db for another PCN", p.Path, flag, cur.Code, termtext.Line(cur.Name))
	case flag != "":
		return flag, nil
	case cur != nil:
		return cur.Code, nil
	case p.sizes != nil:
		return "", fmt.Errorf("%s: no PCN is set up yet: import the practice–PCN map or ePCN file with --pcn CODE first, then the list sizes", p.Path)
	}
	return "", fmt.Errorf("%s: this file covers every PCN in England: %w with --pcn CODE (e.g. --pcn U51234)", p.Path, ErrNeedPCN)
}

func (p *Plan) fromPracticeMap(code string) (store.PracticeImport, error) {
	var imp store.PracticeImport
	pcns := map[string]bool{}
	for _, r := range p.mapRows {
		pcns[r.PCNCode] = true
		if r.PCNCode != code {
			continue
		}
		if imp.PCN == nil {
			imp.PCN = &domain.PCN{Code: code, Name: domain.TidyName(r.PCNName), ICS: r.ICBName}
		}
		imp.Members = append(imp.Members, store.MemberPractice{Code: r.PracticeCode, Name: domain.TidyName(r.PracticeName), Postcode: r.PracticePostcode})
	}
	if imp.PCN == nil {
		return imp, fmt.Errorf("%s: no practices for %s among the %d PCNs in the file; is the code right?", p.Path, code, len(pcns))
	}
	return imp, nil
}

func (p *Plan) fromEPCN(code string, now time.Time) (store.PracticeImport, error) {
	today := now.Format(time.DateOnly)
	var imp store.PracticeImport
	name := ""
	for _, d := range p.epcn.PCNs {
		if d.Code == code {
			name = d.Name
		}
	}
	for _, m := range p.epcn.Members {
		if m.PCNCode != code || !m.Current(today) {
			continue
		}
		if name == "" {
			name = m.PCNName
		}
		imp.Members = append(imp.Members, store.MemberPractice{Code: m.PracticeCode, Name: domain.TidyName(m.PracticeName)})
	}
	if len(imp.Members) == 0 {
		return imp, fmt.Errorf("%s: no current member practices of %s on %s; is the code right?", p.Path, code, today)
	}
	imp.PCN = &domain.PCN{Code: code, Name: domain.TidyName(name)}
	return imp, nil
}

func reportLines(imp store.PracticeImport, rep store.ImportReport) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if imp.PCN != nil {
		switch {
		case rep.PCNCreated && imp.PCN.ICS != "":
			add("set up %s %s (ICS: %s) with this period's %d services, not started", imp.PCN.Code, termtext.Line(imp.PCN.Name), termtext.Line(imp.PCN.ICS), len(imp.Seed))
		case rep.PCNCreated:
			add("set up %s %s with this period's %d services, not started", imp.PCN.Code, termtext.Line(imp.PCN.Name), len(imp.Seed))
		case rep.PCNUpdated:
			add("filled in the PCN's name or ICS from the file")
		}
	}
	if imp.Members != nil {
		if len(rep.Added) > 0 {
			add("added %d practices: %s", len(rep.Added), strings.Join(rep.Added, ", "))
		} else {
			add("no new practices (all %d already members)", len(imp.Members))
		}
		if len(rep.Refreshed) > 0 {
			add("refreshed postcodes or blank names of %s", strings.Join(rep.Refreshed, ", "))
		}
	}
	if imp.ListSizes != nil {
		add("list sizes: %d practices updated, %d already right", rep.SizesUpdated, rep.SizesSame)
		if len(rep.NoSizeRow) > 0 {
			add("no row in the file for member practices: %s (list sizes kept)", strings.Join(rep.NoSizeRow, ", "))
		}
	}
	return out
}
