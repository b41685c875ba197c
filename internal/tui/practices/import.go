package practices

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/importer"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// openImport asks for the path of an NHS file (i). The file itself is read
// in the write, never in Update. The form starts empty each time: a path
// that failed is named in its error, not offered again.
func openImport(s *Model) tea.Cmd {
	com := s.Common()
	if com.Remote { // the key is off over SSH; this is the gate itself
		return common.NoticeCmd("%s", common.RemoteText)
	}
	f := form.New(com.Styles, com.Keys, "Import an NHS file into your practices",
		form.Text("File", "", func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("give the path of the file, e.g. ~/Downloads/gp-reg-pat-prac-map.csv")
			}
			return nil
		}).WithHint("practice–PCN map, list sizes or ePCN (.csv or .xlsx), as NHS England publishes them").WithLimit(4096),
	).WithSubmit("Import", "imports")
	s.OpenForm(f, func(s *Model, f form.Model) tea.Cmd { return importFile(s, f.Value(0)) })
	return nil
}

// importFile reads and applies the file through the shared importer, in
// the Writer's order with the other edits. A submission is refused here:
// restoring one replaces the whole database, which deserves the command
// line's explicit `pcnvoice import`.
func importFile(s *Model, path string) tea.Cmd {
	path = strings.TrimSpace(path)
	com := s.Common()
	if com.Remote { // over SSH nothing a remote user types reaches the file system
		return common.NoticeCmd("%s", common.RemoteText)
	}
	db, cfg, now, ledger := com.DB, com.Config, com.Now, com.Writer.Ledger
	return s.Write(row{}, "", func(ctx context.Context) (string, error) {
		path, err := config.ExpandHome(path) // looks up the home folder: not in Update
		if err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
		plan, err := importer.Read(path)
		if err != nil {
			return "", err
		}
		if plan.Restores() {
			return "", fmt.Errorf("%s is a pcnvoice submission: restoring it replaces everything, so do it with `pcnvoice import` on the command line", path)
		}
		// The importer's transactions are not the store's edits as seen,
		// so the Ledger learns of this one from the version around it. A
		// change by another program in the instant between would be taken
		// for ours: the list reloads all the same, only without saying so.
		before, err := db.Version(ctx)
		if err != nil {
			return "", err
		}
		res, err := plan.Apply(ctx, db, importer.Options{Now: now(), Config: cfg})
		if err != nil {
			return "", err
		}
		if after, err := db.Version(ctx); err == nil {
			ledger.Record(store.Change{Before: before, After: after})
		}
		return termtext.Line("imported: " + strings.Join(res.Lines, "; ")), nil
	})
}
