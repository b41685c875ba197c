package change

import (
	"go/build"
	"strings"
	"testing"
)

// TestChangeIsPure: Diff is a pure function of two documents. The change
// package reads no file, database or terminal, so the CLI, the app, the
// papers and the forum can all use it and cannot disagree.
func TestChangeIsPure(t *testing.T) {
	forbidden := []string{
		"os", "os/exec", "io/fs", "path/filepath", "net", "database/sql", "syscall", "embed",
		"github.com/pcnvoice/pcnvoice/internal/infile", "github.com/pcnvoice/pcnvoice/internal/store",
		"github.com/pcnvoice/pcnvoice/internal/tui", "github.com/pcnvoice/pcnvoice/config",
		"github.com/charmbracelet", "modernc.org/sqlite",
	}
	p, err := build.Import(".", ".", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Imports) == 0 {
		t.Fatal("no imports listed; the check would pass on nothing")
	}
	for _, imp := range p.Imports {
		for _, bad := range forbidden {
			if imp == bad || strings.HasPrefix(imp, bad+"/") {
				t.Errorf("change imports %s: it must stay a pure comparison", imp)
			}
		}
	}
}
