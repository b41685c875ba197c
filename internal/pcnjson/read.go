package pcnjson

import (
	"bytes"
	"context"
	"fmt"
)

// Input is one file given to a merge: a submission or a forum pack, told
// apart by its format member, never by the file's name (a chair receives
// "Riverside final v2 (1).json"). Name is the file's name, for messages.
type Input struct {
	Name       string
	Submission *Submission
	Pack       *Pack
}

// Read decodes a merge input from a file's bytes (see Decoder.Read).
func Read(name string, data []byte) (Input, error) {
	var d Decoder
	return d.Read(context.Background(), name, data)
}

// Read decodes a merge input: a submission (at most MaxSize) or a forum
// pack (at most MaxPackSize), each checked as Decode and DecodePack check
// it. Nothing returned refers to data, so the caller may reuse it.
func (d *Decoder) Read(ctx context.Context, name string, data []byte) (Input, error) {
	if len(data) > MaxPackSize {
		return Input{}, &Error{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a pcnvoice file", MaxPackSize>>20)}
	}
	if rendered(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")) {
		return Input{}, &Error{File: name, Msg: "a forum paper (Markdown or HTML), not a pack: merge the JSON pack instead (pcnvoice merge --format json writes it)"}
	}
	if _, err := d.canonicalise(ctx, name, data); err != nil {
		return Input{}, err
	}
	switch format := d.topString("format"); format {
	case Format:
		if len(data) > MaxSize {
			return Input{}, &Error{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a submission", MaxSize>>20)}
		}
		canon := bytes.Clone(d.c.out) // at its exact size; d keeps its buffer
		doc, err := decodeSubmission(name, canon, string(canon))
		if err != nil {
			return Input{}, err
		}
		return Input{Name: name, Submission: &Submission{Doc: doc, canon: canon}}, nil
	case ForumFormat:
		p, err := d.pack(name)
		if err != nil {
			return Input{}, err
		}
		return Input{Name: name, Pack: p}, nil
	case "":
		return Input{}, &Error{File: name, Member: "format", Msg: "missing: not a pcnvoice submission or forum pack"}
	default:
		return Input{}, &Error{File: name, Member: "format", Msg: fmt.Sprintf("%q: not a pcnvoice submission or forum pack", format)}
	}
}

// IsPaper reports whether a file's bytes look like a board paper pcnvoice
// rendered (Markdown or HTML) rather than a submission or pack: what
// verify checks only the signature of.
func IsPaper(data []byte) bool {
	return rendered(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n"))
}

// rendered reports whether text looks like a paper pcnvoice rendered (a
// Markdown heading, an HTML page), the likeliest wrong file a chair feeds
// back into a merge.
func rendered(text []byte) bool {
	return bytes.HasPrefix(text, []byte("# ")) || bytes.HasPrefix(bytes.ToLower(text[:min(len(text), 15)]), []byte("<!doctype html"))
}

// topString is the text of the outermost object's member key in d's last
// canonical form, or "" if there is none or it is not text.
func (d *Decoder) topString(key string) string {
	m, ok := d.c.topMember(key)
	if !ok {
		return ""
	}
	v := memberValue(d.c.out, m)
	r := docReader{b: v, s: string(v)}
	var s string
	if len(v) == 0 || v[0] != '"' || !r.rawStr(&s) {
		return ""
	}
	return s
}

// memberValue is the canonical value of member m of canon: what follows
// its name (a canonical string, whose escapes are a backslash and one
// character, or \u00xx) and the colon.
func memberValue(canon []byte, m member) []byte {
	i := m.start + 1
	for i < m.end && canon[i] != '"' {
		if canon[i] == '\\' {
			i++
		}
		i++
	}
	if i+1 >= m.end || canon[i+1] != ':' {
		return nil
	}
	return canon[i+2 : m.end]
}
