package report

import (
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// signedPack is the worked example with the first n submissions carrying
// a record of the given status.
func signedPack(t testing.TB, status string, n int, anonymise bool) *pcnjson.Pack {
	t.Helper()
	p := workedPack(t, anonymise)
	for i := range p.Submissions[:n] {
		e := &p.Submissions[i]
		e.Signature = pcnjson.Signature{Status: status, Fingerprint: "SHA256:key" + e.Code, Signature: "sig", File: "file"}
		if status == pcnjson.SigSigned {
			e.Signature.Principal = e.Code
		}
	}
	return p
}

// TestSignatureSummary: the cover sheet's sentence says what was checked,
// and no more.
func TestSignatureSummary(t *testing.T) {
	for _, tc := range []struct {
		status string
		n      int
		want   string
	}{
		{pcnjson.SigSigned, 4, "4 of 5 submissions signed by a key on the forum's roster"},
		{pcnjson.SigSigned, 5, "5 of 5 submissions signed by a key on the forum's roster"},
		{pcnjson.SigKeyNotChecked, 2, "2 of 5 submissions signed, but no roster was given, so whose keys signed them was not checked"},
		{pcnjson.SigUnsigned, 0, "None of the 5 submissions is signed"},
	} {
		if got := SignatureSummary(signedPack(t, tc.status, tc.n, false)); got != tc.want {
			t.Errorf("%s × %d: %q, want %q", tc.status, tc.n, got, tc.want)
		}
	}
	one := signedPack(t, pcnjson.SigUnsigned, 0, false)
	one.Submissions = one.Submissions[:1]
	if got := SignatureSummary(one); got != "The submission is not signed" {
		t.Errorf("one: %q", got)
	}
	one.Submissions[0].Signature = pcnjson.Signature{Status: pcnjson.SigSigned}
	if got := SignatureSummary(one); got != "1 of 1 submission signed by a key on the forum's roster" {
		t.Errorf("one signed: %q", got)
	}
}

// TestPapersShowSignatures: both papers put the sentence on the cover and
// each submission's status in the appendix; an anonymised paper leaves
// out the fingerprints, which would name the PCNs.
func TestPapersShowSignatures(t *testing.T) {
	for _, anonymise := range []bool{false, true} {
		p := signedPack(t, pcnjson.SigSigned, 4, anonymise)
		html, err := ForumHTML(p)
		if err != nil {
			t.Fatal(err)
		}
		md := string(ForumMarkdown(p))
		for name, paper := range map[string]string{"md": md, "html": string(html)} {
			if !strings.Contains(paper, "4 of 5 submissions signed by a key on the forum&#39;s roster") && !strings.Contains(paper, "4 of 5 submissions signed by a key on the forum's roster") {
				t.Errorf("%s (anonymised %v): no cover line", name, anonymise)
			}
			if got := strings.Count(paper, "signed"); got < 5 {
				t.Errorf("%s: %d mentions of signed", name, got)
			}
			if !strings.Contains(paper, "unsigned") {
				t.Errorf("%s: the unsigned submission is not shown", name)
			}
			if strings.Contains(paper, "SHA256:keyU20001") == anonymise {
				t.Errorf("%s (anonymised %v): fingerprint shown %v", name, anonymise, !anonymise)
			}
			if !strings.Contains(paper, "ssh-keygen -Y verify -f allowed_signers -I U51234 -n pcnvoice -s FILE.sig") {
				t.Errorf("%s: no word on checking a signature", name)
			}
		}
	}
	if md := string(ForumMarkdown(signedPack(t, pcnjson.SigUnsigned, 0, false))); strings.Contains(md, "ssh-keygen") {
		t.Error("how to check a signature, with none to check")
	}
}
