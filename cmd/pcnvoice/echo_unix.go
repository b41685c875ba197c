//go:build unix

package main

import "golang.org/x/sys/unix"

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
