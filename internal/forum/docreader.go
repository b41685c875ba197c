package forum

import (
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/submission"
)

// decodeCanonical fills d from a submission's canonical form as
// json.Unmarshal would, for fastDecode. It exists because encoding/json's
// reflection and validation pass made Unmarshal half the cost of reading a
// submission. It reads only what canonical() writes — no white space,
// canonical string escapes, whole numbers — and with the keys fastDecode
// allows (lowercase ASCII, unique); it returns false on anything else,
// including every value of the wrong type, and fastDecode then leaves the
// file to submission.Decode. Members it does not know are skipped, as
// Unmarshal skips them; TestDocReaderKnowsEveryMember fails when
// submission.Document gains a member this reader does not fill.
func decodeCanonical(b []byte, d *submission.Document) bool {
	r := docReader{b: b, s: string(b)}
	ok := r.object(func(key string) bool {
		switch key {
		case "format":
			return r.str(&d.Format)
		case "version":
			return r.int(&d.Version)
		case "generator":
			return r.str(&d.Generator)
		case "generated_at":
			return r.str(&d.GeneratedAt)
		case "period":
			return r.str(&d.Period)
		case "revision":
			return r.int(&d.Revision)
		case "pcn":
			return r.pcn(&d.PCN)
		case "practices":
			return readList(&r, &d.Practices, r.practice)
		case "services":
			return readList(&r, &d.Services, r.service)
		case "workload":
			return readList(&r, &d.Workload, r.note)
		case "priorities":
			return readList(&r, &d.Priorities, r.priority)
		case "statement":
			return r.str(&d.Statement)
		case "digest":
			return r.str(&d.Digest)
		}
		return r.skip()
	})
	return ok && r.i == len(b)
}

// docReaderMembers lists what decodeCanonical fills, as JSON paths, for
// the test that keeps it in step with submission.Document.
var docReaderMembers = []string{
	"format", "version", "generator", "generated_at", "period", "revision",
	"pcn.code", "pcn.name", "pcn.ics", "pcn.place", "pcn.clinical_director", "pcn.population",
	"practices[].ods_code", "practices[].name", "practices[].list_size",
	"services[].key", "services[].name", "services[].status", "services[].note",
	"workload[].category", "workload[].severity", "workload[].date", "workload[].text",
	"priorities[].rank", "priorities[].theme", "priorities[].title", "priorities[].ask", "priorities[].rationale",
	"statement", "digest",
}

func (r *docReader) pcn(p *domain.PCN) bool {
	if r.null() {
		return true
	}
	return r.object(func(key string) bool {
		switch key {
		case "code":
			return r.str(&p.Code)
		case "name":
			return r.str(&p.Name)
		case "ics":
			return r.str(&p.ICS)
		case "place":
			return r.str(&p.Place)
		case "clinical_director":
			return r.str(&p.ClinicalDirector)
		case "population":
			return r.int64(&p.Population)
		}
		return r.skip()
	})
}

func (r *docReader) practice(p *domain.Practice) bool {
	return r.object(func(key string) bool {
		switch key {
		case "ods_code":
			return r.str(&p.ODSCode)
		case "name":
			return r.str(&p.Name)
		case "list_size":
			return r.int64(&p.ListSize)
		}
		return r.skip()
	})
}

func (r *docReader) service(s *domain.Service) bool {
	return r.object(func(key string) bool {
		switch key {
		case "key":
			return r.str(&s.Key)
		case "name":
			return r.str(&s.Name)
		case "status":
			return r.str((*string)(&s.Status))
		case "note":
			return r.str(&s.Note)
		}
		return r.skip()
	})
}

func (r *docReader) note(n *domain.Note) bool {
	return r.object(func(key string) bool {
		switch key {
		case "category":
			return r.str(&n.Category)
		case "severity":
			return r.int((*int)(&n.Severity))
		case "date":
			return r.str(&n.Date)
		case "text":
			return r.str(&n.Text)
		}
		return r.skip()
	})
}

func (r *docReader) priority(p *domain.Priority) bool {
	return r.object(func(key string) bool {
		switch key {
		case "rank":
			return r.int(&p.Rank)
		case "theme":
			return r.str(&p.Theme)
		case "title":
			return r.str(&p.Title)
		case "ask":
			return r.str(&p.Ask)
		case "rationale":
			return r.str(&p.Rationale)
		}
		return r.skip()
	})
}
