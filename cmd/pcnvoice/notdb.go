package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"unicode/utf16"

	"github.com/pcnvoice/pcnvoice/internal/infile"
)

// notADatabase rewrites the store's refusal of a --db that is not a
// pcnvoice database when it can tell what the path is — the slips people
// make: a folder, or the submission or forum pack they meant to import or
// merge. Anything else keeps the store's words. Either way the file was
// not changed.
func notADatabase(path string, err error) error {
	if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
		return fmt.Errorf("%s is a folder, not a database: give --db the database file (e.g. pcnvoice.db in it), or a new file name to start one", path)
	}
	switch jsonFormat(path) {
	case "pcnvoice.submission":
		return fmt.Errorf("%s is a submission file, not a database: did you mean `pcnvoice import %s`? (the file was not changed)", path, shellArg(path))
	case "pcnvoice.forum":
		return fmt.Errorf("%s is a forum pack, not a database: did you mean `pcnvoice merge %s`? (the file was not changed)", path, shellArg(path))
	}
	return err
}

// jsonFormat returns the "format" member a JSON file's first few
// kilobytes declare ("pcnvoice.submission", "pcnvoice.forum"), or "". It
// reads UTF-8 with or without a byte-order mark and UTF-16 with one (what
// PowerShell's > writes), as the decoder does. A guess for an error
// message, never a check of the file.
func jsonFormat(path string) string {
	// Through infile: a --db that is a FIFO or a device is refused, never
	// opened for a read that would wait for a writer for ever.
	f, _, err := infile.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(f, buf)
	b := buf[:n]
	switch {
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		big := b[0] == 0xfe
		b = b[2:]
		u := make([]uint16, len(b)/2)
		for i := range u {
			if big {
				u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			} else {
				u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
			}
		}
		b = []byte(string(utf16.Decode(u)))
	default:
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	}
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '{' {
		return ""
	}
	for _, format := range []string{"pcnvoice.submission", "pcnvoice.forum"} {
		if bytes.Contains(b, []byte(`"`+format+`"`)) {
			return format
		}
	}
	return ""
}
