package mergejob

import (
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/report"
)

// Format is what a merge writes; its value is the --format flag's spelling.
type Format string

// The formats: a board paper in Markdown (the default) or HTML, or the
// JSON pack, which is what can be merged again.
const (
	Markdown Format = "md"
	HTML     Format = "html"
	JSON     Format = "json"
)

// ParseFormat returns the Format spelled s, in any case.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Markdown, HTML, JSON:
		return f, nil
	}
	return "", fmt.Errorf("%q: want md, html or json", s)
}

// Render writes the pack in format f. The JSON is encoded first in every
// case: it sets the digest that a paper quotes as its record.
func Render(p *pcnjson.Pack, f Format) ([]byte, error) {
	data, err := pcnjson.EncodePack(p)
	if err != nil {
		return nil, err
	}
	switch f {
	case Markdown:
		return report.ForumMarkdown(p), nil
	case HTML:
		return report.ForumHTML(p)
	case JSON:
		return data, nil
	}
	return nil, fmt.Errorf("format %q: want md, html or json", f)
}
