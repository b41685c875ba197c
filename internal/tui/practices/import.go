package practices

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pcnvoice/pcnvoice/internal/importer"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui/common"
	"github.com/pcnvoice/pcnvoice/internal/tui/form"
)

// imported is what an import returns through the Writer: the lines that
// say what it changed, shown as the notice.
type imported struct{ lines []string }

// openImport asks for the path of an NHS file. The file itself is read in
// the write command, never here: Update does no disk I/O.
func (m *Model) openImport() {
	m.form = form.New(m.com.Styles, m.com.Keys, "Import an NHS file into your practices",
		form.Text("File", m.lastImport, func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("give the path of the file, e.g. ~/Downloads/gp-reg-pat-prac-map.csv")
			}
			return nil
		}).WithHint("practice–PCN map, list sizes or ePCN (.csv or .xlsx), as NHS England publishes them"),
	).SetSize(m.com.Width, m.com.Height)
	m.editing, m.importing = true, true
}

// importFile reads and applies the file through the shared importer, in
// the Writer's order with the other edits. A submission is refused here:
// restoring one replaces the whole database, which deserves the command
// line's explicit `pcnvoice import`.
func (m *Model) importFile(path string) tea.Cmd {
	path = strings.TrimSpace(path)
	m.lastImport = path
	db, cfg, now := m.com.DB, m.com.Config, m.com.Now
	return m.com.Writer.Do(tag, "", func(ctx context.Context) (any, error) {
		path := common.ExpandHome(path) // looks up the home folder: not in Update
		plan, err := importer.Read(path)
		if err != nil {
			return nil, err
		}
		if plan.Restores() {
			return nil, fmt.Errorf("%s is a pcnvoice submission: restoring it replaces everything, so do it with `pcnvoice import` on the command line", path)
		}
		res, err := plan.Apply(ctx, db, importer.Options{Now: now(), Config: cfg})
		if err != nil {
			return nil, err
		}
		return imported{lines: res.Lines}, nil
	})
}

// importNotice turns an import's lines into the one-line notice.
func importNotice(v imported) tea.Cmd {
	return common.DoneCmd("%s", termtext.Line("imported: "+strings.Join(v.lines, "; ")))
}
