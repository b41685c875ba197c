package pcnjson

import (
	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// readDocument fills d from a submission's canonical form. It reads the
// canonical form rather than the file's text, so the document is a
// function of what the digest covers: two files with one digest are one
// document, however each was spelled (escapes, number forms, member
// order, white space). Names match exactly ("PCN" is not "pcn"); members
// it does not know are skipped, as SPEC §4 asks, and stay in the digest.
//
// A value of the wrong type is recorded in r.err (the first one) and
// skipped, so the caller can check the format header first and report
// the likelier problem; ok is false only if canon is not canonical JSON,
// which the canonicaliser rules out.
//
// TestDocReaderKnowsEveryMember fails when Document gains a member this
// reader does not fill. To add an optional member: a pointer field with
// omitempty in Document, a case below (as workforce has), its path in
// docReaderMembers.
func readDocument(r *docReader, d *Document) (ok bool) {
	return r.object(func(key string, keyAt int) bool {
		switch key {
		case "format":
			r.seen |= seenFormat
			return r.str("format", &d.Format)
		case "version":
			r.seen |= seenVersion
			return r.int("version", &d.Version)
		case "generator":
			return r.str("generator", &d.Generator)
		case "generated_at":
			return r.str("generated_at", &d.GeneratedAt)
		case "period":
			return r.str("period", &d.Period)
		case "revision":
			return r.int("revision", &d.Revision)
		case "pcn":
			return r.pcn(&d.PCN)
		case "practices":
			return readList(r, "practices", &d.Practices, r.practice)
		case "services":
			return readList(r, "services", &d.Services, r.service)
		case "workload":
			return readList(r, "workload", &d.Workload, r.note)
		case "priorities":
			return readList(r, "priorities", &d.Priorities, r.priority)
		case "workforce":
			// Absent or null: not reported, nil. A list, even [] or one
			// of the wrong type: reported, a pointer (as the reflective
			// reader has it).
			if r.null() {
				return true
			}
			var ws []domain.Role
			ok := readList(r, "workforce", &ws, r.role)
			d.Workforce = &ws
			return ok
		case "statement":
			return r.str("statement", &d.Statement)
		case "digest":
			r.seen |= seenDigest
			r.digestFrom = keyAt
			ok := r.str("digest", &d.Digest)
			r.digestTo = r.i
			return ok
		}
		return r.skip()
	}) && r.i == len(r.b)
}

// docReaderMembers lists what readDocument fills, as JSON paths, for the
// test that keeps it in step with Document.
var docReaderMembers = []string{
	"format", "version", "generator", "generated_at", "period", "revision",
	"pcn.code", "pcn.name", "pcn.ics", "pcn.place", "pcn.clinical_director", "pcn.population",
	"practices[].ods_code", "practices[].name", "practices[].list_size",
	"services[].key", "services[].name", "services[].status", "services[].note",
	"workload[].category", "workload[].severity", "workload[].date", "workload[].text",
	"priorities[].rank", "priorities[].theme", "priorities[].title", "priorities[].ask", "priorities[].rationale",
	"workforce[].role", "workforce[].wte_in_post", "workforce[].wte_planned", "workforce[].wte_recruiting", "workforce[].note",
	"statement", "digest",
}

func (r *docReader) pcn(p *domain.PCN) bool {
	r.list, r.index = "pcn", -1
	ok := r.record("", func(key string) bool {
		switch key {
		case "code":
			return r.str("code", &p.Code)
		case "name":
			return r.str("name", &p.Name)
		case "ics":
			return r.str("ics", &p.ICS)
		case "place":
			return r.str("place", &p.Place)
		case "clinical_director":
			return r.str("clinical_director", &p.ClinicalDirector)
		case "population":
			return r.int64("population", &p.Population)
		}
		return r.skip()
	})
	r.list = ""
	return ok
}

func (r *docReader) practice(p *domain.Practice) bool {
	return r.record("", func(key string) bool {
		switch key {
		case "ods_code":
			return r.str("ods_code", &p.ODSCode)
		case "name":
			return r.str("name", &p.Name)
		case "list_size":
			return r.int64("list_size", &p.ListSize)
		}
		return r.skip()
	})
}

func (r *docReader) service(s *domain.Service) bool {
	return r.record("", func(key string) bool {
		switch key {
		case "key":
			return r.str("key", &s.Key)
		case "name":
			return r.str("name", &s.Name)
		case "status":
			return r.str("status", (*string)(&s.Status))
		case "note":
			return r.str("note", &s.Note)
		}
		return r.skip()
	})
}

func (r *docReader) note(n *domain.Note) bool {
	return r.record("", func(key string) bool {
		switch key {
		case "category":
			return r.str("category", &n.Category)
		case "severity":
			return r.int("severity", (*int)(&n.Severity))
		case "date":
			return r.str("date", &n.Date)
		case "text":
			return r.str("text", &n.Text)
		}
		return r.skip()
	})
}

func (r *docReader) priority(p *domain.Priority) bool {
	return r.record("", func(key string) bool {
		switch key {
		case "rank":
			return r.int("rank", &p.Rank)
		case "theme":
			return r.str("theme", &p.Theme)
		case "title":
			return r.str("title", &p.Title)
		case "ask":
			return r.str("ask", &p.Ask)
		case "rationale":
			return r.str("rationale", &p.Rationale)
		}
		return r.skip()
	})
}

func (r *docReader) role(w *domain.Role) bool {
	return r.record("", func(key string) bool {
		switch key {
		case "role":
			return r.str("role", &w.Key)
		case "wte_in_post":
			return r.wte("wte_in_post", &w.InPost)
		case "wte_planned":
			return r.wte("wte_planned", &w.Planned)
		case "wte_recruiting":
			return r.wte("wte_recruiting", &w.Recruiting)
		case "note":
			return r.str("note", &w.Note)
		}
		return r.skip()
	})
}
