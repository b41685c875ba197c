package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/forum/rank"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/report"
	"github.com/pcnvoice/pcnvoice/internal/submission"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

// mergeFlags are merge's flags as given; empty or zero means "from the
// config's [forum] section".
type mergeFlags struct {
	method, weight, format, out string
	top                         int
	anonymise, allowPII         bool
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
counts. Free text is checked for patient data first (exit 3).

The pack is written as a board paper in Markdown (md, the default), a
self-contained HTML page that prints on A4 (html), or the JSON pack (json),
which is what can be merged again. Without --format, -o FILE picks it from
the file's extension (.json, .html, .md). To keep the paper and its JSON
together, merge to JSON, then render the pack: a merge of a single pack
keeps its time, so the paper's digest is the JSON file's.

--method, --weight and --top default to the config's [forum] settings, and
the cover sheet comes from it too. --anonymise names PCNs in the quoted
sections as "PCN A", "PCN B"... (in order of PCN code); the JSON pack still
embeds every submission, so share the Markdown or HTML where anonymity
matters.`,
		Example: `  pcnvoice merge ~/Downloads/forum-q3/ -o forum-2026-27-Q3.json
  pcnvoice merge forum-2026-27-Q3.json -o forum-2026-27-Q3.html
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
	fl.StringVarP(&f.out, "output", "o", "", "write to FILE (atomically) instead of stdout")
	fl.BoolVar(&f.allowPII, "allow-pii", false, "merge even though the patient-data guard blocks it (after you have checked)")
	return cmd
}

func (m *Main) merge(cmd *cobra.Command, f mergeFlags, args []string) error {
	stderr := cmd.ErrOrStderr()
	if !cmd.Flags().Changed("format") {
		f.format = formatFor(f.out)
	}
	switch f.format {
	case "md", "html", "json":
	default:
		return usageErr("--format %q: want md, html or json", f.format)
	}
	cfg, err := m.config()
	if err != nil {
		return err
	}
	opt, err := m.mergeOptions(cmd, f, cfg)
	if err != nil {
		return err
	}
	// A merge is a short batch job whose heap only grows until the pack is
	// written: collect half as often (9% less CPU at 1,250 submissions for
	// a few MiB; a national merge peaks near 90 MiB, under SPEC §12's 200).
	// No soft memory limit: one at 170 MiB made the GC thrash at 2,500
	// submissions and broke linear scaling (2.35× the time for 2× the
	// input, against 1.7× without it). Put back for the caller.
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	paths, err := mergePaths(args)
	if err != nil {
		return err
	}
	if err := m.checkOutput(f.out, paths...); err != nil {
		return err
	}
	inputs, err := forum.ReadFiles(paths, runtime.GOMAXPROCS(0), m.progress(stderr, len(paths)))
	if err != nil {
		return err
	}
	if len(inputs) == 1 && inputs[0].Pack != nil && m.Getenv("SOURCE_DATE_EPOCH") == "" {
		// Rendering a pack is merging it alone: the same content, so the
		// same time, and the paper's digest is then the pack file's.
		if t, err := time.Parse(time.RFC3339, inputs[0].Pack.GeneratedAt); err == nil {
			opt.Now = t
		}
	}
	pack, warnings, err := forum.Merge(inputs, opt)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "pcnvoice: warning: "+termtext.Line(w.String()))
	}
	// Encoding does not depend on the guard's verdict, only writing does:
	// encode while the guard scans, and throw the bytes away if it blocks.
	type encoded struct {
		data []byte
		err  error
	}
	// The guard reads the submissions as merged: taken before the encoder
	// starts, which sets pack.Embedded to its canonical copies.
	docs, embedded := pack.Documents, pack.Embedded
	done := make(chan encoded, 1)
	go func() {
		data, err := render(pack, f.format)
		done <- encoded{data, err}
	}()
	if err := m.guardPack(stderr, docs, embedded, f.allowPII); err != nil {
		<-done
		return err
	}
	enc := <-done
	if enc.err != nil {
		return enc.err
	}
	data := enc.data
	if err := m.writeOutput(cmd.OutOrStdout(), f.out, data); err != nil {
		return err
	}
	where := "stdout"
	if f.out != "" && f.out != "-" {
		where = f.out
	}
	var pop int64
	for _, s := range pack.Submissions {
		pop += s.Population
	}
	var top []string
	for _, p := range pack.Ranking.Order {
		if p.Position <= opt.Top {
			top = append(top, p.Name)
		}
	}
	pcns := thousands(int64(len(pack.Submissions))) + " PCNs"
	if len(pack.Submissions) == 1 {
		pcns = "1 PCN"
	}
	fmt.Fprintf(stderr, "merged %s (%s patients) for %s by %s, %s weights, into %s; top %d: %s\n",
		pcns, thousands(pop), pack.Period, opt.Method, opt.Weight, termtext.Line(where), opt.Top,
		termtext.Line(strings.Join(top, ", ")))
	return nil
}

// formatFor picks the output format from -o's extension, md otherwise.
func formatFor(out string) string {
	switch strings.ToLower(filepath.Ext(out)) {
	case ".json":
		return "json"
	case ".html", ".htm":
		return "html"
	}
	return "md"
}

// render writes the pack in format. The JSON is encoded first in every
// case: it sets the digest that a paper quotes as its record.
func render(p *forum.Pack, format string) ([]byte, error) {
	data, err := forum.EncodePack(p)
	if err != nil {
		return nil, err
	}
	switch format {
	case "md":
		return report.ForumMarkdown(p), nil
	case "html":
		return report.ForumHTML(p)
	}
	return data, nil
}

// guardPack runs the patient-data guard over every counted submission
// (docs and, in the same order, their canonical JSON), every string of it
// — names, keys and unknown members too: they travel inside the digest —
// naming PCN and place. Each PCN's document stands alone, so the scans run
// on a worker per CPU; the findings are then reported in code order, as
// one scan of everything would print them.
func (m *Main) guardPack(w io.Writer, docs []*submission.Document, embedded []json.RawMessage, allow bool) error {
	found := make([][]pii.Finding, len(embedded))
	errs := make([]error, len(embedded))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for k := range workers {
		wg.Go(func() {
			for i := k; i < len(embedded); i += workers {
				found[i], errs[i] = pii.ScanJSON(docs[i].PCN.Code, embedded[i], pii.Options{})
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	findings := slices.Concat(found...)
	m.reportFindings(w, findings, allow)
	if pii.Blocking(findings) && !allow {
		return blockedErr()
	}
	return nil
}

// mergeOptions settles the merge's settings: flags given win, then the
// config's [forum] section.
func (m *Main) mergeOptions(cmd *cobra.Command, f mergeFlags, cfg *config.Config) (forum.Options, error) {
	fl := cmd.Flags()
	method, weight, top := cfg.Forum.Method, cfg.Forum.Weight, cfg.Forum.Top
	if fl.Changed("method") {
		method = f.method
	}
	if fl.Changed("weight") {
		weight = f.weight
	}
	if fl.Changed("top") {
		top = f.top
		if top < 1 {
			return forum.Options{}, usageErr("--top %d: want 1 or more", top)
		}
	}
	meth, err := rank.ParseMethod(method)
	if err != nil {
		return forum.Options{}, usageErr("--method: %v", err)
	}
	w, err := forum.ParseWeight(weight)
	if err != nil {
		return forum.Options{}, usageErr("--weight: %v", err)
	}
	fc := cfg.Forum
	return forum.Options{
		Method: meth, Weight: w, Top: top, Anonymise: f.anonymise,
		Now: m.now(), Generator: version.Generator(),
		Meeting:       forum.Meeting{Name: fc.Name, Chair: fc.Chair, MeetingDate: fc.MeetingDate, Purpose: fc.Purpose, Session: fc.Session},
		Members:       fc.Members,
		ThemeNames:    names(cfg.Themes),
		CategoryNames: names(cfg.Categories),
		ServiceNames:  names(cfg.Services),
	}, nil
}

func names(entries []config.Entry) map[string]string {
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		out[e.Key] = e.Name
	}
	return out
}

// mergePaths expands folders to their *.json files (not recursive: a
// forum's folder of last quarter's files must not creep in) and returns
// every file once, sorted, so reading order and the first error reported
// never depend on how the paths were typed.
func mergePaths(args []string) ([]string, error) {
	var paths []string
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file or folder", arg)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		if !fi.IsDir() {
			paths = append(paths, filepath.Clean(arg))
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		n := 0
		for _, e := range entries {
			// Hidden files include atomic writes' temporaries (".x.json.123.tmp")
			// and macOS's "._x.json" resource forks.
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !strings.EqualFold(filepath.Ext(e.Name()), ".json") {
				continue
			}
			paths = append(paths, filepath.Join(arg, e.Name()))
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: no .json files in this folder", arg)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths), nil
}

// progress returns a progress reporter for reading files: "reading
// 812/1250…" rewritten in place on a terminal, nothing when stderr is
// piped or plain (a log file full of carriage returns helps no one).
func (m *Main) progress(w io.Writer, total int) func(done, total int) {
	if m.plain(w) || total < 2 {
		return nil
	}
	step := max(1, total/100)
	return func(done, total int) {
		switch {
		case done == total:
			fmt.Fprint(w, "\r\x1b[K")
		case done%step == 0:
			fmt.Fprintf(w, "\rreading %d/%d…", done, total)
		}
	}
}
