//go:build !unix || aix || solaris || illumos || zos

package main

import xterm "golang.org/x/term"

// echoOff does nothing here: x/term turns echo off as its read begins.
func echoOff(fd int) error { return nil }

// readSecret reads the passphrase with x/term, which handles the console's
// echo itself here.
func readSecret(fd int) ([]byte, error) { return xterm.ReadPassword(fd) }
