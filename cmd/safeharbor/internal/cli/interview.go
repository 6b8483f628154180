package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"filippo.io/age"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/ask"
	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/drafts"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/report"
)

// defaultSet is the set a worker gets with no flags.
const defaultSet = "post-return"

type interviewOptions struct {
	Set        string // ID[@VERSION]
	File       string
	Contacts   string
	Answers    string
	Format     string
	Output     string
	EncryptTo  []string
	Accessible bool
	KeepDraft  bool
	Training   bool
	Scenario   string // --training --scenario ID: feedback after the summary
	FHIRBase   string // the canonical base of FHIR Questionnaires
	Lang       string // the language the questions are asked in
	Also       string // a second language shown with each question: the worker's

	cue      func(*screening.Question) string // self-study: what the young person says
	scenario *screening.Scenario
	loc      *localizer
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
  in a terminal       a full-screen form, one question at a time
  --accessible        plain numbered lines for screen readers, also with TERM=dumb or
                      SAFEHARBOR_ACCESSIBLE=1; reads answers line by line, so it can be piped
  --answers FILE      no questions: the answers come from a YAML file

Ctrl-C stops the interview (exit 130); no summary is printed for an unfinished interview.`),
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
	f.BoolVar(&opts.Training, "training", false, "a mock interview: the summary is marked TRAINING and its draft kept apart")
	f.StringVar(&opts.Scenario, "scenario", "", "with --training: the scenario being played (`safeharbor practice list`), for feedback at the end")
	addRunFlags(cmd, opts)
	return cmd
}

// addRunFlags are the flags interview and resume share.
func addRunFlags(cmd *cobra.Command, opts *interviewOptions) {
	f := cmd.Flags()
	f.StringVar(&opts.Answers, "answers", "", "take the answers from this YAML file instead of asking")
	f.StringVar(&opts.Format, "format", "text", "summary format: text, markdown, json, html (one page, to print or save as PDF) or fhir (an R4 QuestionnaireResponse)")
	f.StringVar(&opts.FHIRBase, "fhir-base", "", "with --format fhir: the base URL of the agency's Questionnaires (default: a urn)")
	f.StringVar(&opts.Output, "output", "", "write the summary to this new file (mode 0600) instead of standard output")
	f.StringArrayVar(&opts.EncryptTo, "encrypt-to", nil, "encrypt the --output file to this age public key (age1...); repeat for several")
	f.BoolVar(&opts.Accessible, "accessible", false, "plain line prompts, for screen readers and pipes")
	f.BoolVar(&opts.KeepDraft, "keep-draft", false, "keep the saved draft after the summary is written")
	f.StringVar(&opts.Lang, "lang", "", "ask the questions in this language (a translation of the set, such as es)")
	f.StringVar(&opts.Also, "also", "", "with --lang: show each question in this language too, for an interpreted interview; the guidance and summary use it")
}

// asker asks the worker: one question, a screen to read, the end after a disclosure, a note
// on a section, the review. Package ask has the terminal UI, plain lines, and replay.
type asker interface {
	Show(ctx context.Context, s ask.Screen) error
	Warn(ctx context.Context, s ask.Screen) error
	Ask(ctx context.Context, p ask.Prompt) (screening.Answer, error)
	EndNow(ctx context.Context, s ask.Screen) (bool, error)
	Note(ctx context.Context, sec *screening.Section) (string, error)
	Review(ctx context.Context, rows []ask.ReviewRow) (int, error)
}

func runInterview(ctx context.Context, a *app, opts *interviewOptions) error {
	if opts.Set != "" && opts.File != "" {
		return usageErrorf("name one question set: --set or --file, not both")
	}
	run, err := prepareRun(a, opts)
	if err != nil {
		return err
	}
	if opts.Scenario != "" {
		opts.Training = true // a scenario is always a mock interview
		sc, _, err := findScenario(a, opts.Scenario)
		if err != nil {
			return err
		}
		opts.scenario = sc
		if opts.Set == "" && opts.File == "" {
			opts.Set = sc.Set
		}
	}
	file, err := chooseSet(opts, run.base, run.catalog)
	if err != nil {
		return err
	}
	if sc := opts.scenario; sc != nil {
		if id, version := questions.ParseSetRef(sc.Set); id != file.Set.ID || version != file.Set.Version {
			return usageErrorf("scenario %s is for set %s, not %s@%s", sc.ID, sc.Set, file.Set.ID, file.Set.Version)
		}
	}
	if opts.loc, err = newLocalizer(a, opts, file, run.base); err != nil {
		return err
	}
	session := screening.NewSession(opts.loc.workerSet(file.Set))
	var draft *drafts.Draft
	if opts.Answers == "" {
		ref := drafts.SetRef{ID: file.Set.ID, Version: file.Set.Version, SHA256: file.SHA256}
		if opts.File != "" {
			ref.File, _ = filepath.Abs(opts.File)
		}
		draft = drafts.New(ref, time.Now(), opts.Training)
	}
	return conduct(ctx, a, opts, run, file, session, draft, nil)
}

// runSetup is what an interview needs before the set is known: the summary's writer, the
// shipped files, and the contacts with the agency's on top.
type runSetup struct {
	render  func(io.Writer, *screening.Summary) error
	base    questions.Base
	catalog *questions.Catalog
	dir     screening.ContactDirectory
	encrypt []age.Recipient
}

func prepareRun(a *app, opts *interviewOptions) (*runSetup, error) {
	render, err := summaryWriter(opts.Format)
	if err != nil {
		return nil, err
	}
	r := &runSetup{render: render}
	for _, k := range opts.EncryptTo {
		rec, err := age.ParseX25519Recipient(k)
		if err != nil {
			return nil, usageErrorf("--encrypt-to %q: not an age public key (age1...): %v", k, err)
		}
		r.encrypt = append(r.encrypt, rec)
	}
	if len(r.encrypt) > 0 && opts.Output == "" {
		return nil, usageErrorf("--encrypt-to goes with --output FILE: an encrypted summary is written to a file")
	}
	if opts.Output != "" {
		// Refuse now, not after a long interview: an existing file, or a folder that is not there.
		if _, err := os.Lstat(opts.Output); err == nil {
			return nil, usageErrorf("--output %s: the file exists; choose a new name, so no earlier summary is overwritten", opts.Output)
		}
		if info, err := os.Stat(filepath.Dir(opts.Output)); err != nil || !info.IsDir() {
			return nil, usageErrorf("--output %s: there is no folder %s to write it in", opts.Output, filepath.Dir(opts.Output))
		}
	}
	base, catalog, err := a.shipped()
	if err != nil {
		return nil, err
	}
	agency, err := agencyContacts(a, base, opts.Contacts)
	if err != nil {
		return nil, err
	}
	// The set is checked against the contacts the summary will use: the national ones and the
	// agency's.
	base.Contacts = append(slices.Clip(base.Contacts), agency...)
	r.base, r.catalog = base, catalog
	r.dir.Add(base.Contacts...)
	return r, nil
}

// workerWords are the interview's own words in the worker's language: the session's set is in
// that language.
func workerWords(s *screening.Session) *ask.Words { return ask.WordsIn(s.Set().Language) }

// chooseAsker picks how to ask: from a file, in plain lines, or in the terminal UI.
func chooseAsker(a *app, opts *interviewOptions, file *questions.File, session *screening.Session) (asker, *ask.Replay, error) {
	switch {
	case opts.Answers != "":
		replay, err := loadReplay(opts.Answers, file, session)
		return replay, replay, err
	case opts.Accessible || a.getenv("TERM") == "dumb" || truthy(a.getenv("SAFEHARBOR_ACCESSIBLE")):
		return ask.NewPlain(a.streams.In, a.streams.Err, workerWords(session)), nil, nil
	case a.streams.InTTY && a.streams.ErrTTY && !ask.CanDraw(a.streams.Err):
		fmt.Fprintln(a.streams.Err, "This terminal reports no size, so the full-screen form cannot be drawn; using plain line prompts.")
		return ask.NewPlain(a.streams.In, a.streams.Err, workerWords(session)), nil, nil
	case a.streams.InTTY && a.streams.ErrTTY:
		return ask.NewTUI(a.streams.In, a.streams.Err, !noColor(a.getenv), workerWords(session)), nil, nil
	}
	return nil, nil, usageErrorf("no terminal to ask the questions on: use --accessible for plain line prompts (they can be piped), or --answers FILE")
}

// conduct runs the interview (saving a draft after every change when draft is set), writes the
// summary, then deletes the draft. resumed is the screen shown instead of the opening.
func conduct(ctx context.Context, a *app, opts *interviewOptions, run *runSetup, file *questions.File, session *screening.Session, draft *drafts.Draft, resumed *ask.Screen) error {
	asker, replay, err := chooseAsker(a, opts, file, session)
	if err != nil {
		return err
	}
	if opts.Format == "fhir" {
		url := report.FHIRURL(opts.FHIRBase, file.Set.ID)
		run.render = func(w io.Writer, s *screening.Summary) error {
			return report.WriteQuestionnaireResponse(w, session.Set(), s, url)
		}
	}
	var store *drafts.Store
	if draft != nil {
		store, err = a.draftStore(draft.Training)
		if err != nil {
			return err
		}
	}
	saver := &draftSaver{store: store, draft: draft, session: session}
	started := time.Now()
	if draft != nil {
		started = draft.Started
	}
	hooks := interviewHooks{saver: saver, resumed: resumed, cue: opts.cue}
	if opts.loc != nil && (opts.loc.youth != nil || opts.loc.worker != nil) {
		hooks.lang, hooks.base, hooks.baseQs = opts.loc, file.Set, map[string]*screening.Question{}
		for _, q := range file.Set.Questions() {
			hooks.baseQs[q.ID] = q
		}
	}
	err = interview(ctx, asker, session, hooks)
	if c, ok := asker.(io.Closer); ok {
		// Give the terminal back before anything else is printed.
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		if saver.saved {
			return &savedInterruption{id: draft.ID, err: err}
		}
		return err
	}
	if replay != nil {
		replay.Unused(a.streams.Err, session)
	}
	sum := session.Summary(screening.SummaryMeta{
		SetSHA256: file.SHA256, Started: started, Finished: time.Now(), Contacts: &run.dir,
		Training: opts.Training || (draft != nil && draft.Training),
	})
	if opts.loc != nil {
		// Written in the worker's language; each answer says which language it was asked in.
		sum.Language = opts.loc.workerLang
		for i := range sum.Answers {
			sum.Answers[i].Language = opts.loc.workerLang
			if sum.Answers[i].Mode.ReadAloud() {
				sum.Answers[i].Language = opts.loc.youthLang
			}
		}
	}
	if err := writeSummary(a, opts.Output, run.render, run.encrypt, &sum); err != nil {
		if saver.saved {
			return fmt.Errorf("%w; the answers are kept in draft %s (safeharbor resume %s)", err, draft.ID, draft.ID)
		}
		return err
	}
	if opts.scenario != nil {
		// Feedback goes to the screen; standard output holds only the summary.
		if err := writeFeedback(a.streams.Err, opts.scenario, file.Set, session); err != nil {
			return err
		}
	}
	if saver.saved {
		if opts.KeepDraft {
			fmt.Fprintf(a.streams.Err, "Draft %s kept (--keep-draft).\n", draft.ID)
		} else if err := store.Delete(draft.ID); err != nil {
			fmt.Fprintf(a.streams.Err, "safeharbor: the summary is written, but the draft could not be deleted: %v\n", err)
		} else {
			fmt.Fprintf(a.streams.Err, "Draft %s deleted: the summary is written.\n", draft.ID)
		}
	}
	return nil
}

// draftSaver saves the interview after every change, and remembers whether a save failed.
type draftSaver struct {
	store   *drafts.Store
	draft   *drafts.Draft
	session *screening.Session
	saved   bool  // a draft exists on disk
	failing error // the last save failed with this
}

// save writes the draft. It returns a screen to show when saving starts to fail or works again.
func (d *draftSaver) save() *ask.Screen {
	if d.store == nil {
		return nil
	}
	d.draft.Record(d.session.Snapshot(), time.Now())
	err := d.store.Save(d.draft)
	w := workerWords(d.session)
	switch {
	case err == nil && d.failing != nil:
		d.failing, d.saved = nil, true
		return &ask.Screen{Title: w.SavedAgain, Steps: []screening.Step{{Kind: screening.StepDo, Text: w.SavingWorks}}}
	case err == nil:
		d.saved = true
	case d.failing == nil || d.failing.Error() != err.Error():
		d.failing = err
		return &ask.Screen{Title: w.SaveFailed, Steps: []screening.Step{
			{Kind: screening.StepDo, Text: err.Error() + "."},
			{Kind: screening.StepDo, Text: w.NothingLost},
			{Kind: screening.StepDo, Text: w.FreeSpace},
		}}
	}
	return nil
}

// savedInterruption is an interview stopped after its progress was saved.
type savedInterruption struct {
	id  string
	err error
}

func (e *savedInterruption) Error() string { return e.err.Error() }
func (e *savedInterruption) Unwrap() error { return e.err }

// interview runs the conversation: the opening, each question that applies in order, a note per
// section, the stop-and-refer guidance on a disclosure, the review, the closing.
// interviewHooks are the extras of an interview: saving, the screen shown instead of the
// opening when resuming, and the cue shown with each question in self-study.
type interviewHooks struct {
	saver   *draftSaver
	resumed *ask.Screen
	cue     func(*screening.Question) string
	lang    *localizer
	base    *screening.QuestionSet         // the set in its own language
	baseQs  map[string]*screening.Question // its questions by id
}

func interview(ctx context.Context, a asker, s *screening.Session, h interviewHooks) error {
	set := s.Set()
	w := workerWords(s)
	saver, resumed := h.saver, h.resumed
	switch {
	case resumed != nil:
		if err := a.Show(ctx, *resumed); err != nil {
			return err
		}
	case len(set.Opening) > 0:
		steps := set.Opening
		if h.lang != nil {
			steps = h.lang.steps(h.base.Opening, set.Opening, false)
		}
		if err := a.Show(ctx, ask.Screen{Title: w.BeforeYouBegin, Steps: steps}); err != nil {
			return err
		}
	}
	// save records the interview after each change, before the next question shows.
	save := func() error {
		if screen := saver.save(); screen != nil {
			return a.Warn(ctx, *screen)
		}
		return nil
	}
	var current *screening.Section
	noted := map[string]bool{}
	note := func(sec *screening.Section) error {
		if sec == nil || noted[sec.ID] {
			return nil
		}
		noted[sec.ID] = true
		text, err := a.Note(ctx, sec)
		if err != nil {
			return err
		}
		s.SetNote(sec.ID, text)
		return save()
	}
	askOne := func(q *screening.Question, current *screening.Answer) error {
		sec := s.SectionOf(q)
		n, total := s.Progress(q)
		p := ask.Prompt{Question: q, Section: sec, SectionIndex: sectionIndex(set, sec) + 1, SectionCount: len(set.Sections), N: n, Total: total, Current: current}
		if h.cue != nil {
			p.Cue = h.cue(q)
		}
		if h.lang != nil {
			if bq, ok := h.baseQs[q.ID]; ok {
				h.lang.prompt(&p, bq)
			}
		}
		ans, err := a.Ask(ctx, p)
		if err != nil {
			return err
		}
		ans.At = time.Now()
		disclosed := s.NewDisclosures(q.ID, ans)
		if err := s.Answer(q.ID, ans); err != nil {
			return err
		}
		if err := save(); err != nil {
			return err
		}
		if len(disclosed) > 0 {
			end, err := a.EndNow(ctx, disclosureScreen(w, disclosed))
			if err != nil {
				return err
			}
			if end {
				s.End()
				if err := save(); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for {
		for q, ok := s.Next(); ok; q, ok = s.Next() {
			sec := s.SectionOf(q)
			if current != nil && sec.ID != current.ID {
				if err := note(current); err != nil {
					return err
				}
			}
			current = sec
			if err := askOne(q, nil); err != nil {
				return err
			}
		}
		if err := note(current); err != nil {
			return err
		}
		if s.Ended() {
			break
		}
		rows, qs := reviewRows(s)
		i, err := a.Review(ctx, rows)
		if err != nil {
			return err
		}
		if i < 0 || i >= len(qs) {
			break
		}
		prev := s.AnswerOf(qs[i].ID)
		if err := askOne(qs[i], &prev); err != nil {
			return err
		}
		// A changed answer can open follow-ups: the loop asks them, then reviews again.
	}
	if len(set.Closing) > 0 {
		steps := set.Closing
		if h.lang != nil {
			steps = h.lang.steps(h.base.Closing, set.Closing, true)
		}
		return a.Show(ctx, ask.Screen{Title: w.ToClose, Steps: steps})
	}
	return nil
}

func sectionIndex(set *screening.QuestionSet, sec *screening.Section) int {
	for i := range set.Sections {
		if set.Sections[i].ID == sec.ID {
			return i
		}
	}
	return 0
}

// disclosureScreen is the stop-and-refer guidance shown the moment a disclosure is recorded.
func disclosureScreen(w *ask.Words, inds []*screening.Indicator) ask.Screen {
	labels := make([]string, len(inds))
	for i, ind := range inds {
		labels[i] = ind.Label
	}
	return ask.Screen{Title: w.StopAndRefer, Steps: []screening.Step{
		{Kind: screening.StepDo, Text: fmt.Sprintf(w.Disclosed, strings.Join(labels, "; "))},
		{Kind: screening.StepDo, Text: w.StopAsking},
		{Kind: screening.StepDo, Text: w.AttendToSafety},
		{Kind: screening.StepDo, Text: w.YouCanEnd},
	}}
}

func reviewRows(s *screening.Session) ([]ask.ReviewRow, []*screening.Question) {
	var rows []ask.ReviewRow
	var qs []*screening.Question
	sum := s.Summary(screening.SummaryMeta{})
	for i, qa := range sum.Answers {
		if qa.State == screening.StateNotApplicable {
			continue
		}
		q := s.Questions()[i]
		answer := qa.Value
		switch qa.State {
		case screening.StateDeclined:
			answer = "Prefers not to say"
		case screening.StateDontKnow:
			answer = "Doesn't know"
		case screening.StateNotAsked:
			answer = "Skipped"
		}
		rows = append(rows, ask.ReviewRow{QuestionID: q.ID, Section: s.SectionOf(q).Title, Text: q.Text, Answer: "— " + answer})
		qs = append(qs, q)
	}
	return rows, qs
}

func summaryWriter(format string) (func(io.Writer, *screening.Summary) error, error) {
	switch format {
	case "text":
		return report.WriteSummaryText, nil
	case "markdown", "md":
		return report.WriteSummaryMarkdown, nil
	case "json":
		return report.WriteSummaryJSON, nil
	case "html":
		return report.WriteSummaryHTML, nil
	case "fhir":
		return nil, nil // needs the set: made in conduct
	}
	return nil, usageErrorf("unknown --format %q: want text, markdown, json, html or fhir", format)
}

// chooseSet finds the set to use: a file, a named set, or the newest active default.
func chooseSet(opts *interviewOptions, base questions.Base, catalog *questions.Catalog) (*questions.File, error) {
	if opts.File != "" {
		return loadSetFile(opts.File, base)
	}
	ref := opts.Set
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
	for _, d := range diags {
		fmt.Fprintf(a.streams.Err, "%s:%d:%d: %s: %s [%s]\n", d.File, d.Pos.Line, d.Pos.Column, d.Severity, d.Message, d.Rule)
		if d.Severity == screening.SeverityError {
			return nil, usageErrorf("--contacts %s has errors", path)
		}
	}
	f := questions.Decode(path, in.Data)
	if f.Kind != questions.KindContacts {
		return nil, usageErrorf("--contacts %s: not a contacts file (format %s)", path, questions.FormatContacts)
	}
	return f.Contacts, nil
}

func loadReplay(path string, file *questions.File, s *screening.Session) (*ask.Replay, error) {
	in := readInput(path)
	if in.Err != nil {
		return nil, usageErrorf("--answers %s: %v", path, in.Err)
	}
	af, err := questions.DecodeAnswers(filepath.Clean(path), in.Data)
	if err != nil {
		return nil, err
	}
	if af.Set != "" {
		id, version := questions.ParseSetRef(af.Set)
		if id != file.Set.ID || (version != "" && version != file.Set.Version) {
			return nil, &usageError{&ask.InputError{File: path, Pos: af.SetPos, Msg: fmt.Sprintf("the answers are for %s, but the set is %s@%s", af.Set, file.Set.ID, file.Set.Version)}}
		}
	}
	r, err := ask.NewReplay(path, af, s)
	if err != nil {
		return nil, &usageError{err}
	}
	return r, nil
}

// writeSummary writes to standard output, or to a new file only its owner can read, encrypted
// to the given recipients when there are any.
func writeSummary(a *app, path string, render func(io.Writer, *screening.Summary) error, encrypt []age.Recipient, sum *screening.Summary) error {
	if path == "" {
		if err := render(a.streams.Out, sum); err != nil {
			return fmt.Errorf("write summary: %w", err)
		}
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	var w io.WriteCloser = f
	if len(encrypt) > 0 {
		// Encrypted as it is written: the summary never reaches the disk in plain text.
		w, err = age.Encrypt(f, encrypt...)
		if err != nil {
			f.Close()
			os.Remove(path)
			return fmt.Errorf("write summary to %s: %w", path, err)
		}
	}
	if err := render(w, sum); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("write summary to %s: %w", path, err)
	}
	if len(encrypt) > 0 {
		if err := w.Close(); err != nil {
			f.Close()
			os.Remove(path)
			return fmt.Errorf("write summary to %s: %w", path, err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write summary to %s: %w", path, err)
	}
	if len(encrypt) > 0 {
		fmt.Fprintf(a.streams.Err, "Summary written to %s, encrypted to %d recipient(s).\n", path, len(encrypt))
	} else {
		fmt.Fprintf(a.streams.Err, "Summary written to %s.\n", path)
	}
	return nil
}

func truthy(s string) bool {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

func noColor(getenv func(string) string) bool {
	return getenv("NO_COLOR") != "" || getenv("TERM") == "dumb"
}
