package services

import (
	"context"
	"fmt"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// The trail (SPEC §10): each service's status in the last four periods
// the PCN exported — each period's last export, its final word — oldest
// first, so a director sees "amber, amber, amber, red" before the board
// does. The list shows it in short words, each in its colour ("amb amb
// amb red"); the selected service's detail spells it out with the periods.

// trailPeriods is how many exported periods the trail shows.
const trailPeriods = 4

// trailW fits four short words and the spaces between them.
const trailW = 4*3 + 3

// trailFrom is the least row width that has room for the trail column:
// below it, the status, name and note keep the room they had.
const trailFrom = 60

// history is the exported periods, oldest first, and each one's status
// of every service by key.
type history struct {
	periods  []string
	statuses []map[string]domain.Status
}

// loadHistory reads the last exports of the newest periods, through the
// one decoder.
func loadHistory(ctx context.Context, db *store.DB) (history, error) {
	var h history
	recs, err := db.PeriodExports(ctx, trailPeriods)
	if err != nil {
		return h, err
	}
	for i := len(recs) - 1; i >= 0; i-- {
		doc, _, err := pcnjson.Decode(fmt.Sprintf("revision %d", recs[i].Revision), recs[i].Document)
		if err != nil {
			return h, fmt.Errorf("read the history for the services' trail: %w", err)
		}
		byKey := make(map[string]domain.Status, len(doc.Services))
		for _, s := range doc.Services {
			byKey[s.Key] = s.Status
		}
		h.periods = append(h.periods, termtext.Line(doc.Period))
		h.statuses = append(h.statuses, byKey)
	}
	return h, nil
}

// trailOf is a service's statuses in h's periods, "" where a period's
// submission did not list it.
func (h history) trailOf(key string) []domain.Status {
	out := make([]domain.Status, len(h.periods))
	for i, m := range h.statuses {
		out[i] = m[key]
	}
	return out
}

// short is a status in three letters, for the trail column.
func short(s domain.Status) string {
	switch s {
	case domain.Green:
		return "grn"
	case domain.Amber:
		return "amb"
	case domain.Red:
		return "red"
	case domain.NotStarted:
		return "n/s"
	case "":
		return " · "
	}
	return "???"
}

// trailCell draws a row's trail, each status in its colour, the newest
// period last, padded on the left so the newest line up.
func trailCell(com common.Common, r row) string {
	if len(r.periods) == 0 {
		return strings.Repeat(" ", trailW) // the detail says why
	}
	parts := make([]string, len(r.trail))
	for i, s := range r.trail {
		parts[i] = com.Styles.Status(s).Render(short(s))
		if s == "" {
			parts[i] = com.Styles.Subtle.Render(short(s))
		}
	}
	pad := trailW - 4*len(parts) + 1
	return strings.Repeat(" ", max(pad, 0)) + strings.Join(parts, " ")
}

// trailText spells a row's trail out, for the detail: "2025/26 Q4 amber
// → 2026/27 Q1 amber → … · now red".
func trailText(r row) string {
	if len(r.periods) == 0 {
		return "Not exported yet: once it is, each export's status shows here."
	}
	parts := make([]string, len(r.trail))
	for i, s := range r.trail {
		w := s.Word()
		if s == "" {
			w = "not listed"
		}
		parts[i] = r.periods[i] + " " + w
	}
	return "Exported: " + strings.Join(parts, " → ") + " · now " + r.s.Status.Word()
}

// legend says what the trail's short words mean.
const legend = "grn green · amb amber · red red · n/s not started · · not listed"
