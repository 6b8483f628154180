package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/ask"
	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/drafts"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

func newResumeCmd(a *app) *cobra.Command {
	opts := &interviewOptions{}
	cmd := &cobra.Command{
		Use:   "resume [DRAFT]",
		Short: "Go on with an interview that was interrupted",
		Long: strings.TrimSpace(`
Go on with an interview that was interrupted: its answers are saved, encrypted, after every
answer. With no DRAFT, the most recent draft (in a terminal with several, you choose).

The interview goes on at the first question not yet answered, in the terminal UI, in plain lines
(--accessible), or with --answers filling in the rest, and ends with the summary as usual. A
draft whose question set has changed since it was started is refused, never mixed.`),
		Example: `  safeharbor resume
  safeharbor drafts
  safeharbor resume 20261122-140502-3fa9c2d1 --accessible`,
		Args: wrapArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			return runResume(cmd.Context(), a, id, opts)
		},
	}
	cmd.Flags().StringVar(&opts.File, "file", "", "the question-set file the draft was started with, if it has moved")
	cmd.Flags().StringVar(&opts.Contacts, "contacts", "", "a contacts file adding to or overriding the built-in contacts")
	cmd.Flags().BoolVar(&opts.Training, "training", false, "resume a mock interview (training drafts are kept apart)")
	addRunFlags(cmd, opts)
	return cmd
}

func runResume(ctx context.Context, a *app, id string, opts *interviewOptions) error {
	run, err := prepareRun(a, opts)
	if err != nil {
		return err
	}
	dirs, err := a.draftDirs(opts.Training)
	if err != nil {
		return err
	}
	if id == "" {
		if id, err = chooseDraft(ctx, a, dirs); err != nil {
			return err
		}
	}
	store, err := a.draftStore(opts.Training)
	if err != nil {
		return err
	}
	pass, err := passphrase(a, dirs)
	if err != nil {
		return err
	}
	d, err := store.Load(id, pass)
	if errors.Is(err, drafts.ErrNoDraft) {
		return usageErrorf("%v; `safeharbor drafts` lists the drafts", err)
	}
	if err != nil {
		return err
	}
	file, err := draftSet(d, opts, run)
	if err != nil {
		return err
	}
	if opts.loc, err = newLocalizer(a, opts, file, run.base); err != nil {
		return err
	}
	session, err := screening.Restore(opts.loc.workerSet(file.Set), d.Snapshot())
	if err != nil {
		return fmt.Errorf("draft %s cannot be resumed with set %s %s: %w; it was left as it is", d.ID, d.Set.ID, d.Set.Version, err)
	}
	status := fmt.Sprintf("Draft %s: set %s version %s, %d answered, last saved %s.", d.ID, d.Set.ID, d.Set.Version, len(d.Answers), d.Saved.Local().Format("2006-01-02 15:04"))
	fmt.Fprintln(a.streams.Err, "Resuming. "+status)
	w := workerWords(session)
	screen := &ask.Screen{Title: w.Resuming, Steps: []screening.Step{
		{Kind: screening.StepDo, Text: fmt.Sprintf(w.ResumeDraftLine, d.ID, d.Set.ID, d.Set.Version, len(d.Answers), d.Saved.Local().Format("2006-01-02 15:04"))},
		{Kind: screening.StepDo, Text: w.ResumeGoesOn},
	}}
	return conduct(ctx, a, opts, run, file, session, d, screen)
}

// draftSet finds the exact set a draft was started with, and refuses any other.
func draftSet(d *drafts.Draft, opts *interviewOptions, run *runSetup) (*questions.File, error) {
	var file *questions.File
	var err error
	switch path := opts.File; {
	case path != "" || d.Set.File != "":
		if path == "" {
			path = d.Set.File
		}
		file, err = loadSetFile(path, run.base)
		if err != nil {
			return nil, fmt.Errorf("draft %s was started with set %s %s from %s: %w", d.ID, d.Set.ID, d.Set.Version, path, err)
		}
	default:
		file, err = run.catalog.Find(d.Set.ID, d.Set.Version)
		if err != nil {
			return nil, fmt.Errorf("draft %s was started with set %s %s, which this safeharbor does not have (`safeharbor version` lists its sets); use the release the draft was started with, or pass the set's file with --file", d.ID, d.Set.ID, d.Set.Version)
		}
	}
	if file.SHA256 != d.Set.SHA256 || file.Set.ID != d.Set.ID || file.Set.Version != d.Set.Version {
		return nil, fmt.Errorf("draft %s was started with set %s %s (sha256 %.12s), but the set found is %s %s (sha256 %.12s): resuming would mix two sets of questions. Use the exact file or release the draft was started with (--file PATH); the draft was left as it is",
			d.ID, d.Set.ID, d.Set.Version, d.Set.SHA256, file.Set.ID, file.Set.Version, file.SHA256)
	}
	return file, nil
}

// chooseDraft picks the draft to resume: the only one, the one chosen in a terminal, or the most
// recent.
func chooseDraft(ctx context.Context, a *app, dirs drafts.Dirs) (string, error) {
	list, err := drafts.List(dirs)
	if err != nil {
		return "", err
	}
	if len(list) == 0 {
		return "", errors.New("there is no interrupted interview to resume")
	}
	if len(list) == 1 || !(a.streams.InTTY && a.streams.ErrTTY) {
		return list[0].ID, nil
	}
	w := a.streams.Err
	fmt.Fprintln(w, "Interrupted interviews, most recent first:")
	for i, m := range list {
		fmt.Fprintf(w, "%d. %s: %s, %d answered, last saved %s\n", i+1, m.ID, m.Set, m.Answered, m.Saved.Local().Format("2006-01-02 15:04"))
	}
	in := bufio.NewReader(a.streams.In)
	for {
		fmt.Fprintf(w, "Type a number from 1 to %d, or press Enter for the most recent: ", len(list))
		line, err := in.ReadString('\n')
		line = strings.TrimSpace(line)
		if line == "" && err == nil {
			return list[0].ID, nil
		}
		if n, perr := strconv.Atoi(line); perr == nil && n >= 1 && n <= len(list) {
			return list[n-1].ID, nil
		}
		if err != nil {
			return "", ask.ErrInputEnded
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
	}
}

// passphrase returns the key's passphrase: SAFEHARBOR_PASSPHRASE, or asked on the terminal.
func passphrase(a *app, dirs drafts.Dirs) (string, error) {
	if p := a.getenv("SAFEHARBOR_PASSPHRASE"); p != "" || !drafts.KeyProtected(dirs) {
		return p, nil
	}
	f, ok := a.streams.In.(*os.File)
	if !ok || !a.streams.InTTY {
		return "", nil // Load says how to give it
	}
	fmt.Fprint(a.streams.Err, "Passphrase for the drafts key: ")
	p, err := term.ReadPassword(f.Fd())
	fmt.Fprintln(a.streams.Err)
	if err != nil {
		return "", fmt.Errorf("read the passphrase: %w", err)
	}
	return string(p), nil
}

func newDraftsCmd(a *app) *cobra.Command {
	var training bool
	cmd := &cobra.Command{
		Use:   "drafts",
		Short: "List interrupted interviews; delete them",
		Long: strings.TrimSpace(`
List the interrupted interviews that can be resumed: their id, question set, how many questions
were answered, and when they were started and last saved. Answers are never shown: they are
encrypted, and only 'safeharbor resume' opens them. Drafts not saved for 30 days are marked
expired.`),
		Example: `  safeharbor drafts
  safeharbor drafts delete 20261122-140502-3fa9c2d1
  safeharbor drafts delete --expired`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			dirs, err := a.draftDirs(training)
			if err != nil {
				return err
			}
			list, err := drafts.List(dirs)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				fmt.Fprintln(a.streams.Out, "No drafts: no interview is waiting to be resumed.")
				return nil
			}
			now := time.Now()
			tw := tabwriter.NewWriter(a.streams.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSET\tANSWERED\tSTARTED\tLAST SAVED\t")
			for _, m := range list {
				expired := ""
				if m.Expired(now) {
					expired = "expired"
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", m.ID, m.Set, m.Answered, m.Started.Local().Format("2006-01-02 15:04"), m.Saved.Local().Format("2006-01-02 15:04"), expired)
			}
			if err := tw.Flush(); err != nil {
				return fmt.Errorf("write list: %w", err)
			}
			return nil
		},
	}
	var expired, all bool
	del := &cobra.Command{
		Use:   "delete ID | --expired | --all",
		Short: "Delete drafts",
		Example: `  safeharbor drafts delete 20261122-140502-3fa9c2d1
  safeharbor drafts delete --expired
  safeharbor drafts --training delete --all`,
		Args: wrapArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (len(args) == 1) == (expired || all) || (expired && all) {
				return usageErrorf("name one: a draft id, --expired or --all")
			}
			dirs, err := a.draftDirs(training)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				if err := drafts.Delete(dirs, args[0]); err != nil {
					if errors.Is(err, drafts.ErrNoDraft) {
						return usageErrorf("%v; `safeharbor drafts` lists the drafts", err)
					}
					return err
				}
				fmt.Fprintf(a.streams.Err, "Deleted draft %s.\n", args[0])
				return nil
			}
			list, err := drafts.List(dirs)
			if err != nil {
				return err
			}
			n := 0
			for _, m := range list {
				if all || m.Expired(time.Now()) {
					if err := drafts.Delete(dirs, m.ID); err != nil {
						return err
					}
					n++
				}
			}
			fmt.Fprintf(a.streams.Err, "Deleted %s.\n", plural(n, "draft"))
			return nil
		},
	}
	del.Flags().BoolVar(&expired, "expired", false, "delete drafts not saved for 30 days")
	del.Flags().BoolVar(&all, "all", false, "delete every draft")
	cmd.AddCommand(del)
	cmd.PersistentFlags().BoolVar(&training, "training", false, "the drafts of mock interviews, kept apart from real ones")
	return cmd
}
