package forum

import (
	"strings"
	"testing"
	"unicode"

	"pgregory.net/rapid"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// scrubDocs are two PCNs as the demo names them, for the scrubber's table.
func scrubDocs() []*pcnjson.Document {
	riverside := pcnjson.FromSnapshot(domain.Snapshot{PCN: domain.PCN{
		Code: "U99001", Name: "Riverside Health PCN", Place: "Riverside", ClinicalDirector: "Dr Asha Patel"},
		Practices: []domain.Practice{
			{ODSCode: "Y99101", Name: "Bridge Street Surgery"}, {ODSCode: "Y99102", Name: "Mill Lane Medical Centre"},
			{ODSCode: "Y99103", Name: "The Orchard Family Practice"},
		}})
	reading := pcnjson.FromSnapshot(domain.Snapshot{PCN: domain.PCN{
		Code: "U99002", Name: "Reading West Primary Care Network", Place: "Reading", ClinicalDirector: "Dr Sam Green"},
		Practices: []domain.Practice{{ODSCode: "Y99201", Name: "Harbour Medical Group"}}})
	return []*pcnjson.Document{&riverside, &reading}
}

func TestScrub(t *testing.T) {
	s := newScrubber(scrubDocs(), []string{"PCN A", "PCN B"})
	tests := []struct{ name, code, in, want string }{
		{"place in a phrase is a place, not the PCN", "U99001", "We need rooms at the Riverside hub.", "We need rooms at the [place] hub."},
		{"name", "U99001", "Riverside Health PCN is delivering.", "PCN A is delivering."},
		{"upper-case name", "U99001", "RIVERSIDE HEALTH PCN IS DELIVERING", "PCN A IS DELIVERING"},
		{"name over a line break", "U99001", "from Riverside\n  Health PCN.", "from PCN A."},
		{"short form of the name", "U99001", "Riverside Health has held up.", "PCN A has held up."},
		{"possessive", "U99001", "Riverside Health PCN’s asks", "PCN A’s asks"},
		{"lower-case code", "U99001", "our code is u99001, not U99001.", "our code is PCN A, not PCN A."},
		{"code inside a longer word stays", "U99001", "ref U990012 and XU99001", "ref U990012 and XU99001"},
		{"place alone", "U99001", "Riverside is delivering, but on goodwill.", "[place] is delivering, but on goodwill."},
		{"place in capitals", "U99001", "RIVERSIDE IS DELIVERING", "[place] IS DELIVERING"},
		{"place inside a longer word stays", "U99001", "Riversides and riverside paths", "Riversides and riverside paths"},
		{"director in full", "U99001", "Signed, Dr Asha Patel.", "Signed, the clinical director."},
		{"director without title, any case", "U99001", "as asha patel writes", "as the clinical director writes"},
		{"surname", "U99001", "Patel and I would welcome it.", "The clinical director and I would welcome it."},
		{"surname with a title", "U99001", "ask Dr. Patel or Dr Patel", "ask the clinical director or the clinical director"},
		{"surname possessive", "U99001", "Patel's letter", "The clinical director's letter"},
		{"surname inside a word stays", "U99001", "Patelson", "Patelson"},
		{"practice name", "U99001", "Bridge Street Surgery is full.", "A member practice is full."},
		{"short practice name", "U99001", "the team at Mill Lane cannot cope", "the team at a member practice cannot cope"},
		{"short practice name, any case", "U99001", "the team at MILL LANE", "the team at a member practice"},
		{"practice without The and its kind", "U99001", "both Orchard and Bridge Street", "both a member practice and a member practice"},
		{"practice code, lower case", "U99001", "y99102 is short of rooms", "A member practice is short of rooms"},
		{"another PCN's name", "U99001", "unlike Reading West, we", "unlike PCN B, we"},
		{"another PCN's director", "U99001", "as Dr Green said", "as a clinical director said"},
		{"another PCN's practice", "U99001", "Harbour Medical Group helped", "A practice helped"},
		{"a place that is a word", "U99002", "reading the letters in Reading", "reading the letters in [place]"},
		{"a surname that is a word", "U99002", "green status, Green agrees", "green status, the clinical director agrees"},
		{"nothing to find", "U99001", "Fund modular consulting rooms.", "Fund modular consulting rooms."},
		{"empty", "U99001", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.scrub(tt.code, tt.in); got != tt.want {
				t.Errorf("scrub(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestShortForms(t *testing.T) {
	tests := []struct {
		name string
		suf  [][]string
		want string
	}{
		{"Riverside Health PCN", pcnSuffixes, "Riverside Health PCN|Riverside Health|Riverside"},
		{"Reading West Primary Care Network", pcnSuffixes, "Reading West Primary Care Network|Reading West"},
		{"Brackenhurst, Saltmarsh and Upper Thornley Health and Care PCN", pcnSuffixes,
			"Brackenhurst, Saltmarsh and Upper Thornley Health and Care PCN|Brackenhurst, Saltmarsh and Upper Thornley Health and Care|Brackenhurst, Saltmarsh and Upper Thornley"},
		{"PCN U10001", pcnSuffixes, "PCN U10001"},
		{"PCN", pcnSuffixes, "PCN"},
		{"The Orchard Family Practice", practiceSuffixes, "The Orchard Family Practice|Orchard Family Practice|Orchard"},
		{"Mill Lane Medical Centre", practiceSuffixes, "Mill Lane Medical Centre|Mill Lane"},
	}
	for _, tt := range tests {
		if got := strings.Join(shortForms(tt.name, tt.suf), "|"); got != tt.want {
			t.Errorf("shortForms(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestScrubProperty: whatever names a forum's PCNs have and however a
// director writes them — any case and spacing for names of several words
// and codes, capitalised for single words — none survives scrubbing as a
// whole word, and text naming none of them comes back unchanged.
func TestScrubProperty(t *testing.T) {
	places := []string{"Kingsmead", "Ashby", "Larkhill", "Stonebridge", "Elmstead", "Fairfield"}
	surnames := []string{"Okafor", "Whitfield", "Nakamura", "Brennan", "Lindqvist", "Chaudhry"}
	streets := []string{"Bridge Street", "Mill Lane", "Castle View", "Orchard Road"}
	filler := strings.Fields("the board is asked to fund rooms and staff for winter because demand rose again this quarter and we cannot cope")
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 3).Draw(t, "pcns")
		var docs []*pcnjson.Document
		var labels []string
		type name struct {
			text   string
			proper bool
		}
		var names []name
		for i := range n {
			place := places[(i+rapid.IntRange(0, len(places)-1).Draw(t, "place"))%len(places)]
			code := "U" + rapid.StringMatching(`[1-9][0-9]{4}`).Draw(t, "code")
			surname := surnames[rapid.IntRange(0, len(surnames)-1).Draw(t, "surname")]
			street := streets[rapid.IntRange(0, len(streets)-1).Draw(t, "street")]
			d := pcnjson.FromSnapshot(domain.Snapshot{PCN: domain.PCN{
				Code: code, Name: place + " Health PCN", Place: place, ClinicalDirector: "Dr Jo " + surname},
				Practices: []domain.Practice{{ODSCode: "Y" + code[1:], Name: street + " Surgery"}}})
			docs = append(docs, &d)
			labels = append(labels, Label(i))
			names = append(names, name{code, false}, name{place + " Health PCN", false}, name{place + " Health", false},
				name{place, true}, name{"Jo " + surname, false}, name{"Dr " + surname, false}, name{surname, true},
				name{"Y" + code[1:], false}, name{street + " Surgery", false}, name{street, false})
		}
		s := newScrubber(docs, labels)
		var words []string
		for range rapid.IntRange(0, 30).Draw(t, "words") {
			if rapid.Bool().Draw(t, "name?") {
				nm := names[rapid.IntRange(0, len(names)-1).Draw(t, "name")]
				text := nm.text
				switch c := rapid.IntRange(0, 2).Draw(t, "case"); {
				case c == 1:
					text = strings.ToUpper(text)
				case c == 2 && !nm.proper:
					text = strings.ToLower(text)
				}
				text = strings.ReplaceAll(text, " ", rapid.SampledFrom([]string{" ", "  ", "\n", "\u00a0"}).Draw(t, "space"))
				words = append(words, text)
			} else {
				words = append(words, filler[rapid.IntRange(0, len(filler)-1).Draw(t, "filler")])
			}
		}
		in := strings.Join(words, rapid.SampledFrom([]string{" ", ", ", ". "}).Draw(t, "sep"))
		code := docs[rapid.IntRange(0, n-1).Draw(t, "quoting")].PCN.Code
		out := s.scrub(code, in)
		for _, nm := range names {
			if containsWord(out, nm.text, nm.proper) {
				t.Fatalf("%q survives in\n%q\nfrom\n%q", nm.text, out, in)
			}
		}
		plain := strings.Join(filler, " ")
		if got := s.scrub(code, plain); got != plain {
			t.Fatalf("text with no names changed: %q", got)
		}
	})
}

// containsWord reports whether name occurs in text as whole words, in any
// case and spacing (proper: only where it starts with a capital).
func containsWord(text, name string, proper bool) bool {
	want := tokens(name)
	toks := tokens(text)
	for i := 0; i+len(want) <= len(toks); i++ {
		ok := true
		for k := range want {
			if toks[i+k].folded != want[k].folded {
				ok = false
				break
			}
		}
		if ok && proper {
			ok = unicode.IsUpper([]rune(text[toks[i].start:])[0])
		}
		if ok {
			return true
		}
	}
	return false
}
