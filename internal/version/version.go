// Package version names this build of pcnvoice, for `pcnvoice version` and
// the generator member of exported files.
package version

import "runtime/debug"

// Number is the release number. Release builds may override it with
// -ldflags "-X github.com/pcnvoice/pcnvoice/internal/version.Number=1.2.3".
var Number = "0.1.0"

// Generator is the value written to a submission's generator member.
func Generator() string { return "pcnvoice " + Number }

// Commit returns the VCS revision the binary was built from, if Go recorded it.
func Commit() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return s.Value[:12]
		}
	}
	return ""
}
