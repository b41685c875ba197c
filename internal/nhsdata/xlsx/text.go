package xlsx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// richText gathers the text a person sees in a string item (<si> in the
// shared strings, <is> in an inline string cell): its <t>, and the <t> of
// each formatted run <r>, but not the phonetic guides of <rPh>.
type richText struct {
	buf      []byte
	phonetic int  // depth inside <rPh>
	inT      bool // inside a visible <t>
}

func (r *richText) start(local string) {
	switch local {
	case "rPh":
		r.phonetic++
	case "t":
		r.inT = r.phonetic == 0
	}
}

func (r *richText) end(local string) {
	switch local {
	case "rPh":
		r.phonetic = max(0, r.phonetic-1)
	case "t":
		r.inT = false
	}
}

func (r *richText) text(cd xml.CharData) {
	if r.inT {
		r.buf = append(r.buf, cd...)
	}
}

// reset readies r for the next item, keeping its buffer.
func (r *richText) reset() { *r = richText{buf: r.buf[:0]} }

// take returns the text gathered and resets r.
func (r *richText) take() string {
	s := unescapeXString(string(r.buf))
	r.reset()
	return s
}

// unescapeXString decodes OOXML's escapes for characters XML cannot carry:
// _x000D_ is a carriage return, and _x005F_ a literal underscore, so that
// "_x005F_x000D_" reads as the text "_x000D_". An escape naming no valid
// character reads as U+FFFD.
func unescapeXString(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	for ; i >= 0; i = strings.Index(s, "_x") {
		if len(s) < i+7 || s[i+6] != '_' {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		v, err := strconv.ParseUint(s[i+2:i+6], 16, 32)
		if err != nil {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		if !utf8.ValidRune(rune(v)) {
			v = utf8.RuneError
		}
		b.WriteRune(rune(v))
		s = s[i+7:]
	}
	b.WriteString(s)
	return b.String()
}

// readSharedStrings loads the shared-string table most text cells point
// into. A workbook without one (every string inline) is fine.
func (w *Workbook) readSharedStrings() error {
	rc, err := w.openPart(w.sharedPart, w.limit)
	if errors.Is(err, errNoPart) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("shared strings: %w", err)
	}
	defer rc.Close()
	d := newDecoder(rc, w.sharedPart, true)
	var item richText
	inItem := false
	for {
		tok, err := d.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("shared strings: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "si" {
				if len(w.shared) >= maxSharedStrings {
					return fmt.Errorf("shared strings: more than %d, too many for a workbook", maxSharedStrings)
				}
				inItem = true
				item.reset()
				continue
			}
			item.start(t.Name.Local)
		case xml.EndElement:
			if t.Name.Local == "si" && inItem {
				w.shared = append(w.shared, item.take())
				inItem = false
				continue
			}
			item.end(t.Name.Local)
		case xml.CharData:
			if inItem {
				item.text(t)
			}
		}
	}
}
