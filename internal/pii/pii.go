// Package pii is the patient-identifiable-data guard (SPEC §9): before a
// submission is exported or merged, every string in it — free text, names,
// keys, members this version does not know — is scanned for things that
// look like patient data. A board submission needs no patient-level data
// at all (the Caldicott principles), so the guard leans towards reporting:
// a false alarm costs the user a look and, for a block, --allow-pii; a miss
// puts a patient's details in front of a board.
//
// Text is read as a person reads it (see text): full-width and other
// scripts' digits are digits, invisible characters are not there, and any
// space, dash, dot or slash separates digit groups. The guard blocks on a
// valid NHS number however it is grouped, and on a date next to "DOB",
// "date of birth", "birthdate" or "born". In free text it also warns on a
// mistyped NHS number (NHS grouping, failing the check digit), an age
// ("aged 84"), a full postcode that is not a member practice's, and a
// title followed by a name.
//
// Every finding is masked so it can be printed or logged without repeating
// the identifier it warns about, and located in the text as it was typed.
package pii

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"unicode/utf8"
)

// Field is one member to scan: free text unless Name. Path names it for the user, e.g.
// "workload[3].text" or "U51234 priorities[2].ask".
type Field struct {
	Path string
	Text string
	// Name marks a name or key (a practice's name, say) rather than free
	// text: it gets only the checks that block — NHS numbers and dates of
	// birth — as every name in a document does (ScanJSON), not the
	// warnings "Dr Patel & Partners" would set off all the time.
	Name bool
}

// Level says whether a finding stops the operation or only warns.
type Level int

// The levels, weakest first, so that a higher Level is more serious.
const (
	Warn Level = iota + 1
	Block
)

// String gives "warn" or "block", the words the CLI prints.
func (l Level) String() string {
	switch l {
	case Warn:
		return "warn"
	case Block:
		return "block"
	}
	return fmt.Sprintf("level(%d)", int(l))
}

// The Finding kinds. They are stable machine words: callers may filter or
// count by them.
const (
	KindNHSNumber        = "nhs-number"         // valid NHS number: Block
	KindNHSNumberInvalid = "nhs-number-invalid" // NHS grouping, bad check digit: Warn
	KindDOB              = "dob"                // date next to DOB/born: Block
	KindAge              = "age"                // "aged 84": Warn
	KindPostcode         = "postcode"           // full postcode not allowed: Warn
	KindTitleName        = "title-name"         // "Mrs Jones": Warn
	KindMore             = "more"               // findings past ScanJSON's MaxFindings, summed up
)

// Finding is one place where something looks like patient data.
type Finding struct {
	Path    string // the Field.Path
	Level   Level
	Kind    string // one of the Kind constants
	Match   string // the matched text as read, masked so it is safe to print
	Offset  int    // byte offset of the match in Field.Text, so a UI can jump to it
	Length  int    // bytes of Field.Text the match covers from Offset, invisible characters included
	Message string // one human sentence, e.g. `a valid NHS number ("943 *** **19")`
}

// String gives the one line the CLI prints for a finding:
// `workload[3].text: a valid NHS number ("943 *** **19")`.
func (f Finding) String() string {
	if f.Path == "" {
		return f.Message
	}
	return f.Path + ": " + f.Message
}

// Options tunes the scan.
type Options struct {
	// AllowedPostcodes are the member practices' postcodes, which belong in
	// a submission and so are not warned about. They are compared
	// normalised (upper case, one space before the inward code), so any
	// spelling of the same postcode matches.
	AllowedPostcodes []string
}

// Scan looks for patient data in each field, as free text (every check)
// unless the field is a Name.
// Findings come in field order, then by offset within a field; the result
// depends only on the input, so two scans of the same submission print the
// same report.
func Scan(fields []Field, opt Options) []Finding {
	sc := newScanner(opt)
	var out []Finding
	for _, f := range fields {
		sp := freeText
		if f.Name {
			sp = identifiers
		}
		out = sc.scan(out, f.Path, f.Text, sp)
	}
	return out
}

// ScanText scans one field's text as free text, with no postcode allowed:
// what a screen needs to warn the moment a field is saved, e.g.
// pii.Blocking(pii.ScanText("workload[3].text", text)).
func ScanText(path, text string) []Finding {
	return newScanner(Options{}).scan(nil, path, text, freeText)
}

// scope says which checks a string gets.
type scope int

const (
	// identifiers: names, keys, codes and anything not known to be free
	// text get the checks that block — NHS numbers and dates of birth.
	identifiers scope = iota
	// freeText: what a director writes freely also gets the warnings
	// (ages, postcodes, titles), which names would set off all the time.
	freeText
)

// scanner scans strings one after another with shared scratch memory.
type scanner struct {
	allowed map[string]bool
	scratch
}

func newScanner(opt Options) *scanner {
	return &scanner{allowed: allowSet(opt.AllowedPostcodes)}
}

// scan appends the findings in one string, located in raw.
func (sc *scanner) scan(out []Finding, path, raw string, sp scope) []Finding {
	if sp == identifiers && fewDigits(raw) {
		return out // most names and keys: no NHS number or date fits in them
	}
	t := sc.read(raw)
	f := Field{Path: path, Text: t.s}
	start := len(out)
	out, sc.groups = scanNHS(out, sc.groups, f)
	out = scanDOB(out, f)
	if sp == freeText {
		out = scanAges(out, f)
		out = scanPostcodes(out, f, sc.allowed)
		out = scanTitles(out, f)
	}
	for k := start; k < len(out); k++ {
		out[k].Offset, out[k].Length = t.span(out[k].Offset, out[k].Offset+out[k].Length)
	}
	slices.SortStableFunc(out[start:], compareFindings)
	return out
}

// fewDigits reports ASCII text with fewer than three digits, which can
// hold neither an NHS number nor a date ("1 Feb 60" has three).
func fewDigits(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return false // perhaps another script's digits
		case c >= '0' && c <= '9':
			if n++; n == 3 {
				return false
			}
		}
	}
	return true
}

// compareFindings orders findings within one field: by offset, then the
// more serious first, then by kind and match so ties never depend on which
// scanner ran first.
func compareFindings(a, b Finding) int {
	if c := cmp.Compare(a.Offset, b.Offset); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Level, a.Level); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	return cmp.Compare(a.Match, b.Match)
}

// Blocking reports whether any finding is a Block, i.e. whether export and
// merge must stop unless the user passes --allow-pii.
func Blocking(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Level == Block })
}

// newFinding builds a Finding whose Message quotes the masked match; %q
// escapes control characters and invalid UTF-8, so the sentence is safe to
// print even when the text around it is not. sp is where the match is in
// the read text; scan maps it back to the original.
func newFinding(f Field, level Level, kind, match string, sp span, what string) Finding {
	return Finding{
		Path:    f.Path,
		Level:   level,
		Kind:    kind,
		Match:   match,
		Offset:  sp.start,
		Length:  sp.end - sp.start,
		Message: fmt.Sprintf(what, match),
	}
}

// The scanners other than scanNHS share one shape: a cheap byte test picks
// the few positions where a match could start, and an anchored pattern is
// tried on a short window there. Go's regexp is linear-time, but running
// its NFA unanchored over a long text with case folding and large
// alternations costs about a microsecond a byte; the anchored attempts on
// small windows make Scan several times faster and still linear, because
// each window is bounded. Every pattern's quantifiers are bounded so that
// a match is always shorter than its window: a match can then never end at
// a window edge where the text actually continues (which would fool \b).

// matchAt tries re, which must start with ^, on s[i:i+window] and returns
// submatch indexes into s, or nil.
func matchAt(re *regexp.Regexp, s string, i, window int) []int {
	m := re.FindStringSubmatchIndex(s[i:min(len(s), i+window)])
	for k := range m {
		if m[k] >= 0 {
			m[k] += i
		}
	}
	return m
}

// wordStart reports whether s[i] begins a word as regexp's ASCII \b sees
// it: nothing before it, or a byte that is not [0-9A-Za-z_].
func wordStart(s string, i int) bool {
	return i == 0 || !isWordByte(s[i-1])
}

func isWordByte(c byte) bool {
	return c == '_' || isDigit(c) || isLetter(c)
}

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
