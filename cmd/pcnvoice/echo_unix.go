//go:build unix

package main

import (
	"errors"

	"golang.org/x/sys/unix"
)

// echoOff turns the terminal's echo off before the passphrase prompt is
// shown: x/term turns it off only once its read begins, and a passphrase
// typed or pasted the moment the prompt appears would show on the screen.
// The caller restores the terminal's state.
func echoOff(fd int) error {
	t, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return err
	}
	t.Lflag &^= unix.ECHO
	t.Lflag |= unix.ICANON | unix.ISIG
	return unix.IoctlSetTermios(fd, ioctlSetTermios, t)
}

// maxPassphrase bounds a passphrase read from the terminal; the buffer
// never grows, so no copy of a partial passphrase is left behind in memory.
const maxPassphrase = 1024

// readSecret reads one line from the terminal, whose echo echoOff has
// already turned off. Not x/term's ReadPassword: that sets the terminal's
// modes itself and puts them back when its read ends, so when Ctrl-C ends
// the wait first and the caller restores the echo, a ReadPassword that had
// only just started could turn the echo off again after it — and leave the
// user typing into a mute terminal.
func readSecret(fd int) ([]byte, error) {
	buf := make([]byte, 0, maxPassphrase)
	var b [1]byte
	for {
		n, err := unix.Read(fd, b[:])
		switch {
		case n == 1 && (b[0] == '\n' || b[0] == '\r'):
			return buf, nil
		case n == 1 && len(buf) == maxPassphrase:
			clear(buf)
			return nil, errors.New("passphrase longer than 1024 bytes")
		case n == 1:
			buf = append(buf, b[0])
		case err == unix.EINTR:
			continue
		case err != nil:
			clear(buf)
			return nil, err
		default: // end of input: what was typed is the line
			return buf, nil
		}
	}
}
