package main

import (
	"path/filepath"
	"slices"
	"strings"
)

// extFormats maps -o's extension to the format it asks for.
var extFormats = map[string]string{".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

// outputFormat settles a command's output format, the same way for export
// as for merge (SPEC §3): --format if given, in any case; else -o's
// extension; else def. A --format that contradicts -o's extension is a
// usage error: `export --format json -o paper.html` would otherwise write
// JSON over the paper. formats lists the names the command knows, in the
// order its errors give them.
func outputFormat(format string, formatGiven bool, out, def string, formats []string) (string, error) {
	byExt, hasExt := extFormats[strings.ToLower(filepath.Ext(out))]
	if out == "-" {
		hasExt = false
	}
	if !formatGiven {
		if hasExt {
			return byExt, nil
		}
		return def, nil
	}
	f := strings.ToLower(strings.TrimSpace(format))
	if !slices.Contains(formats, f) {
		return "", usageErr("--format %q: want %s", format, orList(formats))
	}
	if hasExt && f != byExt {
		ext := filepath.Ext(out)
		return "", usageErr("--format %s contradicts the %s of -o %s: drop --format, or name a .%s file", format, ext, out, f)
	}
	return f, nil
}

// orList writes ["json", "md", "html"] as "json, md or html".
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
