package mergejob

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/sigfile"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
)

// Signatures say how a merge checks signatures (SPEC §13).
type Signatures struct {
	// Roster is the forum's allowed_signers; nil means none was given, and
	// a signature that verifies is then "key not checked".
	Roster *sshsign.Roster
	// Require refuses a counted submission that is unsigned
	// (--require-signatures).
	Require bool
	// Time is when the roster's valid-after and valid-before are judged:
	// the time of merging, as ssh-keygen -Y verify uses its clock. Zero
	// means now.
	Time time.Time
}

// PackSignature is a forum pack's own signature, found beside it and
// checked (the submissions' are in the pack itself).
type PackSignature struct {
	Path string
	sshsign.Result
}

// checkFile applies SPEC §13 to one input read from path (whose bytes are
// data): a submission's X.sig must verify and, with a roster, be by a key
// listed for its PCN; a pack's own X.sig likewise (for anyone the roster
// lists), and every signature the pack keeps is checked again as if its
// file had been given here. A submission's record is set from what was
// found; the pack's own signature, if any, is returned.
func (s Signatures) checkFile(ctx context.Context, d *pcnjson.Decoder, path string, data []byte, in *pcnjson.Input) (*PackSignature, error) {
	sig, err := sigfile.Read(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	principal := ""
	if in.Submission != nil {
		principal = in.Submission.Doc.PCN.Code
	}
	res, err := sshsign.Check(sshsign.Input{Data: data, Sig: sig, Roster: s.Roster, Principal: principal, Time: s.Time})
	if err != nil {
		return nil, fmt.Errorf("%s: signature %s: %w", path, filepath.Base(path)+sigfile.Suffix, err)
	}
	if in.Submission != nil {
		if sig != nil {
			rec := pcnjson.NewSignature(string(res.Status), res.Principal, res.Fingerprint, sig, data)
			in.Submission.Signature = &rec
		}
		return nil, nil
	}
	if err := s.checkPack(ctx, d, path, in.Pack); err != nil {
		return nil, err
	}
	if sig == nil {
		return nil, nil
	}
	return &PackSignature{Path: path, Result: res}, nil
}

// CheckEmbedded checks again every signature the pack p (read from the
// file name) keeps, as a merge of p does, and sets each submission's
// record to what it found: the bytes kept must be the very submission
// embedded, and the signature must verify over them, with a roster by a
// key it lists for that submission's PCN. The error names the file and
// the submission.
func (s Signatures) CheckEmbedded(ctx context.Context, name string, p *pcnjson.Pack) error {
	var d pcnjson.Decoder
	return s.checkPack(ctx, &d, name, p)
}

func (s Signatures) checkPack(ctx context.Context, d *pcnjson.Decoder, name string, p *pcnjson.Pack) error {
	if s.Time.IsZero() {
		s.Time = time.Now()
	}
	for i, sub := range p.Counted() {
		if err := s.checkEmbedded(ctx, d, sub); err != nil {
			return fmt.Errorf("%s: submissions[%d] (%s): %w", name, i, sub.Doc.PCN.Code, err)
		}
		if sub.Signature != nil {
			p.Submissions[i].Signature = *sub.Signature
		} else {
			p.Submissions[i].Signature = pcnjson.Signature{Status: pcnjson.SigUnsigned}
		}
	}
	return nil
}

// checkEmbedded checks again the signature a pack kept for sub, against
// this merge's roster and time: the bytes kept must be the very
// submission embedded, and the signature must verify over them. The
// record's status, principal and fingerprint are this merge's findings;
// what the pack said is not trusted.
func (s Signatures) checkEmbedded(ctx context.Context, d *pcnjson.Decoder, sub *pcnjson.Submission) error {
	kept := sub.Signature
	if kept == nil {
		return nil
	}
	file, err := kept.SignedBytes()
	if err != nil {
		return fmt.Errorf("signature: %w", err)
	}
	same, err := d.Matches(ctx, "signature.file", file, sub)
	if err != nil {
		return fmt.Errorf("signature: the signed file it keeps does not read: %w", err)
	}
	if !same {
		return errors.New("signature: the signed file it keeps is not this submission (the pack was edited)")
	}
	res, err := sshsign.Check(sshsign.Input{Data: file, Sig: []byte(kept.Signature), Roster: s.Roster, Principal: sub.Doc.PCN.Code, Time: s.Time})
	if err != nil {
		return fmt.Errorf("signature: %w", err)
	}
	rec := pcnjson.NewSignature(string(res.Status), res.Principal, res.Fingerprint, []byte(kept.Signature), file)
	sub.Signature = &rec
	return nil
}

// judge applies the rules that depend on which submissions counted: an
// unsigned one is a warning when there is a roster (the forum expects
// signatures), or an error under Require. Each is named by the file it
// came from.
func (s Signatures) judge(p *pcnjson.Pack, inputs []pcnjson.Input) ([]forum.Warning, error) {
	var unsigned []pcnjson.Entry
	for _, e := range p.Submissions {
		if e.Signature.Status == pcnjson.SigUnsigned {
			unsigned = append(unsigned, e)
		}
	}
	if len(unsigned) == 0 || (s.Roster == nil && !s.Require) {
		return nil, nil
	}
	from := sources(inputs)
	var errs []error
	var warnings []forum.Warning
	for i, e := range unsigned {
		where := from[e.Digest]
		what := fmt.Sprintf("%s: %s is unsigned (no %s beside it)", where.path, e.Code, filepath.Base(where.path)+sigfile.Suffix)
		if where.pack {
			what = fmt.Sprintf("%s (forum pack): %s is unsigned (the pack keeps no signature for it)", where.path, e.Code)
		}
		switch {
		case s.Require:
			errs = append(errs, fmt.Errorf("%s: signatures are required (--require-signatures)", what))
		case i < MaxListed:
			warnings = append(warnings, forum.Warning{Msg: what})
		case i == MaxListed:
			warnings = append(warnings, forum.Warning{Msg: fmt.Sprintf("and %d more submissions are unsigned", len(unsigned)-MaxListed)})
		}
	}
	if errs != nil {
		return nil, &FilesError{Errs: errs, Files: len(inputs)}
	}
	return warnings, nil
}

type source struct {
	path string
	pack bool // the submission is embedded in the pack at path
}

// sources maps each submission's digest to the input it came from: the
// first in path order, a file of its own before a pack that embeds it.
func sources(inputs []pcnjson.Input) map[string]source {
	out := map[string]source{}
	better := func(a, b source) bool {
		if a.pack != b.pack {
			return !a.pack
		}
		return a.path < b.path
	}
	add := func(digest string, src source) {
		if cur, ok := out[digest]; !ok || better(src, cur) {
			out[digest] = src
		}
	}
	for _, in := range inputs {
		if in.Submission != nil {
			add(in.Submission.Doc.Digest, source{path: in.Name})
		}
		if in.Pack != nil {
			for _, sub := range in.Pack.Counted() {
				add(sub.Doc.Digest, source{path: in.Name, pack: true})
			}
		}
	}
	return out
}
