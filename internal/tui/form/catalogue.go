package form

import (
	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// CatalogueOptions offers a catalogue's entries (categories, themes,
// roles) for a Choice, their names sanitised, and keeps current on offer
// under label when the catalogue lacks it: a record saved under a forum's
// own key, or a role from before the period, must not change key just
// because its form was opened and saved.
func CatalogueOptions(entries []config.Entry, current, label string) []Option {
	opts := make([]Option, 0, len(entries)+1)
	known := false
	for _, e := range entries {
		opts = append(opts, Option{Value: e.Key, Label: termtext.Line(e.Name)})
		known = known || e.Key == current
	}
	if !known && current != "" {
		opts = append(opts, Option{Value: current, Label: label})
	}
	return opts
}
