//go:build !windows

package sshsign

import (
	"io"
	"net"
	"time"
)

// defaultAgentSocket is where the agent listens when SSH_AUTH_SOCK is not
// set: on Unix there is no such place.
const defaultAgentSocket = ""

func dialAgent(sock string) (io.ReadWriteCloser, error) {
	return net.DialTimeout("unix", sock, 5*time.Second)
}
