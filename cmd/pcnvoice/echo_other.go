//go:build !unix || aix || solaris || illumos || zos

package main

// echoOff does nothing here: x/term turns echo off as its read begins.
func echoOff(fd int) error { return nil }
