package tui

import "github.com/pcnvoice/pcnvoice/internal/tui/listscreen"

// Listing is what the active section holds, when it is a list screen, for
// the tests that check it against the database; section is its index.
func (m *Model) Listing() (section int, l listscreen.Listing, ok bool) {
	if m.phase != ready {
		return 0, l, false
	}
	l, ok = m.ListingOf(m.active)
	return m.active, l, ok
}

// ListingOf is what section i holds, when it is a list screen.
func (m *Model) ListingOf(i int) (listscreen.Listing, bool) {
	if m.phase != ready {
		return listscreen.Listing{}, false
	}
	h, ok := m.sections[i].s.(interface {
		listing() (listscreen.Listing, bool)
	})
	if !ok {
		return listscreen.Listing{}, false
	}
	return h.listing()
}

func (h *holder[S]) listing() (listscreen.Listing, bool) {
	s, ok := any(h.s).(interface{ Listing() listscreen.Listing })
	if !ok {
		return listscreen.Listing{}, false
	}
	return s.Listing(), true
}
