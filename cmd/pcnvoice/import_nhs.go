package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/nhsdata"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// importNHS imports one NHS open-data file whose kind was found from its
// content. pcnFlag is --pcn (may be empty: then the database's PCN).
func (m *Main) importNHS(ctx context.Context, w io.Writer, path string, data []byte, pcnFlag string) error {
	kind := nhsdata.Detect(data)
	if kind == nhsdata.Unknown {
		var kinds []string
		for _, k := range nhsdata.Kinds() {
			kinds = append(kinds, k.String())
		}
		return fmt.Errorf("%s: not a file pcnvoice understands; it reads a pcnvoice submission (.json), %s", path, strings.Join(kinds, ", "))
	}
	db, err := m.openDB(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	code, err := m.resolvePCN(ctx, db, path, kind, pcnFlag)
	if err != nil {
		return err
	}
	var imp store.PracticeImport
	switch kind {
	case nhsdata.PracticeMap:
		imp, err = fromPracticeMap(path, data, code)
	case nhsdata.ListSizes:
		imp, err = fromListSizes(path, data)
	case nhsdata.EPCNWorkbook, nhsdata.EPCNCSV:
		imp, err = fromEPCN(path, data, kind, code, m.now())
	}
	if err != nil {
		return err
	}
	if imp.PCN != nil {
		period, err := db.Period(ctx)
		if err != nil {
			return err
		}
		cfg, err := m.config()
		if err != nil {
			return err
		}
		for _, e := range cfg.ActiveServices(period.Year) {
			imp.Seed = append(imp.Seed, domain.Service{Key: e.Key, Name: e.Name, Status: domain.NotStarted})
		}
	}
	rep, err := db.ImportPractices(ctx, imp)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	printImportReport(w, path, kind, imp, rep)
	return nil
}

// resolvePCN settles which PCN a file is read for: --pcn, else the
// database's own. List sizes need no code: they touch members only.
func (m *Main) resolvePCN(ctx context.Context, db *store.DB, path string, kind nhsdata.Kind, flag string) (string, error) {
	cur, err := db.PCN(ctx)
	if err != nil {
		return "", err
	}
	if flag != "" {
		code := domain.NormaliseCode(flag)
		if !domain.ValidPCNCode(code) {
			return "", usageErr("--pcn %q: a PCN code is U and five digits, e.g. U51234", flag)
		}
		if cur != nil && cur.Code != code {
			return "", fmt.Errorf("%s: --pcn %s, but this database holds %s %s; use another --db for another PCN", path, code, cur.Code, termtext.Line(cur.Name))
		}
		return code, nil
	}
	if cur != nil {
		return cur.Code, nil
	}
	if kind == nhsdata.ListSizes {
		return "", fmt.Errorf("%s: no PCN is set up yet: import the practice–PCN map or ePCN file with --pcn CODE first, then the list sizes", path)
	}
	return "", fmt.Errorf("%s: this file covers every PCN in England: say which is yours with --pcn CODE (e.g. --pcn U51234)", path)
}

func fromPracticeMap(path string, data []byte, code string) (store.PracticeImport, error) {
	rows, err := nhsdata.ReadPracticeMap(path, data)
	if err != nil {
		return store.PracticeImport{}, err
	}
	var imp store.PracticeImport
	pcns := map[string]bool{}
	for _, r := range rows {
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
		return imp, fmt.Errorf("%s: no practices for %s among the %d PCNs in the file; is the code right?", path, code, len(pcns))
	}
	return imp, nil
}

func fromListSizes(path string, data []byte) (store.PracticeImport, error) {
	sizes, err := nhsdata.ReadListSizes(path, data)
	if err != nil {
		return store.PracticeImport{}, err
	}
	imp := store.PracticeImport{ListSizes: make(map[string]int64, len(sizes))}
	for _, s := range sizes {
		imp.ListSizes[s.PracticeCode] = s.Patients
	}
	return imp, nil
}

func fromEPCN(path string, data []byte, kind nhsdata.Kind, code string, now time.Time) (store.PracticeImport, error) {
	read := nhsdata.ReadEPCNCSV
	if kind == nhsdata.EPCNWorkbook {
		read = nhsdata.ReadEPCNWorkbook
	}
	e, err := read(path, data)
	if err != nil {
		return store.PracticeImport{}, err
	}
	today := now.Format(time.DateOnly)
	var imp store.PracticeImport
	name := ""
	for _, p := range e.PCNs {
		if p.Code == code {
			name = p.Name
		}
	}
	for _, mem := range e.Members {
		if mem.PCNCode != code || !mem.Current(today) {
			continue
		}
		if name == "" {
			name = mem.PCNName
		}
		imp.Members = append(imp.Members, store.MemberPractice{Code: mem.PracticeCode, Name: domain.TidyName(mem.PracticeName)})
	}
	if len(imp.Members) == 0 {
		return imp, fmt.Errorf("%s: no current member practices of %s on %s; is the code right?", path, code, today)
	}
	imp.PCN = &domain.PCN{Code: code, Name: domain.TidyName(name)}
	return imp, nil
}

func printImportReport(w io.Writer, path string, kind nhsdata.Kind, imp store.PracticeImport, rep store.ImportReport) {
	fmt.Fprintf(w, "%s: read as %s\n", path, kind)
	if imp.PCN != nil {
		switch {
		case rep.PCNCreated:
			fmt.Fprintf(w, "  set up %s %s", imp.PCN.Code, termtext.Line(imp.PCN.Name))
			if imp.PCN.ICS != "" {
				fmt.Fprintf(w, " (ICS: %s)", termtext.Line(imp.PCN.ICS))
			}
			fmt.Fprintf(w, " with this period's %d services, not started\n", len(imp.Seed))
		case rep.PCNUpdated:
			fmt.Fprintf(w, "  updated the PCN's name or ICS from the file\n")
		}
	}
	if imp.Members != nil {
		if len(rep.Added) > 0 {
			fmt.Fprintf(w, "  added %d practices: %s\n", len(rep.Added), strings.Join(rep.Added, ", "))
		} else {
			fmt.Fprintf(w, "  no new practices (all %d already members)\n", len(imp.Members))
		}
		if len(rep.Refreshed) > 0 {
			fmt.Fprintf(w, "  refreshed names or postcodes of %s\n", strings.Join(rep.Refreshed, ", "))
		}
	}
	if imp.ListSizes != nil {
		fmt.Fprintf(w, "  list sizes: %d practices updated, %d already right\n", rep.SizesUpdated, rep.SizesSame)
		if len(rep.NoSizeRow) > 0 {
			fmt.Fprintf(w, "  no row in the file for member practices: %s (list sizes kept)\n", strings.Join(rep.NoSizeRow, ", "))
		}
	}
}
