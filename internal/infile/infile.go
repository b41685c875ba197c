// Package infile reads files that arrive from outside — emailed submissions,
// spreadsheets, hand-edited JSON — with the habits of real machines: a UTF-8
// byte-order mark, UTF-16 from Windows PowerShell's ">", and a size cap that
// is enforced before a file is read whole.
package infile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrTooLarge is returned (wrapped) for a file over the cap.
var ErrTooLarge = errors.New("file too large")

// Read reads path whole, refusing anything but a regular file and files
// larger than max bytes before reading them.
func Read(path string, max int64) ([]byte, error) {
	return ReadContext(context.Background(), path, max)
}

// Text turns file bytes into UTF-8 text: it drops a UTF-8 byte-order mark,
// decodes UTF-16 with a byte-order mark, and refuses what looks like UTF-16
// without one, or bytes that are not valid UTF-8. name is used in errors.
func Text(name string, data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(name, data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(name, data[2:], true)
	}
	if looksUTF16(data) {
		return nil, fmt.Errorf("%s: looks like UTF-16 without a byte-order mark; save it again as UTF-8", name)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not valid UTF-8 text; save it again as UTF-8", name)
	}
	return data, nil
}

func decodeUTF16(name string, b []byte, bigEndian bool) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, fmt.Errorf("%s: UTF-16 text with an odd number of bytes (truncated?)", name)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	runes := utf16.Decode(u)
	out := make([]byte, 0, len(runes))
	for _, r := range runes {
		if r == utf8.RuneError {
			return nil, fmt.Errorf("%s: UTF-16 text with an unpaired surrogate", name)
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// looksUTF16 spots ASCII text stored as UTF-16: NUL in every other byte of
// the first few characters.
func looksUTF16(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	n := min(len(b), 64) &^ 1
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 4
	return even > half || odd > half
}

// Peek returns up to n bytes from the start of path and the file's size,
// so a caller can tell what kind of file it is — and refuse one too large
// for its kind — before reading it whole.
func Peek(path string, n int) ([]byte, int64, error) {
	f, fi, err := Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	return buf[:k], fi.Size(), nil
}
