package forum

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
)

// ErrNothing is returned by Merge when the inputs hold no submission.
var ErrNothing = errors.New("no submissions to merge")

// candidate is one submission found among the inputs: a file of its own or
// one embedded in a pack. source names it for messages.
type candidate struct {
	source string
	doc    *pcnjson.Document
	sub    *pcnjson.Submission
	sig    *pcnjson.Signature // the best of the copies' signatures (see dedupe)
}

// Merge merges the submissions in inputs, and those embedded in any packs
// among them, into a forum pack. The same submission (same digest) counts
// once however often it appears; of several from one PCN the highest
// revision counts and the others are set aside with a warning; two
// different files with one PCN's code and revision are an error, because
// the forum cannot know which one the PCN meant. Warnings come in a fixed
// order, so a chair's terminal reads the same whatever order files came in.
func Merge(inputs []pcnjson.Input, opt Options) (*pcnjson.Pack, []Warning, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, nil, err
	}
	cands := unpack(inputs)
	if len(cands) == 0 {
		return nil, nil, ErrNothing
	}
	counted, warnings, err := oneVotePerPCN(dedupe(cands))
	if err != nil {
		return nil, nil, err
	}
	docs := make([]*pcnjson.Document, len(counted))
	for i, c := range counted {
		docs[i] = c.doc
	}
	p := &pcnjson.Pack{
		Format:      pcnjson.ForumFormat,
		Version:     pcnjson.PackVersion,
		Generator:   opt.Generator,
		GeneratedAt: opt.Now.UTC().Truncate(time.Second).Format(time.RFC3339),
		Anonymised:  opt.Anonymise,
		Forum:       opt.Meeting,
	}
	var w []Warning
	p.Period, w, err = period(counted, opt.AllowMixedPeriods)
	if err != nil {
		return nil, nil, err
	}
	warnings = append(warnings, w...)
	r := newRefs(docs, opt.Anonymise)
	b := newBallots(docs)
	p.Ranking = b.ranking(opt)
	p.Support = b.support(opt, p.Ranking)
	p.Consensus = consensus(opt, len(docs), p.Support)
	p.Minority = b.minority(opt, p.Ranking, r)
	p.Recommendations = recommendations(opt, p.Ranking, p.Consensus, b, r)
	p.Services = services(docs, opt, r)
	p.Workload = workload(docs, opt)
	p.Workforce = workforce(docs, opt, r)
	p.Coverage, w = coverage(docs, opt, r)
	warnings = append(warnings, w...)
	if p.Changes, w, err = sinceSection(inputs, p, docs, opt, r); err != nil {
		return nil, nil, err
	}
	warnings = append(warnings, w...)
	p.Quotes = quotes(docs, opt, p.Ranking, r)
	p.Notes = notes(opt, p)
	p.Submissions = make([]pcnjson.Entry, len(counted))
	subs := make([]*pcnjson.Submission, len(counted))
	for i, c := range counted {
		d := c.doc
		p.Submissions[i] = pcnjson.Entry{
			Code: d.PCN.Code, Name: d.PCN.Name, Label: r.label(d.PCN.Code), Population: d.PCN.Population,
			Revision: d.Revision, Period: d.Period, GeneratedAt: d.GeneratedAt, Digest: d.Digest,
			Signature: pcnjson.Signature{Status: pcnjson.SigUnsigned},
		}
		if c.sig != nil {
			p.Submissions[i].Signature = *c.sig
		}
		subs[i] = c.sub
	}
	p.Embed(subs)
	return p, warnings, nil
}

// unpack lists every submission among the inputs, opening packs.
func unpack(inputs []pcnjson.Input) []candidate {
	var out []candidate
	for _, in := range inputs {
		if s := in.Submission; s != nil {
			out = append(out, candidate{source: in.Name, doc: s.Doc, sub: s, sig: s.Signature})
		}
		if in.Pack == nil {
			continue
		}
		for _, s := range in.Pack.Counted() {
			out = append(out, candidate{source: in.Name + " (forum pack)", doc: s.Doc, sub: s, sig: s.Signature})
		}
	}
	return out
}

// dedupe keeps one candidate per digest. Equal digests mean equal
// canonical forms, so which copy is kept only matters for messages — the
// source first in byte order — and for the signature: the copies may be
// one file signed and one not, or signed twice, and the pack keeps the
// best (pcnjson.CompareSignatures), whatever the order of arrival.
func dedupe(cands []candidate) []candidate {
	byDigest := make(map[string]int, len(cands))
	var out []candidate
	for _, c := range cands {
		i, seen := byDigest[c.doc.Digest]
		if !seen {
			byDigest[c.doc.Digest] = len(out)
			out = append(out, c)
			continue
		}
		if c.source < out[i].source {
			out[i].source = c.source
		}
		if pcnjson.CompareSignatures(c.sig, out[i].sig) < 0 {
			out[i].sig = c.sig
		}
	}
	return out
}

// oneVotePerPCN keeps each PCN's highest revision, in code order.
func oneVotePerPCN(cands []candidate) ([]candidate, []Warning, error) {
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(strings.Compare(a.doc.PCN.Code, b.doc.PCN.Code),
			cmp.Compare(b.doc.Revision, a.doc.Revision), // highest first
			strings.Compare(a.doc.Digest, b.doc.Digest))
	})
	var kept []candidate
	var warnings []Warning
	for i, c := range cands {
		if i > 0 && cands[i-1].doc.PCN.Code == c.doc.PCN.Code {
			prev := cands[i-1]
			if prev.doc.Revision == c.doc.Revision {
				a, b := prev.source, c.source
				if b < a {
					a, b = b, a
				}
				return nil, nil, fmt.Errorf("%s and %s are both %s revision %d but differ (the files were exported from two different databases, or edited): ask the PCN which is right and leave the other out",
					a, b, c.doc.PCN.Code, c.doc.Revision)
			}
			win := kept[len(kept)-1]
			warnings = append(warnings, warnf("%s: revision %d from %s set aside; revision %d from %s is newer and counts",
				c.doc.PCN.Code, c.doc.Revision, c.source, win.doc.Revision, win.source))
			continue
		}
		kept = append(kept, c)
	}
	return kept, warnings, nil
}
