package form

import (
	"slices"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
)

func TestCatalogueOptions(t *testing.T) {
	cat := []config.Entry{{Key: "estates", Name: "Estates"}, {Key: "it", Name: "IT\x1b]0;pwned\x07\u202e"}}
	tests := []struct {
		name, current, label string
		want                 []Option
	}{
		{"a known key is offered once", "it", "IT", []Option{{"estates", "Estates"}, {"it", "IT"}}},
		{"an unknown key stays on offer", "forum-own", "forum-own", []Option{{"estates", "Estates"}, {"it", "IT"}, {"forum-own", "forum-own"}}},
		{"no key adds nothing", "", "", []Option{{"estates", "Estates"}, {"it", "IT"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CatalogueOptions(cat, tt.current, tt.label); !slices.Equal(got, tt.want) {
				t.Errorf("CatalogueOptions(%q) = %q, want %q", tt.current, got, tt.want)
			}
		})
	}
}
