package screening

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// State is what became of a question in an interview.
type State string

// The answer states. Only answered values raise indicators; a decline is never a "no".
const (
	StateAnswered      State = "answered"
	StateDeclined      State = "declined"       // the young person preferred not to say
	StateDontKnow      State = "dont-know"      // the young person did not know
	StateNotAsked      State = "not-asked"      // the worker skipped it, or the interview ended first
	StateNotApplicable State = "not-applicable" // its when did not hold
)

// Answer is the answer to one question: its state and, when answered, its value.
type Answer struct {
	State   State
	Text    string    // yesno: "yes" or "no"; single: an option value; text: the words
	Choices []string  // multi: option values, in the order of the options
	Number  float64   // number
	At      time.Time // when it was given; the caller's clock (the engine has none)
}

// Answered returns an answered Answer for a yesno, single or text question.
func Answered(text string) Answer { return Answer{State: StateAnswered, Text: text} }

// IsAnswered reports whether a holds a value.
func (a Answer) IsAnswered() bool { return a.State == StateAnswered }

// ErrInvalidAnswer is wrapped by every error for an answer that does not fit its question.
var ErrInvalidAnswer = errors.New("invalid answer")

// Session is one interview over a question set: the answers so far, what to ask next, and
// what they add up to. It is not safe for concurrent use.
type Session struct {
	set       *QuestionSet
	questions []*Question
	section   []int          // index of each question's section
	secStart  []int          // index of each section's first question
	index     map[string]int // question id -> order
	answers   map[string]Answer
	notes     map[string]string // section id -> the worker's note
	ended     bool              // the worker ended the interview early (after a disclosure)
	t         track             // the interview as it stands, kept up to date (incremental.go)
}

// NewSession starts an interview over set, which must have passed CheckSet without errors.
func NewSession(set *QuestionSet) *Session {
	s := &Session{set: set, index: make(map[string]int), answers: make(map[string]Answer), notes: make(map[string]string)}
	for i := range set.Sections {
		s.secStart = append(s.secStart, len(s.questions))
		for j := range set.Sections[i].Questions {
			q := &set.Sections[i].Questions[j]
			s.index[q.ID] = len(s.questions)
			s.questions = append(s.questions, q)
			s.section = append(s.section, i)
		}
	}
	s.initTrack()
	return s
}

// Set returns the session's question set.
func (s *Session) Set() *QuestionSet { return s.set }

// Questions returns every question in order.
func (s *Session) Questions() []*Question { return s.questions }

// Question returns the question with the given id.
func (s *Session) Question(id string) (*Question, bool) {
	i, ok := s.index[id]
	if !ok {
		return nil, false
	}
	return s.questions[i], true
}

// SectionOf returns the section a question belongs to.
func (s *Session) SectionOf(q *Question) *Section {
	return &s.set.Sections[s.section[s.index[q.ID]]]
}

// view is the interview seen from one point in the question order: the effective state of every
// question before that point. A question's when is evaluated against the questions before it
// only, so a later answer can never change whether an earlier question applies.
type view struct {
	s      *Session
	upto   int
	states []Answer // effective answer of questions[0:upto]
	// note, when set, is told every condition the view decides and how: coverage's way of
	// seeing what the engine evaluated. The interview's own views leave it nil.
	note func(c *Condition, holds bool)
}

// viewUpTo is the interview seen from question n. It is read from what the session keeps, not
// recomputed, and costs nothing to make.
func (s *Session) viewUpTo(n int) *view {
	return &view{s: s, upto: n, states: s.t.states[:n]}
}

// applies reports whether question j applies: its section's condition holds, decided at the
// section's first question, and its own holds, decided against the questions before it.
func (s *Session) applies(j int) bool {
	sec := s.section[j]
	if w := s.set.Sections[sec].When; w != nil && !s.viewUpTo(s.secStart[sec]).holds(w) {
		return false
	}
	q := s.questions[j]
	return q.When == nil || s.viewUpTo(j).holds(q.When)
}

// isRaised reports whether an answer before the view's point raises the indicator.
func (v *view) isRaised(id string) bool {
	k, ok := v.s.t.indPos[id]
	return ok && v.s.t.first[k] < v.upto
}

// score is the total weight of the indicators raised before the view's point, each counted once.
func (v *view) score() int {
	total := 0
	for k := range v.s.set.Indicators {
		if v.s.t.first[k] < v.upto {
			total += v.s.set.Indicators[k].Weight
		}
	}
	return total
}

// raisedBy returns the indicators an answer raises. Only answered values raise anything.
func raisedBy(q *Question, a Answer) []string {
	if !a.IsAnswered() {
		return nil
	}
	var ids []string
	switch q.Type {
	case TypeYesNo:
		if a.Text == "yes" && q.Indicator.ID != "" {
			ids = append(ids, q.Indicator.ID)
		}
	case TypeSingle:
		for _, o := range q.Options {
			if o.Value == a.Text && o.Indicator.ID != "" {
				ids = append(ids, o.Indicator.ID)
			}
		}
	case TypeMulti:
		for _, o := range q.Options {
			if slices.Contains(a.Choices, o.Value) && o.Indicator.ID != "" {
				ids = append(ids, o.Indicator.ID)
			}
		}
	}
	return ids
}

// holds evaluates a condition in the view.
func (v *view) holds(c *Condition) bool {
	h := v.decide(c)
	if v.note != nil {
		v.note(c, h)
	}
	return h
}

// decide is holds without the note: all, any and not decide their parts through holds, so each
// part is noted as it is decided (and a part that all or any did not need is not).
func (v *view) decide(c *Condition) bool {
	switch c.Op {
	case OpAll:
		for i := range c.Sub {
			if !v.holds(&c.Sub[i]) {
				return false
			}
		}
		return true
	case OpAny:
		for i := range c.Sub {
			if v.holds(&c.Sub[i]) {
				return true
			}
		}
		return false
	case OpNot:
		return len(c.Sub) == 1 && !v.holds(&c.Sub[0])
	case OpIndicator:
		return v.isRaised(c.Indicator)
	case OpLevel:
		if c.Domain != "" {
			return levelRank(v.domainReach(c.Domain).Level) >= levelRank(c.Level)
		}
		return levelRank(v.level()) >= levelRank(c.Level)
	case OpComplete:
		return !v.completeness().Incomplete == c.Flag
	}
	i, ok := v.s.index[c.Question]
	if !ok || i >= v.upto {
		return false // checked sets never get here
	}
	a := v.states[i]
	switch c.Op {
	case OpAnswered:
		return a.IsAnswered() == c.Flag
	case OpDeclined:
		return (a.State == StateDeclined) == c.Flag
	}
	if !a.IsAnswered() {
		return false // is, is_not, includes and the numbers hold only of an answer
	}
	switch c.Op {
	case OpIs:
		return a.Text == c.Value
	case OpIsNot:
		return a.Text != c.Value
	case OpIncludes:
		return slices.Contains(a.Choices, c.Value)
	case OpLessThan:
		return a.Number < c.Number
	case OpAtLeast:
		return a.Number >= c.Number
	}
	return false
}

// raisedList returns the indicators raised in the view, in the set's order. The slice is the
// session's own, good until the next call: callers use it at once.
func (v *view) raisedList() []*Indicator {
	out := v.s.t.scratch[:0]
	defer func() { v.s.t.scratch = out[:0] }()
	for i := range v.s.set.Indicators {
		if v.s.t.first[i] < v.upto {
			out = append(out, &v.s.set.Indicators[i])
		}
	}
	return out
}

func (v *view) reach() Reached { return v.s.set.Levels.Reach(v.raisedList()) }

func (v *view) level() Level { return v.reach().Level }

// domainReach applies the set's levels to the raised indicators of one domain.
func (v *view) domainReach(domain string) Reached {
	var in []*Indicator
	for _, ind := range v.raisedList() {
		if ind.Domain.ID == domain {
			in = append(in, ind)
		}
	}
	return v.s.set.Levels.Reach(in)
}

// domains returns the level in each of the set's domains, in the set's order.
func (v *view) domains(c Completeness) []DomainLevel {
	out := make([]DomainLevel, 0, len(v.s.set.Domains))
	for _, d := range v.s.set.Domains {
		r := v.domainReach(d.ID)
		out = append(out, DomainLevel{ID: d.ID, Label: d.Label, Level: concern(r.Level, c), Reached: r})
	}
	return out
}

// Next returns the next question to ask: the first that applies and has no answer yet. It
// returns false when none is left. Once the worker has ended the interview early, only what
// needs nothing more from the young person is left: what the worker observes and what the
// record says.
func (s *Session) Next() (*Question, bool) {
	open := &s.t.open
	if s.ended {
		open = &s.t.openNotRA
	}
	if i := open.first(); i >= 0 {
		return s.questions[i], true
	}
	return nil, false
}

// stillAsked reports whether q can still be put: every question until the worker ends the
// interview, then only those not read aloud.
func (s *Session) stillAsked(q *Question) bool { return !s.ended || !q.Mode.ReadAloud() }

// ReadAloud says how the questions read aloud stand: whether any applies and has no answer yet
// (left), and whether any has been put to the young person (answered, declined, not known, or
// skipped). The conversation with the young person is over when some were put and none is left,
// or the worker ended it: what follows is for the worker alone.
func (s *Session) ReadAloud() (left, put bool) {
	for j, q := range s.questions {
		if !q.Mode.ReadAloud() {
			continue
		}
		switch s.t.states[j].State {
		case "":
			left = true
		case StateNotApplicable:
		default:
			put = true
		}
	}
	return left, put
}

// Before returns the question to go back to from question id: the last one before it that
// applies and has an answer. It returns false at the first question.
func (s *Session) Before(id string) (*Question, bool) {
	i, ok := s.index[id]
	if !ok {
		return nil, false
	}
	for j := i - 1; j >= 0; j-- {
		if st := s.t.states[j].State; st != "" && st != StateNotApplicable {
			return s.questions[j], true
		}
	}
	return nil, false
}

// After returns the first question after id that applies and can still be put, answered or
// not: where an interview that went back goes forward again.
func (s *Session) After(id string) (*Question, bool) {
	i, ok := s.index[id]
	if !ok {
		return nil, false
	}
	for j := i + 1; j < len(s.questions); j++ {
		if s.t.states[j].State != StateNotApplicable && s.stillAsked(s.questions[j]) {
			return s.questions[j], true
		}
	}
	return nil, false
}

// Progress returns the position of q among the questions that apply now (1-based; 0 when q does
// not apply) and how many apply in all. The total changes as answers open or close follow-ups.
func (s *Session) Progress(q *Question) (n, total int) {
	total = s.t.applies.sum(len(s.questions) - 1)
	i, ok := s.index[q.ID]
	if !ok || s.t.states[i].State == StateNotApplicable {
		return 0, total
	}
	return s.t.applies.sum(i), total
}

// Applies reports whether question id applies given the answers to the questions before it.
func (s *Session) Applies(id string) bool {
	i, ok := s.index[id]
	return ok && s.t.states[i].State != StateNotApplicable
}

// Answer records the answer to question id. It checks the answer against the question; an
// answer to a question that does not apply is refused. Answering again replaces the earlier
// answer, and later answers that no longer apply are dropped (they become not-applicable).
func (s *Session) Answer(id string, a Answer) error {
	_, err := s.Record(id, a)
	return err
}

// Change is what recording an answer set off: the disclosure indicators it raised that were not
// raised before (the moment to show the stop-and-refer guidance), and the actions marked to
// interrupt whose conditions it made true (the moment to show them).
type Change struct {
	Disclosed  []*Indicator
	Interrupts []*Action
}

// Record records the answer to question id, as Answer does, and says what it set off.
func (s *Session) Record(id string, a Answer) (Change, error) {
	i, a, err := s.accept(id, a)
	if err != nil {
		return Change{}, err
	}
	var ch Change
	ch.Disclosed = s.newDisclosures(s.questions[i], a)
	was := s.interruptsHolding()
	s.answers[id] = a
	s.update(i, a)
	now := s.interruptsHolding()
	for k, act := range s.t.interrupting {
		if now[k] && !was[k] {
			ch.Interrupts = append(ch.Interrupts, act)
		}
	}
	slices.SortStableFunc(ch.Interrupts, func(x, y *Action) int { return priorityRank(x.Priority) - priorityRank(y.Priority) })
	return ch, nil
}

// Check reports whether Record would take answer a to question id, without recording it.
func (s *Session) Check(id string, a Answer) error {
	_, _, err := s.accept(id, a)
	return err
}

// accept is what Record takes and Check checks: the question's place and the answer as it is
// kept, or why it is refused (no such question, one that does not apply, an answer that does
// not fit it, a time out of order with another).
func (s *Session) accept(id string, a Answer) (int, Answer, error) {
	i, ok := s.index[id]
	switch {
	case !ok:
		return 0, a, fmt.Errorf("%w: no question %q in set %s", ErrInvalidAnswer, id, s.set.ID)
	case s.t.states[i].State == StateNotApplicable:
		return 0, a, fmt.Errorf("%w: question %q does not apply to the answers given so far", ErrInvalidAnswer, id)
	}
	a, err := normalize(s.questions[i], a)
	if err != nil {
		return 0, a, err
	}
	return i, a, s.checkClockOrder(i, a)
}

// Clear takes back the answer to question id, as if it had not been asked yet; the answers it
// opened are dropped with it.
func (s *Session) Clear(id string) {
	i, ok := s.index[id]
	if !ok || s.t.states[i].State == StateNotApplicable {
		return
	}
	delete(s.answers, id)
	s.update(i, Answer{})
}

// normalize checks an answer against its question and puts it in canonical form.
func normalize(q *Question, a Answer) (Answer, error) {
	bad := func(format string, args ...any) (Answer, error) {
		return Answer{}, fmt.Errorf("%w to %q: %s", ErrInvalidAnswer, q.ID, fmt.Sprintf(format, args...))
	}
	switch a.State {
	case StateDeclined, StateDontKnow, StateNotAsked:
		return Answer{State: a.State, At: a.At}, nil
	case StateAnswered:
	default:
		return bad("unknown state %q", a.State)
	}
	out := Answer{State: StateAnswered, At: a.At}
	switch q.Type {
	case TypeYesNo:
		switch strings.ToLower(strings.TrimSpace(a.Text)) {
		case "yes", "y", "true":
			out.Text = "yes"
		case "no", "n", "false":
			out.Text = "no"
		default:
			return bad("%q is not yes or no", a.Text)
		}
	case TypeSingle:
		if !hasOption(q, a.Text) {
			return bad("%q is not one of %s", a.Text, quoteList(optionValues(q)))
		}
		out.Text = a.Text
	case TypeMulti:
		for _, c := range a.Choices {
			if !hasOption(q, c) {
				return bad("%q is not one of %s", c, quoteList(optionValues(q)))
			}
		}
		for _, o := range q.Options { // option order, no duplicates
			if slices.Contains(a.Choices, o.Value) {
				out.Choices = append(out.Choices, o.Value)
			}
		}
	case TypeNumber:
		n := a.Number
		if a.Text != "" {
			f, ok := ParseNumber(a.Text)
			if !ok {
				return bad("%q is not a number", a.Text)
			}
			n = f
		}
		switch {
		case math.IsNaN(n) || math.IsInf(n, 0):
			return bad("not a number")
		case q.Min != nil && n < *q.Min:
			return bad("%v is below the minimum, %v", n, *q.Min)
		case q.Max != nil && n > *q.Max:
			return bad("%v is above the maximum, %v", n, *q.Max)
		}
		out.Number = n
	case TypeText:
		out.Text = strings.TrimSpace(a.Text)
		if out.Text == "" {
			return bad("the answer is empty; record it as declined, dont-know or not asked instead")
		}
	case TypeDateTime:
		t, err := parseStoredClock(a.Text)
		if err != nil {
			return bad("%q is not a date and time with its UTC offset, such as 2026-12-03T14:10:00-05:00", a.Text)
		}
		out.Text = FormatStoredClock(t)
	}
	return out, nil
}

func hasOption(q *Question, value string) bool {
	for _, o := range q.Options {
		if o.Value == value {
			return true
		}
	}
	return false
}

func optionValues(q *Question) []string {
	vs := make([]string, len(q.Options))
	for i, o := range q.Options {
		vs[i] = o.Value
	}
	return vs
}

// AnswerOf returns the effective answer of question id: not-applicable when its when does not
// hold, and a zero State when it has not been answered yet.
func (s *Session) AnswerOf(id string) Answer {
	i, ok := s.index[id]
	if !ok {
		return Answer{}
	}
	return s.t.states[i]
}

// SetNote records the worker's note for a section; an empty note removes it.
func (s *Session) SetNote(sectionID, note string) {
	if note = strings.TrimSpace(note); note == "" {
		delete(s.notes, sectionID)
		return
	}
	s.notes[sectionID] = note
}

// Note returns the worker's note for a section.
func (s *Session) Note(sectionID string) string { return s.notes[sectionID] }

// End ends the interview before the last question (the worker chose to stop after a
// disclosure). The questions left to read aloud are recorded as not asked.
func (s *Session) End() { s.ended = true }

// Continue takes back End: the worker changed the answer that made them stop, and the
// interview goes on where it was.
func (s *Session) Continue() { s.ended = false }

// Ended reports whether the worker ended the interview early.
func (s *Session) Ended() bool { return s.ended }

// Raised returns the indicators raised so far, in the set's order.
func (s *Session) Raised() []*Indicator {
	v := s.viewUpTo(len(s.questions))
	var out []*Indicator
	for i := range s.set.Indicators {
		if v.isRaised(s.set.Indicators[i].ID) {
			out = append(out, &s.set.Indicators[i])
		}
	}
	return out
}

// Score returns the total weight of the indicators raised, each counted once.
func (s *Session) Score() int { return s.viewUpTo(len(s.questions)).score() }

// Level returns the level the answers reach so far: none, possible or clear.
func (s *Session) Level() Level { return s.Reached().Level }

// Reached returns the level the answers reach so far, with the rule that decided it.
func (s *Session) Reached() Reached { return s.viewUpTo(len(s.questions)).reach() }

// Completeness returns how much of the screening was done, counting what applies and has no
// answer yet as not asked: what the summary would say if the interview ended now.
func (s *Session) Completeness() Completeness { return s.viewUpTo(len(s.questions)).completeness() }

// Concern returns what the summary reports: the level reached, or incomplete.
func (s *Session) Concern() Level {
	v := s.viewUpTo(len(s.questions))
	return concern(v.level(), v.completeness())
}

// Domains returns the level in each of the set's domains, in the set's order.
func (s *Session) Domains() []DomainLevel {
	v := s.viewUpTo(len(s.questions))
	return v.domains(v.completeness())
}

// NewDisclosures returns the disclosure indicators that answer a to question id would raise and
// that are not raised already: the moment to show the stop-and-refer guidance.
func (s *Session) NewDisclosures(id string, a Answer) []*Indicator {
	q, ok := s.Question(id)
	if !ok {
		return nil
	}
	return s.newDisclosures(q, a)
}

func (s *Session) newDisclosures(q *Question, a Answer) []*Indicator {
	var out []*Indicator
	for _, ind := range raisedBy(q, a) {
		for i := range s.set.Indicators {
			x := &s.set.Indicators[i]
			if x.ID == ind && x.Disclosure && len(s.t.raisers[ind]) == 0 {
				out = append(out, x)
			}
		}
	}
	return out
}

// NewInterrupts returns the interrupting actions whose conditions answer a to question id would
// make true, and that are not true already. It changes nothing; an answer that does not fit the
// question makes none true. (Record says the same of an answer it records, at no extra cost.)
func (s *Session) NewInterrupts(id string, a Answer) []*Action {
	ch, err := s.clone().Record(id, a)
	if err != nil {
		return nil
	}
	return ch.Interrupts
}

// interruptsHolding says, for each interrupting action, whether its condition holds now.
func (s *Session) interruptsHolding() []bool {
	acts := s.t.interrupting
	if len(acts) == 0 {
		return nil
	}
	v := s.viewUpTo(len(s.questions))
	out := make([]bool, len(acts))
	for k, act := range acts {
		out[k] = v.holds(act.When)
	}
	return out
}

func priorityRank(p Priority) int {
	switch p {
	case PriorityUrgent:
		return 0
	case PriorityRequired:
		return 1
	}
	return 2
}

// Actions returns the actions whose conditions hold for the whole interview, most pressing
// first (urgent, required, recommended), and in file order within a priority.
func (s *Session) Actions() []*Action {
	v := s.viewUpTo(len(s.questions))
	var out []*Action
	for _, p := range []Priority{PriorityUrgent, PriorityRequired, PriorityRecommended} {
		for i := range s.set.Actions {
			a := &s.set.Actions[i]
			if a.Priority == p && (a.When == nil || v.holds(a.When)) {
				out = append(out, a)
			}
		}
	}
	return out
}

// CheckAnswer reports whether a fits question q (type, option values, range), without
// recording it.
func CheckAnswer(q *Question, a Answer) error {
	_, err := normalize(q, a)
	return err
}
