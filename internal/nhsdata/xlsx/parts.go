package xlsx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// errNoPart is returned by openPart for a part the zip does not hold.
var errNoPart = errors.New("no such part")

// partKey folds a part name the way Excel matches them: without case, with
// forward slashes and no leading slash.
func partKey(name string) string {
	return strings.ToLower(strings.TrimLeft(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// resolve turns a relationship target into a part name. Targets are
// relative to the folder of the part whose relationships name them, or
// absolute from the package root; ".." cannot climb out of the root.
func resolve(base, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if !strings.HasPrefix(target, "/") {
		target = path.Join("/", path.Dir("/"+base), target)
	}
	return strings.TrimPrefix(path.Clean("/"+target), "/")
}

// relsFor names the relationships part of a part: xl/workbook.xml's are in
// xl/_rels/workbook.xml.rels.
func relsFor(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// openPart streams a part's inflated bytes, at most limit of them, each
// charged to the workbook's budget. The size the zip declares is checked
// first, so a bomb is refused before anything inflates; archive/zip also
// fails a part that inflates past its declared size, and the count below
// holds even if it did not.
func (w *Workbook) openPart(name string, limit int64) (io.ReadCloser, error) {
	f := w.parts[partKey(name)]
	if f == nil {
		return nil, fmt.Errorf("%q: %w", name, errNoPart)
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, partTooBig(name, limit)
	}
	if f.UncompressedSize64 > uint64(max(0, w.left)) {
		return nil, w.tooBig()
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%q: %w", name, err)
	}
	r := io.LimitReader(rc, min(limit, max(0, w.left))+1)
	return &countedPart{rc: rc, r: r, w: w, name: name, limit: limit}, nil
}

func partTooBig(name string, limit int64) error {
	return fmt.Errorf("%q unzips to more than %s, too much for a workbook (a zip bomb?)", name, size(limit))
}

func (w *Workbook) tooBig() error {
	return fmt.Errorf("the workbook unzips to more than %s in all, too much for a workbook (a zip bomb?)", size(w.limit))
}

// size writes a byte count for messages.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// countedPart charges what it reads to the workbook's budget.
type countedPart struct {
	rc    io.ReadCloser
	r     io.Reader
	w     *Workbook
	name  string
	n     int64
	limit int64
}

func (c *countedPart) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.w.left -= int64(n)
	switch {
	case c.n > c.limit:
		return 0, partTooBig(c.name, c.limit)
	case c.w.left < 0:
		return 0, c.w.tooBig()
	}
	return n, err
}

func (c *countedPart) Close() error { return c.rc.Close() }

// decoder walks the tokens of one part with the checks every part gets.
// encoding/xml expands no entities beyond the five predefined ones and
// reads no DTD; a DTD is refused outright, since no workbook part has one.
type decoder struct {
	d     *xml.Decoder
	part  string
	depth int
	raw   bool // RawToken: no namespace work, for the large parts
}

func newDecoder(r io.Reader, part string, raw bool) *decoder {
	return &decoder{d: xml.NewDecoder(&tagGuard{r: r}), part: part, raw: raw}
}

// next returns the next token, or io.EOF after the part's last one.
func (d *decoder) next() (xml.Token, error) {
	var tok xml.Token
	var err error
	if d.raw {
		tok, err = d.d.RawToken()
	} else {
		tok, err = d.d.Token()
	}
	if err == io.EOF && d.depth > 0 {
		err = errors.New("ends inside an element (truncated?)")
	}
	if err != nil {
		if err == io.EOF {
			return nil, err
		}
		return nil, fmt.Errorf("%q: %w", d.part, err)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		if d.depth++; d.depth > maxDepth {
			return nil, fmt.Errorf("%q: elements nested more than %d deep", d.part, maxDepth)
		}
	case xml.EndElement:
		// RawToken does not match end tags to start tags: stray ones must
		// not buy extra depth.
		d.depth = max(0, d.depth-1)
	case xml.Directive:
		return nil, fmt.Errorf("%q: has a DTD or other directive (%.20q), which no workbook part has", d.part, string(t))
	}
	return tok, nil
}

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
