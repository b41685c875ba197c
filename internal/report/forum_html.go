package report

import (
	"fmt"
	"html/template"
	"sync"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// forumPage is the forum paper's template, parsed on first use and shared.
var forumPage = sync.OnceValues(func() (*template.Template, error) {
	return NewPage(mustRead("templates/forum.tmpl")+mustRead("templates/forum_signatures.tmpl")+mustRead("templates/workforce.tmpl")+mustRead("templates/changes.tmpl"), template.FuncMap{
		"ordinal": wording.Ordinal, "add": func(a, b int) int { return a + b },
		"n": thousandsOf, "countN": countThousands, "sentence": sentence,
		"anonymisedCover":    func() string { return anonymisedCover },
		"signatureCheckText": func() string { return signatureCheckText },
	})
})

// ForumHTML renders a forum pack as one self-contained HTML page with the
// content of ForumMarkdown, plus charts as inline SVG: how widely each
// theme is held, PCNs at each status per service, and workload by
// category. The page loads nothing (no scripts, fonts or images; a
// Content-Security-Policy forbids them) and prints on A4. The error is only
// ever a defect in the embedded templates.
func ForumHTML(p *pcnjson.Pack) ([]byte, error) {
	t, err := forumPage()
	if err != nil {
		return nil, err
	}
	v := newForumView(p)
	return ExecutePage(t, v.Title(), v)
}

// Summary is the executive summary's sentences, for the template.
func (v *forumView) Summary() []string { return v.summary() }

// MethodsLine says whether the other method agrees on the top N.
func (v *forumView) MethodsLine() string { return v.methodsLine() }

// WeightingsLine says whether the other weighting agrees on the top N.
func (v *forumView) WeightingsLine() string { return v.weightingsLine() }

// OtherWeightingTitle heads the other weighting's column.
func (v *forumView) OtherWeightingTitle() string { return v.otherWeightingTitle() }

// WorkloadLine is the workload section's count line.
func (v *forumView) WorkloadLine() string {
	return fmt.Sprintf("%s across the forum, %s high severity.", countThousands(v.WorkloadNotes, "note", "notes"), thousandsOf(v.WorkloadHigh))
}
