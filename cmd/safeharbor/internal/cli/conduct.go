package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/ask"
	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/drafts"
	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
	"github.com/safeharbor/safeharbor/screening/report"
)

// conversation is everything an interview needs, gathered from the flags before it starts, and
// not changed after.
type conversation struct {
	file       *questions.File
	session    *screening.Session
	langs      *interview.Languages // nil: all in the set's own language
	words      *phrases.Catalog     // the worker's
	contacts   *screening.ContactDirectory
	out        *summaryOutput
	answers    string // --answers FILE: no questions asked
	accessible bool
	training   bool
	scenario   *screening.Scenario // a mock interview of a scenario: feedback after the summary
	store      *drafts.Store       // nil: not saved
	draft      *drafts.Draft
	// openDraft makes the store and draft of a new interview, once it is known there is someone
	// to ask: a run that cannot ask makes no key.
	openDraft func() (*drafts.Store, *drafts.Draft, error)
	askLabel  bool   // ask the worker for the draft's label before anything else
	label     string // --label with --answers, when there is no draft to hold it
	workerID  string // the worker's id, when there is no draft to hold it
	keepDraft bool
	resumed   *interview.Screen // shown in place of the opening
	notice    []interview.Line  // shown first on the opening, or before a run from an answers file
	cue       func(*screening.Question) string

	everSaved bool  // a save of the draft has worked
	saveErr   error // the last save failed with this
}

// conduct holds the interview (saving a draft after every change when there is one), writes
// the summary durably, and only then deletes the draft.
func conduct(ctx context.Context, a *app, c *conversation) error {
	asker, replay, err := chooseAsker(a, c)
	if err != nil {
		return err
	}
	if c.openDraft != nil {
		if c.store, c.draft, err = c.openDraft(); err != nil {
			return err
		}
	}
	started := time.Now()
	if c.draft != nil {
		started = c.draft.Started
	}
	if c.answers != "" {
		// Nobody sees the opening when the answers come from a file: say it here.
		for _, l := range c.notice {
			fmt.Fprintln(a.streams.Err, l.Text)
		}
	}
	cfg := interview.Config{
		Session: c.session, Words: c.words, Languages: c.langs, Resumed: c.resumed, Cue: c.cue, Notice: c.notice,
		Meta: screening.SummaryMeta{SetSHA256: c.file.SHA256, Started: started, Contacts: c.contacts, Training: c.training, Zone: time.Local, CaseRef: c.caseRef(), WorkerID: c.worker()},
	}
	if c.store != nil && c.askLabel && c.answers == "" {
		cfg.Label = func(label string) { c.draft.Label = label }
		cfg.CheckLabel = func(label string) string { return labelProblem(&c.words.Interview, label) }
	}
	if c.store != nil {
		cfg.Save = func() error {
			c.draft.Record(c.session.Snapshot(), time.Now())
			c.saveErr = c.store.Save(c.draft)
			c.everSaved = c.everSaved || c.saveErr == nil
			return c.saveErr
		}
	}
	sum, err := interview.Run(ctx, asker, cfg)
	if closer, ok := asker.(io.Closer); ok {
		// Give the terminal back before anything else is printed.
		if cerr := closer.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		var st *interview.Stopped
		if errors.As(err, &st) {
			return &stopped{Stopped: st, draft: c.draftID(), resumed: c.resumed != nil, training: c.training, words: &c.words.Messages, width: a.streams.ErrWidth}
		}
		return err
	}
	if replay != nil {
		replay.Unused(a.streams.Err, c.session)
	}
	// The set in its own language, as 'export fhir' writes the Questionnaire: a FHIR response
	// codes its answers as the Questionnaire does, whatever language the interview was in.
	if err := c.out.write(a, &c.words.Messages, c.file.Set, sum); err != nil {
		return c.notWritten(a, sum, err)
	}
	syncOut(a.streams.Out)
	if c.scenario != nil {
		// Feedback goes to the screen; standard output holds only the summary.
		if err := writeFeedback(a.streams.Err, c.scenario, c.file.Set, c.session); err != nil {
			return err
		}
	}
	if err := c.dropRecord(a, sum); err != nil {
		// The draft stays: resuming it writes the summary and the record again.
		if id := c.draftID(); id != "" && c.everSaved && c.saveErr == nil {
			return fmt.Errorf("%w %s", err, fmt.Sprintf(c.words.Messages.AnswersInDraft, id, resumeCommand(id, c.training)))
		}
		return err
	}
	return c.finishDraft(a)
}

// caseRef is the case reference the summary prints: the label the worker gave the draft (or,
// with no draft, --label).
func (c *conversation) caseRef() string {
	if c.draft != nil && c.draft.Label != "" {
		return c.draft.Label
	}
	return c.label
}

// worker is the worker's id the summary prints: the draft's, or the one given.
func (c *conversation) worker() string {
	if c.draft != nil && c.draft.Worker != "" {
		return c.draft.Worker
	}
	return c.workerID
}

func (c *conversation) draftID() string {
	if c.store == nil || c.draft == nil {
		return ""
	}
	return c.draft.ID
}

// finishDraft deletes the draft of an interview whose summary is written, or keeps it if asked.
func (c *conversation) finishDraft(a *app) error {
	if c.store == nil || c.draft == nil || !c.everSaved {
		return nil // nothing was ever saved: nothing to delete
	}
	m := &c.words.Messages
	if c.keepDraft {
		fmt.Fprintln(a.streams.Err, fmt.Sprintf(m.DraftKept, c.draft.ID, "--keep-draft"))
		return nil
	}
	if err := c.store.Delete(c.draft.ID); err != nil {
		fmt.Fprintln(a.streams.Err, screening.Printable(fmt.Sprintf(m.DraftNotDeleted, c.draft.ID, err)))
		return nil
	}
	fmt.Fprintln(a.streams.Err, fmt.Sprintf(m.DraftDeleted, c.draft.ID))
	return nil
}

// notWritten is a summary that could not be written where it was asked for. Before anything
// is discarded, it is shown on the terminal; the draft is kept, and the message says what it
// holds.
func (c *conversation) notWritten(a *app, sum *screening.Summary, err error) error {
	m := &c.words.Messages
	shown := false
	for _, t := range []struct {
		w   io.Writer
		tty bool
	}{{a.streams.Out, a.streams.OutTTY}, {a.streams.Err, a.streams.ErrTTY}} {
		if t.tty && report.WriteSummaryText(t.w, sum) == nil {
			shown = true
			break
		}
	}
	msg := fmt.Sprintf(m.SummaryNotWritten, err)
	if shown {
		msg += " " + m.SummaryShown
	}
	switch id := c.draftID(); {
	case id == "":
	case c.everSaved && c.saveErr == nil:
		msg += " " + fmt.Sprintf(m.AnswersInDraft, id, resumeCommand(id, c.training))
	case c.everSaved:
		msg += " " + fmt.Sprintf(m.DraftOutOfDate, id, c.saveErr)
	default:
		msg += " " + fmt.Sprintf(m.NothingSaved, c.saveErr)
	}
	return errors.New(msg)
}

// syncOut makes a summary sent to a file by the shell durable before the draft is deleted.
func syncOut(w io.Writer) {
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			_ = f.Sync()
		}
	}
}

// stopped is an interview that stopped before its summary, with what is saved of it.
type stopped struct {
	*interview.Stopped
	draft    string // "" when the interview was not being saved
	resumed  bool   // the draft was saved before this session: nothing new is nothing lost
	training bool   // a mock interview, whose drafts are kept apart
	words    *phrases.Messages
	width    func() int // the terminal's width, for the message; nil when standard error is none
}

func (e *stopped) Unwrap() error { return e.Stopped }

// saved says, truthfully, what of the interview is saved and how to go on with it.
func (e *stopped) saved() string {
	s, m := e.Save, e.words
	switch {
	case !s.Enabled || e.draft == "":
		return ""
	case s.LastSaved.IsZero() && s.Unsaved == 0 && !e.resumed:
		return m.NothingToResume
	case s.Saved():
		return fmt.Sprintf(m.AllSaved, e.draft, resumeCommand(e.draft, e.training))
	case s.LastSaved.IsZero():
		return fmt.Sprintf(m.NothingSaved, s.Err)
	default:
		return fmt.Sprintf(m.PartlySaved, e.draft, s.LastSaved.Local().Format("15:04"), s.Unsaved, s.Err, resumeCommand(e.draft, e.training))
	}
}

// resumeCommand is the command that goes on with a draft: a mock interview's drafts are kept
// apart, so its command says --training.
func resumeCommand(id string, training bool) string {
	if training {
		return "safeharbor resume --training " + id
	}
	return "safeharbor resume " + id
}

// chooseAsker picks how to ask: from a file, in plain lines, or in the terminal interface.
func chooseAsker(a *app, c *conversation) (interview.Asker, *ask.Replay, error) {
	switch {
	case c.answers != "":
		replay, err := loadReplay(c.answers, c.file, c.session)
		return replay, replay, err
	case c.accessible || plainWanted(a.getenv):
		return ask.NewPlain(a.streams.In, a.streams.Err, c.words, c.plainOptions(a)), nil, nil
	case a.streams.InTTY && a.streams.ErrTTY && !ask.CanDraw(a.streams.Err):
		fmt.Fprintln(a.streams.Err, c.words.Messages.NoTerminalSize)
		return ask.NewPlain(a.streams.In, a.streams.Err, c.words, c.plainOptions(a)), nil, nil
	case a.streams.InTTY && a.streams.ErrTTY:
		return ask.NewTUI(a.streams.In, a.streams.Err, c.words, ask.TUIOptions{Color: !noColor(a.getenv), Training: c.training}), nil, nil
	}
	return nil, nil, usageErrorf("no terminal to ask the questions on: use --accessible for plain line prompts (they can be piped), or --answers FILE")
}

// plainOptions are how plain lines are written: wrapped to the terminal's width when they go to
// one, and never when they go to a pipe or a file, which read a line as one.
func (c *conversation) plainOptions(a *app) ask.PlainOptions {
	return ask.PlainOptions{Training: c.training, Width: a.streams.ErrWidth, HoldTypedAhead: a.streams.InTTY}
}

// plainWanted reports whether the environment asks for plain lines: a terminal that cannot
// draw, or a worker who uses a screen reader (ACCESSIBLE, the convention huh and GitHub CLI
// share, or SAFEHARBOR_ACCESSIBLE).
func plainWanted(getenv func(string) string) bool {
	return getenv("TERM") == "dumb" || truthy(getenv("SAFEHARBOR_ACCESSIBLE")) || truthy(getenv("ACCESSIBLE"))
}

func loadReplay(path string, file *questions.File, s *screening.Session) (*ask.Replay, error) {
	in := readInput(path)
	if in.Err != nil {
		return nil, usageErrorf("--answers %s: %v", path, in.Err)
	}
	af, err := questions.DecodeAnswers(path, in.Data)
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

func truthy(s string) bool {
	switch s {
	case "1", "true", "TRUE", "True", "yes", "on":
		return true
	}
	return false
}

func noColor(getenv func(string) string) bool {
	return getenv("NO_COLOR") != "" || getenv("TERM") == "dumb"
}
