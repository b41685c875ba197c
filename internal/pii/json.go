package pii

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Bounds on what one document's report costs, whatever the document: a
// file made to hold a million NHS numbers ten thousand arrays deep must
// not cost gigabytes of paths. No real submission comes near them.
const (
	// MaxFindings is how many findings ScanJSON lists for one document;
	// the rest are summed up in one more finding of kind KindMore.
	MaxFindings = 200
	// pathDepth is how many levels of a path are written out: deeper
	// paths keep their first and last levels, with "…" between.
	pathDepth = 16
)

// ScanJSON scans every string in the JSON document doc, wherever it is:
// each string value, each member name and each number (as written), known
// members and unknown ones alike, because whatever is in a submission
// travels inside its digest to the board. Valid NHS numbers and dates of
// birth block everywhere; the warnings (a mistyped NHS number aside) are
// for free text only: a submission's statement, services[].note,
// workload[].text, priorities[].title, .ask and .rationale, and
// workforce[].note.
//
// A finding's Path names the place as the file does — "pcn.name",
// "practices[2].name", "zeta_unknown[0].x" — after prefix and a space when
// prefix is not empty (a PCN's code in a merge). A member name with
// anything but letters, underscores and a digit or two is written quoted,
// with its digits as "#", so that a path never repeats what it points at:
// `zeta["DOB ##/##/####"]`. A finding in a member name itself ends its
// path with " (member name)". Offsets are into the decoded string.
//
// Findings come in an order that depends on the content alone, not on how
// the JSON was written: the statement, services, workload and priorities
// first (the free text a director most often gets wrong, in the order the
// app shows it), then every other top-level member by name; inside those,
// members by name and items by index; within one string by offset.
//
// A "sha256:" digest of 64 hexadecimal digits is not scanned: hexadecimal
// is full of decimal runs, and a digest is computed, never typed.
//
// After MaxFindings findings (in the order the document is written), the
// rest are only counted, into one last finding of kind KindMore whose
// level is the most serious among them, so Blocking is still right.
func ScanJSON(prefix string, doc []byte, opt Options) ([]Finding, error) {
	w := walker{src: string(doc), sc: newScanner(opt)}
	if err := w.walk(); err != nil {
		return nil, fmt.Errorf("scan for patient data: not valid JSON at byte %d: %s", w.pos, err)
	}
	slices.SortStableFunc(w.found, compareLocated)
	if prefix != "" {
		prefix += " "
	}
	out := make([]Finding, len(w.found), len(w.found)+1)
	for i, l := range w.found {
		out[i] = l.f
		out[i].Path = prefix + l.f.Path
	}
	if w.more > 0 {
		out = append(out, Finding{
			Path: strings.TrimSuffix(prefix, " "), Level: w.moreLevel, Kind: KindMore, Match: "…",
			Message: fmt.Sprintf("%d more findings (%s at worst) not listed; remove the ones above and check again", w.more, w.moreLevel),
		})
	}
	return out, nil
}

// located is a finding with the place it was found, for sorting.
type located struct {
	at   []frame
	name bool // in the member name of at's last frame, not in its value
	seq  int  // which string of the document, in the order it is written
	f    Finding
}

// isDigest reports a digest as pcnvoice writes them.
func isDigest(s string) bool {
	hex, ok := strings.CutPrefix(s, "sha256:")
	if !ok || len(hex) != 64 {
		return false
	}
	for i := 0; i < len(hex); i++ {
		if !isDigit(hex[i]) && (hex[i] < 'a' || hex[i] > 'f') {
			return false
		}
	}
	return true
}

// scan scans one string found at the walk's place: a member name (name)
// or a value.
func (w *walker) scan(s string, name bool) {
	w.scanned++
	sp := identifiers
	if !name && w.inFreeText() {
		sp = freeText
	}
	w.tmp = w.sc.scan(w.tmp[:0], "", s, sp)
	if len(w.tmp) == 0 {
		return
	}
	if room := MaxFindings - len(w.found); len(w.tmp) > room {
		for _, f := range w.tmp[max(room, 0):] {
			w.more++
			w.moreLevel = max(w.moreLevel, f.Level)
		}
		w.tmp = w.tmp[:max(room, 0)]
		if len(w.tmp) == 0 {
			return
		}
	}
	// The sort key keeps the first levels only: deeper ties keep the
	// order of the document (the sort is stable).
	at := slices.Clone(w.stack[:min(len(w.stack), pathDepth)])
	path := pathOf(w.stack, name)
	for _, f := range w.tmp {
		f.Path = path
		w.found = append(w.found, located{at: at, name: name && len(w.stack) <= pathDepth, seq: w.scanned, f: f})
	}
}

// freeTextMembers are the submission's free-text members in arrays, by
// the array's name (SPEC §4).
var freeTextMembers = map[string][]string{
	"services":   {"note"},
	"workload":   {"text"},
	"priorities": {"title", "ask", "rationale"},
	"workforce":  {"note"},
}

// inFreeText reports whether the walk is at one of a submission's
// free-text members: "statement" or, say, "workload[3].text".
func (w *walker) inFreeText() bool {
	st := w.stack
	switch len(st) {
	case 1:
		return st[0].object && st[0].name == "statement"
	case 3:
		return st[0].object && !st[1].object && st[2].object &&
			slices.Contains(freeTextMembers[st[0].name], st[2].name)
	}
	return false
}

// pathOf writes the place at names: "practices[2].name". Past pathDepth
// levels, the middle ones are left out.
func pathOf(at []frame, name bool) string {
	var b strings.Builder
	for i, fr := range at {
		if len(at) > pathDepth && i >= pathDepth/2 && i < len(at)-pathDepth/2 {
			if i == pathDepth/2 {
				b.WriteString("…")
			}
			continue
		}
		if !fr.object {
			fmt.Fprintf(&b, "[%d]", fr.index)
			continue
		}
		if plainName(fr.name) {
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(fr.name)
			continue
		}
		b.WriteString("[" + quoteName(fr.name) + "]")
	}
	if name {
		b.WriteString(" (member name)")
	}
	return b.String()
}

// plainName reports names written bare in a path: ASCII letters and
// underscores, at most two digits, not too long to read.
func plainName(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c) && i > 0:
			digits++
		case !isLetter(c) && c != '_':
			return false
		}
	}
	return s != "" && len(s) <= 64 && digits <= 2
}

// quoteName quotes a member name for a path: read as the guard reads it,
// digits as "#", at most 40 characters, escaped by strconv.Quote so that
// nothing in it can steer a terminal.
func quoteName(s string) string {
	var sc scratch
	t := sc.read(s)
	b := []byte(t.s)
	for i := range b {
		if isDigit(b[i]) {
			b[i] = '#'
		}
	}
	r := []rune(string(b))
	if len(r) > 40 {
		r = append(r[:40], '…')
	}
	return strconv.Quote(string(r))
}

// compareLocated orders findings by place (see ScanJSON), then as
// compareFindings does within one string.
func compareLocated(a, b located) int {
	for i := 0; i < len(a.at) && i < len(b.at); i++ {
		x, y := a.at[i], b.at[i]
		if c := cmp.Compare(x.index, y.index); c != 0 {
			return c
		}
		if i == 0 {
			if c := cmp.Compare(topRank(x.name), topRank(y.name)); c != 0 {
				return c
			}
		}
		if c := strings.Compare(x.name, y.name); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(len(a.at), len(b.at)); c != 0 {
		return c // a member's name before what is inside its value
	}
	if a.name != b.name {
		if a.name {
			return -1 // a member's name before its value
		}
		return 1
	}
	if c := cmp.Compare(a.seq, b.seq); c != 0 {
		return c // a member named twice, or places past pathDepth: as written
	}
	return compareFindings(a.f, b.f)
}

// topRank orders a submission's top-level members for the report.
func topRank(name string) int {
	switch name {
	case "statement":
		return 0
	case "services":
		return 1
	case "workload":
		return 2
	case "priorities":
		return 3
	}
	return 4
}
