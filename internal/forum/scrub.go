package forum

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// scrubber replaces, in quoted text, the names that identify a counted
// PCN, for an anonymised pack. What it finds, for every counted PCN:
//
//   - the PCN's code, in any case, and its name in any case and spacing,
//     with its short forms: the name without its trailing "PCN",
//     "Primary Care Network", "Health", "Health and Care" and the like
//     ("Riverside Health PCN", "Riverside Health", "Riverside"), each
//     replaced by the PCN's label ("PCN A");
//   - its place ("Riverside"), replaced by "[place]", never by the label:
//     "rooms at the Riverside hub" must not read "rooms at the PCN A hub";
//   - its clinical director: the full name with or without a title
//     ("Dr Asha Patel", "Asha Patel"), the surname with a title ("Dr
//     Patel", "Dr. Patel") and the surname alone, replaced by "the
//     clinical director" (another PCN's: "a clinical director");
//   - its practices' ODS codes in any case, and their names with short
//     forms ("Bridge Street Surgery", "Bridge Street"), replaced by "a
//     member practice" (another PCN's: "a practice").
//
// Matching is by whole words: "Riverside" is not found in "Riversides"
// nor "U99001" in "U990012". A name of several words, and a code, match in
// any case. A single word (a place, a surname, a one-word short form) is a
// proper name only where it is written as one — capitalised or in capitals
// — so a place called Reading or a director called Dr Green leaves
// "reading" and "green" alone. Words too common to be a name ("North",
// "Central", "Health") are never a place or a short form on their own, nor
// is any word under three letters; a surname is, whatever it is (Dr Green
// is "Green"), but only capitalised. Where two terms start at one word the longer wins; where two
// PCNs share one, the quoting PCN's own wins, then a place over a name.
//
// It does not find first names alone, nicknames, abbreviations it cannot
// derive ("RHP"), street names, staff other than the director, or
// anything else a director writes that points at a PCN: that stays the
// author's to leave out, and the papers say so.
type scrubber struct {
	// The terms in a trie of their folded words: finding the longest
	// term at a word costs a map lookup per word of it, however many
	// names a forum of 1,250 PCNs holds that start alike ("Dr", or
	// "Clinical director 17").
	root  trie
	cache map[string]string // code "\x00" text: text scrubbed, once per merge
}

// trie is one word's node: the terms that end with it, and the words
// that may follow.
type trie struct {
	next  map[string]*trie
	terms []*term // places first, then by PCN code
}

func (n *trie) add(t *term) {
	for _, w := range t.words {
		if n.next == nil {
			n.next = map[string]*trie{}
		}
		c := n.next[w]
		if c == nil {
			c = &trie{}
			n.next[w] = c
		}
		n = c
	}
	n.terms = append(n.terms, t)
}

// termKind says what a term names, which decides what replaces it.
type termKind int

const (
	kindPCN termKind = iota
	kindPlace
	kindDirector
	kindPractice
)

// term is one name to find: its words folded to lower case and the gaps
// between them (normalised by gap).
type term struct {
	words  []string
	gaps   []string
	proper bool // one word: matches only written capitalised or in capitals
	kind   termKind
	owner  string // the PCN's code
	label  string // the PCN's label
}

func newScrubber(docs []*pcnjson.Document, labels []string) *scrubber {
	s := &scrubber{cache: map[string]string{}}
	for i, d := range docs {
		add := func(kind termKind, name string, anyCase bool) {
			t := newTerm(name)
			if t == nil {
				return
			}
			t.kind, t.owner, t.label = kind, d.PCN.Code, labels[i]
			if len(t.words) == 1 && !anyCase {
				if commonWord[t.words[0]] && kind != kindDirector || utf8.RuneCountInString(t.words[0]) < 3 {
					return
				}
				t.proper = true
			}
			s.root.add(t)
		}
		add(kindPCN, d.PCN.Code, true)
		for _, form := range shortForms(d.PCN.Name, pcnSuffixes) {
			add(kindPCN, form, false)
		}
		add(kindPlace, d.PCN.Place, false)
		for _, form := range directorForms(d.PCN.ClinicalDirector) {
			add(kindDirector, form, false)
		}
		for _, p := range d.Practices {
			add(kindPractice, p.ODSCode, true)
			for _, form := range shortForms(p.Name, practiceSuffixes) {
				add(kindPractice, form, false)
			}
		}
	}
	s.root.sort()
	return s
}

// sort orders every node's terms: places over names (see scrubber), then
// the first PCN by code, so the choice never depends on input order.
func (n *trie) sort() {
	slices.SortStableFunc(n.terms, func(a, b *term) int {
		return cmp.Or(cmp.Compare(placeFirst(a), placeFirst(b)), strings.Compare(a.owner, b.owner))
	})
	for _, c := range n.next {
		c.sort()
	}
}

func placeFirst(t *term) int {
	if t.kind == kindPlace {
		return 0
	}
	return 1
}

// scrub returns text with every term found replaced, for the PCN code
// quoting it. The quotes and the recommendations quote the same asks, so
// each is scrubbed once.
func (s *scrubber) scrub(code, text string) string {
	if text == "" {
		return text
	}
	k := code + "\x00" + text
	if out, ok := s.cache[k]; ok {
		return out
	}
	out := s.scrubText(code, text)
	s.cache[k] = out
	return out
}

func (s *scrubber) scrubText(code, text string) string {
	toks := tokens(text)
	var b strings.Builder
	last := 0 // bytes of text written
	for i := 0; i < len(toks); {
		t, n := s.match(code, text, toks, i)
		if t == nil {
			i++
			continue
		}
		start, end := toks[i].start, toks[i+n-1].end
		b.WriteString(text[last:start])
		b.WriteString(replacement(t, code, sentenceStart(text[:start])))
		last = end
		i += n
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// match finds the longest term that starts at token i, preferring the
// quoting PCN's own among those of the same words and kind, and how many
// tokens it spans.
func (s *scrubber) match(code, text string, toks []token, i int) (*term, int) {
	var best *term
	n := &s.root
	for k := i; k < len(toks); k++ {
		if n = n.next[toks[k].folded]; n == nil {
			break
		}
		var found *term
		for _, t := range n.terms {
			if !t.matches(text, toks, i) {
				continue
			}
			if found == nil {
				found = t
			}
			if t.owner == code && t.kind == found.kind {
				found = t // the same name in the quoting PCN's own list
				break
			}
		}
		if found != nil {
			best = found // a longer match, further down, wins
		}
	}
	if best == nil {
		return nil, 0
	}
	return best, len(best.words)
}

func (t *term) matches(text string, toks []token, i int) bool {
	if i+len(t.words) > len(toks) {
		return false
	}
	for k, w := range t.words {
		tok := toks[i+k]
		if tok.folded != w {
			return false
		}
		if k > 0 && gap(text[toks[i+k-1].end:tok.start]) != t.gaps[k-1] {
			return false
		}
	}
	if t.proper {
		first, _ := utf8.DecodeRuneInString(text[toks[i].start:])
		return unicode.IsUpper(first)
	}
	return true
}

// replacement is what stands for t in text quoted by code's PCN;
// capital says it starts a sentence.
func replacement(t *term, code string, capital bool) string {
	var r string
	switch t.kind {
	case kindPCN:
		return t.label
	case kindPlace:
		return "[place]"
	case kindDirector:
		r = "a clinical director"
		if t.owner == code {
			r = "the clinical director"
		}
	default:
		r = "a practice"
		if t.owner == code {
			r = "a member practice"
		}
	}
	if capital {
		r = strings.ToUpper(r[:1]) + r[1:]
	}
	return r
}

// sentenceStart reports whether text that ends here ends a sentence (or
// is empty): the replacement that follows then takes a capital.
func sentenceStart(before string) bool {
	before = strings.TrimRightFunc(before, unicode.IsSpace)
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return r == '.' || r == '!' || r == '?'
}

// token is one word of a text: a run of letters and digits.
type token struct {
	start, end int
	folded     string
}

func tokens(text string) []token {
	var out []token
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, token{start: start, end: i, folded: strings.ToLower(text[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{start: start, end: len(text), folded: strings.ToLower(text[start:])})
	}
	return out
}

// gap normalises what lies between two words: any run of space is one
// space, and a typographic apostrophe is a plain one, so "Riverside
// Health" matches "Riverside  Health" and "St Anne’s" matches "St Anne's".
func gap(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// newTerm makes the term for name, nil when it holds no word.
func newTerm(name string) *term {
	toks := tokens(name)
	if len(toks) == 0 {
		return nil
	}
	t := &term{}
	for i, tok := range toks {
		t.words = append(t.words, tok.folded)
		if i > 0 {
			t.gaps = append(t.gaps, gap(name[toks[i-1].end:tok.start]))
		}
	}
	return t
}

// pcnSuffixes and practiceSuffixes are the words a name is known by
// without: "Riverside Health PCN" is "Riverside Health" and "Riverside";
// "Bridge Street Surgery" is "Bridge Street".
var (
	pcnSuffixes = [][]string{
		{"primary", "care", "network"}, {"pcn"}, {"network"}, {"health", "and", "care"}, {"healthcare"},
		{"health"}, {"care"}, {"medical"}, {"partnership"}, {"alliance"}, {"collaborative"}, {"group"}, {"locality"},
	}
	practiceSuffixes = [][]string{
		{"medical", "centre"}, {"health", "centre"}, {"medical", "practice"}, {"family", "practice"},
		{"group", "practice"}, {"medical", "group"}, {"surgery"}, {"practice"}, {"clinic"}, {"partnership"},
		{"centre"}, {"medical"},
	}
	titles = []string{"Dr", "Dr.", "Doctor", "Prof", "Prof.", "Professor", "Mr", "Mrs", "Ms", "Miss", "Mx"}
)

// commonWord lists words too common to stand for a PCN on their own.
var commonWord = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`north south east west central city town upper lower greater new old
		great little health care medical primary network surgery practice centre center group the and
		street road lane avenue hill park green valley bridge st saint village market`) {
		commonWord[w] = true
	}
}

// shortForms returns name and the forms it is known by without trailing
// words from suffixes (and without a leading "The").
func shortForms(name string, suffixes [][]string) []string {
	name = strings.TrimSpace(name)
	toks := tokens(name)
	if len(toks) == 0 {
		return nil
	}
	forms := []string{name}
	first := 0
	if len(toks) > 1 && toks[0].folded == "the" {
		first = 1
		forms = append(forms, name[toks[1].start:])
	}
	end := len(toks) // the form is toks[first:end]
	for {
		cut := false
		for _, suf := range suffixes {
			n := len(suf)
			if end-first <= n {
				continue
			}
			same := true
			for k, w := range suf {
				if toks[end-n+k].folded != w {
					same = false
					break
				}
			}
			if same {
				end -= n
				forms = append(forms, name[toks[first].start:toks[end-1].end])
				cut = true
				break
			}
		}
		if !cut {
			return forms
		}
	}
}

// directorForms returns the ways a clinical director is named: in full,
// without a title, the surname with each title, and the surname alone.
func directorForms(full string) []string {
	full = strings.TrimSpace(full)
	toks := tokens(full)
	if len(toks) == 0 {
		return nil
	}
	forms := []string{full}
	name := full
	for _, t := range titles {
		if rest, ok := strings.CutPrefix(name, t+" "); ok {
			name = strings.TrimSpace(rest)
			forms = append(forms, name)
			break
		}
	}
	words := strings.Fields(name)
	if len(words) == 0 {
		return forms
	}
	surname := strings.Trim(words[len(words)-1], ".,")
	for _, t := range titles {
		forms = append(forms, t+" "+surname)
	}
	return append(forms, surname)
}
