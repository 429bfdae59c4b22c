// Command rolo is a keyboard-driven CRM for the terminal. With no
// arguments it opens the interactive interface; its subcommands script the
// same workspace (see cli/).
package main

import (
	"context"
	"os"
	"os/signal"

	"rolo/cli"
	"rolo/store"
	"rolo/tui"
)

func main() {
	// Ctrl+C cancels the running command's context, so a long import or
	// demo fill rolls back instead of leaving half a transaction.
	cli.RunTUI = func(st *store.Store) error { return tui.Run(st, tui.Options{}) }
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := cli.Run(ctx, os.Args[1:], cli.Options{
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		StderrTTY: isTerminal(os.Stderr),
	})
	stop()
	if err != nil {
		os.Exit(1)
	}
}

// isTerminal reports whether f is a character device (a terminal), without
// a terminal library: progress output is all it decides.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
