package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// recommendations numbers the paper's recommendations: first the
// resolutions the pack drafted (pcnjson.Recommendation), each the asks
// themselves with the PCNs behind them, so a board votes on what the
// forum asks and not on the name of a theme; then NOTEs for the minority
// voice (shown, not recommended), service delivery and workload.
func (v *forumView) recommendations(p *pcnjson.Pack) {
	for _, r := range p.Recommendations {
		v.Recs = append(v.Recs, v.resolution(p, r))
		if v.Recs[len(v.Recs)-1].Verb == "SUPPORT" {
			v.Supports++
		}
	}
	if len(v.Minority) > 0 {
		var parts []string
		for _, m := range v.Minority {
			parts = append(parts, fmt.Sprintf("%s (first for %s)", m.Name, countThousands(len(m.PCNs), "PCN", "PCNs")))
		}
		v.Recs = append(v.Recs, forumRec{Verb: "NOTE", Text: "the minority voice: themes some PCNs put first that are not in the forum's top " +
			fmt.Sprint(v.Top) + ": " + strings.Join(parts, "; ") + ". Their asks are quoted below; the forum does not recommend them."})
	}
	if len(v.Services) > 0 {
		text := fmt.Sprintf("the service delivery position across %s: ", countThousands(v.PCNs, "PCN", "PCNs"))
		if worst := v.worstService(); worst != nil {
			text += fmt.Sprintf("%d of %d services have at least one PCN off track; most often %s (%s of %s PCNs red).",
				v.AnyRed, len(v.Services), worst.Name, thousandsOf(worst.Counts[2].Count), thousandsOf(worst.PCNs))
		} else {
			text += "no PCN reports a service off track."
		}
		v.Recs = append(v.Recs, forumRec{Verb: "NOTE", Text: text})
	}
	if len(v.Workload) > 0 {
		w := v.Workload[0] // most high-severity notes first
		v.Recs = append(v.Recs, forumRec{Verb: "NOTE", Text: fmt.Sprintf("the workload pressures reported: %s, %s high severity; most pressing %s (%s high-severity of %s notes, from %s).",
			countThousands(v.WorkloadNotes, "note", "notes"), thousandsOf(v.WorkloadHigh), w.Name, thousandsOf(w.High), thousandsOf(w.Notes), countThousands(w.PCNs, "PCN", "PCNs"))})
	}
}

// resolution words one of the pack's recommendations.
func (v *forumView) resolution(p *pcnjson.Pack, r pcnjson.Recommendation) forumRec {
	name := clean(r.Name)
	rec := forumRec{Verb: "SUPPORT", Why: v.standing(p, r)}
	for _, a := range r.Asks {
		rec.Asks = append(rec.Asks, jointAsk{Text: clause(clean(a.Text)), By: askedBy(a.PCNs)})
	}
	var unasked []string
	for _, a := range r.Unasked {
		unasked = append(unasked, fmt.Sprintf("%s (priority %d, %s)", clean(a.PCN.Label), a.Rank, orNotSet(clean(a.Title))))
	}
	switch {
	case len(rec.Asks) == 0:
		// Never an empty resolution: the board can only note it.
		rec.Verb = "NOTE"
		rec.Text = fmt.Sprintf("that %s stands high for the forum but the PCNs behind it made no ask of the board: %s.", name, strings.Join(unasked, "; "))
		return rec
	case len(rec.Asks) > 1:
		rec.Text = fmt.Sprintf("the forum's %d asks on %s:", len(rec.Asks), name)
	}
	if len(unasked) > 0 {
		rec.Unasked = "Also behind it, with no ask for the board: " + strings.Join(unasked, "; ") + "."
	}
	return rec
}

// standing says where a recommended theme stands: "Estates is ranked 1st
// of 14 themes, a consensus theme: 6 of 8 PCNs (75.0%), serving 71.2% of
// the population covered, hold it among their first 3 priorities."
func (v *forumView) standing(p *pcnjson.Pack, r pcnjson.Recommendation) string {
	var held int
	var pop int64
	for _, sp := range p.Support {
		if sp.Theme == r.Theme {
			held, pop = sp.Top, sp.Population
		}
	}
	what := fmt.Sprintf("in the forum's top %d", v.Top)
	switch {
	case r.Consensus && r.InTop:
		what += " and a consensus theme"
	case r.Consensus:
		what = "a consensus theme"
	}
	return fmt.Sprintf("%s is ranked %s of %d themes, %s: %s of %s PCNs (%s), serving %s of the population covered, hold it among their first %d priorities.",
		clean(r.Name), wording.Ordinal(r.Position), len(v.Ranked), what, thousandsOf(held), thousandsOf(v.PCNs), Percent(int64(held), int64(v.PCNs)), Percent(pop, v.Population), v.Top)
}

// askedBy writes "asked by Riverside Health PCN" or "asked by 5 PCNs: A, B, …".
func askedBy(refs []pcnjson.Ref) string {
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = clean(r.Label)
	}
	if len(names) == 1 {
		return "asked by " + names[0]
	}
	return fmt.Sprintf("asked by %s: %s", countThousands(len(names), "PCN", "PCNs"), strings.Join(names, ", "))
}

// clause makes an ask read on from "The Board is asked to SUPPORT:": its
// first word lower-cased when that is an ordinary capitalised word
// ("Fund" becomes "fund"; "NHS", "ICB" and "I" stay), and one final full
// stop dropped, since the PCNs behind it follow in brackets.
func clause(ask string) string {
	ask = strings.TrimSpace(ask)
	ask = strings.TrimSuffix(ask, ".")
	end := strings.IndexFunc(ask, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(ask)
	}
	word := ask[:end]
	first, size := utf8.DecodeRuneInString(word)
	rest := word[size:]
	if size > 0 && unicode.IsUpper(first) && rest != "" && strings.ToLower(rest) == rest {
		return string(unicode.ToLower(first)) + ask[size:]
	}
	return ask
}

// periods groups the PCNs by the period they sent: the pack's period
// first, then the others as the submissions list (in code order) meets
// them. One group is the usual case.
func (v *forumView) periods(p *pcnjson.Pack) {
	at := map[string]int{}
	for _, e := range p.Submissions {
		per := clean(e.Period)
		if q, err := domain.ParsePeriod(e.Period); err == nil {
			per = q.String()
		}
		i, ok := at[per]
		if !ok {
			i = len(v.Periods)
			at[per] = i
			v.Periods = append(v.Periods, periodGroup{Period: per})
		}
		label := clean(e.Label)
		if !p.Anonymised {
			label = clean(e.Name)
		}
		v.Periods[i].PCNs = append(v.Periods[i].PCNs, label)
	}
	main := at[v.Period]
	if main != 0 {
		v.Periods[0], v.Periods[main] = v.Periods[main], v.Periods[0]
	}
}

// Mixed reports whether the submissions are for more than one period.
func (v *forumView) Mixed() bool { return len(v.Periods) > 1 }

// periodParts says how many PCNs sent each period, naming those that
// sent another than the pack's: "8 for 2026/27 Q3", "1 for 2026/27 Q4
// (Northgate PCN)".
func (v *forumView) periodParts() []string {
	var parts []string
	for i, g := range v.Periods {
		part := fmt.Sprintf("%s for %s", thousandsOf(len(g.PCNs)), g.Period)
		if i > 0 {
			part += " (" + strings.Join(g.PCNs, ", ") + ")"
		}
		parts = append(parts, part)
	}
	return parts
}

// CoverPeriod is the cover sheet's period: the pack's, and when the
// submissions were for more than one, which PCNs sent which.
func (v *forumView) CoverPeriod() string {
	if !v.Mixed() {
		return v.Period
	}
	return v.Period + " — mixed periods: " + strings.Join(v.periodParts(), "; ")
}

// NoResolution is what the recommendations say when no ask stands behind
// the forum's top or its consensus.
func (v *forumView) NoResolution() string {
	return fmt.Sprintf("No PCN behind the forum's top %d or its consensus made an ask of the board, so the forum puts no resolution this period.", v.Top)
}

// ChairKeep reports whether the chair's words are short enough (half a
// page or so) to print whole on one page rather than start at a page's
// foot with a line or two under their heading.
func (v *forumView) ChairKeep() bool { return len(v.ChairMD) < 2000 }

// ChairSignature signs the chair's words: "Dr Sam Okafor, chair, North
// Example PCN Forum".
func (v *forumView) ChairSignature() string {
	who := v.Forum.Chair
	if who == "" {
		who = "The chair"
	}
	if v.Forum.Name != "" {
		return who + ", chair, " + v.Forum.Name
	}
	return who + ", chair of the forum"
}

// anonymisedCover is the cover sheet's attribution line in an anonymised
// pack; what anonymising hides and what it does not is in the appendix.
const anonymisedCover = "Anonymised: PCNs are named PCN A, PCN B, … in order of PCN code, and their names, places, directors and practices are taken out of quoted text. " +
	"What this does and does not hide: see \"How this pack was made\" in the appendix."
