package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestDefault(t *testing.T) {
	c := Default()
	if len(c.Services) != 13 || len(c.Categories) != 14 || len(c.Themes) != 14 || len(c.Roles) != 22 {
		t.Fatalf("catalogue sizes %d/%d/%d/%d, want 13/14/14/22", len(c.Services), len(c.Categories), len(c.Themes), len(c.Roles))
	}
	if c.Forum.Method != "schulze" || c.Forum.Weight != "equal" || c.Forum.Top != 3 {
		t.Errorf("forum defaults = %+v", c.Forum)
	}
}

func TestActiveServices(t *testing.T) {
	c := Default()
	keys := func(fy int) string {
		var ks []string
		for _, e := range c.ActiveServices(fy) {
			ks = append(ks, e.Key)
		}
		return strings.Join(ks, " ")
	}
	tests := []struct {
		fy   int
		want string
	}{
		{2020, "smr ehch early-cancer-diagnosis"},
		{2022, "smr ehch early-cancer-diagnosis anticipatory-care personalised-care cvd-prevention health-inequalities enhanced-access"},
		{2026, "ehch early-cancer-diagnosis cvd-prevention health-inequalities enhanced-access population-health proactive-care continuity-of-care care-home-vaccination neighbourhood-team"},
	}
	for _, tt := range tests {
		if got := keys(tt.fy); got != tt.want {
			t.Errorf("ActiveServices(%d) = %q\nwant %q", tt.fy, got, tt.want)
		}
	}
}

func TestActiveRoles(t *testing.T) {
	c := Default()
	keys := func(fy int) string {
		var ks []string
		for _, e := range c.ActiveRoles(fy) {
			ks = append(ks, e.Key)
		}
		return strings.Join(ks, " ")
	}
	tests := []struct {
		fy   int
		want string
	}{
		{2018, "other"},
		{2019, "clinical-pharmacist social-prescribing-link-worker other"},
		{2021, "clinical-pharmacist social-prescribing-link-worker first-contact-physiotherapist physician-associate pharmacy-technician care-coordinator health-and-wellbeing-coach dietitian podiatrist occupational-therapist nursing-associate trainee-nursing-associate paramedic mental-health-practitioner advanced-practitioner other"},
	}
	for _, tt := range tests {
		if got := keys(tt.fy); got != tt.want {
			t.Errorf("ActiveRoles(%d) = %q\nwant %q", tt.fy, got, tt.want)
		}
	}
	if n := len(c.ActiveRoles(2026)); n != 22 {
		t.Errorf("2026/27 offers %d roles, want all 22", n)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o600)
		return p
	}
	t.Run("missing default is fine", func(t *testing.T) {
		if _, err := Load(filepath.Join(dir, "none.toml"), false); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("missing explicit is an error", func(t *testing.T) {
		if _, err := Load(filepath.Join(dir, "none.toml"), true); err == nil {
			t.Fatal("want error")
		}
	})
	t.Run("override and add", func(t *testing.T) {
		p := write("ok.toml", "\uFEFF[[services]]\nkey = \"ehch\"\nname = \"Care homes (local)\"\n[[services]]\nkey = \"local-frailty\"\nname = \"Local frailty hub\"\nfrom = \"2025/26\"\n[[themes]]\nkey=\"housing\"\nname=\"Housing\"\n[[roles]]\nkey=\"gp\"\nname=\"GP (any)\"\n[[roles]]\nkey=\"pharmacy-apprentice\"\nname=\"Pharmacy apprentice\"\nfrom=\"2026/27\"\n[forum]\nname = \"North Forum\"\nmembers = [\"u51234\"]\ntop = 5\n")
		c, err := Load(p, true)
		if err != nil {
			t.Fatal(err)
		}
		if Name(c.Services, "ehch") != "Care homes (local)" || Name(c.Services, "local-frailty") != "Local frailty hub" {
			t.Errorf("services not merged: %+v", c.Services)
		}
		if Name(c.Themes, "housing") != "Housing" || len(c.Themes) != 15 {
			t.Errorf("themes not merged")
		}
		if Name(c.Roles, "gp") != "GP (any)" || Name(c.Roles, "pharmacy-apprentice") != "Pharmacy apprentice" || len(c.Roles) != 23 ||
			len(c.ActiveRoles(2025)) != 22 || len(c.ActiveRoles(2026)) != 23 {
			t.Errorf("roles not merged: %+v", c.Roles)
		}
		if c.Forum.Name != "North Forum" || c.Forum.Top != 5 || c.Forum.Method != "schulze" || c.Forum.Members[0] != "U51234" {
			t.Errorf("forum = %+v", c.Forum)
		}
	})
	bad := []struct{ name, text, want string }{
		{"unknown key", "[forum]\nchiar = \"x\"\n", `unknown setting "forum.chiar"`},
		{"bad method", "[forum]\nmethod = \"fptp\"\n", "forum.method"},
		{"bad member", "[forum]\nmembers = [\"X1\"]\n", "forum.members[0]"},
		{"bad year", "[[services]]\nkey=\"a\"\nname=\"A\"\nfrom=\"2026\"\n", ".from"},
		{"syntax", "[forum\n", "bad.toml"},
		{"top zero", "[forum]\ntop = 0\n", "forum.top"},
		{"top a string", "[forum]\ntop = \"three\"\n", `forum.top: want a whole number, got a string ("three")`},
		{"name a number", "[forum]\nname = 3\n", "forum.name: want a string (in quotes), got an integer (3)"},
		{"members not a list", "[forum]\nmembers = \"U51234\"\n", "forum.members: want a list of strings, got a string"},
		{"member a number", "[forum]\nmembers = [\"U51234\", 7]\n", "forum.members[1]: want a string (in quotes), got an integer (7)"},
		{"forum not a table", "forum = 3\n", "forum: want a table ([forum]), got an integer (3)"},
		{"services not tables", "services = [\"smr\"]\n", "services[0]: want a table ([[services]]), got a string"},
		{"entry field a bool", "[[themes]]\nkey = \"a\"\nname = true\n", "themes[0].name: want a string (in quotes), got true"},
		{"second entry of the file", "[[services]]\nkey=\"a\"\nname=\"A\"\n[[services]]\nkey=\"b\"\n", "services[1].name: must not be empty"},
		{"unknown beside a wrong type", "[forum]\ntop = \"x\"\nzzz = 1\n", "forum.top: want a whole number"},
		{"syntax names the line", "[forum]\ntop = = 3\n", "bad.toml: line 2:"},
		{"role without name", "[[roles]]\nkey=\"x\"\n", "roles[0].name: must not be empty"},
		{"role bad year", "[[roles]]\nkey=\"x\"\nname=\"X\"\nfrom=\"2026-27\"\n", "roles[0].from"},
		{"role name a number", "[[roles]]\nkey=\"x\"\nname=3\n", "roles[0].name: want a string (in quotes), got an integer (3)"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			p := write("bad.toml", tt.text)
			_, err := Load(p, true)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "bad.toml") {
				t.Fatalf("err = %v, want one naming bad.toml and %q", err, tt.want)
			}
			if strings.Contains(err.Error(), ": toml:") || strings.Contains(err.Error(), "destination") || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q: the TOML library's words, or more than one line", err)
			}
			if cerr := Check(p, true); cerr == nil || cerr.Error() != err.Error() {
				t.Errorf("Check = %v, Load = %v: they must agree", cerr, err)
			}
		})
	}
}

// TestReadRefuses: the config is read as every file from outside is —
// a regular file, and no larger than MaxFileSize — so a huge or endless
// file fails at once, in one line naming it, for Load and Check alike.
func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.toml")
	if err := os.WriteFile(huge, []byte("# "+strings.Repeat("x", MaxFileSize)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{huge, huge + ": file too large"},
		{dir, dir + ": is a directory, not a file"},
	} {
		for name, f := range map[string]func() error{
			"Load":  func() error { _, err := Load(tc.path, true); return err },
			"Check": func() error { return Check(tc.path, false) },
		} {
			if err := f(); err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s(%s) = %v, want %q…", name, tc.path, err, tc.want)
			}
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(defaultsTOML)
	f.Add("[forum]\ntop = 2\n")
	f.Add("[[services]]\nkey=\"x\"\nname=\"y\"\nfrom=\"2020/21\"\n")
	f.Add("[forum]\ntop = \"three\"\nmembers = [1]\n")
	f.Add("[[themes]]\nkey = \"x\"\n")
	// Check, which reads no defaults, and Load must give the same verdict
	// in the same words; a good file must be valid; an error is one line
	// in our words, never the TOML library's.
	f.Fuzz(func(t *testing.T, text string) {
		c, err := parse("fuzz.toml", text, Default())
		_, cerr := parse("fuzz.toml", text, &Config{Forum: Forum{Purpose: "decision", Session: "public", Method: "schulze", Weight: "equal", Top: 1}})
		if (err == nil) != (cerr == nil) || err != nil && err.Error() != cerr.Error() {
			t.Fatalf("Load says %v, Check says %v", err, cerr)
		}
		if err != nil {
			if strings.Contains(err.Error(), "destination has type") || !strings.HasPrefix(err.Error(), "fuzz.toml: ") {
				t.Fatalf("error not in our words: %q", err)
			}
			return
		}
		if verr := c.validateEntries(); verr != nil {
			t.Fatalf("a config that loaded is invalid: %v", verr)
		}
		if verr := c.validateForum(); verr != nil {
			t.Fatalf("a config that loaded is invalid: %v", verr)
		}
	})
}

func TestSummaryFileAndPaths(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(p, []byte("[forum]\nsummary_file = \"papers/chair.md\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.File() != p || c.Forum.SummaryFile != "papers/chair.md" {
		t.Fatalf("path %q, summary_file %q", c.File(), c.Forum.SummaryFile)
	}
	home, _ := os.UserHomeDir()
	abs := filepath.Join(dir, "abs.md")
	for _, tt := range []struct{ in, want string }{
		{"papers/chair.md", filepath.Join(dir, "papers", "chair.md")},
		{abs, abs},
		{"~/chair.md", filepath.Join(home, "chair.md")},
	} {
		if got, err := c.Resolve("forum.summary_file", tt.in); err != nil || got != tt.want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if got, _ := Default().Resolve("forum.summary_file", "chair.md"); got != "chair.md" {
		t.Errorf("the defaults resolve %q, want it as given", got)
	}
}

func TestCompareServices(t *testing.T) {
	c := Default()
	keys := []string{"zz-local", "neighbourhood-team", "a-local", "ehch", "early-cancer-diagnosis", "cvd-prevention", "smr"}
	slices.SortFunc(keys, c.CompareServices)
	want := "smr ehch early-cancer-diagnosis cvd-prevention neighbourhood-team a-local zz-local"
	if got := strings.Join(keys, " "); got != want {
		t.Errorf("catalogue order %q, want %q", got, want)
	}
}

// TestDevNullIsNoConfig: --config /dev/null (NUL on Windows) means the
// defaults alone, for Load and Check, though every other device is
// refused.
func TestDevNullIsNoConfig(t *testing.T) {
	c, err := Load(os.DevNull, true)
	if err != nil {
		t.Fatalf("Load(%s): %v", os.DevNull, err)
	}
	if !reflect.DeepEqual(c, Default()) {
		t.Errorf("Load(%s) is not the defaults", os.DevNull)
	}
	if err := Check(os.DevNull, true); err != nil {
		t.Errorf("Check(%s): %v", os.DevNull, err)
	}
}
