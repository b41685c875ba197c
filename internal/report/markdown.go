package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// SubmissionMarkdown renders d as a board-ready Markdown paper: cover sheet,
// the director's statement, numbered recommendations, the service status
// grid, workload themes, member practices, and the revision and digest of
// the JSON it was made from. Catalogue names (themes, categories, services
// without a name) come from cfg; nil means the shipped defaults.
//
// Every string from d is sanitised and escaped (EscapeMarkdown), so the
// output is safe to print to a terminal as it is and renders the same on
// GitHub and in glow. It cannot fail: a report never refuses to show what
// was exported.
func SubmissionMarkdown(d *pcnjson.Document, cfg *config.Config) []byte {
	return SubmissionMarkdownSince(d, nil, cfg)
}

// SubmissionMarkdownSince is SubmissionMarkdown with each service's status
// in prev — the last submission the PCN exported for an earlier period —
// beside its status now ("amber → red"). A nil prev, or one that is not
// for an earlier period, gives SubmissionMarkdown's paper.
func SubmissionMarkdownSince(d, prev *pcnjson.Document, cfg *config.Config) []byte {
	if cfg == nil {
		cfg = config.Default()
	}
	v := newView(d, cfg)
	v.since(d, prev, cfg)
	var b strings.Builder
	mdCover(&b, v)
	mdStatement(&b, v)
	mdRecommendations(&b, v)
	mdServices(&b, v)
	mdWorkforce(&b, v)
	mdWorkload(&b, v)
	mdPractices(&b, v)
	mdChecking(&b, v)
	return []byte(b.String())
}

func mdCover(b *strings.Builder, v *view) {
	fmt.Fprintf(b, "# %s\n\n", MarkdownCell(v.Title()))
	b.WriteString("One primary care network's submission to its clinical directors' forum, " +
		"for the forum's collective view to the ICS board.\n\n")
	rows := [][]string{
		{"PCN", MarkdownCell(v.PCN.Name)},
		{"PCN code", MarkdownCell(v.PCN.Code)},
		{"ICS", MarkdownCell(orNotSet(v.PCN.ICS))},
		{"Place", MarkdownCell(orNotSet(v.PCN.Place))},
		{"Clinical director", MarkdownCell(orNotSet(v.PCN.ClinicalDirector))},
		{"Period", MarkdownCell(v.Period)},
		{"Revision", strconv.Itoa(v.Revision)},
		{"Exported", MarkdownCell(v.Exported)},
		{"Submission digest", MarkdownCode(v.Digest)},
	}
	b.WriteString(MarkdownTable([]string{"Cover sheet", ""}, "ll", rows))
	b.WriteString("\n## At a glance\n\n")
	fmt.Fprintf(b, "- **Practices:** %s, %s registered patients.\n",
		countWord(len(v.Practices), "member practice", "member practices"), wording.Thousands(v.Population))
	fmt.Fprintf(b, "- **Services:** %s tracked: %s.\n", countWord(len(v.Services), "service", "services"), MarkdownCell(v.StatusLine))
	fmt.Fprintf(b, "- **Workload:** %s, %d high severity.\n", countWord(v.Notes, "note", "notes"), v.Severities[0].Count)
	switch {
	case len(v.Recs) > 0:
		fmt.Fprintf(b, "- **Priorities:** %s to the ICS board; first: %s", countWord(len(v.Recs), "ask", "asks"), MarkdownCell(v.Recs[0].Title))
		if len(v.Unasked) > 0 {
			fmt.Fprintf(b, "; %s without an ask", countWord(len(v.Unasked), "priority", "priorities"))
		}
		b.WriteString(".\n")
	case len(v.Unasked) > 0:
		fmt.Fprintf(b, "- **Priorities:** %s, none with an ask for the board yet.\n", countWord(len(v.Unasked), "priority", "priorities"))
	default:
		b.WriteString("- **Priorities:** none recorded.\n")
	}
}

func mdStatement(b *strings.Builder, v *view) {
	b.WriteString("\n## The clinical director's statement\n\n")
	if strings.TrimSpace(v.Statement) == "" {
		b.WriteString("No statement this period.\n")
		return
	}
	b.WriteString(EscapeMarkdown(v.Statement) + "\n")
}

func mdRecommendations(b *strings.Builder, v *view) {
	b.WriteString("\n## Recommendations to the board\n\n")
	if len(v.Recs) > 0 {
		b.WriteString("In the PCN's order of priority:\n\n")
	}
	for i, r := range v.Recs {
		marker := strconv.Itoa(i+1) + ". "
		indent := strings.Repeat(" ", len(marker))
		fmt.Fprintf(b, "%s**The Board is asked to SUPPORT:** %s\n\n", marker, MarkdownCell(r.Ask))
		fmt.Fprintf(b, "%s- Priority %d: %s\n", indent, r.Rank, MarkdownCell(r.Title))
		fmt.Fprintf(b, "%s- Theme: %s\n", indent, MarkdownCell(r.Theme))
		if r.Rationale != "" {
			fmt.Fprintf(b, "%s- Why: %s\n", indent, MarkdownCell(r.Rationale))
		}
		b.WriteString("\n")
	}
	if len(v.Unasked) > 0 {
		lead := "Raised"
		if len(v.Recs) > 0 {
			lead = "Also raised"
		}
		b.WriteString(lead + ", with no ask for the board yet (so not a recommendation):\n\n")
		for _, r := range v.Unasked {
			fmt.Fprintf(b, "- Priority %d: **%s** (%s)", r.Rank, MarkdownCell(r.Title), MarkdownCell(r.Theme))
			if r.Rationale != "" {
				b.WriteString(": " + MarkdownCell(r.Rationale))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	if len(v.Recs) == 0 {
		b.WriteString("The PCN makes no asks this period. The Board is asked to NOTE the position below.\n")
		return
	}
	b.WriteString("The Board is also asked to NOTE the service delivery position and the workload pressures below.\n")
}

func mdServices(b *strings.Builder, v *view) {
	b.WriteString("\n## Service delivery\n\n")
	fmt.Fprintf(b, "%s: **%s.**\n\n", countWord(len(v.Services), "service", "services"), MarkdownCell(v.StatusLine))
	b.WriteString("How to read the colours: " + EscapeMarkdown(RAGRule) + " Services are listed in the national catalogue's order.\n\n")
	statusHead := mdSince(b, v)
	if len(v.Services) == 0 {
		b.WriteString("No services recorded this period.\n")
		return
	}
	rows := make([][]string, 0, len(v.Services))
	for _, s := range v.Services {
		status := StatusEmoji(s.Status) + " " + MarkdownCell(StatusText(s.Status))
		if v.Since != nil {
			status = MarkdownCell(s.WasText()) + " → " + status
		}
		rows = append(rows, []string{MarkdownCell(s.Name), status, MarkdownCell(s.Note)})
	}
	b.WriteString(MarkdownTable([]string{"Service", statusHead, "What is behind it"}, "lll", rows))
}

func mdWorkload(b *strings.Builder, v *view) {
	b.WriteString("\n## Workload and infrastructure\n\n")
	if v.Notes == 0 {
		b.WriteString("No workload notes this period.\n")
		return
	}
	fmt.Fprintf(b, "%s from %s to %s: %d high, %d medium and %d low severity.\n\n",
		countWord(v.Notes, "note", "notes"), HumanDate(v.FirstNote), HumanDate(v.LastNote),
		v.Severities[0].Count, v.Severities[1].Count, v.Severities[2].Count)
	b.WriteString("### Notes by category\n\n")
	rows := make([][]string, 0, len(v.Categories)+1)
	for _, c := range v.Categories {
		rows = append(rows, []string{MarkdownCell(c.Name), strconv.Itoa(c.Total), strconv.Itoa(c.High), strconv.Itoa(c.Med), strconv.Itoa(c.Lo)})
	}
	rows = append(rows, []string{"**All categories**", bold(v.Notes), bold(v.Severities[0].Count), bold(v.Severities[1].Count), bold(v.Severities[2].Count)})
	b.WriteString(MarkdownTable([]string{"Category", "Notes", "High", "Medium", "Low"}, "lrrrr", rows))
	b.WriteString("\n### High-severity notes\n\n")
	if len(v.HighNotes) == 0 {
		b.WriteString("None this period.\n")
		return
	}
	for _, n := range v.HighNotes {
		fmt.Fprintf(b, "- **%s, %s:** “%s”\n", HumanDate(n.Date), MarkdownCell(n.Category), MarkdownCell(n.Text))
	}
}

func mdPractices(b *strings.Builder, v *view) {
	b.WriteString("\n## Member practices\n\n")
	fmt.Fprintf(b, "%s; registered population %s.\n\n", countWord(len(v.Practices), "practice", "practices"), wording.Thousands(v.Population))
	if len(v.Practices) == 0 {
		return
	}
	rows := make([][]string, 0, len(v.Practices)+1)
	for _, p := range v.Practices {
		rows = append(rows, []string{MarkdownCell(p.Code), MarkdownCell(p.Name), wording.Thousands(p.ListSize), p.Share})
	}
	rows = append(rows, []string{"", "**Total**", "**" + wording.Thousands(v.Population) + "**", "**" + Percent(v.Population, v.Population) + "**"})
	b.WriteString(MarkdownTable([]string{"ODS code", "Practice", "List size", "Share of population"}, "llrr", rows))
}

func mdChecking(b *strings.Builder, v *view) {
	b.WriteString("\n## Checking this copy\n\n")
	fmt.Fprintf(b, "This is a readable copy of revision %d of the PCN's submission, exported %s by %s. "+
		"The JSON submission file is the record the forum merges: it matches this copy when its "+
		"`revision` is %d, its `generated_at` is %s and its `digest` is\n\n%s\n",
		v.Revision, MarkdownCell(v.Exported), MarkdownCell(orNotSet(v.Generator)), v.Revision, MarkdownCode(v.GeneratedAt), MarkdownCode(v.Digest))
}

func bold(n int) string { return "**" + strconv.Itoa(n) + "**" }

// MarkdownCode shows s as inline code, for identifiers a reader copies
// (digests, file names). Text that a code span cannot hold safely — with a
// backtick, or a pipe that would split a table cell — falls back to
// MarkdownCell, so user text can never close the span early.
func MarkdownCode(s string) string {
	s = termtext.Line(s)
	if s == "" || strings.ContainsAny(s, "`|") {
		return MarkdownCell(s)
	}
	return "`" + s + "`"
}
