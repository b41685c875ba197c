package exportjob

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// Preview is what an export would do now, without doing it: the content as
// it would be exported, the guard's findings on it, and its revision.
type Preview struct {
	// Doc is the content in submission order, without generator, time,
	// revision or digest. Its notes and priorities keep their database
	// IDs, so a finding's path can be traced back to the record (Locate).
	Doc      pcnjson.Document
	Findings []pii.Finding
	// Last is the newest export without its document, nil if none.
	Last *domain.ExportRecord
	// Revision is the revision an export now would carry: Last's when the
	// content is unchanged (Unchanged), else the next one.
	Revision  int
	Unchanged bool
	// Notices are what the board papers would lack: a priority with no
	// ask (see Notices). They never stop an export.
	Notices []Notice
}

// Blocking reports whether the guard would block the export.
func (p Preview) Blocking() bool { return pii.Blocking(p.Findings) }

// Check reads the database's current content and scans it as Run would,
// with the member practices' postcodes allowed. It records nothing.
func Check(ctx context.Context, db *store.DB) (Preview, error) {
	s, err := db.Snapshot(ctx)
	if err != nil {
		return Preview{}, err
	}
	if s.PCN.Code == "" {
		return Preview{}, pcnjson.ErrNoPCN
	}
	postcodes, err := db.PracticePostcodes(ctx)
	if err != nil {
		return Preview{}, err
	}
	last, err := db.LastExport(ctx)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Doc: pcnjson.FromSnapshot(s), Revision: 1}
	p.Notices = Notices(&p.Doc)
	if p.Findings, err = scan(&p.Doc, postcodes); err != nil {
		return Preview{}, err
	}
	hash, err := pcnjson.ContentHash(&p.Doc)
	if err != nil {
		return Preview{}, err
	}
	if last != nil {
		last.Document = nil // the preview has no use for the old file
		p.Last, p.Revision = last, last.Revision+1
		if last.ContentHash == hash {
			p.Revision, p.Unchanged = last.Revision, true
		}
	}
	return p, nil
}

// scan runs the patient-data guard over doc as it is exported: every
// string in its JSON, names and keys as well as free text (SPEC §9), with
// the member practices' postcodes allowed.
func scan(doc *pcnjson.Document, postcodes []string) ([]pii.Finding, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("scan for patient data: %w", err)
	}
	return pii.ScanJSON("", data, pii.Options{AllowedPostcodes: postcodes})
}

// Target is the record a finding is in, named by identity rather than by
// position, so that a screen listing records in another order (notes
// newest first) still lands on the right one.
type Target struct {
	// Kind is "statement", "service", "note", "priority" or "role".
	Kind string
	// Key is a service's key; ID a note's, priority's or role's database ID.
	Key string
	ID  int64
	// Index is the record's place in the document's order (the number in
	// the path), for reading the record back from the document.
	Index int
	// Field is the member at fault: "note", "text", "title", "ask",
	// "rationale" or "statement".
	Field string
}

// pathRE reads the paths the guard gives (pii.ScanJSON): "statement",
// "services[2].note", "workload[3].text", "priorities[0].ask",
// "workforce[1].note". Compiled on first use, not at start-up (SPEC §12:
// status starts fast).
var pathRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(services|workload|priorities|workforce)\[(\d+)\]\.(\w+)$`)
})

// Locate finds the record the path of a finding on doc names. doc must be
// the document the scan ran on (Preview.Doc): positions are its order.
func Locate(doc *pcnjson.Document, path string) (Target, bool) {
	if path == "statement" {
		return Target{Kind: "statement", Field: "statement"}, true
	}
	m := pathRE().FindStringSubmatch(path)
	if m == nil {
		return Target{}, false
	}
	i, err := strconv.Atoi(m[2])
	if err != nil {
		return Target{}, false
	}
	switch m[1] {
	case "services":
		if i < len(doc.Services) {
			return Target{Kind: "service", Key: doc.Services[i].Key, Index: i, Field: m[3]}, true
		}
	case "workload":
		if i < len(doc.Workload) {
			return Target{Kind: "note", ID: doc.Workload[i].ID, Index: i, Field: m[3]}, true
		}
	case "priorities":
		if i < len(doc.Priorities) {
			return Target{Kind: "priority", ID: doc.Priorities[i].ID, Index: i, Field: m[3]}, true
		}
	case "workforce":
		if rs := doc.Roles(); i < len(rs) {
			return Target{Kind: "role", ID: rs[i].ID, Index: i, Field: m[3]}, true
		}
	}
	return Target{}, false
}

// FileName is the name an export of doc in format f is offered under:
// "riverside-health-pcn-2026-27-q3.json". It holds only lower-case
// letters, digits and dashes before the extension, so it is a safe name on
// every system whatever the PCN is called.
func FileName(doc *pcnjson.Document, f Format) string {
	base := slug(doc.PCN.Name)
	if base == "" {
		base = slug(doc.PCN.Code)
	}
	if base == "" {
		base = "submission"
	}
	if p := slug(doc.Period); p != "" {
		base += "-" + p
	}
	return base + "." + string(f)
}

// slug keeps ASCII letters and digits, lower-cased, with one dash for any
// run of anything else.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// Notice is something an export goes ahead with that the user should put
// right before a board reads it: today, a priority with no ask. Target
// names the record, for a screen to jump to.
type Notice struct {
	Msg    string
	Target Target
}

// String is the notice as one line: "priority 3 has no ask for the board".
func (n Notice) String() string { return n.Msg }

// Notices lists what doc's board papers would lack: each priority with no
// ask. A priority without one is shown in the papers as raised, never as
// a resolution ("The Board is asked to SUPPORT:" and nothing after it),
// and a forum can recommend only what was asked.
func Notices(doc *pcnjson.Document) []Notice {
	var out []Notice
	for i, p := range doc.Priorities {
		if strings.TrimSpace(p.Ask) == "" {
			out = append(out, Notice{
				Msg:    fmt.Sprintf("priority %d has no ask for the board (%q): the papers show it as raised, not as a resolution; add the ask on the Priorities screen", p.Rank, p.Title),
				Target: Target{Kind: "priority", ID: p.ID, Index: i, Field: "ask"},
			})
		}
	}
	return out
}
