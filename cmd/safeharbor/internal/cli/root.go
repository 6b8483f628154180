// Package cli is safeharbor's command tree: one file per command, the streams, and the one map
// from errors to exit codes. It is the only package that knows about flags and the process.
package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/drafts"
	"github.com/safeharbor/safeharbor/questions"
)

// Main runs safeharbor with the process's arguments, streams and environment, and returns the
// exit code.
func Main() int {
	// SIGQUIT stops an interview as Ctrl-C does: what is saved is said, and the exit is 130.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer stop()
	// A pipe whose reader has gone is a write error, said and handled (the draft kept), not a
	// silent death.
	signal.Ignore(syscall.SIGPIPE)
	// After the first signal, restore the default handling: a second Ctrl-C always ends the
	// process, even if something is stuck.
	go func() {
		<-ctx.Done()
		stop()
	}()
	return Run(ctx, os.Args[1:], SystemStreams(), os.Getenv)
}

// Run runs safeharbor with the given arguments, streams and environment lookup.
func Run(ctx context.Context, args []string, s Streams, getenv func(string) string) int {
	a := &app{streams: s, getenv: getenv}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	err := root.ExecuteContext(ctx)
	return exitCode(err, s.Err)
}

// app is what every command shares: the streams, and the shipped files, loaded once when needed.
type app struct {
	streams Streams
	getenv  func(string) string

	loadOnce sync.Once
	base     questions.Base
	catalog  *questions.Catalog
	loadErr  error
}

// draftDirs are where drafts live: training drafts apart from real ones.
func (a *app) draftDirs(training bool) (drafts.Dirs, error) {
	dirs, err := drafts.DefaultDirs(a.getenv)
	if training {
		dirs = dirs.Training()
	}
	return dirs, err
}

// draftStore opens the drafts store, creating the key on first use (protected by
// SAFEHARBOR_PASSPHRASE when that is set). A key that cannot be used is refused here, before
// the first question; what the worker should know of a usable one is said here too.
func (a *app) draftStore(training bool) (*drafts.Store, error) {
	dirs, err := a.draftDirs(training)
	if err != nil {
		return nil, err
	}
	store, err := drafts.Open(dirs, a.getenv("SAFEHARBOR_PASSPHRASE"))
	if err != nil {
		return nil, err
	}
	for _, w := range store.Warnings() {
		fmt.Fprintf(a.streams.Err, "safeharbor: warning: %s\n", w)
	}
	return store, nil
}

// shipped returns the shipped contacts, word list and question sets.
func (a *app) shipped() (questions.Base, *questions.Catalog, error) {
	a.loadOnce.Do(func() {
		a.base, a.loadErr = questions.LoadBase(questions.FS())
		if a.loadErr == nil {
			a.catalog, a.loadErr = questions.LoadCatalog(questions.FS(), a.base)
		}
	})
	return a.base, a.catalog, a.loadErr
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "safeharbor",
		Short: "A screening conversation with a young person who has come back from being missing",
		Long: strings.TrimSpace(`
safeharbor steps a child-welfare worker through a calm, non-judgmental screening conversation
with a young person who has just come back from running away or being missing, and prints a
referral summary: what was seen, what must be done now, and whom to call.

National Human Trafficking Hotline: 1-888-373-7888, text 233733 (24/7).
NCMEC: 1-800-THE-LOST (1-800-843-5678) (24/7). In immediate danger: 911.`),
		Example: `  safeharbor interview                       the conversation, on the default set
  safeharbor interview --accessible          plain lines, for a screen reader
  safeharbor resume                          go on after an interruption
  safeharbor validate --strict sets/         check an agency's files in CI`,
		SilenceErrors: true, // errors are printed once, by exitCode
		SilenceUsage:  true,
		Args:          noArgs,
		// Runnable, so that cobra checks the arguments: an unknown command is a usage error.
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	root.SuggestionsMinimumDistance = 2
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(
		newInterviewCmd(a),
		newResumeCmd(a),
		newDraftsCmd(a),
		newKeyCmd(a),
		newValidateCmd(a),
		newTestCmd(a),
		newDiffCmd(a),
		newPracticeCmd(a),
		newSchemaCmd(a),
		newListCmd(a),
		newShowCmd(a),
		newVersionCmd(a),
		newManCmd(a),
		newExportCmd(a),
		newStatsCmd(a),
		newReportMadeCmd(a),
		newAccessibilityTopic(),
	)
	// Cobra makes its completion command lazily; make it now to give it an example too.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Example = "  safeharbor completion bash > /etc/bash_completion.d/safeharbor\n  safeharbor completion zsh > \"${fpath[1]}/_safeharbor\""
		}
	}
	addCompletions(a, root)
	return root
}

// noArgs rejects arguments, naming a likely command for a typo.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		msg := "unknown command %q for %q"
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			return usageErrorf(msg+" (did you mean %q?)", args[0], cmd.CommandPath(), s[0])
		}
		return usageErrorf(msg, args[0], cmd.CommandPath())
	}
	return usageErrorf("%q takes no arguments, got %q", cmd.CommandPath(), args)
}

// wrapArgs makes a cobra argument check a usage error.
func wrapArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}
