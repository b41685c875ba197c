package change

import (
	"slices"
	"strconv"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// Names gives display names for catalogue keys: the config's, in the
// callers (config.Name). A nil func shows the key itself.
type Names struct {
	Theme, Category, Role func(key string) string
}

func (n Names) theme(k string) string    { return named(n.Theme, k) }
func (n Names) category(k string) string { return named(n.Category, k) }

func named(f func(string) string, k string) string {
	if f == nil {
		return line(k)
	}
	return line(f(k))
}

// line is text from a file made safe for a terminal, on one line.
func line(s string) string { return termtext.Line(s) }

// Summary says in one phrase what changed, for the Overview: "2 services
// changed status, 1 new priority, 3 notes added". Empty changes give "".
func (c Changes) Summary() string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, wording.Plural(n, one, many))
		}
	}
	if c.PeriodChanged() {
		parts = append(parts, "period "+line(c.From.Period)+" → "+line(c.To.Period))
	}
	if c.PCN != nil && slices.ContainsFunc(c.PCN.Fields, func(f string) bool { return f != "population" }) {
		// The population alone follows from the practices' list sizes.
		parts = append(parts, "PCN details changed")
	}
	var status, note, named, addedS, removedS int
	for _, s := range c.Services {
		switch {
		case s.Change == Added:
			addedS++
		case s.Change == Removed:
			removedS++
		case s.StatusChanged():
			status++
		case has(s.Fields, "note"):
			note++
		default:
			named++
		}
	}
	add(status, "service changed status", "services changed status")
	add(note, "service note changed", "service notes changed")
	add(named, "service renamed", "services renamed")
	add(addedS, "service added", "services added")
	add(removedS, "service no longer listed", "services no longer listed")
	var newP, gone, ranked, asks, edited int
	for _, p := range c.Priorities {
		switch p.Change {
		case Added:
			newP++
		case Removed:
			gone++
		default:
			if has(p.Fields, "rank") {
				ranked++
			}
			if has(p.Fields, "ask") {
				asks++
			}
			if has(p.Fields, "theme") || has(p.Fields, "title") || has(p.Fields, "rationale") {
				edited++
			}
		}
	}
	add(newP, "new priority", "new priorities")
	add(gone, "priority removed", "priorities removed")
	add(ranked, "priority re-ranked", "priorities re-ranked")
	add(asks, "ask changed", "asks changed")
	add(edited, "priority reworded", "priorities reworded")
	add(len(c.Workload.Added), "note added", "notes added")
	add(len(c.Workload.Removed), "note removed", "notes removed")
	var pAdded, pRemoved, pChanged int
	for _, p := range c.Practices {
		switch p.Change {
		case Added:
			pAdded++
		case Removed:
			pRemoved++
		default:
			pChanged++
		}
	}
	add(pAdded, "practice added", "practices added")
	add(pRemoved, "practice removed", "practices removed")
	add(pChanged, "practice changed", "practices changed")
	if r := c.WorkforceReported; r != nil {
		parts = append(parts, map[bool]string{true: "workforce reported", false: "workforce no longer reported"}[r.Now])
	}
	add(len(c.Workforce), "workforce role changed", "workforce roles changed")
	if c.StatementChanged {
		parts = append(parts, "statement changed")
	}
	return strings.Join(parts, ", ")
}

// Lines is the changes for a person, one line each, sections headed and
// items indented, text from the documents sanitised: what `pcnvoice diff`
// prints and the app's details view shows. Empty changes give none.
func (c Changes) Lines(names Names) []string {
	var out []string
	section := func(title string, lines []string) {
		if len(lines) > 0 {
			out = append(out, title)
			out = append(out, lines...)
		}
	}
	if c.PeriodChanged() {
		out = append(out, "Period: "+line(c.From.Period)+" → "+line(c.To.Period))
	}
	if c.PCN != nil {
		section("PCN", c.pcnLines())
	}
	practices := c.practiceLines()
	if c.PCN != nil && has(c.PCN.Fields, "population") {
		practices = append(practices, item+"population "+wording.Thousands(c.PCN.Then.Population)+" → "+wording.Thousands(c.PCN.Now.Population))
	}
	section("Services", c.serviceLines())
	section("Priorities", c.priorityLines(names))
	var notes []string
	for _, n := range c.Workload.Added {
		notes = append(notes, "  added: "+noteText(n, names))
	}
	for _, n := range c.Workload.Removed {
		notes = append(notes, "  removed: "+noteText(n, names))
	}
	section("Workload notes", notes)
	section("Practices", practices)
	section("Workforce", c.roleLines(names))
	if c.StatementChanged {
		out = append(out, "Statement: changed")
	}
	return out
}

const (
	item   = "  "
	detail = "      "
)

func (c Changes) pcnLines() []string {
	var out []string
	for _, f := range c.PCN.Fields {
		if f == "population" {
			continue // with the practices, whose list sizes it sums
		}
		then, now := pcnField(c.PCN.Then, f), pcnField(c.PCN.Now, f)
		out = append(out, item+strings.ReplaceAll(f, "_", " ")+": "+quoted(then)+" → "+quoted(now))
	}
	return out
}

func pcnField(p domain.PCN, f string) string {
	switch f {
	case "code":
		return p.Code
	case "name":
		return p.Name
	case "ics":
		return p.ICS
	case "place":
		return p.Place
	}
	return p.ClinicalDirector
}

func (c Changes) serviceLines() []string {
	var out []string
	for _, s := range c.Services {
		switch s.Change {
		case Added:
			out = append(out, item+serviceName(s.Now)+": new, "+s.Now.Status.Word())
		case Removed:
			out = append(out, item+serviceName(s.Then)+": no longer listed (was "+s.Then.Status.Word()+")")
		default:
			var what []string
			if s.StatusChanged() {
				what = append(what, s.Then.Status.Word()+" → "+s.Now.Status.Word())
			}
			if has(s.Fields, "name") {
				what = append(what, "renamed from "+quoted(s.Then.Name))
			}
			if has(s.Fields, "note") {
				what = append(what, "note changed")
			}
			out = append(out, item+serviceName(s.Now)+": "+strings.Join(what, "; "))
			if has(s.Fields, "note") {
				out = append(out, detail+"was: "+orNone(s.Then.Note), detail+"now: "+orNone(s.Now.Note))
			}
		}
	}
	return out
}

func serviceName(s *domain.Service) string {
	if s.Name == "" {
		return line(s.Key)
	}
	return line(s.Name)
}

func (c Changes) priorityLines(names Names) []string {
	var out []string
	for _, p := range c.Priorities {
		switch p.Change {
		case Added:
			out = append(out, item+"new: "+priorityText(p.Now, names))
			if p.Now.Ask != "" {
				out = append(out, detail+"ask: "+line(p.Now.Ask))
			}
		case Removed:
			out = append(out, item+"removed: "+priorityText(p.Then, names))
		default:
			var what []string
			for _, f := range p.Fields {
				switch f {
				case "rank":
					what = append(what, "ranked "+strconv.Itoa(p.Then.Rank)+" → "+strconv.Itoa(p.Now.Rank))
				case "theme":
					what = append(what, "theme "+names.theme(p.Then.Theme)+" → "+names.theme(p.Now.Theme))
				case "title":
					what = append(what, "title was "+quoted(p.Then.Title))
				case "ask":
					what = append(what, "ask changed")
				case "rationale":
					what = append(what, "rationale changed")
				}
			}
			out = append(out, item+strconv.Itoa(p.Now.Rank)+". "+line(p.Now.Title)+": "+strings.Join(what, "; "))
			if has(p.Fields, "ask") {
				out = append(out, detail+"ask was: "+orNone(p.Then.Ask), detail+"ask now: "+orNone(p.Now.Ask))
			}
		}
	}
	return out
}

func priorityText(p *domain.Priority, names Names) string {
	return strconv.Itoa(p.Rank) + ". " + line(p.Title) + " (" + names.theme(p.Theme) + ")"
}

func noteText(n domain.Note, names Names) string {
	return line(n.Date) + " · " + names.category(n.Category) + " · " + n.Severity.String() + " · " + line(n.Text)
}

func (c Changes) practiceLines() []string {
	var out []string
	for _, p := range c.Practices {
		switch p.Change {
		case Added:
			out = append(out, item+"added: "+practiceText(p.Now))
		case Removed:
			out = append(out, item+"removed: "+practiceText(p.Then))
		default:
			var what []string
			if has(p.Fields, "list_size") {
				what = append(what, "list size "+wording.Thousands(p.Then.ListSize)+" → "+wording.Thousands(p.Now.ListSize))
			}
			if has(p.Fields, "name") {
				what = append(what, "renamed from "+quoted(p.Then.Name))
			}
			out = append(out, item+line(p.Now.ODSCode)+" "+line(p.Now.Name)+": "+strings.Join(what, "; "))
		}
	}
	return out
}

func practiceText(p *domain.Practice) string {
	return line(p.ODSCode) + " " + line(p.Name) + " (" + wording.Plural(int(p.ListSize), "patient", "patients") + ")"
}

// roleLines is the workforce's lines: whether it was reported, then
// each role's WTE then → now.
func (c Changes) roleLines(names Names) []string {
	var out []string
	if r := c.WorkforceReported; r != nil {
		if r.Now {
			out = append(out, item+"reported now, not reported then")
		} else {
			out = append(out, item+"not reported now (reported then)")
		}
	}
	for _, r := range c.Workforce {
		switch r.Change {
		case Added:
			out = append(out, item+named(names.Role, r.Role)+": new, "+wte(r.Now))
		case Removed:
			out = append(out, item+named(names.Role, r.Role)+": no longer listed (was "+wte(r.Then)+")")
		default:
			var what []string
			for _, f := range []struct {
				field, name string
				then, now   domain.WTE
			}{{"wte_in_post", "in post", r.Then.InPost, r.Now.InPost}, {"wte_planned", "planned", r.Then.Planned, r.Now.Planned},
				{"wte_recruiting", "recruiting", r.Then.Recruiting, r.Now.Recruiting}} {
				if has(r.Fields, f.field) {
					what = append(what, f.name+" "+f.then.Text()+" → "+f.now.Text())
				}
			}
			line := item + named(names.Role, r.Role) + ": "
			if len(what) > 0 {
				line += strings.Join(what, ", ") + " WTE"
			}
			if has(r.Fields, "note") {
				if len(what) > 0 {
					line += "; "
				}
				line += "note changed"
			}
			out = append(out, line)
			if has(r.Fields, "note") {
				out = append(out, detail+"was: "+orNone(r.Then.Note), detail+"now: "+orNone(r.Now.Note))
			}
		}
	}
	return out
}

// wte is a role's three figures: "2.6 in post, 3.0 planned, 0.4 recruiting WTE".
func wte(r *domain.Role) string {
	return r.InPost.Text() + " in post, " + r.Planned.Text() + " planned, " + r.Recruiting.Text() + " recruiting WTE"
}

func quoted(s string) string { return "“" + line(s) + "”" }

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(none)"
	}
	return line(s)
}

func has(fields []string, f string) bool { return slices.Contains(fields, f) }
