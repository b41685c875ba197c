package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// StatusClass is the CSS class that colours st in the shared stylesheet
// ("rag-green", "rag-amber", "rag-red", "rag-not-started"; "rag-unknown"
// for a status the closed set does not hold). Colour is never the only
// signal: every place that uses the class also prints StatusWord.
func StatusClass(st domain.Status) string {
	switch st {
	case domain.Green, domain.Amber, domain.Red:
		return "rag-" + string(st)
	case domain.NotStarted:
		return "rag-not-started"
	}
	return "rag-unknown"
}

// StatusWord is what a status means, in the words a board reads beside the
// colour: "on track", "at risk", "off track", "not started".
func StatusWord(st domain.Status) string {
	switch st {
	case domain.Green:
		return "on track"
	case domain.Amber:
		return "at risk"
	case domain.Red:
		return "off track"
	case domain.NotStarted:
		return "not started"
	}
	return string(st)
}

// StatusText is the status as a board reads it in one phrase, colour word
// and meaning: "green: on track", "amber: at risk", "red: off track",
// "not started".
func StatusText(st domain.Status) string {
	if st == domain.NotStarted {
		return StatusWord(st)
	}
	return st.Word() + ": " + StatusWord(st)
}

// StatusEmoji is a coloured circle for st, the only colour Markdown can
// carry; it always goes beside the status word, never alone.
func StatusEmoji(st domain.Status) string {
	switch st {
	case domain.Green:
		return "🟢"
	case domain.Amber:
		return "🟠"
	case domain.Red:
		return "🔴"
	}
	return "⚪"
}

// RAGRule states the rule behind the colours, as NHS England's "Making Data
// Count" asks: a colour alone misleads, so say what it means and show the
// numbers beside it.
const RAGRule = "Green means on track to meet the national specification this period, " +
	"amber at risk of missing it, red off track, and not started that work has not begun. " +
	"Each status is the clinical director's own judgement; the note beside it gives the reason, " +
	"and the counts are shown beside the colours because a colour alone misleads " +
	"(NHS England, Making Data Count)."

// StatusCount is how many services (or PCNs, in a forum pack) are at one status.
type StatusCount struct {
	Status domain.Status
	Count  int
}

// CountStatuses counts services by status, one entry per status of the
// closed set in domain.Statuses order (zeros included, so a table of counts
// always has the same columns), then any unknown statuses in order of first
// appearance.
func CountStatuses(services []domain.Service) []StatusCount {
	out := make([]StatusCount, len(domain.Statuses))
	for i, st := range domain.Statuses {
		out[i].Status = st
	}
next:
	for _, s := range services {
		for i := range out {
			if out[i].Status == s.Status {
				out[i].Count++
				continue next
			}
		}
		out = append(out, StatusCount{Status: s.Status, Count: 1})
	}
	return out
}

// StatusCountLine writes counts as one line, "4 green, 3 amber, 2 red, 1 not
// started", leaving out statuses with none so the line reads naturally.
func StatusCountLine(counts []StatusCount) string {
	var parts []string
	for _, c := range counts {
		if c.Count > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.Count, c.Status.Word()))
		}
	}
	if len(parts) == 0 {
		return "none recorded"
	}
	return strings.Join(parts, ", ")
}

// Percent writes part as a share of whole with one decimal, "23.9%"; a zero
// whole gives "–" rather than a division by zero.
func Percent(part, whole int64) string {
	if whole == 0 {
		return "–"
	}
	return strconv.FormatFloat(float64(part)*100/float64(whole), 'f', 1, 64) + "%"
}

// HumanTime writes an RFC 3339 time as a board paper dates things,
// "18 November 2026, 16:45 UTC"; text that does not parse is returned as
// given, because a report must never fail over a date.
func HumanTime(rfc3339 string) string {
	t, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		return rfc3339
	}
	return t.UTC().Format("2 January 2006, 15:04 UTC")
}

// HumanDate writes a YYYY-MM-DD date as "16 Nov 2026", or s as given.
func HumanDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}
