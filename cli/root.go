// Package cli is rolo's scripting interface: cobra commands that read and
// change a workspace, print aligned tables for people and stable JSON
// (--json) for programs. Every command validates all of its input before
// it calls the store, so a failed command writes nothing.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"rolo/store"
)

// RunTUI opens the interactive terminal UI on an open workspace. main
// wires it once the tui package exists; while it is nil, running rolo with
// no subcommand prints the help.
var RunTUI func(st *store.Store) error

// app is the state one invocation shares between its commands: the global
// flags, the output streams and the lazily opened store.
type app struct {
	dbFlag string
	asFlag string
	json   bool

	out, errOut io.Writer
	getenv      func(string) string
	// stderrTTY reports whether stderr is a terminal (progress bars).
	stderrTTY bool

	st *store.Store
}

// Options let tests run the command tree in-process against their own
// streams and environment.
type Options struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string // default os.Getenv
	StderrTTY      bool
}

// Run executes rolo with args (without the program name) and returns the
// error that should make the process exit non-zero. The error has already
// been printed to Stderr.
func Run(ctx context.Context, args []string, opt Options) error {
	a := &app{out: opt.Stdout, errOut: opt.Stderr, getenv: opt.Getenv, stderrTTY: opt.StderrTTY}
	if a.out == nil {
		a.out = io.Discard
	}
	if a.errOut == nil {
		a.errOut = io.Discard
	}
	if a.getenv == nil {
		a.getenv = os.Getenv
	}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(a.out)
	root.SetErr(a.errOut)
	err := root.ExecuteContext(ctx)
	if a.st != nil {
		if cerr := a.st.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(a.errOut, "rolo: "+strings.TrimSpace(err.Error()))
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(a.errOut, "Run '%s --help' for usage.\n", ue.cmd.CommandPath())
		}
	}
	return err
}

// usageError marks mistakes in how a command was called (flags, argument
// count), which earn a pointer to the help.
type usageError struct {
	cmd *cobra.Command
	err error
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "rolo",
		Short: "A keyboard-driven CRM for the terminal",
		Long: `rolo is a keyboard-driven CRM that lives in the terminal.

Run it without a command to open the interactive interface. The commands
below script the same workspace: every one prints a table for people, or
stable JSON with --json for programs (see 'rolo help json').

The workspace is an SQLite file: --db, else $ROLO_DB, else
$XDG_DATA_HOME/rolo/rolo.db (~/.local/share/rolo/rolo.db). Changes are made
as --as, else $ROLO_USER, else your operating-system login. Phone numbers
typed without a country code are read in $ROLO_REGION (default US).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q for rolo", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += " (did you mean " + strings.Join(s, " or ") + "?)"
			}
			return errors.New(msg)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if RunTUI == nil {
				return cmd.Help()
			}
			st, err := a.store()
			if err != nil {
				return err
			}
			return RunTUI(st)
		},
	}
	root.SuggestionsMinimumDistance = 2
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{cmd: cmd, err: err}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbFlag, "db", "", "workspace database file (default $ROLO_DB, else $XDG_DATA_HOME/rolo/rolo.db)")
	pf.StringVar(&a.asFlag, "as", "", "act as this member login (default $ROLO_USER, else the OS user)")
	pf.BoolVar(&a.json, "json", false, "print JSON for programs instead of tables")

	root.AddGroup(
		&cobra.Group{ID: "records", Title: "Records:"},
		&cobra.Group{ID: "schema", Title: "Objects and fields:"},
		&cobra.Group{ID: "workspace", Title: "Workspace:"},
	)
	for _, c := range []*cobra.Command{a.listCmd(), a.countCmd(), a.getCmd(), a.createCmd(), a.updateCmd(),
		a.upsertCmd(), a.deleteCmd(), a.restoreCmd(), a.eventsCmd(), a.importCmd(), a.exportCmd()} {
		c.GroupID = "records"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.objectsCmd(), a.objectCmd(), a.fieldsCmd(), a.fieldCmd()} {
		c.GroupID = "schema"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.memberCmd(), a.pipelineCmd(), a.stageCmd(), a.demoCmd()} {
		c.GroupID = "workspace"
		root.AddCommand(c)
	}
	root.AddCommand(jsonHelpTopic())
	wrapArgs(root)
	return root
}

// wrapArgs turns cobra's argument-count errors into usage errors in every
// command, so they get the "Run ... --help" hint.
func wrapArgs(c *cobra.Command) {
	if c.Args != nil {
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return &usageError{cmd: cmd, err: err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}

// store opens the workspace on first use, so --help and completion of
// static words never create a database file.
func (a *app) store() (*store.Store, error) {
	if a.st != nil {
		return a.st, nil
	}
	path, err := dbPath(a.dbFlag, a.getenv)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(path, store.Options{Actor: actorLogin(a.asFlag, a.getenv), Region: a.getenv("ROLO_REGION")})
	if err != nil {
		return nil, err
	}
	a.st = st
	return st, nil
}
