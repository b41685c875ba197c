package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// ForumMarkdown renders a forum pack as a board-ready Markdown paper: a
// cover sheet from the forum's settings, an executive summary, numbered
// recommendations drafted from the consensus, the ranked themes by both
// methods and both weightings with the pairwise counts behind them,
// consensus and minority voice, the service RAG grid (status in words and
// counts beside the colour), workload, coverage, every PCN's asks and
// statement, and an appendix of the submissions with revision and digest.
//
// Every string from the pack is sanitised and escaped, so the output is
// safe on a terminal and renders alike on GitHub and in glow. In an
// anonymised pack PCNs appear by label only, the appendix included. It
// cannot fail: a report never refuses to show a merge.
func ForumMarkdown(p *pcnjson.Pack) []byte {
	v := newForumView(p)
	var b strings.Builder
	for _, section := range []func(*strings.Builder, *forumView){
		mdForumCover, mdForumSummary, mdForumChair, mdForumRecs, mdForumRanking, mdForumConsensus,
		mdForumServices, mdForumWorkforce, mdForumWorkload, mdForumChanges, mdForumCoverage, mdForumQuotes, mdForumAppendix,
	} {
		section(&b, v)
	}
	return []byte(b.String())
}

func mdForumCover(b *strings.Builder, v *forumView) {
	fmt.Fprintf(b, "# %s\n\n", MarkdownCell(v.PaperTitle))
	b.WriteString("The forum pack: what the PCNs' clinical directors agree on, what a minority holds strongly, " +
		"and the evidence behind it, for the ICS board.\n\n")
	rows := [][]string{
		{"Meeting", MarkdownCell(orNotSet(v.Forum.Name))},
		{"Date", MarkdownCell(v.MeetingDate)},
		{"Paper", MarkdownCell(v.PaperTitle)},
		{"Purpose", MarkdownCell(v.Purpose)},
		{"Session", MarkdownCell(v.Session)},
		{"Chair", MarkdownCell(orNotSet(v.Forum.Chair))},
		{"Period", MarkdownCell(v.CoverPeriod())},
		{"PCNs", MarkdownCell(countThousands(v.PCNs, "PCN", "PCNs") + ", " + wording.Thousands(v.Population) + " registered patients")},
		{"Method", MarkdownCell(v.Method + ", " + v.Weighting + ", top " + strconv.Itoa(v.Top))},
		{"Prepared", MarkdownCell(v.Prepared)},
		{"Pack digest", MarkdownCode(v.Digest)},
		{"Signatures", MarkdownCell(v.SignatureLine)},
	}
	if v.Anonymised {
		rows = append(rows, []string{"Attribution", MarkdownCell(anonymisedCover)})
	}
	b.WriteString(MarkdownTable([]string{"Cover sheet", ""}, "ll", rows))
}

func mdForumSummary(b *strings.Builder, v *forumView) {
	b.WriteString("\n## Executive summary\n\n")
	for _, line := range v.summary() {
		b.WriteString("- " + MarkdownCell(line) + "\n")
	}
}

func mdForumChair(b *strings.Builder, v *forumView) {
	if v.ChairMD == "" {
		return
	}
	b.WriteString("\n## From the chair\n\n")
	b.WriteString(v.ChairMD + "\n\n")
	fmt.Fprintf(b, "— %s\n", MarkdownCell(v.ChairSignature()))
}

func mdForumRecs(b *strings.Builder, v *forumView) {
	b.WriteString("\n## Recommendations\n\n")
	if v.Supports == 0 {
		b.WriteString(MarkdownCell(v.NoResolution()) + "\n\n")
	}
	for i, r := range v.Recs {
		marker := strconv.Itoa(i+1) + ". "
		indent := strings.Repeat(" ", len(marker))
		switch {
		case r.Verb == "SUPPORT" && len(r.Asks) == 1:
			fmt.Fprintf(b, "%s**The Board is asked to SUPPORT:** %s (%s).\n", marker, MarkdownCell(r.Asks[0].Text), MarkdownCell(r.Asks[0].By))
		default:
			fmt.Fprintf(b, "%s**The Board is asked to %s** %s\n", marker, r.Verb, MarkdownCell(r.Text))
			for k, a := range r.Asks {
				end := ";"
				if k == len(r.Asks)-1 {
					end = "."
				}
				fmt.Fprintf(b, "%s- %s (%s)%s\n", indent, MarkdownCell(a.Text), MarkdownCell(a.By), end)
			}
		}
		for _, extra := range []string{r.Why, r.Unasked} {
			if extra != "" {
				fmt.Fprintf(b, "\n%s%s\n", indent, MarkdownCell(extra))
			}
		}
		b.WriteString("\n")
	}
}

func mdForumRanking(b *strings.Builder, v *forumView) {
	b.WriteString("## The themes, ranked\n\n")
	b.WriteString(MarkdownCell(fmt.Sprintf("Ranked by the %s method, %s; %s beside it for comparison, and where each theme would stand %s. "+
		"First and top %d count the PCNs that put the theme first, and among their first %d priorities.",
		v.Method, v.Weighting, v.OtherMethod, v.OtherWeighting, v.Top, v.Top)) + "\n\n")
	rows := make([][]string, 0, len(v.Ranked))
	for _, r := range v.Ranked {
		name := MarkdownCell(r.Name)
		if r.InTop {
			name = "**" + name + "**"
		}
		rows = append(rows, []string{strconv.Itoa(r.Position), name, r.Score,
			fmt.Sprintf("%d (%s)", r.OtherPosition, r.OtherScore), strconv.Itoa(r.WeightPosition), thousandsOf(r.First), thousandsOf(r.TopN)})
	}
	header := []string{"#", "Theme", MarkdownCell(v.Method), MarkdownCell(v.OtherMethod), v.otherWeightingTitle(), "First", "Top " + strconv.Itoa(v.Top)}
	b.WriteString(MarkdownTable(header, "rlrrrrr", rows))
	b.WriteString("\n" + MarkdownCell(v.methodsLine()) + " " + MarkdownCell(v.weightingsLine()) + "\n")

	b.WriteString("\n### Head to head\n\n")
	fmt.Fprintf(b, "Each cell gives %s preferring the row's theme to the column's (columns are numbered as the rows); "+
		"**bold** where the row wins. This is what the Schulze method works from.\n\n", v.Pairwise.Unit)
	header = []string{"Theme"}
	align := "l"
	for i := range v.Pairwise.Names {
		header = append(header, strconv.Itoa(i+1))
		align += "r"
	}
	rows = rows[:0]
	for i, name := range v.Pairwise.Names {
		row := []string{strconv.Itoa(i+1) + "\\. " + MarkdownCell(name)}
		for j, c := range v.Pairwise.Cells[i] {
			if v.Pairwise.Wins[i][j] {
				c = "**" + c + "**"
			}
			row = append(row, c)
		}
		rows = append(rows, row)
	}
	b.WriteString(MarkdownTable(header, align, rows))
}

func mdForumConsensus(b *strings.Builder, v *forumView) {
	b.WriteString("\n## Consensus and minority voice\n\n")
	fmt.Fprintf(b, "Consensus means a theme is among the first %d priorities of at least two-thirds of the PCNs (%s of %s).\n\n", v.Top, thousandsOf(v.Needed), thousandsOf(v.PCNs))
	if len(v.Consensus) == 0 {
		b.WriteString("No theme reached consensus.\n")
	} else {
		rows := make([][]string, 0, len(v.Consensus))
		for _, c := range v.Consensus {
			rows = append(rows, []string{MarkdownCell(c.Name), strconv.Itoa(c.Position), thousandsOf(c.PCNs), c.Share, c.PopShare})
		}
		b.WriteString(MarkdownTable([]string{"Theme", "Rank", "PCNs", "Share of PCNs", "Share of population"}, "lrrrr", rows))
	}
	b.WriteString("\n### Minority voice\n\n")
	if len(v.Minority) == 0 {
		fmt.Fprintf(b, "Every theme a PCN put first is in the forum's top %d.\n", v.Top)
		return
	}
	fmt.Fprintf(b, "Themes some PCNs put first that are not in the forum's top %d:\n\n", v.Top)
	for _, m := range v.Minority {
		fmt.Fprintf(b, "- **%s** (ranked %s overall): first for %s: %s.\n",
			MarkdownCell(m.Name), wording.Ordinal(m.Position), countThousands(len(m.PCNs), "PCN", "PCNs"), mdList(m.PCNs))
	}
}

func mdForumServices(b *strings.Builder, v *forumView) {
	b.WriteString("\n## Service delivery\n\n")
	b.WriteString("How many PCNs report each service at each status. How to read the colours: " + EscapeMarkdown(RAGRule) + "\n\n")
	if len(v.Services) == 0 {
		b.WriteString("No services recorded.\n")
		return
	}
	header := []string{"Service"}
	for _, c := range v.Services[0].Counts {
		header = append(header, StatusEmoji(c.Status)+" "+sentence(StatusText(c.Status)))
	}
	header = append(header, "Off track")
	rows := make([][]string, 0, len(v.Services))
	for _, s := range v.Services {
		row := []string{MarkdownCell(s.Name)}
		for _, c := range s.Counts {
			row = append(row, thousandsOf(c.Count))
		}
		row = append(row, mdList(s.Red))
		rows = append(rows, row)
	}
	b.WriteString(MarkdownTable(header, "lrrrrl", rows))
}

func mdForumWorkload(b *strings.Builder, v *forumView) {
	b.WriteString("\n## Workload and infrastructure\n\n")
	if len(v.Workload) == 0 {
		b.WriteString("No workload notes.\n")
		return
	}
	fmt.Fprintf(b, "%s across the forum, %s high severity; categories with the most high-severity notes first.\n\n",
		countThousands(v.WorkloadNotes, "note", "notes"), thousandsOf(v.WorkloadHigh))
	rows := make([][]string, 0, len(v.Workload))
	for _, w := range v.Workload {
		rows = append(rows, []string{MarkdownCell(w.Name), thousandsOf(w.Notes), thousandsOf(w.High), thousandsOf(w.PCNs)})
	}
	b.WriteString(MarkdownTable([]string{"Category", "Notes", "High severity", "PCNs raising it"}, "lrrr", rows))
}

func mdForumCoverage(b *strings.Builder, v *forumView) {
	b.WriteString("\n## Coverage\n\n")
	fmt.Fprintf(b, "This pack speaks for %s serving %s registered patients.", countThousands(v.PCNs, "PCN", "PCNs"), wording.Thousands(v.Population))
	if v.Members == 0 {
		b.WriteString(" The forum's member list is not set, so who is missing cannot be shown.\n")
		return
	}
	fmt.Fprintf(b, " The forum has %s.\n\n", countThousands(v.Members, "member PCN", "member PCNs"))
	switch {
	case v.MissingN == 0:
		b.WriteString("- Every member sent a submission.\n")
	case v.Anonymised:
		fmt.Fprintf(b, "- **No submission from %s** (not named: the pack is anonymised).\n", countThousands(v.MissingN, "member", "members"))
	default:
		fmt.Fprintf(b, "- **No submission from %s:** %s.\n", countThousands(v.MissingN, "member", "members"), mdList(v.Missing))
	}
	if len(v.NonMembers) > 0 {
		fmt.Fprintf(b, "- **Counted, but not on the member list:** %s.\n", mdList(v.NonMembers))
	}
}

func mdForumQuotes(b *strings.Builder, v *forumView) {
	b.WriteString("\n## What each PCN asked, by theme\n\n")
	b.WriteString("Every priority, under its theme, in the forum's order; each names its PCN and the rank the PCN gave it.\n")
	for _, q := range v.Quotes {
		fmt.Fprintf(b, "\n### %d\\. %s\n\n", q.Position, MarkdownCell(q.Name))
		rows := make([][]string, 0, len(q.Asks))
		for _, a := range q.Asks {
			rows = append(rows, []string{MarkdownCell(a.PCN), strconv.Itoa(a.Rank), "**" + MarkdownCell(a.Title) + ":** " + MarkdownCell(a.Ask)})
		}
		b.WriteString(MarkdownTable([]string{"PCN", "Priority", "Ask"}, "lrl", rows))
	}
	b.WriteString("\n## In their own words\n\n")
	if len(v.Statements) == 0 {
		b.WriteString("No PCN wrote a statement.\n")
	}
	for _, s := range v.Statements {
		fmt.Fprintf(b, "**%s:**\n\n%s\n\n", MarkdownCell(s.PCN), quoteBlock(EscapeMarkdown(s.Text)))
	}
}

func mdForumAppendix(b *strings.Builder, v *forumView) {
	b.WriteString("\n## Appendix: the submissions\n\n")
	b.WriteString("Each submission counted, with the revision and digest that identify the file it came from, and its signature.\n\n")
	rows := make([][]string, 0, len(v.Submissions))
	for i, s := range v.Submissions {
		if v.Anonymised {
			rows = append(rows, []string{MarkdownCell(s.Label), strconv.Itoa(s.Revision), MarkdownCell(s.Period), MarkdownCell(s.Exported), MarkdownCode(s.Digest),
				v.mdSignatureCell(i)})
		} else {
			rows = append(rows, []string{MarkdownCell(s.Name), MarkdownCode(s.Code), wording.Thousands(s.Population), strconv.Itoa(s.Revision),
				MarkdownCell(s.Period), MarkdownCell(s.Exported), MarkdownCode(s.Digest), v.mdSignatureCell(i)})
		}
	}
	if v.Anonymised {
		b.WriteString(MarkdownTable([]string{"PCN", "Revision", "Period", "Exported", "Digest", "Signature"}, "lrllll", rows))
	} else {
		b.WriteString(MarkdownTable([]string{"PCN", "Code", "Population", "Revision", "Period", "Exported", "Digest", "Signature"}, "llrrllll", rows))
	}
	b.WriteString(v.mdSignatureNote())
	b.WriteString("\n### How this pack was made\n\n")
	for _, n := range v.Notes {
		b.WriteString("- " + MarkdownCell(n) + "\n")
	}
	fmt.Fprintf(b, "\nThis is a readable copy of the forum pack prepared %s by %s. The JSON pack is the record, "+
		"and can be merged again: it matches this copy when its `generated_at` is %s and its `digest` is\n\n%s\n",
		MarkdownCell(v.Prepared), MarkdownCell(orNotSet(v.Generator)), MarkdownCode(v.GeneratedAt), MarkdownCode(v.Digest))
}

// thousandsOf writes a count with separators, "1,851".
func thousandsOf(i int) string { return wording.Thousands(int64(i)) }

// mdList joins names for a table cell or list item, escaped.
func mdList(names []string) string {
	if len(names) == 0 {
		return "–"
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = MarkdownCell(n)
	}
	return strings.Join(out, ", ")
}

// quoteBlock puts escaped text in a Markdown block quote, line by line.
func quoteBlock(escaped string) string {
	lines := strings.Split(escaped, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}
