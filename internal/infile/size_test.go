package infile

import "testing"

// TestSize: the limits in "too large" errors read as a person writes
// them; a signature's 64 KiB cap is not "0 MiB".
func TestSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 bytes", 900: "900 bytes", 1 << 10: "1 KiB", 64 << 10: "64 KiB", 1536: "1.5 KiB",
		1 << 20: "1 MiB", 16 << 20: "16 MiB", 3<<20 + 1<<19: "3.5 MiB",
	} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}
