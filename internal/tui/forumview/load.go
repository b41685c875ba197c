package forumview

import (
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/forum"
	"github.com/pcnvoice/pcnvoice/internal/mergejob"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
)

// loadedMsg carries a merged pack, or why there is none.
type loadedMsg struct {
	seq  int
	data data
	err  error
}

// openCmd reads and merges what path names — a forum pack, a submission,
// or a folder of them — in a command: a forum's folder may hold hundreds
// of files, and Update must never wait on the disk. It is the merge
// `pcnvoice merge` runs (mergejob), with the config's settings.
func openCmd(com common.Common, seq int, path string) tea.Cmd {
	return func() tea.Msg {
		path, err := config.ExpandHome(path)
		if err != nil {
			return loadedMsg{seq: seq, err: fmt.Errorf("%s: %w", path, err)}
		}
		// Browsing writes nothing, so files for two periods are shown,
		// with the merge's warning under coverage, rather than refused.
		opt, err := mergejob.Options(com.Config, mergejob.Settings{AllowMixedPeriods: true}, com.Now())
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		sigs, err := signatures(com)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		res, err := mergejob.Run(com.Ctx, mergejob.Job{Paths: []string{path}, Options: opt, KeepPackTime: true, Signatures: sigs})
		if err != nil {
			return loadedMsg{seq: seq, err: mergeError(path, err)}
		}
		return loadedMsg{seq: seq, data: prepare(com.Config, res.Pack, res.Warnings, path, res.Files)}
	}
}

// mergeError names what was opened in an error about all of it rather
// than about one file (which names its file itself).
func mergeError(path string, err error) error {
	if errors.Is(err, forum.ErrNothing) {
		return fmt.Errorf("%s: %w", path, err)
	}
	return err
}

// signatures are how the merge checks signatures: against the forum's
// roster when the config names one ([forum] allowed_signers), as `pcnvoice
// merge` does, its lines judged at the time of opening.
func signatures(com common.Common) (mergejob.Signatures, error) {
	sigs := mergejob.Signatures{Time: com.Now()}
	if com.Config.Forum.AllowedSigners == "" {
		return sigs, nil
	}
	path, err := com.Config.Resolve("forum.allowed_signers", com.Config.Forum.AllowedSigners)
	if err != nil {
		return sigs, err
	}
	// Times without a Z are local, as ssh-keygen reads them.
	if sigs.Roster, err = sshsign.ReadRoster(path, time.Local); err != nil {
		return sigs, fmt.Errorf("the forum's roster ([forum] allowed_signers): %w", err)
	}
	return sigs, nil
}
