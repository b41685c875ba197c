package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/mergejob"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// mergeFlags are merge's flags as given; empty or zero means "from the
// config's [forum] section".
type mergeFlags struct {
	method, weight, format, out string
	top                         int
	anonymise, allowPII         bool
	sign, roster                string // --sign, --allowed-signers
	requireSigned               bool   // --require-signatures
	allowMixedPeriods           bool
	since                       string // --since: the forum's previous pack
}

func (m *Main) mergeCommand() *cobra.Command {
	var f mergeFlags
	cmd := &cobra.Command{
		Use:   "merge [flags] PATH...",
		Short: "Merge the forum's submissions (and forum packs) into one forum pack",
		Long: `Merge reads every PATH — a submission, a forum pack, or a folder, whose *.json
files are read (not its subfolders) — and writes the forum pack: the themes
ranked, consensus and minority voice, services, workload, coverage, every
PCN's asks and statement, and the submissions themselves, so a pack can be
merged again (neighbourhood, then place, then ICS).

Every file is checked against its digest; a bad one stops the merge (exit 1)
and nothing is written. Of several files from one PCN the highest revision
counts. Every text in every file is checked for patient data first (exit 3).
A pack is for one period: submissions for another are refused unless
--allow-mixed-periods, and then the papers say which PCN sent which.

The pack is written as a board paper in Markdown (md, the default), a
self-contained HTML page that prints on A4 (html), or the JSON pack (json),
which is what can be merged again. Without --format, -o FILE picks it from
the file's extension (.json, .html, .md), as for export; a --format that
contradicts the extension is refused. To keep the paper and its JSON
together, merge to JSON, then render the pack: a merge of a single pack
keeps its time, so the paper's digest is the JSON file's.

--method, --weight and --top default to the config's [forum] settings, and
the cover sheet comes from it too, with the chair's own words from the
Markdown file [forum] summary_file names. --anonymise names PCNs in the quoted
sections as "PCN A", "PCN B"... (in order of PCN code); the JSON pack still
embeds every submission, so share the Markdown or HTML where anonymity
matters.

Signatures: beside each file X, merge looks for X.sig (an SSH signature, as
export --sign or ssh-keygen -Y sign -n pcnvoice make it). With the forum's
roster (--allowed-signers FILE, or [forum] allowed_signers), a signature by
a key the roster lists for the file's PCN is "signed"; one that does not
verify, or whose key is not listed for that PCN, stops the merge (exit 1).
Without a roster a valid signature is "key not checked". A file with no .sig
is "unsigned": a warning when there is a roster, an error with
--require-signatures. The pack keeps each submission's signature, so a merge
of packs checks every one again against its own roster. --sign KEY signs the
file written with -o, as export --sign does.

--since PACK compares with the forum's previous pack (last quarter's JSON
pack, checked by its digest): the pack gains a "changes" section and the
papers "What changed since" that period — each theme's movement, per service
how many PCNs got worse or better and which went red, PCNs that joined or are
missing, workload and workforce then and now. It must be for an earlier
period. A pack made with --since keeps what it compared with, so merging it
again (to render its paper, or with a late submission) keeps its changes.`,
		Example: `  pcnvoice merge ~/Downloads/forum-q3/ -o forum-2026-27-Q3.json
  pcnvoice merge --allowed-signers allowed_signers --require-signatures inbox/ -o forum.json
  pcnvoice merge forum-2026-27-Q3.json -o forum-2026-27-Q3.html
  pcnvoice merge --since forum-2026-27-Q2.json inbox/ -o forum-2026-27-Q3.json
  pcnvoice merge --weight population --top 5 north.json south.json U51234.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr("merge needs at least one PATH: the submissions, packs or folders to merge")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return m.merge(cmd, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.method, "method", "", "ranking method: schulze or borda (default: the config's, shipped as schulze)")
	fl.StringVar(&f.weight, "weight", "", "ballot weight: equal (one PCN, one vote) or population (default: the config's, shipped as equal)")
	fl.IntVar(&f.top, "top", 0, "how many themes make the forum's top (default: the config's, shipped as 3)")
	fl.StringVar(&f.format, "format", "md", "md (board paper), html (board paper, prints on A4) or json (the pack, mergeable); default from -o's extension, else md")
	fl.BoolVar(&f.anonymise, "anonymise", false, `name PCNs in quoted sections as "PCN A", "PCN B"…`)
	fl.BoolVar(&f.anonymise, "anonymize", false, "same as --anonymise")
	_ = fl.MarkHidden("anonymize")
	pathFlag(fl, &f.out, "output", "o", "write to FILE (atomically) instead of stdout")
	fl.BoolVar(&f.allowPII, "allow-pii", false, "merge even though the patient-data guard blocks it (after you have checked)")
	pathFlag(fl, &f.roster, "allowed-signers", "", "the forum's roster, an OpenSSH allowed_signers file (default: the config's [forum] allowed_signers)")
	fl.BoolVar(&f.requireSigned, "require-signatures", false, "refuse a submission with no signature")
	fl.StringVar(&f.sign, "sign", "", signFlagHelp)
	fl.BoolVar(&f.allowMixedPeriods, "allow-mixed-periods", false, "merge submissions for more than one period (the papers say which PCN sent which)")
	pathFlag(fl, &f.since, "since", "", "the forum's previous pack (JSON): say what changed since it")
	return cmd
}

func (m *Main) merge(cmd *cobra.Command, f mergeFlags, args []string) error {
	stderr := cmd.ErrOrStderr()
	format, cfg, opt, err := m.mergeOptions(cmd, f)
	if err != nil {
		return err
	}
	// A merge is a short batch job whose heap only grows until the pack is
	// written: collect half as often (9% less CPU at 1,250 submissions for
	// a few MiB; a national merge peaks near 90 MiB, under SPEC §12's 200).
	// No soft memory limit: one at 170 MiB made the GC thrash at 2,500
	// submissions (2.35× the time for 2× the input, against 1.85× without
	// it when measured; pcnbench's header says what it is today). Put
	// back for the caller.
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	paths, err := mergejob.Expand(args)
	if err != nil {
		return err
	}
	sigs, signer, err := m.mergeInputs(cmd, f, cfg, paths)
	if err != nil {
		return err
	}
	if signer != nil {
		defer signer.Close()
	}
	res, err := mergejob.Run(cmd.Context(), mergejob.Job{
		Paths: paths, Options: opt, KeepPackTime: m.Getenv("SOURCE_DATE_EPOCH") == "",
		Progress: m.progress(), Guard: true, Signatures: sigs, Since: f.since,
	})
	if err != nil {
		return m.mergeError(stderr, err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "pcnvoice: warning: "+m.line(w.String()))
	}
	m.reportMergeSignatures(stderr, res, sigs)
	data, err := m.renderGuarded(cmd, res, format, f.allowPII)
	if err != nil {
		return err
	}
	// The pack as a file or through a pipe is canonical to the byte; on a
	// terminal its text must not steer the terminal (m.document).
	if signer != nil {
		err = m.signAndWrite(cmd.Context(), stderr, signer, f.out, data)
	} else if err = m.writeOutput(f.out, data, format == mergejob.JSON); err == nil {
		m.dropStaleSig(stderr, f.out, data)
	}
	if err != nil {
		return err
	}
	where := "stdout"
	if f.out != "" && f.out != "-" {
		where = f.out
	}
	fmt.Fprintln(stderr, m.mergedLine(res.Pack, where))
	return nil
}

// mergeOptions settles merge's format and ranking options from its flags
// and the config, before any file is read: a flag that contradicts
// another, or the config, is a usage error.
func (m *Main) mergeOptions(cmd *cobra.Command, f mergeFlags) (mergejob.Format, *config.Config, forum.Options, error) {
	fl := cmd.Flags()
	name, err := outputFormat(f.format, fl.Changed("format"), f.out, "md", []string{"md", "html", "json"})
	if err != nil {
		return "", nil, forum.Options{}, err
	}
	format, err := mergejob.ParseFormat(name)
	if err != nil {
		return "", nil, forum.Options{}, err
	}
	if fl.Changed("top") && f.top < 1 {
		return "", nil, forum.Options{}, usageErr("--top %d: want 1 or more", f.top)
	}
	cfg, err := m.config()
	if err != nil {
		return "", nil, forum.Options{}, err
	}
	opt, err := mergejob.Options(cfg, mergejob.Settings{Method: f.method, Weight: f.weight, Top: f.top, Anonymise: f.anonymise, AllowMixedPeriods: f.allowMixedPeriods}, m.now())
	var se *mergejob.SettingError
	if errors.As(err, &se) && se.Flag {
		return "", nil, forum.Options{}, usageErr("%v", se)
	}
	if err != nil {
		return "", nil, forum.Options{}, err
	}
	return format, cfg, opt, nil
}

// mergeInputs settles the signing key and the roster, refuses an -o that
// would replace anything the merge reads (the files it merges, --since's
// pack, the key, the roster, the chair's words, and their signatures), and
// then reads the roster and opens the signer. The caller closes the
// Signer, if any.
func (m *Main) mergeInputs(cmd *cobra.Command, f mergeFlags, cfg *config.Config, paths []string) (mergejob.Signatures, *sshsign.Signer, error) {
	key, _, err := m.signingKey(cmd, f.sign, f.out, cfg, false)
	if err != nil {
		return mergejob.Signatures{}, nil, err
	}
	rosterFile, err := rosterPath(cmd, f.roster, cfg)
	if err != nil {
		return mergejob.Signatures{}, nil, err
	}
	check := m.checkOutput
	if key != "" {
		check = m.checkSignedOutput
	}
	protect := slices.Concat(paths, mergeSettingFiles(cfg, rosterFile, key))
	if f.since != "" {
		protect = append(protect, f.since)
	}
	if err := check(f.out, protect...); err != nil {
		return mergejob.Signatures{}, nil, err
	}
	return m.mergeSignatures(cmd, f, rosterFile, key)
}

// renderGuarded encodes the pack in format while the patient-data guard
// scans it, reports the guard's findings, and returns the bytes only if
// the guard lets them be written (or --allow-pii). Encoding does not
// depend on the guard's verdict, only writing does: encode while the
// guard scans, and throw the bytes away if it blocks. An interrupted run
// returns the context's error and no bytes.
func (m *Main) renderGuarded(cmd *cobra.Command, res mergejob.Result, format mergejob.Format, allowPII bool) ([]byte, error) {
	type encoded struct {
		data []byte
		err  error
	}
	done := make(chan encoded, 1)
	go func() {
		data, err := mergejob.Render(res.Pack, format)
		done <- encoded{data, err}
	}()
	findings, err := res.Findings()
	if cerr := cmd.Context().Err(); cerr != nil {
		<-done
		return nil, cerr // interrupted: the scan is not whole, and nothing is written
	}
	if err != nil {
		<-done
		return nil, err
	}
	m.reportFindings(cmd.ErrOrStderr(), findings, allowPII)
	if pii.Blocking(findings) && !allowPII {
		<-done
		return nil, blockedErr()
	}
	enc := <-done
	if enc.err != nil {
		return nil, enc.err
	}
	if err := cmd.Context().Err(); err != nil {
		return nil, err // interrupted while encoding: write nothing
	}
	return enc.data, nil
}

// mergedLine is merge's closing line: how many PCNs and patients, the
// period, the method and weights, where the pack went, and the top.
func (m *Main) mergedLine(pack *pcnjson.Pack, where string) string {
	var pop int64
	for _, s := range pack.Submissions {
		pop += s.Population
	}
	var top []string
	for _, p := range pack.Ranking.Order {
		if p.Position <= pack.Ranking.Top {
			top = append(top, p.Name)
		}
	}
	pcns := wording.Thousands(int64(len(pack.Submissions))) + " PCNs"
	if len(pack.Submissions) == 1 {
		pcns = "1 PCN"
	}
	tie := ""
	if tied := pcnjson.TieAtCut(pack.Ranking.Order, pack.Ranking.Top); len(tied) > 0 {
		var names []string
		for _, p := range tied {
			names = append(names, p.Name)
		}
		tie = fmt.Sprintf(" (%s tie for %s place)", wording.List(names), wording.Ordinal(tied[0].Position))
	}
	return fmt.Sprintf("merged %s (%s patients) for %s by %s, %s weights, into %s; top %d: %s%s",
		pcns, wording.Thousands(pop), pack.Period, pack.Ranking.Method, pack.Ranking.Weight, m.line(where), pack.Ranking.Top,
		m.line(strings.Join(top, ", ")), m.line(tie))
}

// mergeSettingFiles are the files merge reads because a flag or the
// config names them — the roster, the signing key, the chair's words —
// which -o may no more replace than the files it merges.
func mergeSettingFiles(cfg *config.Config, rosterFile, key string) []string {
	var files []string
	if k := keyFile(key); k != "" {
		files = append(files, k)
	}
	if rosterFile != "" {
		files = append(files, rosterFile)
	}
	if cfg.Forum.SummaryFile != "" {
		// Options has read it already: it resolves.
		if p, err := cfg.Resolve("forum.summary_file", cfg.Forum.SummaryFile); err == nil {
			files = append(files, p)
		}
	}
	return files
}

// mergeError turns a failed merge into what the user reads: several bad
// files one a line (each naming the file and member), then a line saying
// nothing was written. (An interrupted merge is reported by Run.)
func (m *Main) mergeError(w io.Writer, err error) error {
	var fe *mergejob.FilesError
	if !errors.As(err, &fe) || len(fe.Errs) == 1 {
		return err
	}
	for _, e := range fe.Errs[:min(len(fe.Errs), mergejob.MaxListed)] {
		fmt.Fprintln(w, "pcnvoice: "+m.line(e.Error()))
	}
	more := ""
	if n := len(fe.Errs) - mergejob.MaxListed; n > 0 {
		more = fmt.Sprintf(" (%d more not listed)", n)
	}
	return fmt.Errorf("%d of %d files cannot be merged%s: nothing was written; fix or remove them and merge again", len(fe.Errs), fe.Files, more)
}

// progress returns a progress reporter for reading files: "reading
// 812/1250…" rewritten in place on a terminal, nothing when stderr is
// piped or plain (a log file full of carriage returns helps no one). It
// writes through m.control, the one path for deliberate control output.
func (m *Main) progress() func(done, total int) {
	w := m.control()
	if w == nil {
		return nil
	}
	return func(done, total int) {
		step := max(1, total/100)
		switch {
		case total < 2:
		case done == total:
			fmt.Fprint(w, "\r\x1b[K")
		case done%step == 0:
			fmt.Fprintf(w, "\rreading %d/%d…", done, total)
		}
	}
}
