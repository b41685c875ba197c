package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The print check's rules, as pure functions of what poppler reads from a
// printed paper (print_e2e_test.go runs Chromium and poppler and feeds
// them); TestPrintRulesCatch shows each rule catching the fault it is for.

func fold(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\f", " ")), " ")
}

var footerRE = regexp.MustCompile(`^Page \d+ of \d+$`)

// headingAt reports whether lines[i:] begin with a heading (which may wrap
// over lines), and on which line it ends.
func headingAt(lines []string, i int, headings []string) (end int, ok bool) {
	for _, h := range headings {
		acc := ""
		for j := i; j < len(lines); j++ {
			if acc == "" {
				acc = lines[j]
			} else {
				acc += " " + lines[j]
			}
			if acc == h {
				return j, true
			}
			if !strings.HasPrefix(h, acc+" ") || len(lines[i]) < 8 {
				break
			}
		}
	}
	return 0, false
}

// pageProblems checks page i of pages, its lines as pdftotext -layout
// reads them (spaces folded, blank lines dropped): a footer and more than
// the footer; not headings alone; every heading followed on the page by
// its section's body up to the next heading, or, when the page ends first,
// by at least two lines of it (a heading above one line of a paragraph
// whose rest is overleaf, or above a table's header alone, is stranded).
func pageProblems(i, pages int, lines, headings []string) []string {
	var out []string
	var body []string
	footer := false
	for _, l := range lines {
		if footerRE.MatchString(l) {
			footer = true
			continue
		}
		body = append(body, l)
	}
	if !footer {
		out = append(out, fmt.Sprintf("page %d has no footer (page number)", i))
	}
	if len(body) == 0 {
		return append(out, fmt.Sprintf("page %d holds only its footer", i))
	}
	onlyHeadings := true
	for k := 0; k < len(body); k++ {
		end, ok := headingAt(body, k, headings)
		if !ok {
			onlyHeadings = false
			continue
		}
		read, next := 0, false
		for j := end + 1; j < len(body); j++ {
			if _, h := headingAt(body, j, headings); h {
				next = true
				break
			}
			read++
		}
		if read == 0 || !next && read < 2 {
			out = append(out, fmt.Sprintf("page %d of %d: heading %q has %d lines after it on the page", i, pages, strings.Join(body[k:end+1], " "), read))
		}
		k = end
	}
	if onlyHeadings {
		out = append(out, fmt.Sprintf("page %d holds only a heading: %q", i, body))
	}
	return out
}

// geometryProblems reads every word's box (pdftotext -bbox output): each
// must lie inside the page's printable area (A4 less its 15 mm side
// margins: a word beyond is cut off, as a chart label too wide for its
// column was), and every page but the last must be filled at least 60% of
// the way down (a page of text reaches 94%, its bottom margin).
func geometryProblems(bbox string) []string {
	var out []string
	pageRE := regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordRE := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	parts := pageRE.Split(bbox, -1)[1:]
	sizes := pageRE.FindAllStringSubmatch(bbox, -1)
	const mm = 72 / 25.4
	for i, part := range parts {
		w, _ := strconv.ParseFloat(sizes[i][1], 64)
		h, _ := strconv.ParseFloat(sizes[i][2], 64)
		left, right := 15*mm-1, w-15*mm+1
		lowest := 0.0
		for _, m := range wordRE.FindAllStringSubmatch(part, -1) {
			x0, _ := strconv.ParseFloat(m[1], 64)
			x1, _ := strconv.ParseFloat(m[3], 64)
			y1, _ := strconv.ParseFloat(m[4], 64)
			if y1 > h-17*mm {
				continue // the footer, in the page's bottom margin
			}
			if x0 < left || x1 > right {
				out = append(out, fmt.Sprintf("page %d: %q runs outside the printable area (x %.0f–%.0f of %.0f–%.0f)", i+1, html.UnescapeString(m[5]), x0, x1, left, right))
			}
			lowest = max(lowest, y1)
		}
		if i < len(parts)-1 && lowest < 0.6*h {
			out = append(out, fmt.Sprintf("page %d of %d is mostly empty: its text ends %.0f%% of the way down", i+1, len(parts), 100*lowest/h))
		}
	}
	return out
}

// nameProblems: every name appears in the paper's text (pdftotext -raw,
// spaces folded) in full, and no part of one is cut short with "…" (as
// "Care-home residents offered vaccinat…" was in a chart).
func nameProblems(all string, names []string) []string {
	var out []string
	all = fold(all)
	for _, n := range names {
		if !strings.Contains(all, fold(n)) {
			out = append(out, fmt.Sprintf("%q is not in the printed paper in full", n))
		}
		r := []rune(n)
		for k := 8; k < len(r); k++ {
			if strings.Contains(all, string(r[:k])+"…") {
				out = append(out, fmt.Sprintf("%q is cut short: %q", n, string(r[:k])+"…"))
				break
			}
		}
	}
	return out
}

// TestPrintRulesCatch feeds the print check's rules the faults issue #17
// found in printed papers, and papers without them.
func TestPrintRulesCatch(t *testing.T) {
	headings := []string{"What each PCN asked, by theme", "1. Workforce (32 priorities)", "Checking this copy"}
	for _, tc := range []struct {
		name  string
		lines []string
		want  string // a problem containing this; "" for none
	}{
		{"a full page", []string{"What each PCN asked, by theme", "Every priority, under its theme,", "in the forum's order.",
			"1. Workforce (32 priorities)", "PCN Priority Ask", "Riverside 1 Fund rooms.", "Page 3 of 9"}, ""},
		{"heading at the foot, its sentence split", []string{"Workforce 102 45 34", "What each PCN asked, by theme",
			"Every priority, under its theme, in the forum's order; each names its PCN and the rank the PCN gave", "Page 8 of 34"}, "has 1 lines after it"},
		{"heading above its table's header alone", []string{"Some text.", "1. Workforce (32 priorities)", "PCN Priority Ask", "Page 8 of 34"}, "has 1 lines after it"},
		{"heading last on the page", []string{"Some text.", "More text.", "1. Workforce (32 priorities)", "Page 8 of 34"}, "has 0 lines after it"},
		{"a wrapped heading last", []string{"Some text.", "More text.", "What each PCN asked,", "by theme", "Page 8 of 34"}, "has 0 lines after it"},
		{"only a heading", []string{"Checking this copy", "Page 12 of 12"}, "holds only a heading"},
		{"only the footer", []string{"Page 12 of 12"}, "holds only its footer"},
		{"no footer", []string{"Some text.", "More text."}, "no footer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(pageProblems(8, 34, tc.lines, headings), "\n")
			if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("problems %q, want one with %q", got, tc.want)
			}
		})
	}

	word := func(x0, y1 float64, w string) string {
		return fmt.Sprintf(`<word xMin="%.1f" yMin="%.1f" xMax="%.1f" yMax="%.1f">%s</word>`, x0, y1-10, x0+40, y1, w)
	}
	page := `<page width="595.3" height="841.9">`
	full := page + word(50, 100, "a") + word(50, 780, "z") + word(540, 820, "Page 1 of 2")
	for _, tc := range []struct {
		name, bbox, want string
	}{
		{"full pages", full + full, ""},
		{"a half-empty page", page + word(50, 100, "a") + word(50, 420, "b") + full, "page 1 of 2 is mostly empty: its text ends 50%"},
		{"a label cut at the left edge", page + word(20, 300, "vaccinat") + word(50, 780, "z") + full, `"vaccinat" runs outside`},
		{"a word past the right edge", page + word(530, 300, "inequalities") + word(50, 780, "z") + full, `"inequalities" runs outside`},
		{"the last page may be short", full + page + word(50, 100, "end"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(geometryProblems(tc.bbox), "\n")
			if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("problems %q, want one with %q", got, tc.want)
			}
		})
	}

	names := []string{"Care-home residents offered vaccinations", "Tackling neighbourhood health inequalities"}
	if got := nameProblems("Care-home residents offered\nvaccinations 8 Tackling neighbourhood health inequalities", names); got != nil {
		t.Errorf("whole names flagged: %q", got)
	}
	got := strings.Join(nameProblems("Care-home residents offered vaccinat… 8 Care-home residents offered vaccinations", names), "\n")
	for _, want := range []string{`"Care-home residents offered vaccinations" is cut short`, `"Tackling neighbourhood health inequalities" is not in the printed paper`} {
		if !strings.Contains(got, want) {
			t.Errorf("problems %q lack %q", got, want)
		}
	}
}
