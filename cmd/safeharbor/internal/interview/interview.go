package interview

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// Config is what an interview needs besides the asker.
type Config struct {
	Session   *screening.Session // a new session, or one restored from a draft
	Words     *phrases.Catalog   // the worker's language; nil: the session set's language
	Languages *Languages         // nil: everything in the set's own language
	// Save saves the interview after every change, before the next question shows. nil: the
	// interview is not saved (an answers file, self-study).
	Save    func() error
	Now     func() time.Time                   // nil: time.Now
	Resumed *Screen                            // shown in place of the opening when a draft goes on
	Notice  []Line                             // facts shown first on the opening screen (which set a mock interview uses, and why)
	Cue     func(q *screening.Question) string // self-study: what the young person says
	Meta    screening.SummaryMeta              // for the summary: the set's file, the start, the contacts
	// Label, when set, asks the worker for a label for the draft before anything else (a case
	// reference, to tell drafts apart) and gives it to the function, and to the summary as its
	// case reference; CheckLabel refuses one that cannot be kept.
	Label      func(label string)
	CheckLabel func(label string) string
}

// Stopped is an interview that stopped before its summary: the worker paused it, the input
// ended, or the program was told to stop. Save says how much of it was saved.
type Stopped struct {
	Err  error
	Save SaveStatus
}

func (e *Stopped) Error() string { return e.Err.Error() }
func (e *Stopped) Unwrap() error { return e.Err }

// Run holds the conversation and returns its summary.
func Run(ctx context.Context, a Asker, cfg Config) (*screening.Summary, error) {
	c := newConversation(a, cfg)
	if err := c.run(ctx); err != nil {
		if errors.Is(err, screening.ErrInvalidAnswer) {
			return nil, err
		}
		return nil, &Stopped{Err: err, Save: c.saving}
	}
	return c.summary(), nil
}

// conversation is one interview as it runs.
type conversation struct {
	a      Asker
	s      *screening.Session
	set    *screening.QuestionSet
	cfg    Config
	w      *phrases.Interview
	lang   string // the worker's
	now    func() time.Time
	saving SaveStatus

	changed  bool            // the last answer recorded changed what was there
	guided   map[string]bool // sections whose guidance has been shown
	noted    map[string]bool // sections whose note has been asked for
	openNote *screening.Section
	closed   bool // the closing has been shown
}

func newConversation(a Asker, cfg Config) *conversation {
	s := cfg.Session
	lang := s.Set().Language
	if cfg.Languages != nil {
		lang = cfg.Languages.WorkerLang
	}
	words := cfg.Words
	if words == nil {
		words, _ = phrases.For(lang)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	return &conversation{
		a: a, s: s, set: s.Set(), cfg: cfg, w: &words.Interview, lang: lang, now: now,
		saving: SaveStatus{Enabled: cfg.Save != nil},
		guided: map[string]bool{}, noted: map[string]bool{},
	}
}

func (c *conversation) run(ctx context.Context) error {
	c.a.Status(Status{Save: c.saving}) // whether the interview is saved, from its first screen
	if c.cfg.Label != nil {
		label, err := c.a.Text(ctx, TextPrompt{Title: c.w.LabelTitle, Help: c.w.LabelHelp, Check: c.cfg.CheckLabel})
		if err != nil {
			return err
		}
		c.cfg.Label(label)
		c.cfg.Meta.CaseRef = label // the summary is filed under it too
	}
	switch {
	case c.cfg.Resumed != nil:
		if err := c.a.Show(ctx, *c.cfg.Resumed); err != nil {
			return err
		}
		if err := c.remindOfInterrupts(ctx); err != nil {
			return err
		}
	case len(c.set.Opening) > 0 || len(c.cfg.Notice) > 0:
		lines := append(slices.Clone(c.cfg.Notice), c.lines(c.set.Opening, false)...)
		if err := c.a.Show(ctx, Screen{Kind: ScreenOpening, Title: c.w.BeforeYouBegin, Lines: lines}); err != nil {
			return err
		}
	}
	if err := c.walk(ctx, false); err != nil {
		return err
	}
	if err := c.review(ctx); err != nil {
		return err
	}
	if !c.closed {
		return c.close(ctx) // nothing was read aloud: the closing comes last
	}
	return nil
}

// close shows the closing, once.
func (c *conversation) close(ctx context.Context) error {
	if c.closed || len(c.set.Closing) == 0 {
		return nil
	}
	c.closed = true
	return c.a.Show(ctx, Screen{Kind: ScreenClosing, Title: c.w.ToClose, Lines: c.lines(c.set.Closing, true)})
}

// closeIfOver shows the closing before q when the conversation with the young person is over:
// q is not read aloud, and every question read aloud has been put, or the worker ended the
// interview. The closing is said to the young person, so it comes before what the worker fills in
// alone (what the record says, what they saw) and the review, not after them.
func (c *conversation) closeIfOver(ctx context.Context, q *screening.Question) error {
	if c.closed || q.Mode.ReadAloud() {
		return nil
	}
	left, put := c.s.ReadAloud()
	if !put || (left && !c.s.Ended()) {
		return nil
	}
	return c.close(ctx)
}

func (c *conversation) lines(steps []screening.Step, closing bool) []Line {
	if c.cfg.Languages != nil {
		return c.cfg.Languages.lines(steps, closing)
	}
	return plainLines(steps)
}

// walk asks each question that applies, in order, until none is left. The worker may go back;
// a question answered before is asked again with its answer, and the walk goes on from it to
// the next that applies, answered or not, as a conversation picks up where it was. From the
// review (onlyNew), the walk asks only what has no answer: the follow-ups a change opened.
func (c *conversation) walk(ctx context.Context, onlyNew bool) error {
	q, ok := c.s.Next()
	for ok {
		current, answered := c.answerOf(q)
		if !answered {
			if err := c.closeIfOver(ctx, q); err != nil {
				return err
			}
			// A new question in a new section: the note on the section before is due.
			if err := c.noteOnLeaving(ctx, q); err != nil {
				return err
			}
		}
		reply, err := c.ask(ctx, q, current, false)
		if err != nil {
			return err
		}
		if reply.Back {
			if prev, ok := c.s.Before(q.ID); ok {
				q = prev
			}
			continue
		}
		again, err := c.record(ctx, q, reply.Answer)
		if err != nil {
			return err
		}
		if again {
			continue // back from the interrupt: the same question, as it was
		}
		if onlyNew {
			q, ok = c.s.Next()
		} else {
			// The next that applies, answered or not: after going back, the walk goes forward
			// through the answers given, one at a time, to where it was.
			q, ok = c.s.After(q.ID)
		}
	}
	if c.openNote != nil {
		return c.note(ctx, c.openNote)
	}
	return nil
}

// answerOf returns the answer q has, if it has one.
func (c *conversation) answerOf(q *screening.Question) (*screening.Answer, bool) {
	a := c.s.AnswerOf(q.ID)
	if a.State == "" || a.State == screening.StateNotApplicable {
		return nil, false
	}
	return &a, true
}

func (c *conversation) noteOnLeaving(ctx context.Context, q *screening.Question) error {
	sec := c.s.SectionOf(q)
	if c.openNote != nil && c.openNote.ID != sec.ID {
		if err := c.note(ctx, c.openNote); err != nil {
			return err
		}
	}
	if !c.noted[sec.ID] {
		c.openNote = sec
	}
	return nil
}

// note asks for the worker's note on a section, once, starting from the note it has.
func (c *conversation) note(ctx context.Context, sec *screening.Section) error {
	c.noted[sec.ID] = true
	if c.openNote != nil && c.openNote.ID == sec.ID {
		c.openNote = nil
	}
	return c.editNote(ctx, sec)
}

func (c *conversation) editNote(ctx context.Context, sec *screening.Section) error {
	before := c.s.Note(sec.ID)
	help := c.w.NoteHelpWorkerOnly
	for _, q := range sec.Questions {
		if q.Mode.ReadAloud() {
			help = c.w.NoteHelp // the young person's own words are the note's to keep
			break
		}
	}
	text, err := c.a.Text(ctx, TextPrompt{Title: fmt.Sprintf(c.w.NoteTitle, sec.Title), Help: help, Current: before, Section: sec})
	if err != nil {
		return err
	}
	c.s.SetNote(sec.ID, text)
	c.changed = c.s.Note(sec.ID) != before
	if !c.changed {
		return nil // nothing changed, nothing to save
	}
	c.save()
	c.a.Status(Status{Recorded: fmt.Sprintf(c.w.NoteOn, sec.Title), Save: c.saving})
	return nil
}

// ask puts one question, with its section's guidance first the first time the section comes up
// in the conversation (not when an answer is changed from the review).
func (c *conversation) ask(ctx context.Context, q *screening.Question, current *screening.Answer, fromReview bool) (Reply, error) {
	sec := c.s.SectionOf(q)
	if sec.Help != "" && !c.guided[sec.ID] && !fromReview {
		c.guided[sec.ID] = true
		if err := c.a.Show(ctx, Screen{Kind: ScreenGuidance, Title: sec.Title, Lines: []Line{{Kind: screening.StepDo, Text: sec.Help}}}); err != nil {
			return Reply{}, err
		}
	}
	n, total := c.s.Progress(q)
	_, hasBefore := c.s.Before(q.ID)
	p := Prompt{
		Question: q, Lang: c.lang, Section: sec, SectionIndex: sectionIndex(c.set, sec) + 1, SectionCount: len(c.set.Sections),
		N: n, Total: total, Current: current, First: !hasBefore && !fromReview, FromReview: fromReview,
	}
	if c.cfg.Cue != nil {
		p.Cue = c.cfg.Cue(q)
	}
	if c.cfg.Languages != nil {
		c.cfg.Languages.localize(&p)
	}
	return c.a.Ask(ctx, p)
}

// record keeps an answer, saves, tells the worker, and shows what must interrupt the interview.
// An answer confirmed as it was keeps the time it was first given. again is true when the worker
// went back from an interrupt to change the answer: it is taken back, and the question is asked
// again.
func (c *conversation) record(ctx context.Context, q *screening.Question, a screening.Answer) (again bool, err error) {
	before := c.s.AnswerOf(q.ID)
	if sameAnswer(before, a) {
		c.changed = false
		c.a.Status(Status{Recorded: c.describe(q, before), Kept: true, Save: c.saving})
		return false, nil
	}
	a.At = c.now()
	change, err := c.s.Record(q.ID, a)
	var order *screening.ClockOrderError
	if errors.As(err, &order) {
		// Two times out of order: which one is wrong only the worker knows. Say which, and ask
		// again; the other can be changed by going back, or from the review.
		return true, c.a.Show(ctx, c.refused(order))
	}
	if err != nil {
		return false, err
	}
	disclosed, urgent := change.Disclosed, change.Interrupts
	c.changed = true
	c.save()
	c.a.Status(Status{Recorded: c.describe(q, c.s.AnswerOf(q.ID)), Save: c.saving})
	if len(disclosed) == 0 && len(urgent) == 0 {
		return false, nil
	}
	stop := c.interrupt(urgent, disclosed)
	stop.CanGoBack = true
	choice, err := c.a.Interrupt(ctx, stop)
	if err != nil {
		return false, err
	}
	switch choice {
	case GoBack:
		if before.State == "" || before.State == screening.StateNotApplicable {
			c.s.Clear(q.ID)
		} else if err := c.s.Answer(q.ID, before); err != nil {
			return false, err
		}
		c.save()
		c.a.Status(Status{Save: c.saving})
		return true, nil
	case End:
		if !c.s.Ended() {
			c.s.End()
			c.save()
			c.a.Status(Status{Save: c.saving})
		}
	}
	return false, nil
}

// refused is the screen that says why a time was refused: it is out of order with another.
func (c *conversation) refused(e *screening.ClockOrderError) Screen {
	format := c.w.LaterThan
	if e.Earlier {
		format = c.w.EarlierThan
	}
	text := fmt.Sprintf(format, e.Question.Text, screening.FormatClock(e.At, c.lang), e.Other.Text, screening.FormatClock(e.OtherAt, c.lang))
	return Screen{Kind: ScreenRefused, Title: c.w.CheckTimes, Lines: []Line{{Text: text}}, Refused: e}
}

// remindOfInterrupts shows again, when a resumed interview was not ended, what interrupted it:
// the actions marked to interrupt that apply (call 911, the crisis line, the medical window) and
// the stop-and-refer guidance after a disclosure. The worker may have paused on that very screen,
// and the answer that brought it up is saved before it shows.
func (c *conversation) remindOfInterrupts(ctx context.Context) error {
	if c.s.Ended() {
		return nil
	}
	disclosed := c.disclosures()
	var acts []*screening.Action
	for _, a := range c.s.Actions() {
		if a.Interrupt {
			acts = append(acts, a)
		}
	}
	if len(disclosed) == 0 && len(acts) == 0 {
		return nil
	}
	reminder := c.interrupt(acts, disclosed)
	reminder.Reminder = true
	choice, err := c.a.Interrupt(ctx, reminder)
	if err != nil || choice != End {
		return err
	}
	c.s.End()
	c.save()
	c.a.Status(Status{Save: c.saving})
	return nil
}

// inSentence is a label as it reads after a colon, in English as in Spanish: its first letter in
// lower case, unless its first word is written in capitals (an acronym, such as LGBTQ).
func inSentence(label string) string {
	first, size := utf8.DecodeRuneInString(label)
	next, _ := utf8.DecodeRuneInString(label[size:])
	if !unicode.IsUpper(first) || unicode.IsUpper(next) {
		return label
	}
	return string(unicode.ToLower(first)) + label[size:]
}

// sameAnswer reports whether a is the answer already recorded.
func sameAnswer(before, a screening.Answer) bool {
	return before.State == a.State && before.Text == a.Text && before.Number == a.Number && slices.Equal(before.Choices, a.Choices) && before.State != ""
}

// save saves the interview and keeps count of what the last save that worked holds.
func (c *conversation) save() {
	if c.cfg.Save == nil {
		return
	}
	c.saving.Unsaved++
	if err := c.cfg.Save(); err != nil {
		c.saving.Err = err
		return
	}
	c.saving.Err, c.saving.Unsaved, c.saving.LastSaved = nil, 0, c.now()
}

// stopAndRefer is the guidance shown the moment a disclosure is recorded.
func (c *conversation) stopAndRefer(inds []*screening.Indicator) Interrupt {
	labels := make([]string, len(inds))
	for i, ind := range inds {
		labels[i] = inSentence(ind.Label)
	}
	return Interrupt{Title: c.w.StopAndRefer, EndByDefault: true, Lines: []Line{
		{Kind: screening.StepDo, Text: fmt.Sprintf(c.w.Disclosed, strings.Join(labels, "; "))},
		{Kind: screening.StepDo, Text: c.w.StopAsking},
		{Kind: screening.StepDo, Text: c.w.AttendToSafety},
		{Kind: screening.StepDo, Text: c.w.YouCanEnd},
	}}
}

// review shows every answer and note until the worker finishes. A changed answer can open
// follow-ups: they are asked, then the review shows again, on the row just changed.
func (c *conversation) review(ctx context.Context) error {
	focus, changed := -1, false
	for {
		rows := c.reviewRows()
		i, err := c.a.Review(ctx, Review{Rows: rows, Focus: focus, Changed: changed})
		if err != nil {
			return err
		}
		if i < 0 || i >= len(rows) {
			return nil
		}
		row := rows[i]
		if row.Kind == RowNote {
			if err := c.editNote(ctx, c.section(row.SectionID)); err != nil {
				return err
			}
		} else if err := c.change(ctx, row.QuestionID); err != nil {
			return err
		}
		focus, changed = indexOf(c.reviewRows(), row), c.changed
	}
}

// change asks a question again from the review, then whatever the new answer opens.
func (c *conversation) change(ctx context.Context, id string) error {
	q, _ := c.s.Question(id)
	c.changed = false
	for {
		current, _ := c.answerOf(q)
		reply, err := c.ask(ctx, q, current, true)
		if err != nil || reply.Back {
			return err // back, from the review, is back to the review
		}
		again, err := c.record(ctx, q, reply.Answer)
		if err != nil {
			return err
		}
		if !again {
			break
		}
	}
	if c.s.Ended() && len(c.disclosures()) == 0 {
		// The answer that made the worker stop is changed: the interview goes on.
		c.s.Continue()
		c.save()
	}
	return c.walk(ctx, true)
}

// disclosures returns the disclosure indicators raised.
func (c *conversation) disclosures() []*screening.Indicator {
	var out []*screening.Indicator
	for _, ind := range c.s.Raised() {
		if ind.Disclosure {
			out = append(out, ind)
		}
	}
	return out
}

func indexOf(rows []ReviewRow, want ReviewRow) int {
	for i, r := range rows {
		if r.Kind == want.Kind && r.QuestionID == want.QuestionID && r.SectionID == want.SectionID {
			return i
		}
	}
	return -1
}

func (c *conversation) section(id string) *screening.Section {
	for i := range c.set.Sections {
		if c.set.Sections[i].ID == id {
			return &c.set.Sections[i]
		}
	}
	return nil
}

// reviewRows are the answers of every question that applies, in order, each section's followed
// by its note.
func (c *conversation) reviewRows() []ReviewRow {
	var rows []ReviewRow
	for i := range c.set.Sections {
		sec := &c.set.Sections[i]
		n := 0
		for j := range sec.Questions {
			q := &sec.Questions[j]
			a := c.s.AnswerOf(q.ID)
			if a.State == screening.StateNotApplicable {
				continue
			}
			n++
			rows = append(rows, ReviewRow{Kind: RowAnswer, SectionID: sec.ID, Section: sec.Title, QuestionID: q.ID, Text: q.Text, Answer: c.describe(q, a), Mode: q.Mode})
		}
		if n > 0 {
			rows = append(rows, ReviewRow{Kind: RowNote, SectionID: sec.ID, Section: sec.Title, Answer: c.s.Note(sec.ID)})
		}
	}
	return rows
}

// describe says an answer in the worker's words.
func (c *conversation) describe(q *screening.Question, a screening.Answer) string {
	switch a.State {
	case screening.StateAnswered:
		return screening.DisplayAnswer(q, a, c.lang, nil) // a time as typed: an offset given on purpose is kept
	case screening.StateDeclined:
		return c.w.Declined
	case screening.StateDontKnow:
		return c.w.DontKnow
	default:
		return c.w.Skipped
	}
}

func sectionIndex(set *screening.QuestionSet, sec *screening.Section) int {
	for i := range set.Sections {
		if set.Sections[i].ID == sec.ID {
			return i
		}
	}
	return 0
}

// summary is the interview's summary in the worker's language; each answer says the language
// it was asked in.
func (c *conversation) summary() *screening.Summary {
	meta := c.cfg.Meta
	meta.Finished = c.now()
	sum := c.s.Summary(meta)
	c.cfg.Languages.Label(&sum)
	return &sum
}
