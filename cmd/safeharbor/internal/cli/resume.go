package cli

import (
	"bufio"
	"cmp"
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
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/ask"
	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/drafts"
	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// resumeOptions are the flags of resume.
type resumeOptions struct {
	File       string
	Contacts   string
	Answers    string
	Accessible bool
	KeepDraft  bool
	Training   bool
	Lang       string
	Also       string
	WorkerID   string
	Output     outputOptions
}

func newResumeCmd(a *app) *cobra.Command {
	opts := &resumeOptions{}
	cmd := &cobra.Command{
		Use:   "resume [DRAFT]",
		Short: "Go on with an interview that was interrupted",
		Long: strings.TrimSpace(`
Go on with an interview that was interrupted: its answers are saved, encrypted, after every
answer. With no DRAFT, the most recent draft (in a terminal with several, you choose).

The interview goes on at the first question not yet answered, in the terminal interface, in
plain lines (--accessible), or with --answers filling in the rest, and ends with the summary as
usual. It goes on in the languages it was started in, unless --lang or --also say otherwise. A
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
		ValidArgsFunction: firstArg(completeDrafts(a)),
	}
	f := cmd.Flags()
	f.StringVar(&opts.File, "file", "", "the question-set file the draft was started with, if it has moved")
	f.StringVar(&opts.Contacts, "contacts", "", "a contacts file adding to or overriding the built-in contacts")
	f.BoolVar(&opts.Training, "training", false, "resume a mock interview (training drafts are kept apart)")
	f.StringVar(&opts.Answers, "answers", "", "take the rest of the answers from this YAML file instead of asking")
	f.BoolVar(&opts.Accessible, "accessible", false, "plain line prompts, for screen readers and pipes")
	f.BoolVar(&opts.KeepDraft, "keep-draft", false, "keep the saved draft after the summary is written")
	f.StringVar(&opts.Lang, "lang", "", "ask the rest in this language (default: as the interview started)")
	f.StringVar(&opts.Also, "also", "", "with --lang: show each question in this language too (default: as the interview started)")
	f.StringVar(&opts.WorkerID, "worker-id", "", "your own `ID` as a worker, for the summary (default: as the interview started, else $SAFEHARBOR_WORKER_ID)")
	addOutputFlags(cmd, &opts.Output)
	return cmd
}

func runResume(ctx context.Context, a *app, id string, opts *resumeOptions) error {
	out, err := opts.Output.prepare(a)
	if err != nil {
		return err
	}
	dirs, err := a.draftDirs(opts.Training)
	if err != nil {
		return err
	}
	chooserWords, _ := phrases.For(cmp.Or(opts.Also, opts.Lang, "en"))
	if id == "" {
		if id, err = chooseDraft(ctx, a, dirs, &chooserWords.Messages); err != nil {
			var none noDraftError
			if n := mockDrafts(a); errors.As(err, &none) && !opts.Training && n > 0 {
				// Mock interviews are kept apart: say so, or a trainer looks in vain.
				return fmt.Errorf("%w; %s", err, fmt.Sprintf(chooserWords.Messages.MockDraftsApart, n))
			}
			return err
		}
	}
	store, err := a.draftStore(opts.Training)
	if err != nil {
		return err
	}
	pass, err := passphrase(a, dirs, &chooserWords.Messages)
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
	// The interview goes on as it started (languages, the agency's contacts) unless told otherwise.
	d.Lang, d.Also, d.Contacts = cmp.Or(opts.Lang, d.Lang), cmp.Or(opts.Also, d.Also), cmp.Or(opts.Contacts, d.Contacts)
	if opts.WorkerID != "" || d.Worker == "" {
		if d.Worker, err = workerID(a, opts.WorkerID); err != nil {
			return err
		}
	}
	base, catalog, dir, err := shippedWith(a, d.Contacts)
	if err != nil {
		if opts.Contacts == "" && d.Contacts != "" {
			return fmt.Errorf("draft %s was started with the agency's contacts in %s, which cannot be used now (%w); give them with --contacts PATH", d.ID, d.Contacts, err)
		}
		return err
	}
	file, err := draftSet(d, opts.File, base, catalog)
	if err != nil {
		return err
	}
	langs, words, err := languages(a, file, base, d.Lang, d.Also)
	if err != nil {
		return err
	}
	set := file.Set
	if langs != nil {
		set = langs.WorkerSet()
	}
	session, err := screening.Restore(set, d.Snapshot())
	if err != nil {
		return fmt.Errorf("draft %s cannot be resumed with set %s %s: %w; it was left as it is", d.ID, d.Set.ID, d.Set.Version, err)
	}
	scenario, err := draftScenario(a, d)
	if err != nil {
		return err
	}
	m := &words.Messages
	saved := d.Saved.Local().Format("2006-01-02 15:04")
	if opts.Answers != "" {
		// Nobody sees a screen when the answers come from a file: say it here, once.
		fmt.Fprintln(a.streams.Err, fmt.Sprintf(m.Resuming, d.ID, d.Set.ID, d.Set.Version, len(d.Answers), saved))
	}
	return conduct(ctx, a, &conversation{
		file: file, session: session, langs: langs, words: words, contacts: dir, out: out,
		answers: opts.Answers, accessible: opts.Accessible, training: d.Training, scenario: scenario, keepDraft: opts.KeepDraft,
		store: store, draft: d, resumed: resumeScreen(words, d, file.Set.Language, saved),
		everSaved: true, // the draft is on the disk already: a summary written means it goes
	})
}

// draftScenario finds the scenario a mock interview was started with, so that its feedback
// comes at the end as it would have without the pause. A draft whose scenario this safeharbor
// does not have, or has for another set, is refused and kept: finishing it would give no
// feedback, or the wrong one.
func draftScenario(a *app, d *drafts.Draft) (*screening.Scenario, error) {
	if d.Scenario == "" {
		return nil, nil
	}
	sc, _, err := findScenario(a, d.Scenario)
	if err != nil {
		return nil, fmt.Errorf("draft %s is a mock interview of scenario %s, which this safeharbor does not have (`safeharbor practice list` shows its scenarios): use the release it was started with; the draft was left as it is", d.ID, d.Scenario)
	}
	if id, version := questions.ParseSetRef(sc.Set); id != d.Set.ID || version != d.Set.Version {
		return nil, fmt.Errorf("draft %s is a mock interview of scenario %s on set %s %s, but this safeharbor's scenario %s is for %s: use the release it was started with; the draft was left as it is", d.ID, d.Scenario, d.Set.ID, d.Set.Version, sc.ID, sc.Set)
	}
	return sc, nil
}

// resumeScreen says where a resumed interview stands, and that it goes on as it started.
func resumeScreen(words *phrases.Catalog, d *drafts.Draft, setLang, saved string) *interview.Screen {
	m := &words.Messages
	lines := []interview.Line{{Text: fmt.Sprintf(m.ResumeLine, d.ID, d.Set.ID, d.Set.Version, len(d.Answers), saved)}}
	if d.Label != "" {
		lines = append(lines, interview.Line{Text: fmt.Sprintf(m.ResumeLabel, d.Label)})
	}
	youth := cmp.Or(d.Lang, setLang)
	worker := cmp.Or(d.Also, youth)
	if youth == worker {
		lines = append(lines, interview.Line{Text: fmt.Sprintf(m.ResumeInLanguage, languageName(words, youth))})
	} else {
		lines = append(lines, interview.Line{Text: fmt.Sprintf(m.ResumeInLanguages, languageName(words, youth), languageName(words, worker))})
	}
	if d.Contacts != "" {
		lines = append(lines, interview.Line{Text: fmt.Sprintf(m.ResumeContacts, d.Contacts)})
	}
	if d.Training {
		lines = append(lines, interview.Line{Text: m.ResumeTraining})
	}
	if d.Scenario != "" {
		lines = append(lines, interview.Line{Text: fmt.Sprintf(m.ResumeScenario, d.Scenario)})
	}
	lines = append(lines, interview.Line{Text: m.ResumeGoesOn})
	return &interview.Screen{Kind: interview.ScreenResumed, Title: m.ResumeTitle, Lines: lines}
}

// languageName is a language's name in the worker's words ("Spanish", "español"), or its tag.
func languageName(words *phrases.Catalog, tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if name := display.Tags(words.Tag).Name(t); name != "" {
		return name
	}
	return tag
}

// draftSet finds the exact set a draft was started with, and refuses any other.
func draftSet(d *drafts.Draft, path string, base questions.Base, catalog *questions.Catalog) (*questions.File, error) {
	var file *questions.File
	var err error
	switch {
	case path != "" || d.Set.File != "":
		if path == "" {
			path = d.Set.File
		}
		file, err = loadSetFile(path, base)
		if err != nil {
			return nil, fmt.Errorf("draft %s was started with set %s %s from %s: %w", d.ID, d.Set.ID, d.Set.Version, path, err)
		}
	default:
		file, err = catalog.Find(d.Set.ID, d.Set.Version)
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

// noDraftError is that no draft is waiting, in the worker's words.
type noDraftError string

func (e noDraftError) Error() string { return string(e) }

// mockDrafts counts the drafts of mock interviews, kept apart from real ones; 0 if unknown.
func mockDrafts(a *app) int {
	dirs, err := a.draftDirs(true)
	if err != nil {
		return 0
	}
	list, err := drafts.List(dirs)
	if err != nil {
		return 0
	}
	return len(list)
}

// chooseDraft picks the draft to resume: the only one, the one chosen in a terminal, or the most
// recent.
func chooseDraft(ctx context.Context, a *app, dirs drafts.Dirs, m *phrases.Messages) (string, error) {
	list, err := drafts.List(dirs)
	if err != nil {
		return "", err
	}
	if len(list) == 0 {
		return "", noDraftError(m.NoDraftToResume)
	}
	if len(list) == 1 || !(a.streams.InTTY && a.streams.ErrTTY) {
		return list[0].ID, nil
	}
	w := a.streams.Err
	fmt.Fprintln(w, m.ChooserTitle)
	for i, d := range list {
		fmt.Fprintln(w, screening.Printable(fmt.Sprintf(m.ChooserLine, i+1, d.ID, cmp.Or(d.Label, "-"), d.Set, cmp.Or(d.Lang, "-"), d.Answered, d.Saved.Local().Format("2006-01-02 15:04"))))
	}
	in := bufio.NewReader(a.streams.In)
	for {
		fmt.Fprintf(w, m.ChooserPrompt, len(list))
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
func passphrase(a *app, dirs drafts.Dirs, m *phrases.Messages) (string, error) {
	if p := a.getenv("SAFEHARBOR_PASSPHRASE"); p != "" || !drafts.KeyProtected(dirs) {
		return p, nil
	}
	f, ok := a.streams.In.(*os.File)
	if !ok || !a.streams.InTTY {
		return "", nil // Load says how to give it
	}
	fmt.Fprint(a.streams.Err, m.PassphrasePrompt)
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
				if !training {
					// Mock interviews are kept apart: say so, or a trainer looks in vain.
					if n := mockDrafts(a); n > 0 {
						fmt.Fprintf(a.streams.Out, "%d mock interview draft(s) are kept apart: safeharbor drafts --training\n", n)
					}
				}
				return nil
			}
			now := time.Now()
			tw := tabwriter.NewWriter(a.streams.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tLABEL\tSET\tLANGUAGE\tANSWERED\tSTARTED\tLAST SAVED\t")
			for _, m := range list {
				note := ""
				switch {
				case m.Problem != "":
					note = "cannot be resumed: " + m.Problem
				case m.Expired(now):
					note = "expired"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", m.ID, screening.Printable(cmp.Or(m.Label, "-")), m.Set, cmp.Or(m.Lang, "-"),
					m.Answered, m.Started.Local().Format("2006-01-02 15:04"), m.Saved.Local().Format("2006-01-02 15:04"), screening.Printable(note))
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
