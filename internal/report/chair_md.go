package report

import (
	"strconv"
	"strings"
)

// The chair's words in the Markdown paper, written from the parsed tree
// (chair.go), every piece of text escaped; chair_mdcheck.go decides what
// may keep its form.

// ChairMarkdown renders the chair's Markdown for the Markdown paper: the
// same blocks and emphasis, written again as Markdown whose every piece of
// text is escaped (EscapeMarkdown's rules), headings as "###". What cannot
// be written back exactly safely loses its form, never its words: an
// emphasis that would not parse as one again is written as plain text.
func ChairMarkdown(md string) string {
	lines := mdChairBlocks(parseChair(md))
	return strings.Join(lines, "\n")
}

// mdChairBlocks writes blocks as lines, a blank line between blocks.
func mdChairBlocks(blocks []chairBlock) []string {
	var out []string
	for _, bl := range blocks {
		lines := mdChairBlock(bl) // none for a block of only white space
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

func mdChairBlock(bl chairBlock) []string {
	switch bl.kind {
	case chairPara:
		return mdParagraph(bl.inl)
	case chairHeading:
		line := strings.Join(strings.Fields(mdInlines(bl.inl)), " ")
		if !sameWords("### "+line, bl.inl) {
			line = strings.Join(strings.Fields(mdInlines(plainInlines(bl.inl))), " ")
		}
		if line == "" {
			return nil
		}
		return []string{"### " + line}
	case chairBullets, chairNumbered:
		var out []string
		n := 0
		for _, item := range bl.items {
			var lines []string
			if bl.tight {
				lines = tightItem(item)
			} else {
				lines = mdChairBlocks(item)
			}
			// An item with no words is left out: an empty item then a blank
			// line ends the list for goldmark but not for CommonMark
			// (GitHub), so it cannot be written to read back alike.
			if len(lines) == 0 {
				continue
			}
			marker := "- "
			if bl.kind == chairNumbered {
				marker = strconv.Itoa(bl.start+n) + ". "
			}
			if n > 0 && !bl.tight {
				out = append(out, "")
			}
			n++
			pad := strings.Repeat(" ", len(marker))
			for k, l := range lines {
				switch {
				case k == 0:
					out = append(out, strings.TrimRight(marker+l, " "))
				case l == "":
					out = append(out, "")
				default:
					out = append(out, pad+l)
				}
			}
		}
		return out
	case chairQuote:
		var out []string
		for _, l := range mdChairBlocks(bl.kids) {
			out = append(out, strings.TrimRight("> "+l, " "))
		}
		return out
	case chairCode:
		fence := strings.Repeat("`", max(3, longestRun(bl.text, '`')+1))
		return append(append([]string{fence}, strings.Split(bl.text, "\n")...), fence)
	case chairRule:
		return []string{"---"}
	}
	return nil
}

// tightItem writes a tight list item's blocks without blank lines between
// them, as a tight list reads back.
func tightItem(item []chairBlock) []string {
	var out []string
	for i, bl := range item {
		lines := mdChairBlock(bl)
		if len(lines) == 0 {
			continue // an item must not start with a blank line (see mdChairBlocks)
		}
		if i > 0 && bl.kind != chairPara && out != nil && item[i-1].kind != chairPara {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// mdParagraph writes a paragraph's inlines, one line per hard break, each
// line safe at the start of a line.
func mdParagraph(inl []chairInline) []string {
	lines := mdLines(inl)
	// Emphasis is where Markdown written back can read otherwise than the
	// chair's did (runs of "*" merging with their neighbours): read the
	// paragraph back, and if its words differ, write it without emphasis.
	if len(lines) > 0 && !sameWords(strings.Join(lines, "\n"), inl) {
		lines = mdLines(plainInlines(inl))
	}
	return lines
}

// mdLines writes a paragraph's inlines, one line per hard break, each line
// safe at the start of a line.
func mdLines(inl []chairInline) []string {
	var lines []string
	var cur []chairInline
	flush := func(last bool) {
		line := strings.TrimSpace(mdInlines(cur))
		line = escapeLineStart(line)
		if !last {
			// Two spaces, not a backslash: goldmark reads an escaped backslash
			// then a breaking one as two backslashes and no break.
			line += "  "
		}
		lines = append(lines, line)
		cur = nil
	}
	for k, in := range inl {
		if in.kind == chairBreak {
			if k < len(inl)-1 {
				flush(false)
			}
			continue
		}
		cur = append(cur, in)
	}
	flush(true)
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	return lines
}
