package sshsigntest

import (
	"testing"

	"golang.org/x/crypto/ssh/agent"

	"github.com/pcnvoice/pcnvoice/internal/sshsign/agenttest"
)

// StartAgent serves an in-process ssh-agent holding keys for the test's
// life (agenttest.Start) and returns its socket's path, what
// SSH_AUTH_SOCK names.
func StartAgent(tb testing.TB, keys ...Key) string {
	tb.Helper()
	added := make([]agent.AddedKey, len(keys))
	for i, k := range keys {
		added[i] = agent.AddedKey{PrivateKey: k.Priv, Comment: "test key"}
	}
	return agenttest.Start(tb, added...)
}
