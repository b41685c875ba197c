package config

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// explain turns a failed decode of a config file into one line a person
// can act on — the file, the key, the type wanted and the type found, or
// the line of a syntax error — instead of the TOML library's own words
// ("TOML value has type string; destination has type integer"). It runs
// only when decoding failed, so a good file is parsed once.
func explain(name, text string, err error) error {
	var raw map[string]any
	if _, rerr := toml.Decode(text, &raw); rerr != nil {
		var pe toml.ParseError
		if errors.As(rerr, &pe) {
			return fmt.Errorf("%s: line %d: %s", name, pe.Position.Line, pe.Message)
		}
		return fmt.Errorf("%s: %s", name, strings.TrimPrefix(rerr.Error(), "toml: "))
	}
	if serr := checkShape("", raw, reflect.TypeFor[Config]()); serr != nil {
		return fmt.Errorf("%s: %w", name, serr)
	}
	return fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "toml: "))
}

// checkShape checks decoded TOML v against the Go type t it is decoded
// into, and names the first key (in sorted order, so the same file always
// gives the same error) that is unknown or of the wrong type.
func checkShape(path string, v any, t reflect.Type) error {
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			header := "[" + path + "]"
			if section, _, ok := strings.Cut(path, "["); ok {
				header = "[[" + section + "]]" // an item of an array of tables
			}
			return wrongType(path, "a table ("+header+")", v)
		}
		fields := map[string]reflect.Type{}
		for i := range t.NumField() {
			f := t.Field(i)
			fields[f.Tag.Get("toml")] = f.Type
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			at := k
			if path != "" {
				at = path + "." + k
			}
			ft, ok := fields[k]
			if !ok {
				return fmt.Errorf("unknown setting %q (check the spelling against the shipped defaults)", at)
			}
			if err := checkShape(at, m[k], ft); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice:
		items, ok := list(v)
		if !ok {
			if t.Elem().Kind() == reflect.Struct {
				return wrongType(path, "a list of tables ([["+path+"]])", v)
			}
			return wrongType(path, "a list of strings", v)
		}
		for i, item := range items {
			if err := checkShape(fmt.Sprintf("%s[%d]", path, i), item, t.Elem()); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		if _, ok := v.(string); !ok {
			return wrongType(path, "a string (in quotes)", v)
		}
	case reflect.Int:
		if _, ok := v.(int64); !ok {
			return wrongType(path, "a whole number", v)
		}
	}
	return nil
}

// list returns the items of a TOML array or array of tables.
func list(v any) ([]any, bool) {
	switch l := v.(type) {
	case []any:
		return l, true
	case []map[string]any:
		out := make([]any, len(l))
		for i, m := range l {
			out[i] = m
		}
		return out, true
	}
	return nil, false
}

func wrongType(path, want string, got any) error {
	return fmt.Errorf("%s: want %s, got %s", path, want, tomlType(got))
}

// tomlType names a decoded TOML value's type as a person would.
func tomlType(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("a string (%q)", v)
	case int64:
		return fmt.Sprintf("an integer (%d)", v)
	case float64:
		return fmt.Sprintf("a number (%g)", v)
	case bool:
		return fmt.Sprintf("%t", v)
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}
