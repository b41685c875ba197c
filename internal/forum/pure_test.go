package forum

import (
	"go/build"
	"strings"
	"testing"
)

// TestForumIsPure: the merge is a pure function of its inputs. forum (and
// rank) import nothing that reads files, the database or the terminal, so
// every such concern stays with the callers (pcnjson decodes, mergejob
// reads and renders) and the same inputs always make the same pack.
func TestForumIsPure(t *testing.T) {
	forbidden := []string{
		"os", "os/exec", "io/fs", "io/ioutil", "path/filepath", "net", "net/http", "database/sql", "syscall", "embed",
		"github.com/pcnvoice/pcnvoice/internal/infile", "github.com/pcnvoice/pcnvoice/internal/store",
		"github.com/pcnvoice/pcnvoice/internal/tui", "github.com/pcnvoice/pcnvoice/internal/mergejob",
		"github.com/pcnvoice/pcnvoice/internal/atomicfile", "github.com/pcnvoice/pcnvoice/config",
		"github.com/charmbracelet", "modernc.org/sqlite",
	}
	for _, pkg := range []string{".", "./rank"} {
		p, err := build.Import(pkg, ".", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Imports) == 0 {
			t.Fatalf("%s: no imports listed; the check would pass on nothing", pkg)
		}
		for _, imp := range p.Imports {
			for _, bad := range forbidden {
				if imp == bad || strings.HasPrefix(imp, bad+"/") {
					t.Errorf("%s imports %s: forum must stay a pure merge (decode in pcnjson, read in mergejob)", p.ImportPath, imp)
				}
			}
		}
	}
}
