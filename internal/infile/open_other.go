//go:build !unix

package infile

import "os"

// openNonBlocking opens path read-only. Windows has no FIFOs in the file
// system; Open's check before opening refuses devices.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
