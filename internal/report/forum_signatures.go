package report

import (
	"fmt"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// The forum paper's signature lines (SPEC §13): a sentence on the cover
// sheet and a column in the appendix. They are kept here, with their
// templates in templates/forum_signatures.tmpl, apart from the rest of
// the paper.

// signatureCell is one submission's signature as the appendix shows it.
type signatureCell struct {
	Status      string // "signed", "key not checked", "unsigned"
	Fingerprint string // the key's; left out of an anonymised paper
}

// signatures fills the view's signature lines from the pack.
func (v *forumView) signatures(p *pcnjson.Pack) {
	v.SignatureLine = SignatureSummary(p)
	v.SubmissionSigs = make([]signatureCell, len(p.Submissions))
	for i, e := range p.Submissions {
		c := signatureCell{Status: clean(e.Signature.Status)}
		if c.Status == "" {
			c.Status = pcnjson.SigUnsigned
		}
		if !p.Anonymised {
			// A fingerprint names its key's owner as surely as a code.
			c.Fingerprint = clean(e.Signature.Fingerprint)
		}
		v.SubmissionSigs[i] = c
		if e.Signature.Status != pcnjson.SigUnsigned && e.Signature.Status != "" {
			v.AnySigned = true
		}
	}
}

// SignatureSummary is one sentence on the pack's signatures: "8 of 9
// submissions signed by a key on the forum's roster", or what honestly
// stands in its place when the merge had no roster or nothing was signed.
// The cover sheet, merge's report and the app's Forum section say it.
func SignatureSummary(p *pcnjson.Pack) string {
	n, signed, unchecked := len(p.Submissions), 0, 0
	for _, e := range p.Submissions {
		switch e.Signature.Status {
		case pcnjson.SigSigned:
			signed++
		case pcnjson.SigKeyNotChecked:
			unchecked++
		}
	}
	of := fmt.Sprintf("of %s", countThousands(n, "submission", "submissions"))
	switch {
	case signed > 0 && unchecked > 0:
		return fmt.Sprintf("%s %s signed by a key on the forum's roster; %s more signed by keys not checked against it", thousandsOf(signed), of, thousandsOf(unchecked))
	case signed > 0:
		return fmt.Sprintf("%s %s signed by a key on the forum's roster", thousandsOf(signed), of)
	case unchecked > 0:
		return fmt.Sprintf("%s %s signed, but no roster was given, so whose keys signed them was not checked", thousandsOf(unchecked), of)
	case n == 1:
		return "The submission is not signed"
	}
	return fmt.Sprintf("None of the %s submissions is signed", thousandsOf(n))
}

// mdSignatureCell is the appendix's signature column for row i, in
// Markdown.
func (v *forumView) mdSignatureCell(i int) string {
	c := v.SubmissionSigs[i]
	if c.Fingerprint == "" {
		return MarkdownCell(c.Status)
	}
	return MarkdownCell(c.Status) + ", " + MarkdownCode(c.Fingerprint)
}

// mdSignatureNote is the line under the appendix saying how to check a
// signature without pcnvoice, when there is one to check.
func (v *forumView) mdSignatureNote() string {
	if !v.AnySigned {
		return ""
	}
	return "\n" + signatureCheckText + " `ssh-keygen -Y verify -f allowed_signers -I U51234 -n pcnvoice -s FILE.sig < FILE`\n"
}

// signatureCheckText introduces the ssh-keygen command line under the
// appendix.
const signatureCheckText = "A signature is the PCN's own SSH signature of the file it sent (FILE.sig beside FILE). " +
	"Anyone can check one without pcnvoice, with the forum's roster and the PCN's code:"
