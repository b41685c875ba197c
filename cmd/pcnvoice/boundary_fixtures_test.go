//go:build unix

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// evil is text from outside at its worst: OSC 52 (write the clipboard),
// OSC 8 (a hyperlink), CSI (colour), C1 CSI as UTF-8, BEL, DEL and a
// right-to-left override. No slash: it goes into file names too.
const evil = "\x1b]52;c;SGVsbG8=\x07\x1b]8;;mailto:x@evil.example\x1b\\click\x1b]8;;\x1b\\\x1b[31m\u009b31m\x07\x7f\u202e"

// evilName is a file name chosen by whoever sent the file, newline and all.
const evilName = "map" + evil + "\nRED"

// shownName is what the boundary must show of an evil name: the escape
// visible, so the person can tell which file is meant.
const shownName = `\x1b]52;c;SGVsbG8=\a`

// hostileFiles are the inputs of the hostile-input test: their names and
// contents carry evil. The database paths are templates, copied afresh
// for each run (see hostileRun.expand).
type hostileFiles struct {
	root      string
	db        string // the demo PCN, evil in its text, exported once to sub
	sub       string // that export: a submission named and filled with evil
	second    string // another PCN's submission in the same evil folder
	inbox     string // the evil folder holding sub and second
	tampered  string // sub changed after export
	badSig    string // a copy of sub with an evil .sig beside it
	roster    string // an allowed_signers file with an evil bad line
	keys      string // an authorized_keys file with an evil bad line
	mapCSV    string // practice–PCN map with evil names
	sizesCSV  string // list sizes for the demo practices
	badSizes  string // list sizes with an evil cell
	epcnCSV   string // ePCN export with evil names
	epcnXLSX  string // ePCN workbook with evil names (as OOXML _xHHHH_ escapes)
	junk      string // not a kind import knows
	missing   string // an evil name that does not exist
	hostileDB string // an evil name for a database that does not exist yet
}

func newHostileFiles(t *testing.T) *hostileFiles {
	t.Helper()
	root := t.TempDir()
	f := &hostileFiles{root: root}
	f.inbox = filepath.Join(root, "in"+evil+"box")
	nhs := filepath.Join(root, "nhs"+evil)
	bad := filepath.Join(root, "bad"+evil)
	for _, d := range []string{f.inbox, nhs, bad} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatalf("this file system refuses the evil names: %v", err)
		}
	}

	// The database: the demo PCN with evil in every kind of text.
	f.db = filepath.Join(root, "template.db")
	snap := demo.Snapshot(config.Default(), cliClock)
	snap.PCN.Name = "Riverside" + evil + " PCN"
	snap.PCN.ICS = "Example" + evil + "\nICS"
	snap.Statement = "We ask" + evil + " for rooms.\nSecond line" + evil
	snap.Practices[0].Name = "Quay" + evil + " Surgery"
	snap.Notes[0].Text = "Rooms" + evil + " are short"
	snap.Priorities[0].Title = "Estates" + evil + " first"
	snap.Priorities[0].Ask = "Fund" + evil + " rooms"
	db, err := store.Open(context.Background(), f.db, store.Options{Create: true, Period: snap.Period.String()})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Restore(context.Background(), snap, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f.sub = filepath.Join(f.inbox, evilName+".json")
	if r := cliRun(t, hostileEnv, "--db", f.db, "export", "-o", f.sub); r.code != 0 {
		t.Fatalf("export the evil submission: exit %d: %s", r.code, r.stderr)
	}
	f.second = copyFixture(t, f.inbox, "worked/U20001.json", "second"+evil+".json")

	data, err := os.ReadFile(f.sub)
	if err != nil {
		t.Fatal(err)
	}
	f.tampered = writeFile(t, filepath.Join(bad, evilName+"-tampered.json"), bytes.Replace(data, []byte("Riverside"), []byte("Riverbank"), 1))
	f.badSig = writeFile(t, filepath.Join(bad, evilName+"-signed.json"), data)
	writeFile(t, f.badSig+".sig", []byte("-----BEGIN SSH SIGNATURE-----\n"+evil+"\n-----END SSH SIGNATURE-----\n"))
	f.roster = writeFile(t, filepath.Join(bad, "roster"+evil), []byte("U99001"+evil+" namespaces=\"pcnvoice\" ssh-ed25519 AAAA"+evil+"\n"))
	f.keys = writeFile(t, filepath.Join(bad, "keys"+evil), []byte("ssh-ed25519 AAAA"+evil+" someone\n"))

	mapCSV, err := os.ReadFile(nhsFixtures + "gp-reg-pat-prac-map.csv")
	if err != nil {
		t.Fatal(err)
	}
	mapCSV = bytes.ReplaceAll(mapCSV, []byte("Riverside Health PCN"), []byte("Riverside"+evil+" Health PCN"))
	mapCSV = bytes.Replace(mapCSV, []byte("THE QUAYSIDE SURGERY"), []byte(`"THE`+evil+"\nQUAYSIDE SURGERY\""), 1)
	f.mapCSV = writeFile(t, filepath.Join(nhs, evilName+".csv"), mapCSV)

	var sizes strings.Builder
	sizes.WriteString("PUBLICATION,EXTRACT_DATE,TYPE,CODE,SEX,AGE,NUMBER_OF_PATIENTS\n")
	for i := 1; i <= 6; i++ {
		sizes.WriteString("GP_PRAC_PAT_LIST,2026-04-01,GP,Y9910" + string(rune('0'+i)) + ",ALL,ALL,5000\n")
	}
	f.sizesCSV = writeFile(t, filepath.Join(nhs, "sizes"+evil+".csv"), []byte(sizes.String()))
	f.badSizes = writeFile(t, filepath.Join(nhs, "bad sizes"+evil+".csv"), []byte(
		"PUBLICATION,EXTRACT_DATE,TYPE,CODE,SEX,AGE,NUMBER_OF_PATIENTS\nGP_PRAC_PAT_LIST,2026-04-01,GP,Y99101,ALL,ALL,12"+evil+"\n"))

	epcn, err := os.ReadFile(nhsFixtures + "epcn-core-partners.csv")
	if err != nil {
		t.Fatal(err)
	}
	epcn = bytes.ReplaceAll(epcn, []byte("RIVERSIDE MEDICAL CENTRE"), []byte("RIVERSIDE"+evil+"\nMEDICAL CENTRE"))
	epcn = bytes.ReplaceAll(epcn, []byte("RIVERSIDE HEALTH PCN"), []byte("RIVERSIDE"+evil+" HEALTH PCN"))
	f.epcnCSV = writeFile(t, filepath.Join(nhs, "ePCN"+evil+".csv"), epcn)
	f.epcnXLSX = writeFile(t, filepath.Join(nhs, "ePCN"+evil+".xlsx"), evilWorkbook(t))

	f.junk = writeFile(t, filepath.Join(nhs, "notes"+evil+".txt"), []byte(evil+"Dear forum,\n"+evil+"please find attached.\n"))
	f.missing = filepath.Join(bad, "missing"+evilName)
	f.hostileDB = filepath.Join(root, "db"+evil+"\nx.db")
	return f
}

// evilWorkbook is the ePCN fixture with evil in its names. XML cannot
// carry ESC or BEL, so they go in as OOXML's _xHHHH_ escapes, which the
// reader decodes; C1, DEL and bidi controls go in as they are.
func evilWorkbook(t *testing.T) []byte {
	t.Helper()
	zr, err := zip.OpenReader(nhsFixtures + "ePCN.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	xmlEvil := strings.NewReplacer("\x1b", "_x001B_", "\x07", "_x0007_").Replace(evil)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "xl/sharedStrings.xml" {
			data = bytes.ReplaceAll(data, []byte("RIVERSIDE MEDICAL CENTRE"), []byte("RIVERSIDE"+xmlEvil+" MEDICAL CENTRE"))
			data = bytes.ReplaceAll(data, []byte("RIVERSIDE HEALTH PCN"), []byte("RIVERSIDE"+xmlEvil+" HEALTH PCN"))
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
