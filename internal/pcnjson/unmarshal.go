package pcnjson

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// unmarshalCanonical fills *v from canonical JSON, as json.Unmarshal
// would but for one thing: member names match a field's JSON name
// exactly, never case-insensitively ("Period" does not fill period). It
// reads a forum pack's sections, where speed matters less than in a
// submission (readDocument), and is the second reader that readDocument
// is tested against. s is canon as a string; text in v shares it, and a
// json.RawMessage in v is a slice of canon.
//
// Like readDocument it records the first value of the wrong type, naming
// its member, skips it and goes on; null leaves a value as it is.
func unmarshalCanonical(canon []byte, s string, v any) *Error {
	r := valueReader{docReader: docReader{b: canon, s: s, index: -1}}
	if !r.value(reflect.ValueOf(v).Elem()) || r.i != len(canon) {
		return &Error{Msg: "not valid JSON"} // cannot happen: canon is canonical
	}
	return r.err
}

type valueReader struct {
	docReader
	path []pathStep
}

type pathStep struct {
	key   string
	index int // -1 in an object
}

var (
	rawMessage = reflect.TypeFor[json.RawMessage]()
	wteType    = reflect.TypeFor[domain.WTE]()
	totalType  = reflect.TypeFor[domain.WTETotal]()
)

// value reads the value at the cursor into v; false means the JSON is
// malformed.
func (r *valueReader) value(v reflect.Value) bool {
	if r.null() {
		if v.Kind() == reflect.Pointer || v.Kind() == reflect.Slice {
			v.SetZero()
		}
		return true
	}
	if r.i >= len(r.b) {
		return false
	}
	c := r.b[r.i]
	switch k := v.Kind(); {
	case v.Type() == rawMessage:
		start := r.i
		if !r.skip() {
			return false
		}
		v.SetBytes(r.b[start:r.i:r.i])
		return true
	case v.Type() == wteType || v.Type() == totalType:
		if c != '-' && (c < '0' || c > '9') {
			return r.wrong(v.Type())
		}
		return r.readWTE(v)
	case k == reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return r.value(v.Elem())
	case k == reflect.Struct && c == '{':
		return r.structure(v)
	case k == reflect.Slice && c == '[':
		return r.list(v)
	case k == reflect.String && c == '"':
		var s string
		if !r.rawStr(&s) {
			return false
		}
		v.SetString(s)
		return true
	case k == reflect.Bool && (c == 't' || c == 'f'):
		v.SetBool(c == 't')
		return r.word(map[bool]string{true: "true", false: "false"}[c == 't'])
	case k >= reflect.Int && k <= reflect.Int64 && (c == '-' || c >= '0' && c <= '9'):
		if n, ok := r.whole(); ok && !v.OverflowInt(n) {
			v.SetInt(n)
			return true
		}
	case (k == reflect.Float64 || k == reflect.Float32) && (c == '-' || c >= '0' && c <= '9'):
		start := r.i
		r.skip()
		f, err := strconv.ParseFloat(r.s[start:r.i], 64)
		if err != nil {
			return false
		}
		v.SetFloat(f)
		return true
	}
	return r.wrong(v.Type())
}

// wrong records that the value at the cursor is not of type t, and skips it.
func (r *valueReader) wrong(t reflect.Type) bool {
	if r.err == nil {
		r.err = &Error{Member: r.pathString(), Msg: "must be " + kindWord(t) + ", not " + r.kind()}
	}
	return r.skip()
}

func kindWord(t reflect.Type) string {
	switch k := t.Kind(); {
	case t == wteType:
		return "a number"
	case k == reflect.String:
		return "text"
	case k == reflect.Bool:
		return "true or false"
	case k >= reflect.Int && k <= reflect.Int64:
		return "a whole number"
	case k == reflect.Float64 || k == reflect.Float32:
		return "a number"
	case k == reflect.Slice:
		return "a list"
	case k == reflect.Struct:
		return "an object"
	}
	return t.String()
}

func (r *valueReader) structure(v reflect.Value) bool {
	fields := jsonFields(v.Type())
	r.path = append(r.path, pathStep{index: -1})
	at := len(r.path) - 1
	ok := r.object(func(key string, _ int) bool {
		f, known := fields[key]
		if !known {
			return r.skip()
		}
		r.path[at].key = key
		return r.value(v.Field(f))
	})
	r.path = r.path[:at]
	return ok
}

func (r *valueReader) list(v reflect.Value) bool {
	r.i++ // [
	r.path = append(r.path, pathStep{})
	at := len(r.path) - 1
	out := reflect.MakeSlice(v.Type(), 0, 4)
	for i := 0; !r.byte(']'); i++ {
		if i > 0 && !r.byte(',') {
			return false
		}
		r.path[at].index = i
		out = reflect.Append(out, reflect.Zero(v.Type().Elem()))
		if !r.value(out.Index(i)) {
			return false
		}
	}
	r.path = r.path[:at]
	v.Set(out)
	return true
}

// readWTE reads the number at the cursor into v, a domain.WTE (a role's,
// up to domain.MaxWTE) or a domain.WTETotal (a forum's sum, up to
// domain.MaxWTETotal): exact hundredths, never a float. A number that is
// not one is recorded as the first problem, naming the member.
func (r *valueReader) readWTE(v reflect.Value) bool {
	start := r.i
	r.skip()
	text := r.s[start:r.i]
	var w int64
	var err error
	if v.Type() == totalType {
		var t domain.WTETotal
		t, err = wteTotalOf(text)
		w = int64(t)
	} else {
		var x domain.WTE
		x, err = wteOf(text)
		w = int64(x)
	}
	if err != nil {
		if r.err == nil {
			r.err = &Error{Member: r.pathString(), Msg: err.Error()}
		}
		return true
	}
	v.SetInt(w)
	return true
}

func (r *valueReader) pathString() string {
	var b strings.Builder
	for _, s := range r.path {
		if s.index >= 0 {
			fmt.Fprintf(&b, "[%d]", s.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	return b.String()
}

var fieldCache sync.Map // reflect.Type → map[string]int

// jsonFields maps each exported field's JSON name to its index, as
// encoding/json names them: the tag's name, else the field's own.
func jsonFields(t reflect.Type) map[string]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = i
	}
	fieldCache.Store(t, m)
	return m
}
