package forum

import (
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// notes explains, in the pack itself, the rules behind each section, so a
// board member or a script reading the pack a year later need not guess.
func notes(opt Options, p *pcnjson.Pack) []string {
	var n []string
	switch opt.Method {
	case rank.Borda:
		n = append(n, "Ranking: Borda count. On each ballot a theme scores one point for every theme ranked below it and half a point for every theme tied with it; score is the total.")
	default:
		n = append(n, "Ranking: Schulze method (Condorcet-consistent). Score is the number of other themes a theme beats by strongest path; tied themes share a position.")
	}
	weight := "one PCN, one vote"
	if opt.Weight == Population {
		weight = "each ballot weighs its PCN's registered population"
	}
	n = append(n, fmt.Sprintf("Ballots: one per PCN (its highest revision), %s. A theme's rank on a ballot is the rank of the PCN's best priority in it; themes a PCN did not rank tie below those it did.", weight))
	n = append(n, fmt.Sprintf("Weightings: the top %d is worked out both one PCN, one vote and weighted by registered population, and the pack says whether the two put different themes in it (weightings_disagree in the JSON).", opt.Top))
	n = append(n, fmt.Sprintf("Consensus: themes among the first %d priorities (rank %d or better) of at least two-thirds of the ballots (%d of %d), counting PCNs whatever the weighting.",
		opt.Top, opt.Top, p.Consensus.Needed, p.Consensus.Ballots))
	n = append(n, fmt.Sprintf("Minority voice: themes some PCN ranks first that are not in the forum's top %d, with the PCNs that hold them.", opt.Top))
	n = append(n, workforceNote(p.Workforce))
	if opt.Anonymise {
		n = append(n, "Anonymised: quotes, recommendations, minority voice, red services and non-members name PCNs by labels (PCN A, PCN B, …) given in order of PCN code. "+
			"In quoted text, every counted PCN's code and name (in any case, with short forms such as the name without \"PCN\") become its label; its place becomes [place]; "+
			"its clinical director (full name, surname, or surname with a title) becomes \"the clinical director\"; its practices' names (and short forms) and ODS codes become \"a member practice\". "+
			"Words are matched whole; a single word (a place, a surname) only where it is written capitalised. "+
			"Not hidden: first names alone, nicknames and abbreviations, streets, other staff, and any other detail in free text; the papers list missing members as a count. "+
			"The submissions list and the embedded submissions still identify every PCN, so that the pack can be checked and merged again: share the Markdown or HTML rendering, not the JSON pack, where anonymity matters.")
	}
	if c := p.Changes; c != nil {
		n = append(n, fmt.Sprintf("Changes: since the forum's pack for %s (digest %s). A theme's movement is its position then less its position now (up when positive). "+
			"Per service, worse and better count the PCNs in both packs whose status moved on the scale green, amber, red (a move to or from not started is neither); went red are those red now and not then. "+
			"Workload and workforce set each pack's own figures side by side. The previous pack's figures are kept in changes.baseline, so merging this pack again compares with the same pack.",
			c.Since.Period, c.Since.Digest))
	}
	if p.Coverage.Members > 0 {
		n = append(n, fmt.Sprintf("Coverage: against the %d member PCNs in the forum's settings; submissions from other PCNs are counted and listed as non-members.", p.Coverage.Members))
	}
	return n
}
