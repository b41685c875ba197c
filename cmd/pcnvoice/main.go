// Command pcnvoice gives a primary care network's clinical director, and the
// forum of directors in an integrated care system, one collective voice: a
// terminal app over a local SQLite file. main only wires signals and the exit
// code; everything else is in Main.Run, which tests call with buffers.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // Windows has no zone database of its own

	"github.com/spf13/cobra"
)

func main() {
	// Double-clicking pcnvoice.exe in Explorer should open the TUI, not
	// cobra's "this is a command line tool" notice.
	cobra.MousetrapHelpText = ""
	// The first Ctrl-C or SIGTERM cancels ctx, which every long operation
	// (file reads, the import transaction, backups, writes) watches; a
	// second one ends the program at once, the default way.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now}
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
