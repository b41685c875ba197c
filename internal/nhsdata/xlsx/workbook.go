package xlsx

import (
	"cmp"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// defaultWorkbook is where the workbook part lives when the package
// relationships do not say (every writer puts it here).
const defaultWorkbook = "xl/workbook.xml"

// rel is one relationship of a part: its id, type and resolved target.
type rel struct{ id, typ, target string }

// readRels reads the relationships of part; a part without any has none.
func (w *Workbook) readRels(part string) ([]rel, error) {
	name := relsFor(part)
	rc, err := w.openPart(name, smallPartLimit)
	if errors.Is(err, errNoPart) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var rels []rel
	d := newDecoder(rc, name, false)
	for {
		tok, err := d.next()
		if err == io.EOF {
			return rels, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" || strings.EqualFold(attr(se, "TargetMode"), "External") {
			continue
		}
		rels = append(rels, rel{id: attr(se, "Id"), typ: attr(se, "Type"), target: resolve(part, attr(se, "Target"))})
	}
}

// findRel returns the target of the first relationship whose type ends
// with suffix. Types are matched by their last segment so transitional
// and strict OOXML namespaces both work.
func findRel(rels []rel, suffix string) string {
	for _, r := range rels {
		if strings.HasSuffix(r.typ, suffix) {
			return r.target
		}
	}
	return ""
}

// readWorkbook reads the sheet list and date system, and finds the parts
// Rows will need.
func (w *Workbook) readWorkbook() error {
	root, err := w.readRels("")
	if err != nil {
		return err
	}
	part := findRel(root, "/officeDocument")
	if part == "" || w.parts[partKey(part)] == nil {
		part = defaultWorkbook
	}
	rc, err := w.openPart(part, smallPartLimit)
	if err != nil {
		return err
	}
	defer rc.Close()
	type sheet struct{ name, id string }
	var sheets []sheet
	d := newDecoder(rc, part, false)
	for {
		tok, err := d.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			v := strings.TrimSpace(attr(se, "date1904"))
			w.date1904 = v == "1" || strings.EqualFold(v, "true")
		case "sheet":
			sheets = append(sheets, sheet{name: attr(se, "name"), id: relID(se)})
		}
	}
	rels, err := w.readRels(part)
	if err != nil {
		return err
	}
	byID := make(map[string]string, len(rels))
	for _, r := range rels {
		byID[r.id] = r.target
	}
	for _, s := range sheets {
		w.sheets = append(w.sheets, sheetRef{name: s.name, part: byID[s.id]})
	}
	// Writers that leave these relationships out still use the usual names.
	w.sharedPart = cmp.Or(findRel(rels, "/sharedStrings"), "xl/sharedStrings.xml")
	w.stylesPart = cmp.Or(findRel(rels, "/styles"), "xl/styles.xml")
	return nil
}

// relID returns a <sheet>'s r:id: the "id" attribute in the relationships
// namespace, whatever prefix the file binds to it.
func relID(se xml.StartElement) string {
	for _, a := range se.Attr {
		if a.Name.Local == "id" && strings.HasSuffix(a.Name.Space, "relationships") {
			return a.Value
		}
	}
	return ""
}
