package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/mergejob"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/sigfile"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
)

func (m *Main) verifyCommand() *cobra.Command {
	var rosterFlag string
	cmd := &cobra.Command{
		Use:   "verify [flags] FILE...",
		Short: "Check submissions' and forum packs' digests and signatures, one line a file",
		Long: `Verify checks each FILE — a submission or a forum pack — and prints one line
for it: whether its digest matches its content (the file was not changed
after export), and its signature: FILE.sig beside it, an SSH signature as
ssh-keygen -Y sign -n pcnvoice makes it.

  signed           the signature verifies, with a key the forum's roster
                   lists for the file's PCN code (a pack: for anyone)
  key not checked  the signature verifies, but no roster was given, so
                   whose key it is was not checked
  unsigned         there is no FILE.sig

The roster is an OpenSSH allowed_signers file: one line a key, the PCN
codes it signs for first (U51234,U51235), then the public key, with
namespaces="pcnvoice", valid-after and valid-before honoured. It comes from
--allowed-signers, else the config's [forum] allowed_signers.

Verify exits 1 if any file fails: a digest that does not match, a file that
is not a pcnvoice file, or a signature that does not verify or whose key
the roster does not list for that PCN (or lists only at another time).
Anyone can check a signature without pcnvoice:
  ssh-keygen -Y verify -f allowed_signers -I U51234 -n pcnvoice -s FILE.sig < FILE`,
		Example: `  pcnvoice verify --allowed-signers forum/allowed_signers forum-q3/*.json
  pcnvoice verify riverside-2026-27-Q3.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr("verify needs at least one FILE: the submissions or packs to check")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return m.verify(cmd, rosterFlag, args)
		},
	}
	pathFlag(cmd.Flags(), &rosterFlag, "allowed-signers", "", "the forum's roster, an OpenSSH allowed_signers file (default: the config's [forum] allowed_signers)")
	return cmd
}

func (m *Main) verify(cmd *cobra.Command, rosterFlag string, paths []string) error {
	roster, err := m.roster(cmd, rosterFlag)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	// The roster's valid-after and valid-before are judged now, as
	// ssh-keygen -Y verify does: the real clock, not SOURCE_DATE_EPOCH,
	// which fixes what is written, not what is true.
	now := m.Now()
	ctx := cmd.Context()
	failed, unchecked := 0, 0
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, status, ok := verifyFile(ctx, path, roster, now)
		fmt.Fprintln(out, m.line(line))
		if !ok {
			failed++
		}
		if status == sshsign.KeyNotChecked {
			unchecked++
		}
	}
	if unchecked > 0 {
		fmt.Fprintln(cmd.ErrOrStderr(), "pcnvoice: note: no roster given (--allowed-signers, or [forum] allowed_signers in the config): signatures were verified, but not whose keys made them")
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed verification", failed, len(paths))
	}
	return nil
}

// rosterPath is where the forum's roster comes from: --allowed-signers if
// given, else cfg's [forum] allowed_signers (relative to the config
// file's folder), else "" for none. It takes the config the command has
// already read, so one run never sees two versions of the file.
func rosterPath(cmd *cobra.Command, flag string, cfg *config.Config) (string, error) {
	if cmd.Flags().Changed("allowed-signers") {
		if flag == "" {
			return "", usageErr("--allowed-signers needs a FILE")
		}
		return flag, nil
	}
	if cfg.Forum.AllowedSigners == "" {
		return "", nil
	}
	return cfg.Resolve("forum.allowed_signers", cfg.Forum.AllowedSigners)
}

// roster reads the forum's roster (rosterPath), or none. A roster named
// but missing or broken is an error: checking nothing while the forum
// thinks it checks keys would be worse.
func (m *Main) roster(cmd *cobra.Command, flag string) (*sshsign.Roster, error) {
	cfg, err := m.config()
	if err != nil {
		return nil, err
	}
	path, err := rosterPath(cmd, flag, cfg)
	if err != nil {
		return nil, err
	}
	return readRoster(path)
}

// readRoster reads the roster at path; "" is none.
func readRoster(path string) (*sshsign.Roster, error) {
	if path == "" {
		return nil, nil
	}
	// Times without a Z are local, as ssh-keygen reads them.
	r, err := sshsign.ReadRoster(path, time.Local)
	if err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	return r, nil
}

// verifyFile checks one file and returns its line, its signature status
// and whether it passed.
func verifyFile(ctx context.Context, path string, roster *sshsign.Roster, now time.Time) (line string, status sshsign.Status, ok bool) {
	if strings.EqualFold(filepath.Ext(path), sigfile.Suffix) {
		return fmt.Sprintf("%s: FAILED: a signature file; give the file it signs (%s), and this .sig beside it is checked", path, strings.TrimSuffix(path, filepath.Ext(path))), "", false
	}
	data, err := infile.ReadContext(ctx, path, pcnjson.MaxPackSize)
	if err != nil {
		return fmt.Sprintf("%s: FAILED: %s", path, strings.TrimPrefix(err.Error(), path+": ")), "", false
	}
	if _, err := os.Lstat(sigfile.Path(path)); err == nil && pcnjson.IsPaper(data) {
		return verifyPaper(ctx, path, data, roster, now)
	}
	target, err := decodeForVerify(path, data)
	if err != nil {
		var se *pcnjson.Error
		if errors.As(err, &se) && se.File == path && se.Member == "digest" {
			return fmt.Sprintf("%s: digest FAILED: %s", path, se.Msg), "", false
		}
		return fmt.Sprintf("%s: FAILED: %s", path, strings.TrimPrefix(err.Error(), path+": ")), "", false
	}
	name := path
	if target.pack {
		name += " (forum pack)"
	}
	sig, err := sigfile.Read(ctx, path)
	if err != nil {
		return fmt.Sprintf("%s: digest ok, signature FAILED: %v", name, err), "", false
	}
	line, status, ok = signatureLine(name, path, data, sig, target.pcn, roster, now)
	if ok && target.pack {
		// A pack's word for its submissions' signatures is not taken:
		// each is checked again, as a merge of the pack would.
		embedded, err := embeddedSignatures(ctx, path, target.p, roster, now)
		if err != nil {
			return fmt.Sprintf("%s: digest ok, embedded signature FAILED: %s", name, strings.TrimPrefix(err.Error(), path+": ")), "", false
		}
		line += "; " + embedded
	}
	return line, status, ok
}

// signatureLine checks a file's own signature and words the result.
func signatureLine(name, path string, data, sig []byte, pcn string, roster *sshsign.Roster, now time.Time) (line string, status sshsign.Status, ok bool) {
	res, err := sshsign.Check(sshsign.Input{Data: data, Sig: sig, Roster: roster, Principal: pcn, Time: now})
	switch {
	case err != nil:
		line = fmt.Sprintf("%s: digest ok, signature FAILED: %v", name, err)
		if res.Fingerprint != "" && !strings.Contains(line, res.Fingerprint) {
			line += ", key " + res.Fingerprint
		}
		return line, "", false
	case res.Status == sshsign.Signed:
		return fmt.Sprintf("%s: digest ok, signed by %s, key %s", name, res.Principal, res.Fingerprint), res.Status, true
	case res.Status == sshsign.KeyNotChecked:
		return fmt.Sprintf("%s: digest ok, key not checked, key %s", name, res.Fingerprint), res.Status, true
	}
	return fmt.Sprintf("%s: digest ok, unsigned (no %s)", name, filepath.Base(sigfile.Path(path))), res.Status, true
}

// verifyTarget is what verify needs to know of a file once decoded.
type verifyTarget struct {
	pack bool   // a forum pack, which speaks for no one PCN
	pcn  string // a submission's PCN code: the principal its signer must be listed for
	p    *pcnjson.Pack
}

// decodeForVerify decodes a file through the one decoder import, merge
// and the app use (pcnjson.Read), which checks its digest (and every
// embedded submission's in a pack), so verify and merge cannot disagree
// about a file.
func decodeForVerify(path string, data []byte) (verifyTarget, error) {
	in, err := pcnjson.Read(path, data)
	if err != nil {
		return verifyTarget{}, err
	}
	if in.Pack != nil {
		return verifyTarget{pack: true, p: in.Pack}, nil
	}
	return verifyTarget{pcn: in.Submission.Doc.PCN.Code}, nil
}

// embeddedSignatures checks every signature a pack keeps, as a merge of it
// would (mergejob), and counts them: "submissions: 5 signed, 1 unsigned".
func embeddedSignatures(ctx context.Context, path string, p *pcnjson.Pack, roster *sshsign.Roster, now time.Time) (string, error) {
	if err := (mergejob.Signatures{Roster: roster, Time: now}).CheckEmbedded(ctx, path, p); err != nil {
		return "", err
	}
	counts := map[string]int{}
	for _, e := range p.Submissions {
		counts[e.Signature.Status]++
	}
	var parts []string
	for _, st := range []string{pcnjson.SigSigned, pcnjson.SigKeyNotChecked, pcnjson.SigUnsigned} {
		if counts[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
		}
	}
	return "submissions: " + strings.Join(parts, ", "), nil
}

// verifyPaper checks the signature beside a board paper (export and merge
// --sign sign papers too). A paper has no digest of its own, and speaks
// for whichever PCN or forum it names, so its signer may be anyone the
// roster lists. (An unsigned paper is refused as merge refuses it.)
func verifyPaper(ctx context.Context, path string, data []byte, roster *sshsign.Roster, now time.Time) (string, sshsign.Status, bool) {
	name := path + " (paper)"
	sig, err := sigfile.Read(ctx, path)
	if err != nil {
		return fmt.Sprintf("%s: signature FAILED: %v", name, err), "", false
	}
	line, status, ok := signatureLine(name, path, data, sig, "", roster, now)
	return strings.Replace(line, ": digest ok, ", ": ", 1), status, ok
}
