package sshserve

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// ErrNoKeys is returned by LoadAuthorizedKeys when the file holds no key at
// all: starting then would make a server nobody can use, or, worse, tempt
// someone to "fix" it by switching authentication off.
var ErrNoKeys = errors.New("no keys")

// maxKeysFile caps how much of an authorized_keys file is read. OpenSSH's
// own files are a few kilobytes; a megabyte is hundreds of colleagues.
const maxKeysFile = 1 << 20

// AuthorizedKey is one usable line of an OpenSSH authorized_keys file.
type AuthorizedKey struct {
	Key     gossh.PublicKey
	Comment string
	Line    int
	// Options are the line's OpenSSH options (from=, command=, restrict…).
	// pcnvoice serve does not enforce them; LoadAuthorizedKeys's caller
	// warns about them so nobody believes a from= restriction holds here.
	Options []string
}

// LoadAuthorizedKeys reads an OpenSSH authorized_keys file line by line.
// Blank lines and # comments are skipped; any other line that does not parse
// is an error naming the file and the line, because silently skipping it
// would lock a colleague out with no clue why.
func LoadAuthorizedKeys(path string) ([]AuthorizedKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	defer f.Close()
	keys, err := parseAuthorizedKeys(io.LimitReader(f, maxKeysFile+1))
	if err != nil {
		return nil, fmt.Errorf("authorized keys %s: %w", path, err)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("authorized keys %s: %w: add a line from a colleague's ~/.ssh/id_ed25519.pub", path, ErrNoKeys)
	}
	return keys, nil
}

func parseAuthorizedKeys(r io.Reader) ([]AuthorizedKey, error) {
	var keys []AuthorizedKey
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxKeysFile)
	n, size := 0, 0
	for sc.Scan() {
		n++
		size += len(sc.Bytes()) + 1
		if size > maxKeysFile {
			return nil, fmt.Errorf("larger than %d bytes", maxKeysFile)
		}
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, comment, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		keys = append(keys, AuthorizedKey{Key: key, Comment: comment, Line: n, Options: options})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n+1, err)
	}
	return keys, nil
}

// match reports the entry whose key is k, if any. Public keys are not
// secret, so a plain comparison of their wire form is enough.
func match(keys []AuthorizedKey, k gossh.PublicKey) (AuthorizedKey, bool) {
	want := k.Marshal()
	for _, a := range keys {
		if bytes.Equal(a.Key.Marshal(), want) {
			return a, true
		}
	}
	return AuthorizedKey{}, false
}

// optionWarnings lists, one per line that has any, the options this server
// ignores, for the start-up log.
func optionWarnings(path string, keys []AuthorizedKey) []string {
	var out []string
	for _, k := range keys {
		if len(k.Options) > 0 {
			out = append(out, fmt.Sprintf("warning: %s line %d: options %s are ignored by pcnvoice serve (it grants only status and the app)",
				path, k.Line, strings.Join(k.Options, ",")))
		}
	}
	return out
}
