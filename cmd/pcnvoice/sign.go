package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	xterm "golang.org/x/term" // (the e2e tests have a type term)

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/mergejob"
	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/report"
	"github.com/pcnvoice/pcnvoice/internal/sigfile"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
)

// signFlagHelp is --sign's help, the same for export and merge.
const signFlagHelp = `sign the file written with -o: KEY is a private key file (e.g. ~/.ssh/id_ed25519; a passphrase is asked for) or "agent"; the signature goes beside it as FILE.sig`

// signingKey settles which key signs a file written to out: --sign when
// given (it needs -o: a usage error otherwise), else the config's
// [director] signing_key when fromConfig and out is a file, else none.
// Without -o the config's key signs nothing, and note says so.
func (m *Main) signingKey(cmd *cobra.Command, flag, out string, cfg *config.Config, fromConfig bool) (key, note string, err error) {
	toFile := out != "" && out != "-"
	if cmd.Flags().Changed("sign") {
		switch {
		case flag == "":
			return "", "", usageErr("--sign needs a KEY: a private key file (e.g. ~/.ssh/id_ed25519) or %q", sshsign.Agent)
		case !toFile:
			return "", "", usageErr("--sign needs -o FILE: the signature is written beside the file, as FILE.sig")
		}
		key, err := config.ExpandHome(flag)
		if err != nil {
			return "", "", fmt.Errorf("--sign %s: %w", flag, err)
		}
		return key, "", nil
	}
	if !fromConfig || cfg == nil || cfg.Director.SigningKey == "" {
		return "", "", nil
	}
	if !toFile {
		return "", "not signed: [director] signing_key signs only a file written with -o", nil
	}
	if cfg.Director.SigningKey == sshsign.Agent {
		return sshsign.Agent, "", nil
	}
	key, err = cfg.Resolve("director.signing_key", cfg.Director.SigningKey)
	return key, "", err
}

// openSigner opens KEY for signing, asking for a passphrase on the
// terminal if the key file has one. The caller closes the Signer.
func (m *Main) openSigner(ctx context.Context, key string) (*sshsign.Signer, error) {
	s, err := sshsign.Open(key, sshsign.KeyOptions{
		Passphrase:  m.askPassphrase(ctx, key),
		AgentSocket: m.Getenv("SSH_AUTH_SOCK"),
	})
	if err != nil && !strings.HasPrefix(err.Error(), key+":") {
		err = fmt.Errorf("--sign %s: %w", key, err) // an agent's error names no file
	}
	return s, err
}

// errNoTerminal is why no passphrase could be asked.
var errNoTerminal = errors.New("stdin is not a terminal to ask it on")

// askPassphrase asks for a key's passphrase on the terminal — stdin, when
// it is one — without echo, and keeps nothing: the key file's parser
// zeroes the buffer once used. Ctrl-C while it waits stops the command and
// gives the terminal its echo back. With no terminal (a script, a pipe)
// it says how to sign there instead.
func (m *Main) askPassphrase(ctx context.Context, key string) func(prompt string) ([]byte, error) {
	return func(prompt string) ([]byte, error) {
		f, ok := m.Stdin.(*os.File)
		if !ok || !xterm.IsTerminal(int(f.Fd())) {
			return nil, fmt.Errorf("%w: add the key to ssh-agent (ssh-add %s) and sign with --sign %s", errNoTerminal, key, sshsign.Agent)
		}
		fd := int(f.Fd())
		state, err := xterm.GetState(fd)
		if err != nil {
			return nil, err
		}
		if err := echoOff(fd); err != nil {
			return nil, err
		}
		fmt.Fprint(m.Stderr, m.line(prompt))
		type read struct {
			pass []byte
			err  error
		}
		done := make(chan read, 1)
		go func() {
			pass, err := readSecret(fd)
			done <- read{pass, err}
		}()
		select {
		case r := <-done:
			xterm.Restore(fd, state)
			fmt.Fprintln(m.Stderr)
			return r.pass, r.err
		case <-ctx.Done():
			// The read goes on until the terminal gives it a line or
			// the program ends; the echo comes back now.
			xterm.Restore(fd, state)
			fmt.Fprintln(m.Stderr)
			return nil, ctx.Err()
		}
	}
}

// checkSignedOutput is checkOutput for a file written with its signature:
// FILE.sig may not replace a protected path either.
func (m *Main) checkSignedOutput(out string, inputs ...string) error {
	return sigfile.CheckTarget(out, m.protected(inputs...))
}

// writeSigned writes data to path and sig beside it, as one.
func (m *Main) writeSigned(ctx context.Context, path string, data, sig []byte) error {
	return sigfile.Write(ctx, path, data, sig, atomicfile.Options{Perm: 0o600})
}

// dropStaleSig removes the signature beside path that signed its last
// version, now replaced by data written unsigned, and says so on w.
func (m *Main) dropStaleSig(w io.Writer, path string, data []byte) {
	if path == "" || path == "-" {
		return
	}
	removed, err := sigfile.RemoveStale(path, data)
	m.staleSig(w, path, removed, err)
}

// staleSig says that the signature beside path, which signed its last
// version, was removed, or could not be.
func (m *Main) staleSig(w io.Writer, path string, removed bool, err error) {
	switch {
	case err != nil:
		fmt.Fprintln(w, "pcnvoice: warning: "+m.line(err.Error())+": remove it yourself, or the forum will refuse the new file")
	case removed:
		fmt.Fprintf(w, "pcnvoice: removed %s: it signed the file's last version, not this one (sign with --sign)\n", m.line(sigfile.Path(path)))
	}
}

// mergeSignatures settles how merge checks and makes signatures: the
// roster (rosterFile: --allowed-signers, else [forum] allowed_signers), whether
// unsigned submissions may count, and the key that signs the pack, opened
// (a passphrase asked) before any file is read.
func (m *Main) mergeSignatures(cmd *cobra.Command, f mergeFlags, rosterFile, key string) (mergejob.Signatures, *sshsign.Signer, error) {
	roster, err := readRoster(rosterFile)
	if err != nil {
		return mergejob.Signatures{}, nil, err
	}
	// The roster's valid-after and valid-before are judged now, as
	// verify judges them: SOURCE_DATE_EPOCH fixes what is written, not
	// when the merge is.
	sigs := mergejob.Signatures{Roster: roster, Require: f.requireSigned, Time: m.Now()}
	if key == "" {
		return sigs, nil, nil
	}
	signer, err := m.openSigner(cmd.Context(), key)
	return sigs, signer, err
}

// reportMergeSignatures says what the merge found of signatures: each
// forum pack's own, and one line for the submissions, when there was a
// roster or anything was signed.
func (m *Main) reportMergeSignatures(w io.Writer, res mergejob.Result, sigs mergejob.Signatures) {
	for _, ps := range res.PackSignatures {
		who := "key not checked (no roster)"
		if ps.Status == sshsign.Signed {
			who = "signed by " + ps.Principal
		}
		fmt.Fprintf(w, "pcnvoice: %s: the forum pack itself is %s, key %s\n", m.line(ps.Path), m.line(who), ps.Fingerprint)
	}
	unchecked, signed := false, false
	for _, e := range res.Pack.Submissions {
		unchecked = unchecked || e.Signature.Status == pcnjson.SigKeyNotChecked
		signed = signed || e.Signature.Status != pcnjson.SigUnsigned
	}
	if sigs.Roster == nil && !signed {
		return
	}
	fmt.Fprintln(w, "signatures: "+m.line(report.SignatureSummary(res.Pack)))
	if unchecked {
		fmt.Fprintln(w, "pcnvoice: note: no roster given (--allowed-signers, or [forum] allowed_signers in the config): signatures were verified, but not whose keys made them")
	}
}

// signAndWrite signs data and writes it to path with its signature, as
// one: a signature that fails writes neither.
func (m *Main) signAndWrite(ctx context.Context, w io.Writer, signer *sshsign.Signer, path string, data []byte) error {
	sig, err := signer.Sign(data)
	if err != nil {
		return fmt.Errorf("sign %s: %w", path, err)
	}
	if err := m.writeSigned(ctx, path, data, sig); err != nil {
		return err
	}
	fmt.Fprintf(w, "signed with %s (%s) in %s\n", m.line(signer.Source()), signer.Fingerprint(), m.line(sigfile.Path(path)))
	return nil
}
