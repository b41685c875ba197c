package overview

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// Moving on to a new period is the director's explicit act (SPEC §2): the
// database stays in the quarter its data is in until they say so. The
// overview offers it with n, asks first, and says when the calendar has
// moved past the database's period.

// nextPeriod is the quarter after the database's, and whether it is known.
func (m Model) nextPeriod() (domain.Period, bool) {
	p, err := domain.ParsePeriod(m.data.sum.Period)
	if err != nil {
		return domain.Period{}, false
	}
	return p.Next(), true
}

// behind reports whether today falls in a later period than the database's.
func (m Model) behind() bool {
	p, err := domain.ParsePeriod(m.data.sum.Period)
	return err == nil && p.Before(domain.PeriodOf(m.com.Now()))
}

// periodKey handles n and the y/n question that follows it.
func (m Model) periodKey(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	km := m.com.Keys
	switch {
	case m.askPeriod:
		m.askPeriod = false
		if next, ok := m.nextPeriod(); ok && key.Matches(msg, km.Yes) {
			return m, m.startPeriod(next), true
		}
		return m, nil, true
	case key.Matches(msg, km.NewPeriod) && m.loaded && m.data.pcn.Code != "":
		_, m.askPeriod = m.nextPeriod()
		return m, nil, true
	}
	return m, nil, false
}

// startPeriod moves the database on, adding the services the catalogue
// has for the new financial year as not started; nothing is dropped.
func (m Model) startPeriod(next domain.Period) tea.Cmd {
	var active []domain.Service
	for _, e := range m.com.Config.ActiveServices(next.Year) {
		active = append(active, domain.Service{Key: e.Key, Name: e.Name, Status: domain.NotStarted})
	}
	db := m.com.DB
	return m.com.Writer.Do(tag, "now in "+next.String(), func(ctx context.Context) (any, error) {
		return nil, db.StartPeriod(ctx, next, active)
	})
}

// periodQuestion is the y/n line shown while n waits for an answer.
func (m Model) periodQuestion() string {
	next, _ := m.nextPeriod()
	q := "Move on to " + next.String() + "? (services are kept; new ones added)  y = yes · n = no"
	return m.com.Styles.Confirm.Render(common.Truncate(q, m.com.Width))
}
