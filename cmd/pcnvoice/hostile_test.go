package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson/pcnjsontest"
)

// TestHostileFilesEveryEntryPoint runs the shared table of hostile files
// through `import`, `merge` and `verify`: each refuses a bad file with the
// same message naming the file and member, and each reads a valid one
// with a case twin as the member named exactly. The app's Forum section
// runs the same table (internal/tui/forumview).
func TestHostileFilesEveryEntryPoint(t *testing.T) {
	for _, v := range pcnjsontest.Hostile(t) {
		t.Run(v.Name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, v.File)
			if err := os.WriteFile(path, v.Data, 0o600); err != nil {
				t.Fatal(err)
			}
			env := mergeEnv(t, "")
			imp := cliRun(t, env, "--db", filepath.Join(dir, "pcnvoice.db"), "import", path)
			mrg := cliRun(t, env, "merge", "--format", "json", path)
			ver := cliRun(t, env, "verify", path)
			if v.Err != "" {
				if want := path + ": FAILED: " + v.Err + "\n"; ver.code != 1 || ver.stdout != want {
					t.Errorf("verify: exit %d, stdout %q\nwant exit 1 and %q", ver.code, ver.stdout, want)
				}
				want := "pcnvoice: " + path + ": " + v.Err + "\n"
				for name, r := range map[string]cliResult{"import": imp, "merge": mrg} {
					if r.code != 1 || r.stderr != want || r.stdout != "" {
						t.Errorf("%s: exit %d, stderr %q, %d bytes out\nwant exit 1 and %q", name, r.code, r.stderr, len(r.stdout), want)
					}
				}
				return
			}
			if imp.code != 0 {
				t.Fatalf("import refused a valid file: %s", imp.stderr)
			}
			if ver.code != 0 || !strings.HasPrefix(ver.stdout, path+": digest ok") {
				t.Errorf("verify: exit %d, %q", ver.code, ver.stdout)
			}
			st := cliRun(t, env, "--db", filepath.Join(dir, "pcnvoice.db"), "status", "--json")
			var status struct {
				PCN struct{ Name string } `json:"pcn"`
			}
			if err := json.Unmarshal([]byte(st.stdout), &status); err != nil || status.PCN.Name != v.PCNName {
				t.Errorf("import restored PCN %q (%v), want %q", status.PCN.Name, err, v.PCNName)
			}
			if mrg.code != 0 {
				t.Fatalf("merge refused a valid file: %s", mrg.stderr)
			}
			p := decodePack(t, mrg.stdout)
			if p.Submissions[0].Name != v.PCNName || len(p.Quotes.Statements) != 1 || p.Quotes.Statements[0].Text != v.Statement {
				t.Errorf("merge read PCN %q, statements %+v; want %q and %q", p.Submissions[0].Name, p.Quotes.Statements, v.PCNName, v.Statement)
			}
			if sections, _, _ := strings.Cut(mrg.stdout, `"embedded"`); strings.Contains(sections, "Impostor") {
				t.Error("the twin reached the pack's sections")
			}
		})
	}
}
