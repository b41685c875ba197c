package forum

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

func TestJoinAsks(t *testing.T) {
	ask := func(code string, rank int, text string) askBy {
		return askBy{code: code, rank: rank, quoted: pcnjson.Ask{PCN: pcnjson.Ref{Label: code}, Rank: rank, Title: "t" + code, Ask: text}}
	}
	// show writes joint asks as "text <- A,B | …" and unasked as "-code".
	show := func(joint []pcnjson.JointAsk, unasked []pcnjson.Ask) string {
		var parts []string
		for _, j := range joint {
			var who []string
			for _, r := range j.PCNs {
				who = append(who, r.Label)
			}
			parts = append(parts, j.Text+" <- "+strings.Join(who, ","))
		}
		for _, u := range unasked {
			parts = append(parts, "-"+u.PCN.Label)
		}
		return strings.Join(parts, " | ")
	}
	tests := []struct {
		name string
		in   []askBy
		want string
	}{
		{"the same words merge, whatever the spacing and case",
			[]askBy{ask("U3", 1, "Fund rooms."), ask("U1", 2, "fund  rooms."), ask("U2", 3, "FUND ROOMS.")},
			"Fund rooms. <- U1,U2,U3"},
		{"different words are listed, most PCNs first",
			[]askBy{ask("U1", 1, "Fund rooms."), ask("U2", 1, "Lease the hub."), ask("U3", 2, "Lease the hub.")},
			"Lease the hub. <- U2,U3 | Fund rooms. <- U1"},
		{"ties: the best rank, then the first code",
			[]askBy{ask("U2", 2, "B."), ask("U1", 2, "A."), ask("U3", 1, "C.")},
			"C. <- U3 | A. <- U1 | B. <- U2"},
		{"the wording most typed, not in capitals",
			[]askBy{ask("U1", 1, "FUND ROOMS"), ask("U2", 2, "fund rooms"), ask("U3", 3, "Fund rooms"), ask("U4", 3, "Fund  rooms")},
			"Fund rooms <- U1,U2,U3,U4"},
		{"one PCN asking twice counts once",
			[]askBy{ask("U1", 1, "Fund rooms."), ask("U1", 3, "Fund rooms.")},
			"Fund rooms. <- U1"},
		{"an empty ask is never a resolution",
			[]askBy{ask("U1", 1, ""), ask("U2", 2, "  \n "), ask("U3", 1, "Fund rooms.")},
			"Fund rooms. <- U3 | -U1 | -U2"},
		{"nothing", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(joinAsks(tt.in)); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestRecommendations merges a forum whose answer is known: estates is in
// everyone's first three, workforce in the top but asked for in two ways,
// access in the top with no ask behind it, and mental health a minority
// voice (first for one PCN, outside the top).
func TestRecommendations(t *testing.T) {
	snap := func(code string, themes ...string) forumtest.File {
		s := forumtest.Simple(code, 1000, themes...)
		for i := range s.Priorities {
			p := &s.Priorities[i]
			switch p.Theme {
			case "estates":
				p.Ask = "Fund modular consulting rooms for additional-role staff."
			case "workforce":
				p.Ask = map[bool]string{true: "Fund GP supervision.", false: "fund GP  supervision."}[code < "U10003"]
				if code == "U10004" {
					p.Ask = "Underwrite two physiotherapists."
				}
			case "access":
				p.Ask = ""
			}
		}
		return fromSnapshot(code+".json", s, 1)
	}
	files := []forumtest.File{
		snap("U10001", "estates", "workforce", "access"),
		snap("U10002", "estates", "access", "workforce"),
		snap("U10003", "workforce", "estates", "access"),
		snap("U10004", "workforce", "access", "estates"),
		snap("U10005", "mental-health", "estates", "workforce", "access"),
	}
	p, _, err := Merge(read(t, files...), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Recommendations {
		line := fmt.Sprintf("%s top=%v consensus=%v:", r.Theme, r.InTop, r.Consensus)
		for _, a := range r.Asks {
			var who []string
			for _, ref := range a.PCNs {
				who = append(who, ref.Code)
			}
			line += fmt.Sprintf(" [%s <- %s]", a.Text, strings.Join(who, ","))
		}
		for _, u := range r.Unasked {
			line += fmt.Sprintf(" unasked %s/%d", u.PCN.Code, u.Rank)
		}
		got = append(got, line)
	}
	want := []string{
		"estates top=true consensus=true: [Fund modular consulting rooms for additional-role staff. <- U10001,U10002,U10003,U10004,U10005]",
		// Two wordings, each typed twice: the one ranked highest (U10003's first) is shown.
		"workforce top=true consensus=true: [fund GP supervision. <- U10001,U10002,U10003,U10005] [Underwrite two physiotherapists. <- U10004]",
		"access top=true consensus=true: unasked U10002/2 unasked U10004/2 unasked U10001/3 unasked U10003/3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("recommendations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, r := range p.Recommendations {
		if r.Theme == "mental-health" {
			t.Errorf("a minority theme was recommended: %+v", r)
		}
	}
	if len(p.Minority) != 1 || p.Minority[0].Theme != "mental-health" {
		t.Errorf("minority %+v", p.Minority)
	}
}
