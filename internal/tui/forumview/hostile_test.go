package forumview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson/pcnjsontest"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// TestHostileFiles: the Forum section reads the shared table of hostile
// files as `pcnvoice import` and `pcnvoice merge` do (cmd/pcnvoice's
// TestHostileFilesEveryEntryPoint): the same message for a bad file, the
// member named exactly for a valid one with a case twin.
func TestHostileFiles(t *testing.T) {
	for _, v := range pcnjsontest.Hostile(t) {
		t.Run(v.Name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), v.File)
			if err := os.WriteFile(path, v.Data, 0o600); err != nil {
				t.Fatal(err)
			}
			m, said := open(t, screen(t), path)
			if v.Err != "" {
				want := "error: " + path + ": " + v.Err
				if len(said) != 1 || said[0] != want {
					t.Errorf("said %q\nwant %q", said, want)
				}
				return
			}
			if len(said) != 1 || !strings.HasPrefix(said[0], "merged 1 PCN") {
				t.Fatalf("said %q", said)
			}
			_, view := press(t, m, "p", "enter")
			if !strings.Contains(view, v.PCNName) || !strings.Contains(view, v.Statement) || strings.Contains(view, "Impostor") {
				t.Errorf("the PCN's view is not the exactly named members' (%q, %q):\n%s", v.PCNName, v.Statement, tuitest.Strip(view))
			}
		})
	}
}
