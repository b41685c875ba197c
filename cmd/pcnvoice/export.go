package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/exportjob"
	"github.com/pcnvoice/pcnvoice/internal/pii"
	"github.com/pcnvoice/pcnvoice/internal/sigfile"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

func (m *Main) exportCommand() *cobra.Command {
	var format, out, sign string
	var allowPII bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export your PCN's submission for the forum (JSON), or a board-ready copy (md, html)",
		Long: `Export writes your PCN's submission: the JSON file you send to the forum, signed
by its digest. Exporting unchanged content gives the same revision and the same
file; any change makes the next revision. Every text in it — names and keys as
well as notes — is checked for patient data first: a valid NHS number or a
date of birth stops the export (exit 3).

--format md and --format html write a readable board paper of the same
revision instead: cover sheet, statement, recommendations, service status,
workload and practices, ending with the revision and digest of the JSON it
matches. They record the revision just as the JSON does, so the paper always
matches a submission the database kept. HTML is one self-contained file that
prints on A4. Without --format, -o's extension picks it (.json, .md, .html);
a --format that contradicts the extension is refused.

--sign KEY (or [director] signing_key in the config) signs the file written
with -o: FILE.sig beside it, an SSH signature the forum checks against its
roster, and anyone can check with ssh-keygen -Y verify -n pcnvoice. KEY is
your private key file (its passphrase is asked for on the terminal) or
"agent" for the key in your running ssh-agent. A signature that fails
writes neither file and records nothing.`,
		Example: `  pcnvoice export -o riverside-2026-27-Q3.json
  pcnvoice export > submission.json
  pcnvoice export -o riverside-2026-27-Q3.html
  pcnvoice export --format md | glow -
  pcnvoice export --sign ~/.ssh/id_ed25519 -o riverside-2026-27-Q3.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return m.export(cmd, format, cmd.Flags().Changed("format"), out, sign, allowPII)
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json (the submission), md or html (a board paper of the same revision); default from -o's extension, else json")
	pathFlag(cmd.Flags(), &out, "output", "o", "write to FILE (atomically) instead of stdout")
	cmd.Flags().BoolVar(&allowPII, "allow-pii", false, "export even though the patient-data guard blocks it (after you have checked)")
	cmd.Flags().StringVar(&sign, "sign", "", signFlagHelp+" (default: the config's [director] signing_key)")
	return cmd
}

// export checks the format and loads the config (for catalogue names)
// before the database is touched, so a typo or a broken config never
// records a revision; exportjob does the rest, and this prints what it
// found and did.
func (m *Main) export(cmd *cobra.Command, format string, formatGiven bool, out, sign string, allowPII bool) error {
	format, err := outputFormat(format, formatGiven, out, "json", []string{"json", "md", "html"})
	if err != nil {
		return err
	}
	f, err := exportjob.ParseFormat(format)
	if err != nil {
		return err
	}
	cfg, err := m.config()
	if err != nil {
		return err
	}
	key, note, err := m.signingKey(cmd, sign, out, cfg, true)
	if err != nil {
		return err
	}
	check := m.checkOutput
	if key != "" {
		check = m.checkSignedOutput
	}
	if err := check(out, keyFile(key)); err != nil {
		return err
	}
	var signer *sshsign.Signer
	if key != "" {
		// Asked before the database is touched: a passphrase typed wrong
		// three times costs nothing.
		if signer, err = m.openSigner(cmd.Context(), key); err != nil {
			return err
		}
		defer signer.Close()
	}
	path := out
	if path == "-" {
		path = ""
	}
	open := m.openForReading // stdout: an unrecorded copy of a read-only database
	if path != "" {
		open = func(ctx context.Context) (*store.DB, error) { return m.openDB(ctx, false) }
	}
	db, err := open(cmd.Context())
	if err != nil {
		return err
	}
	defer db.Close()
	stderr := cmd.ErrOrStderr()
	opt := exportjob.Options{Format: f, Path: path, AllowPII: allowPII, Protect: exportjob.Settings(m.configPath, keyFile(key)),
		Now: m.now(), Generator: version.Generator(), Config: cfg}
	done := func() error { return nil }
	if signer != nil {
		opt.Sign = signer.Sign
	}
	if path == "" {
		opt.Out, done = m.document(f == exportjob.JSON)
	}
	res, err := exportjob.Run(cmd.Context(), db, opt)
	if derr := done(); err == nil {
		err = derr
	}
	m.reportFindings(stderr, res.Findings, allowPII)
	for _, n := range res.Notices {
		fmt.Fprintln(stderr, "pcnvoice: warning: "+m.line(n.String()))
	}
	if errors.Is(err, exportjob.ErrBlocked) {
		return blockedErr()
	}
	if err != nil {
		return err
	}
	where := "stdout"
	if path != "" {
		where = termtext.Name(path)
	}
	rec := res.Record
	if res.NotRecorded != "" {
		fmt.Fprintf(stderr, "pcnvoice: the database is read-only (%s): this export is not recorded in its history\n", res.NotRecorded)
		fmt.Fprintf(stderr, "exported (not recorded) revision %d (%s, %s) as %s to %s\n", rec.Revision, rec.Period, rec.Digest[:19]+"…", format, where)
		return nil
	}
	fmt.Fprintf(stderr, "exported revision %d (%s, %s) as %s to %s\n", rec.Revision, rec.Period, rec.Digest[:19]+"…", format, where)
	m.reportSigning(stderr, signer, path, res, note)
	return nil
}

// reportSigning says what became of the export's signature.
func (m *Main) reportSigning(w io.Writer, signer *sshsign.Signer, path string, res exportjob.Result, note string) {
	switch {
	case signer != nil:
		fmt.Fprintf(w, "signed with %s (%s) in %s\n", m.line(signer.Source()), signer.Fingerprint(), m.line(res.SigPath))
	case res.StaleSig || res.StaleSigErr != nil:
		m.staleSig(w, path, res.StaleSig, res.StaleSigErr)
	case note != "":
		fmt.Fprintln(w, "pcnvoice: note: "+note)
	}
}

// errPII marks a refusal by the patient-data guard (exit 3).
var errPII = errors.New("blocked: the text looks like it holds patient-identifiable data")

func blockedErr() error {
	return &exitErr{code: exitPII, err: fmt.Errorf("%w: remove it (see above) or, once checked, repeat with --allow-pii", errPII)}
}

// reportFindings prints each finding on w and, when a block is overridden,
// says so: the override is the user's call, and the record of it is theirs.
func (m *Main) reportFindings(w io.Writer, findings []pii.Finding, allow bool) {
	for _, f := range findings {
		fmt.Fprintf(w, "pcnvoice: %s: %s\n", f.Level, f)
	}
	if allow && pii.Blocking(findings) {
		fmt.Fprintln(w, "pcnvoice: --allow-pii given: going ahead despite the patient-data findings above")
	}
}

// inputs lists the files this command reads besides the database — the
// config file, and each of paths with the signature beside it, which merge
// reads too (sigfile.Path) — for -o to refuse.
func (m *Main) inputs(paths ...string) []atomicfile.Protect {
	var out []atomicfile.Protect
	if m.configPath != "" {
		out = append(out, atomicfile.Protect{Path: m.configPath, What: "the config file"})
	}
	for _, p := range paths {
		if p == "" { // no key file: the agent, or no signing
			continue
		}
		out = append(out,
			atomicfile.Protect{Path: p, What: "one of this command's input files"},
			atomicfile.Protect{Path: sigfile.Path(p), What: "the signature of one of this command's input files"})
	}
	return out
}

// keyFile is the signing key as a file -o may not replace: "" for
// "agent" or no key.
func keyFile(key string) string {
	if key == sshsign.Agent {
		return ""
	}
	return key
}

// checkOutput refuses an -o that would replace the database, its log, a
// backup, any SQLite database, the config file or one of inputs or their
// signatures, before anything is read or written. Stdout ("" or "-") is
// always fine.
func (m *Main) checkOutput(out string, inputs ...string) error {
	if out == "" || out == "-" {
		return nil
	}
	return atomicfile.CheckTarget(out, m.protected(inputs...))
}

// protected is every path this command's -o may not replace.
func (m *Main) protected(inputs ...string) []atomicfile.Protect {
	return append(store.Protected(m.dbPath), m.inputs(inputs...)...)
}
