package pcnjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/gowebpki/jcs"
)

// refCanonical is the reference the canonicaliser is held to: the JSON
// grammar as encoding/json reads it, the I-JSON rules of SPEC §4 checked
// plainly on encoding/json's tokens, and the canonical form as
// gowebpki/jcs (the library the canonicaliser replaced) writes it. It is
// slow and obvious on purpose.
func refCanonical(text []byte) ([]byte, error) {
	if !utf8.Valid(text) {
		return nil, errors.New("not UTF-8")
	}
	if !json.Valid(text) {
		return nil, errors.New("not JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	type frame struct {
		object  bool
		keys    map[string]bool
		wantKey bool
	}
	var stack []*frame
	prev := int64(0)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		raw := text[prev:dec.InputOffset()]
		prev = dec.InputOffset()
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if top != nil && top.object {
					top.wantKey = true
				}
				stack = append(stack, &frame{object: t == '{', keys: map[string]bool{}, wantKey: true})
				if len(stack) > MaxDepth {
					return nil, errors.New("too deep")
				}
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		case string:
			if err := refString(raw, t); err != nil {
				return nil, err
			}
			if top != nil && top.object && top.wantKey {
				if top.keys[t] {
					return nil, fmt.Errorf("duplicate %q", t)
				}
				top.keys[t] = true
				top.wantKey = false
				continue
			}
		case json.Number:
			f, err := strconv.ParseFloat(t.String(), 64)
			if err != nil || math.Abs(f) > 1<<53-1 {
				return nil, fmt.Errorf("number %s out of bounds", t)
			}
		}
		if top != nil && top.object {
			top.wantKey = true
		}
	}
	return jcs.Transform(text)
}

// refString checks a string token: raw is the text it came from (with
// what separated it from the token before), s what encoding/json made of
// it — which turns a lone surrogate into U+FFFD, so surrogates are checked
// on raw's escapes, and noncharacters on s.
func refString(raw []byte, s string) error {
	i := bytes.IndexByte(raw, '"')
	raw = raw[i:]
	var pendingHigh bool
	for j := 0; j < len(raw); j++ {
		if raw[j] != '\\' {
			if pendingHigh {
				return errors.New("lone high surrogate")
			}
			continue
		}
		j++
		if raw[j] != 'u' {
			if pendingHigh {
				return errors.New("lone high surrogate")
			}
			continue
		}
		v, _ := strconv.ParseUint(string(raw[j+1:j+5]), 16, 32)
		j += 4
		switch {
		case v >= 0xD800 && v <= 0xDBFF:
			if pendingHigh {
				return errors.New("lone high surrogate")
			}
			pendingHigh = true
		case v >= 0xDC00 && v <= 0xDFFF:
			if !pendingHigh {
				return errors.New("lone low surrogate")
			}
			pendingHigh = false
		default:
			if pendingHigh {
				return errors.New("lone high surrogate")
			}
		}
	}
	for _, r := range s {
		if r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE {
			return fmt.Errorf("noncharacter U+%04X", r)
		}
	}
	return nil
}
