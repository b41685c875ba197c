package submission

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/infile"
)

// Error is a problem with a file from outside: which file, which member
// (e.g. "workload[3].severity"; empty for the whole file) and what is wrong.
type Error struct {
	File   string
	Member string
	Msg    string
}

// Error gives one line: "file: member: message".
func (e *Error) Error() string {
	if e.Member == "" {
		return e.File + ": " + e.Msg
	}
	return e.File + ": " + e.Member + ": " + e.Msg
}

// ForumFormat is the format word of a forum pack, recognised here so that a
// pack given where a submission belongs gets a helpful message.
const ForumFormat = "pcnvoice.forum"

// ReadFile reads and decodes the submission at path.
func ReadFile(path string) (*Document, []byte, error) {
	data, err := infile.Read(path, MaxSize)
	if err != nil {
		return nil, nil, err
	}
	return Decode(path, data)
}

// Decode checks and decodes a submission file's bytes. name is used in
// errors. It returns the document and its text as UTF-8 (a byte-order mark
// or UTF-16 converted), which is what the digest was computed over.
func Decode(name string, data []byte) (*Document, []byte, error) {
	if len(data) > MaxSize {
		return nil, nil, &Error{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a submission", MaxSize>>20)}
	}
	text, err := infile.Text(name, data)
	if err != nil {
		return nil, nil, err
	}
	members, err := Members(name, text)
	if err != nil {
		return nil, nil, err
	}
	if err := checkHeader(name, members, Format); err != nil {
		return nil, nil, err
	}
	var d Document
	if err := json.Unmarshal(text, &d); err != nil {
		return nil, nil, typeError(name, err)
	}
	want, err := rawDigest(members)
	if err != nil {
		return nil, nil, &Error{File: name, Msg: "not valid JSON: " + err.Error()}
	}
	if d.Digest == "" {
		return nil, nil, &Error{File: name, Member: "digest", Msg: "missing: export the file again from pcnvoice"}
	}
	if d.Digest != want {
		return nil, nil, &Error{File: name, Member: "digest", Msg: "does not match the content: the file was modified after export; ask its PCN to export it again"}
	}
	if err := d.Validate(); err != nil {
		var fe *domain.FieldError
		if errors.As(err, &fe) {
			return nil, nil, &Error{File: name, Member: fe.Field, Msg: fe.Msg}
		}
		return nil, nil, &Error{File: name, Msg: err.Error()}
	}
	d.sort()
	return &d, text, nil
}

// Members parses text as one JSON object, keeping each member raw.
func Members(name string, text []byte) (map[string]json.RawMessage, error) {
	trimmed := bytes.TrimSpace(text)
	if len(trimmed) == 0 {
		return nil, &Error{File: name, Msg: "empty file: not a pcnvoice file"}
	}
	if trimmed[0] != '{' {
		return nil, &Error{File: name, Msg: "not a JSON object: not a pcnvoice file"}
	}
	var members map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&members); err != nil {
		return nil, &Error{File: name, Msg: "not valid JSON (" + jsonProblem(err) + "); was it cut short when saved or emailed?"}
	}
	if dec.More() {
		return nil, &Error{File: name, Msg: "not valid JSON: more than one value in the file"}
	}
	return members, nil
}

// checkHeader checks format and version before anything else, so a wrong
// kind of file gets a message about what it is, not about a missing member.
func checkHeader(name string, members map[string]json.RawMessage, format string) error {
	var got string
	if raw, ok := members["format"]; !ok || json.Unmarshal(raw, &got) != nil {
		return &Error{File: name, Member: "format", Msg: "missing: not a pcnvoice file"}
	}
	if got != format {
		switch got {
		case Format, ForumFormat:
			return &Error{File: name, Member: "format", Msg: fmt.Sprintf("is %q, not %q", got, format)}
		}
		return &Error{File: name, Member: "format", Msg: fmt.Sprintf("%q is not a pcnvoice format", got)}
	}
	var v json.Number
	raw, ok := members["version"]
	if !ok {
		return &Error{File: name, Member: "version", Msg: "missing"}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return &Error{File: name, Member: "version", Msg: "must be a whole number"}
	}
	n, err := strconv.Atoi(v.String())
	if err != nil || n < 1 {
		return &Error{File: name, Member: "version", Msg: "must be a whole number from 1"}
	}
	if n > Version {
		return &Error{File: name, Member: "version", Msg: fmt.Sprintf("%d was written by a newer pcnvoice (this one reads version %d): update pcnvoice", n, Version)}
	}
	return nil
}

func jsonProblem(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s at byte %d", se.Error(), se.Offset)
	}
	if errors.Is(err, errUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") {
		return "it ends too early"
	}
	return err.Error()
}

var errUnexpectedEOF = errors.New("unexpected EOF")

// typeError turns a JSON type mismatch into a one-line error naming the member.
func typeError(name string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		member := te.Field
		if member == "" {
			member = "(document)"
		}
		return &Error{File: name, Member: member, Msg: fmt.Sprintf("must be %s, not a JSON %s", kindWord(te.Type.Kind().String()), te.Value)}
	}
	return &Error{File: name, Msg: "not a valid submission: " + err.Error()}
}

func kindWord(k string) string {
	switch {
	case strings.HasPrefix(k, "int"):
		return "a whole number"
	case k == "string":
		return "text"
	case k == "slice":
		return "a list"
	case k == "struct" || k == "map":
		return "an object"
	}
	return k
}
