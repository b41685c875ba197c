package nhsdata

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
	"unicode"
)

// The ePCN workbook's sheets, as published.
const (
	sheetDetails  = "PCNDetails"
	sheetPartners = "PCN Core Partner Details"
)

// sheetKey folds a sheet name so "PCN Core Partner Details", "PCN core
// partner details " and "PCNDetails"/"PCN Details" compare equal.
func sheetKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		if !unicode.IsSpace(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// partLimit caps how much of a workbook part Detect will inflate: the
// relationships and workbook parts of a real file are a few kilobytes.
const partLimit = 4 << 20

// sheetNames lists a workbook's sheet names by reading only its package
// relationships and workbook part, so Detect stays cheap and never hands a
// file it has not recognised to excelize.
func sheetNames(data []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	wbPath := "xl/workbook.xml"
	if rels, err := readPart(zr, "_rels/.rels"); err == nil {
		if target := officeDocument(rels); target != "" {
			wbPath = strings.TrimPrefix(path.Clean("/"+target), "/")
		}
	}
	wb, err := readPart(zr, wbPath)
	if err != nil {
		return nil, err
	}
	var names []string
	dec := xml.NewDecoder(bytes.NewReader(wb))
	for {
		tok, err := dec.Token()
		if err != nil {
			break // end of part, or a damaged one: use what was read
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "sheet" {
			for _, a := range se.Attr {
				if a.Name.Local == "name" {
					names = append(names, a.Value)
				}
			}
		}
	}
	return names, nil
}

// readPart reads one zip member by name, case-insensitively as Excel does.
func readPart(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if !strings.EqualFold(strings.ReplaceAll(f.Name, `\`, "/"), name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return limitedRead(rc, partLimit)
	}
	return nil, errNotEPCN
}

// officeDocument returns the target of the package's main-document
// relationship, where the workbook part lives.
func officeDocument(rels []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(rels))
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		var typ, target string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Type":
				typ = a.Value
			case "Target":
				target = a.Value
			}
		}
		if strings.HasSuffix(typ, "/officeDocument") {
			return target
		}
	}
}

// errNotEPCN is returned by isEPCNWorkbook's helpers when the zip is not a
// workbook; the cause does not matter to Detect.
var errNotEPCN = errors.New("not an ePCN workbook")

// isEPCNWorkbook looks for the membership sheet by name in the workbook's
// sheet list, without loading the sheets themselves.
func isEPCNWorkbook(data []byte) bool {
	names, err := sheetNames(data)
	if err != nil {
		return false
	}
	for _, n := range names {
		if sheetKey(n) == sheetKey(sheetPartners) {
			return true
		}
	}
	return false
}

// limitedRead reads at most limit bytes of r, failing beyond that: a
// workbook's part lists are small, and a hostile zip must not inflate.
func limitedRead(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errNotEPCN
	}
	return b, nil
}
