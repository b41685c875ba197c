//go:build windows

package sshsign

import (
	"io"
	"net"
	"os"
	"strings"
	"time"
)

// defaultAgentSocket is the named pipe Windows' own OpenSSH agent service
// listens on; SSH_AUTH_SOCK is rarely set there.
const defaultAgentSocket = `\\.\pipe\openssh-ssh-agent`

// dialAgent opens a named pipe as a file (the agent protocol is one request
// then one answer, so plain blocking reads and writes do), or a Unix socket
// for agents that offer one (Windows 10 and later have AF_UNIX).
func dialAgent(sock string) (io.ReadWriteCloser, error) {
	if strings.HasPrefix(sock, `\\.\pipe\`) {
		return os.OpenFile(sock, os.O_RDWR, 0)
	}
	return net.DialTimeout("unix", sock, 5*time.Second)
}
