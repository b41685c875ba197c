//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestResolverAgreesWithResolvePath is a differential test: the resolver
// CheckTarget uses for many paths must resolve every path exactly as
// resolvePath does, through folder links, file links, dangling links,
// missing files and "..".
func TestResolverAgreesWithResolvePath(t *testing.T) {
	root := t.TempDir()
	mk := func(rel string) string { return filepath.Join(root, rel) }
	for _, d := range []string{"real/sub", "other"} {
		if err := os.MkdirAll(mk(d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"real/a.json", "real/sub/b.json", "other/c.json"} {
		if err := os.WriteFile(mk(f), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"linkdir":          mk("real"),
		"real/link.json":   mk("other/c.json"),
		"real/rel.json":    "../other/c.json",
		"real/dangling":    mk("nowhere/x.json"),
		"other/up":         "..",
		"real/sub/loop":    "loop",
		"real/sub/tofile":  "b.json",
		"real/sub/todir":   "../../other",
		"linkdir2":         "linkdir",
		"other/missing.ln": "missing.json",
	}
	for name, target := range links {
		if err := os.Symlink(target, mk(name)); err != nil {
			t.Fatal(err)
		}
	}
	paths := []string{
		"real/a.json", "real/sub/b.json", "linkdir/a.json", "linkdir/sub/b.json", "linkdir2/sub/b.json",
		"real/link.json", "real/rel.json", "real/dangling", "real/dangling.sig", "other/up/real/a.json",
		"real/sub/loop", "real/sub/loop/x", "real/sub/tofile", "real/sub/tofile/x", "real/sub/todir/c.json",
		"other/missing.ln", "real/new.json", "missing/dir/new.json", "real/../other/c.json", "real/sub/../a.json",
		"linkdir/../other/c.json", "real", "linkdir", "real/a.json/x",
	}
	r := resolver{dirs: map[string]string{}}
	for _, rel := range paths {
		for _, p := range []string{mk(rel), filepath.Join(root, ".", rel)} {
			if got, want := r.resolve(p), resolvePath(p); got != want {
				t.Errorf("%s: resolver %q, resolvePath %q", rel, got, want)
			}
		}
	}
	// Relative paths resolve against the working folder, as resolvePath's do.
	t.Chdir(root)
	for _, rel := range paths {
		if got, want := r.resolve(rel), resolvePath(rel); got != want {
			t.Errorf("relative %s: resolver %q, resolvePath %q", rel, got, want)
		}
	}
}
