package cli

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/drafts"
	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// defaultSet is the set a worker gets with no flags.
const defaultSet = "post-return"

// interviewOptions are the flags of interview.
type interviewOptions struct {
	Set        string // ID[@VERSION]
	File       string
	Contacts   string
	Answers    string
	Accessible bool
	KeepDraft  bool
	Training   bool
	Scenario   string // --training --scenario ID: feedback after the summary
	Lang       string // the language the questions are asked in
	Also       string // a second language shown with each question: the worker's
	Label      string // the draft's case reference
	WorkerID   string // the worker's own id, printed on the summary
	Output     outputOptions
}

func newInterviewCmd(a *app) *cobra.Command {
	opts := &interviewOptions{}
	cmd := &cobra.Command{
		Use:   "interview",
		Short: "Run the screening conversation and print the referral summary",
		Long: strings.TrimSpace(`
Step through the screening conversation, one question at a time, and print the referral summary:
what was seen, what must be done now, and whom to call.

Every question can be answered "prefers not to say" (declined), "doesn't know" (dont-know), or
skipped by the worker (skip). Questions marked OBSERVE are for the worker and never read aloud.

The questions go to the terminal (standard error); only the summary goes to standard output, or
to --output FILE (created readable by you alone).

Modes:

    in a terminal     a full-screen interface, one question at a time
    --accessible      plain numbered lines for screen readers, also with TERM=dumb,
                      ACCESSIBLE=1 or SAFEHARBOR_ACCESSIBLE=1; reads answers line by
                      line, so it can be piped (see 'safeharbor help accessibility')
    --answers FILE    no questions: the answers come from a YAML file, and nothing
                      is saved

Every answer is saved, encrypted, as it is given. Ctrl-C pauses the interview (exit 130): go on
with 'safeharbor resume'. No summary is printed for an unfinished interview.`),
		Example: `  safeharbor interview
  safeharbor interview --accessible
  safeharbor interview --format markdown --output summary.md
  safeharbor interview --answers answers.yaml --format json`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInterview(cmd.Context(), a, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Set, "set", "", "the question set, as ID or ID@VERSION (default: the newest "+defaultSet+")")
	f.StringVar(&opts.File, "file", "", "a question set from a file instead of a built-in one")
	f.StringVar(&opts.Contacts, "contacts", "", "a contacts file adding to or overriding the built-in contacts")
	f.BoolVar(&opts.Training, "training", false, "a mock interview: every screen and the summary are marked TRAINING, and its draft is kept apart")
	f.StringVar(&opts.Scenario, "scenario", "", "with --training: the `ID` of the scenario being played (see safeharbor practice list), for feedback at the end")
	f.StringVar(&opts.Answers, "answers", "", "take the answers from this YAML file instead of asking")
	f.BoolVar(&opts.Accessible, "accessible", false, "plain line prompts, for screen readers and pipes")
	f.BoolVar(&opts.KeepDraft, "keep-draft", false, "keep the saved draft after the summary is written")
	f.StringVar(&opts.Lang, "lang", "", "ask the questions in this language (a translation of the set, such as es)")
	f.StringVar(&opts.Also, "also", "", "with --lang: show each question in this language too, for an interpreted interview; the guidance and summary use it")
	f.StringVar(&opts.Label, "label", "", "a case reference for the draft and the summary, to tell them from others (never the young person's name); asked for when not given")
	f.StringVar(&opts.WorkerID, "worker-id", "", "your own `ID` as a worker, printed on the summary and never in a de-identified record (default: $SAFEHARBOR_WORKER_ID)")
	addOutputFlags(cmd, &opts.Output)
	_ = cmd.RegisterFlagCompletionFunc("set", completeSets(a))
	_ = cmd.RegisterFlagCompletionFunc("scenario", completeScenarios)
	return cmd
}

func runInterview(ctx context.Context, a *app, opts *interviewOptions) error {
	if opts.Set != "" && opts.File != "" {
		return usageErrorf("name one question set: --set or --file, not both")
	}
	out, err := opts.Output.prepare(a)
	if err != nil {
		return err
	}
	base, catalog, dir, err := shippedWith(a, opts.Contacts)
	if err != nil {
		return err
	}
	training, setRef := opts.Training, opts.Set
	var scenario *screening.Scenario
	if opts.Scenario != "" {
		training = true // a scenario is always a mock interview
		if scenario, _, err = findScenario(a, opts.Scenario); err != nil {
			return err
		}
		if setRef == "" && opts.File == "" {
			setRef = scenario.Set
		}
	}
	file, err := chooseSet(setRef, opts.File, base, catalog)
	if err != nil {
		return err
	}
	if scenario != nil {
		if id, version := questions.ParseSetRef(scenario.Set); id != file.Set.ID || version != file.Set.Version {
			return usageErrorf("scenario %s is for set %s, not %s@%s", scenario.ID, scenario.Set, file.Set.ID, file.Set.Version)
		}
	}
	langs, words, err := languages(a, file, base, opts.Lang, opts.Also)
	if err != nil {
		return err
	}
	set := file.Set
	if langs != nil {
		set = langs.WorkerSet()
	}
	c := &conversation{
		file: file, session: screening.NewSession(set), langs: langs, words: words, contacts: dir, out: out,
		answers: opts.Answers, accessible: opts.Accessible, training: training, scenario: scenario, keepDraft: opts.KeepDraft,
	}
	if opts.Label != "" {
		if problem := labelProblem(&words.Interview, opts.Label); problem != "" {
			return usageErrorf("--label: %s", problem)
		}
	}
	c.label = opts.Label
	if c.workerID, err = workerID(a, opts.WorkerID); err != nil {
		return err
	}
	if scenario != nil {
		c.notice = scenarioNotice(&words.Messages, scenario, file, base, catalog)
	}
	if opts.Answers == "" {
		ref := drafts.SetRef{ID: file.Set.ID, Version: file.Set.Version, SHA256: file.SHA256}
		if opts.File != "" {
			ref.File, _ = filepath.Abs(opts.File)
		}
		contacts := ""
		if opts.Contacts != "" {
			contacts, _ = filepath.Abs(opts.Contacts)
		}
		c.openDraft = func() (*drafts.Store, *drafts.Draft, error) {
			store, err := a.draftStore(training)
			if err != nil {
				return nil, nil, err
			}
			// The draft remembers how the interview started, so that resume goes on the same way.
			d := drafts.New(ref, time.Now(), training)
			d.Lang, d.Also, d.Contacts, d.Label = cmp.Or(opts.Lang, file.Set.Language), opts.Also, contacts, opts.Label
			d.Worker = c.workerID
			if scenario != nil {
				d.Scenario = scenario.ID
			}
			return store, d, nil
		}
		c.askLabel = opts.Label == ""
	}
	return conduct(ctx, a, c)
}

// scenarioNotice says which set a mock interview uses, and why: the scenario's own, which may
// not be the default set a real interview uses (a scenario written for post-return 1.0.0).
func scenarioNotice(m *phrases.Messages, sc *screening.Scenario, file *questions.File, base questions.Base, catalog *questions.Catalog) []interview.Line {
	text := fmt.Sprintf(m.ScenarioSet, sc.ID, file.Set.ID, file.Set.Version)
	if def, err := chooseSet("", "", base, catalog); err == nil && (def.Set.ID != file.Set.ID || def.Set.Version != file.Set.Version) {
		text += " " + fmt.Sprintf(m.NotTheDefault, def.Set.ID, def.Set.Version)
	}
	return []interview.Line{{Text: text}}
}

// shippedWith returns the shipped files and the contacts a summary uses: the national ones,
// with an agency's file on top. The sets are checked against the contacts the summary will use.
func shippedWith(a *app, contacts string) (questions.Base, *questions.Catalog, *screening.ContactDirectory, error) {
	base, catalog, err := a.shipped()
	if err != nil {
		return base, nil, nil, err
	}
	agency, err := agencyContacts(a, base, contacts)
	if err != nil {
		return base, nil, nil, err
	}
	base.Contacts = append(base.Contacts[:len(base.Contacts):len(base.Contacts)], agency...)
	dir := &screening.ContactDirectory{}
	dir.Add(base.Contacts...)
	return base, catalog, dir, nil
}

// chooseSet finds the set to use: a file, a named set, or the newest active default.
func chooseSet(ref, path string, base questions.Base, catalog *questions.Catalog) (*questions.File, error) {
	if path != "" {
		return loadSetFile(path, base)
	}
	if ref == "" {
		ref = defaultSet
	}
	id, version := questions.ParseSetRef(ref)
	f, err := catalog.Find(id, version)
	if err != nil {
		return nil, &usageError{err}
	}
	if version == "" && f.Set.Status != screening.StatusActive {
		return nil, usageErrorf("the newest version of %s, %s, is %s; name a version with --set %s@VERSION", id, f.Set.Version, f.Set.Status, id)
	}
	return f, nil
}

// agencyContacts reads an agency's contacts file, checked, with warnings on stderr.
func agencyContacts(a *app, base questions.Base, path string) ([]screening.Contact, error) {
	if path == "" {
		return nil, nil
	}
	in := readInput(path)
	if in.Err != nil {
		return nil, usageErrorf("--contacts %s: %v", path, in.Err)
	}
	diags := questions.Validate([]questions.Input{in}, base)
	if err := writeTextDiagnostics(a.streams.Err, diags); err != nil {
		return nil, err
	}
	if errs, _ := count(diags); errs > 0 {
		return nil, usageErrorf("--contacts %s has errors", path)
	}
	f := questions.Decode(path, in.Data)
	if f.Kind != questions.KindContacts {
		return nil, usageErrorf("--contacts %s: not a contacts file (format %s)", path, questions.FormatContacts)
	}
	return f.Contacts, nil
}

// labelProblem says, in the worker's words, why a draft's label cannot be kept; "" when it can.
func labelProblem(w *phrases.Interview, label string) string {
	if n := utf8.RuneCountInString(label); n > maxLabel {
		return fmt.Sprintf(w.LabelTooLong, maxLabel, n)
	}
	if screening.Printable(label) != label || strings.ContainsAny(label, "\n\t") || drafts.CheckLabel(label) != nil {
		return w.LabelNotPlain
	}
	return ""
}

// maxLabel is the longest label drafts keep (drafts.CheckLabel).
const maxLabel = 64

// workerID is the worker's id for the summary: the flag's, else SAFEHARBOR_WORKER_ID's, checked
// as a label is, since it is printed and listed as one. "" when neither gives one.
func workerID(a *app, flag string) (string, error) {
	id, from := flag, "--worker-id"
	if id == "" {
		id, from = a.getenv("SAFEHARBOR_WORKER_ID"), "SAFEHARBOR_WORKER_ID"
	}
	if n := utf8.RuneCountInString(id); n > maxLabel {
		return "", usageErrorf("%s: a worker id is %d characters at most; this one has %d", from, maxLabel, n)
	}
	if screening.Printable(id) != id || strings.ContainsAny(id, "\n\t") || drafts.CheckLabel(id) != nil {
		return "", usageErrorf("%s: a worker id is letters, numbers, spaces and punctuation, on one line", from)
	}
	return strings.TrimSpace(id), nil
}
