package report

import (
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// summary is the executive summary, as plain sentences.
func (v *forumView) summary() []string {
	out := []string{fmt.Sprintf("%s, serving %s registered patients, sent submissions for %s.", countThousands(v.PCNs, "PCN", "PCNs"), wording.Thousands(v.Population), v.Period)}
	if v.Mixed() {
		out[0] = fmt.Sprintf("%s, serving %s registered patients, sent submissions, not all for one period: %s. The pack is for %s; the chair merged the others with it.",
			countThousands(v.PCNs, "PCN", "PCNs"), wording.Thousands(v.Population), strings.Join(v.periodParts(), "; "), v.Period)
	}
	if v.Members > 0 && v.MissingN > 0 {
		out[0] += fmt.Sprintf(" %d of the forum's %d members sent nothing.", v.MissingN, v.Members)
	}
	switch v.Supports {
	case 0:
	case 1:
		out = append(out, "The board is asked to support one resolution: the forum's asks, with the PCNs behind each (recommendation 1).")
	default:
		out = append(out, fmt.Sprintf("The board is asked to support %d resolutions: the forum's asks, with the PCNs behind each (recommendations 1–%d).", v.Supports, v.Supports))
	}
	if len(v.TopNames) > 0 {
		line := fmt.Sprintf("The forum's top %d (%s, %s): %s.", v.Top, v.Method, v.Weighting, strings.Join(v.TopNames, "; "))
		if len(v.TopTie) > 0 {
			line += fmt.Sprintf(" %s tie for %s place, so the top %d holds %d themes.", wording.List(v.TopTie), wording.Ordinal(v.TopTiePlace), v.Top, len(v.TopNames))
		}
		out = append(out, line)
	}
	if len(v.Consensus) > 0 {
		var names []string
		for _, c := range v.Consensus {
			names = append(names, c.Name)
		}
		out = append(out, fmt.Sprintf("Consensus (in the first %d priorities of at least two-thirds of PCNs): %s.", v.Top, strings.Join(names, "; ")))
	} else {
		out = append(out, "No theme reached two-thirds consensus.")
	}
	out = append(out, v.methodsLine(), v.weightingsLine())
	if len(v.Minority) > 0 {
		out = append(out, fmt.Sprintf("Minority voice: %s put first by some PCNs but outside the top %d.", countWord(len(v.Minority), "theme", "themes"), v.Top))
	}
	if worst := v.worstService(); worst != nil {
		out = append(out, fmt.Sprintf("Services: %d of %d have a PCN off track; %s most often (%s).", v.AnyRed, len(v.Services), worst.Name, countThousands(worst.Counts[2].Count, "PCN", "PCNs")))
	}
	if line := v.Workforce.summaryLine(); line != "" {
		out = append(out, line)
	}
	if v.Changes != nil {
		out = append(out, v.Changes.Summary)
	}
	if len(v.Workload) > 0 {
		out = append(out, fmt.Sprintf("Workload: %s, %s high severity; most pressing: %s.", countThousands(v.WorkloadNotes, "note", "notes"), thousandsOf(v.WorkloadHigh), v.Workload[0].Name))
	}
	return out
}

func (v *forumView) methodsLine() string {
	if v.MethodsAgree {
		return fmt.Sprintf("The %s count gives the same top %d.", v.OtherMethod, v.Top)
	}
	top := strings.Join(v.OtherMethodTop, "; ")
	switch {
	case v.MethodSettlesTie:
		return fmt.Sprintf("The %s count settles the tie for %s place: %s.", v.OtherMethod, wording.Ordinal(v.TopTiePlace), top)
	case len(v.OtherMethodTie) > 0:
		return fmt.Sprintf("The %s count would give a different top %d: %s, %s tying.", v.OtherMethod, v.Top, top, wording.List(v.OtherMethodTie))
	}
	return fmt.Sprintf("The %s count would give a different top %d: %s.", v.OtherMethod, v.Top, top)
}

func (v *forumView) weightingsLine() string {
	other := "Counted one PCN, one vote instead"
	if v.otherWeightingTitle() == "By population" {
		other = "Weighted by registered population instead"
	}
	if !v.WeightingsDisagree {
		return fmt.Sprintf("%s, the top %d is the same.", other, v.Top)
	}
	top := strings.Join(v.OtherWeightTop, "; ")
	switch {
	case v.WeightSettlesTie:
		// Only the tie differs: the other weighting breaks it.
		return fmt.Sprintf("%s, the top %d would be %s: the weighting settles the tie for %s place.", other, v.Top, top, wording.Ordinal(v.TopTiePlace))
	case len(v.OtherWeightTie) > 0:
		return fmt.Sprintf("%s, the top %d would be %s, %s tying: the weighting tips the result.", other, v.Top, top, wording.List(v.OtherWeightTie))
	}
	return fmt.Sprintf("%s, the top %d would be %s: the weighting tips the result.", other, v.Top, top)
}
