// Package mergejob is the one merge path behind `pcnvoice merge` and the
// app's Forum section, as exportjob is for export: which files the paths
// given mean, the merge's settings from flags and config, reading and
// checking the files with progress and cancellation, the merge itself
// (forum), the patient-data guard and the rendering. It prints nothing:
// each front end reports warnings, findings and results its own way, and
// both read every file through the same decoder, so the CLI and the app
// cannot disagree about a file or a pack.
package mergejob

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/pii"
)

// Job is one merge.
type Job struct {
	// Paths are what the user gave: files, and folders meaning their
	// *.json files (see Expand).
	Paths   []string
	Options forum.Options
	// KeepPackTime, when the only input is one forum pack, stamps the
	// result with the pack's own time: rendering a pack is merging it
	// alone, the same content, so the paper quotes the pack file's digest.
	// Callers leave it unset when the time is fixed (SOURCE_DATE_EPOCH).
	KeepPackTime bool
	// Progress, if not nil, is told how many files have been read.
	Progress func(done, total int)
	// Guard runs the patient-data guard over the submissions, alongside
	// the merge; Result.Findings has what it found.
	Guard bool
	// Signatures say how signatures are checked (SPEC §13): every input's
	// X.sig and every signature a pack keeps, always; the roster and
	// whether unsigned submissions may count are the caller's.
	Signatures Signatures
	// Since is the forum's previous pack (--since), "" for none: read and
	// checked as every input is, it must be a forum pack for an earlier
	// period, and the pack says what changed since it.
	Since string
}

// Result is a merged pack, the warnings a chair should see, and how many
// files were read.
type Result struct {
	Pack     *pcnjson.Pack
	Warnings []forum.Warning
	Files    int
	// PackSignatures are the forum packs among the inputs that were
	// signed themselves, each checked, in path order.
	PackSignatures []PackSignature
	guard          *guardScan
}

// Findings waits for the guard (Job.Guard) to finish and returns what it
// found in the submissions the pack counts, PCN by PCN in code order,
// naming PCN and member, then in the chair's words (forum.summary). A
// caller renders the pack meanwhile: the verdict decides only whether it
// is written.
func (r Result) Findings() ([]pii.Finding, error) {
	if r.guard == nil {
		return nil, nil
	}
	found, err := r.guard.forPack(r.Pack)
	if err != nil {
		return nil, err
	}
	// The chair's words go to the board in the pack and its papers: they
	// are read as every other string is (SPEC §9).
	if w := r.Pack.Forum.Summary; w != "" {
		found = append(found, pii.ScanText("forum.summary", w)...)
	}
	return found, nil
}

// Run expands the paths, reads and checks every file, and merges them.
// A bad file stops it before the merge (every bad file is named, see
// FilesError); so does ctx ending, within a file's read.
func Run(ctx context.Context, job Job) (Result, error) {
	paths, err := Expand(job.Paths)
	if err != nil {
		return Result{}, err
	}
	sigs := job.Signatures
	if sigs.Time.IsZero() {
		sigs.Time = time.Now()
	}
	inputs, packSigs, err := read(ctx, paths, job.Progress, &sigs)
	if err != nil {
		return Result{}, err
	}
	opt := job.Options
	if job.Since != "" {
		if opt.Since, err = readSince(ctx, job.Since); err != nil {
			return Result{}, err
		}
	}
	if len(inputs) == 1 && inputs[0].Pack != nil {
		pack := inputs[0].Pack
		if t, err := time.Parse(time.RFC3339, pack.GeneratedAt); err == nil && job.KeepPackTime {
			opt.Now = t
		}
		// Rendering a pack keeps the chair's words it was made with,
		// unless the config now gives some: the paper of a pack made last
		// week must not lose them because the file has moved since.
		if opt.Meeting.Summary == "" {
			opt.Meeting.Summary = pack.Forum.Summary
		}
	}
	var guard *guardScan
	if job.Guard {
		guard = startScan(ctx, inputs)
	}
	pack, warnings, err := forum.Merge(inputs, opt)
	if errors.Is(err, forum.ErrSinceNotEarlier) {
		err = fmt.Errorf("--since %s: %w", job.Since, err)
	}
	var unsigned []forum.Warning
	if err == nil {
		unsigned, err = sigs.judge(pack, inputs)
	}
	if err != nil {
		if guard != nil {
			<-guard.done
		}
		return Result{}, err
	}
	return Result{Pack: pack, Warnings: append(warnings, unsigned...), Files: len(paths), PackSignatures: packSigs, guard: guard}, nil
}

// readSince reads the previous pack through the one decoder, its digest
// and every embedded submission's checked. Anything but a forum pack is
// an error naming the file and saying what --since takes.
func readSince(ctx context.Context, path string) (*pcnjson.Pack, error) {
	data, err := infile.ReadContext(ctx, path, pcnjson.MaxPackSize)
	if err != nil {
		return nil, fmt.Errorf("--since: %w", err)
	}
	var d pcnjson.Decoder
	in, err := d.Read(ctx, path, data)
	if err != nil {
		return nil, fmt.Errorf("--since: %w", err)
	}
	if in.Pack == nil {
		return nil, fmt.Errorf("--since: %s is a submission, not a forum pack: give the forum's previous pack (the JSON file merge --format json writes)", path)
	}
	return in.Pack, nil
}
