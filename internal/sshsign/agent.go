package sshsign

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// agentSource names the agent in messages and as a Signer's Source.
const agentSource = "ssh-agent"

// openAgent connects to the ssh-agent at sock and returns a Signer for
// want, or, when want is nil, for the agent's only usable key.
func openAgent(sock string, want ssh.PublicKey) (*Signer, error) {
	if sock == "" {
		sock = defaultAgentSocket
	}
	if sock == "" {
		return nil, fmt.Errorf("no ssh-agent: SSH_AUTH_SOCK is not set; start one (eval \"$(ssh-agent)\"), ssh-add your key, or give the key file instead of %q", Agent)
	}
	conn, err := dialAgent(sock)
	if err != nil {
		return nil, fmt.Errorf("ssh-agent at %s: %w", sock, err)
	}
	s, err := pickAgentKey(agent.NewClient(conn), want)
	if err != nil {
		conn.Close()
		return nil, err
	}
	s.close = conn.Close
	return s, nil
}

// pickAgentKey chooses the agent key to sign with. With several keys and
// none named, it refuses rather than guess: a signature by the wrong key
// fails at the forum, far from the person who can fix it.
func pickAgentKey(c agent.ExtendedAgent, want ssh.PublicKey) (*Signer, error) {
	signers, err := c.Signers()
	if err != nil {
		return nil, fmt.Errorf("ssh-agent: %w", err)
	}
	if want != nil {
		for _, s := range signers {
			if bytes.Equal(s.PublicKey().Marshal(), want.Marshal()) {
				return NewSigner(s, agentSource)
			}
		}
		return nil, fmt.Errorf("ssh-agent does not hold the key %s: ssh-add it first", Fingerprint(want))
	}
	var usable []ssh.Signer
	for _, s := range signers {
		if usableKey(s.PublicKey()) == nil {
			usable = append(usable, s)
		}
	}
	switch len(usable) {
	case 0:
		return nil, fmt.Errorf("ssh-agent holds no key pcnvoice can sign with: ssh-add your key (e.g. ssh-add ~/.ssh/id_ed25519)")
	case 1:
		return NewSigner(usable[0], agentSource)
	}
	keys, _ := c.List()
	var names []string
	for _, k := range keys {
		if usableKey(k) == nil {
			names = append(names, strings.TrimSpace(Fingerprint(k)+" "+k.Comment))
		}
	}
	return nil, fmt.Errorf("ssh-agent holds %d keys (%s): name the one to sign with by its public key file, e.g. ~/.ssh/id_ed25519.pub, instead of %q", len(usable), strings.Join(names, "; "), Agent)
}
