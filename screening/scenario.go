package screening

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// RawAnswer is an answer as a file writes it, before the question's type is known: a state
// word, one value, or a list.
type RawAnswer struct {
	State   State // answered unless a state word was written
	Text    string
	Choices []string
	IsList  bool
}

// String is the answer as written, for messages.
func (r RawAnswer) String() string {
	switch {
	case r.IsList:
		return "[" + strings.Join(r.Choices, ", ") + "]"
	case r.State != StateAnswered:
		return string(r.State)
	}
	return r.Text
}

// Parse turns a written answer into an answer to q, checked against it. A date and time written
// without a UTC offset is read as UTC: scenarios are fictional, and their outcome must not change
// with the time zone of the machine that tests them.
func (r RawAnswer) Parse(q *Question) (Answer, error) { return r.ParseAt(q, time.Time{}) }

// ParseAt is Parse for an answer given at now: a date and time without an offset is read in
// now's time zone, "today 14:10" against now's date, and a time later than now is refused.
func (r RawAnswer) ParseAt(q *Question, now time.Time) (Answer, error) {
	a := Answer{State: r.State}
	switch {
	case r.State == StateNotApplicable:
		return a, fmt.Errorf("%w to %q: not-applicable is decided by the set's conditions, not written", ErrInvalidAnswer, q.ID)
	case r.State != StateAnswered:
	case q.Type == TypeMulti:
		a.Choices = r.Choices
		if !r.IsList {
			a.Choices = []string{r.Text}
		}
	case r.IsList:
		return a, fmt.Errorf("%w to %q: it takes one answer, not a list %s", ErrInvalidAnswer, q.ID, r)
	case q.Type == TypeNumber:
		n, err := strconv.ParseFloat(strings.TrimSpace(r.Text), 64)
		if err != nil {
			return a, fmt.Errorf("%w to %q: it takes a number, not %q", ErrInvalidAnswer, q.ID, r.Text)
		}
		a.Number = n
	case q.Type == TypeDateTime:
		t, err := ParseDateTime(r.Text, "", now)
		switch {
		case errors.Is(err, ErrFutureClock):
			return a, fmt.Errorf("%w to %q: %s is later than now", ErrInvalidAnswer, q.ID, r.Text)
		case errors.Is(err, ErrDateOrder):
			return a, fmt.Errorf("%w to %q: %q is a date in numbers, read month first in some countries and day first in others: write it year first, such as 2026-12-03 14:10", ErrInvalidAnswer, q.ID, r.Text)
		case errors.Is(err, ErrWrongWeekday):
			return a, fmt.Errorf("%w to %q: in %q, the day of the week is not that date's (%s)", ErrInvalidAnswer, q.ID, r.Text, t.Format("Mon 2006-01-02"))
		case errors.Is(err, ErrUnknownZone):
			return a, fmt.Errorf("%w to %q: %q names a time zone by letters other than UTC or this computer's: write the offset, such as 2026-12-03T14:10:00-05:00", ErrInvalidAnswer, q.ID, r.Text)
		case err != nil:
			return a, fmt.Errorf("%w to %q: it takes a date and time, such as 2026-12-03T14:10:00-05:00 or 2026-12-03 14:10, not %q", ErrInvalidAnswer, q.ID, r.Text)
		}
		a.Text = FormatStoredClock(t)
	default:
		a.Text = r.Text
	}
	if err := CheckAnswer(q, a); err != nil {
		return a, err
	}
	return a, nil
}

// Scenario is a fictional young person for training, and a test of a set's scoring: how they
// answer each question, and what the interview must then find.
type Scenario struct {
	ID        string
	Title     string
	Set       string // id@version
	Persona   Persona
	Responses []Response
	Expect    Expectation

	Pos, IDPos, TitlePos, SetPos Pos
}

// Persona is the role-player's card.
type Persona struct {
	Age             int
	Background      string
	WhatHappened    string
	HowTheyTalk     string
	OnlyIfAskedWell string
}

// Response is how the young person answers one question: their own words, and how a worker
// would record them.
type Response struct {
	QuestionID string
	Says       string
	Answer     RawAnswer
	HasAnswer  bool
	Pos        Pos // of the question id
	AnswerPos  Pos
}

// Expectation is what the interview must find: the concern level, and indicators and actions
// that must appear (others may); and, when given, whether the screening is complete, the level
// in named domains, and the actions that must interrupt the interview.
type Expectation struct {
	Concern     Level
	ConcernPos  Pos
	Indicators  []Ref
	Actions     []Ref
	Complete    *bool // nil: not checked
	CompletePos Pos
	Domains     []DomainExpectation
	Interrupts  []Ref
	// NotRaised and NotListed are indicators and actions that must not appear: what a set must
	// not over-read (a sextortion demand as a trafficker's quota) or wrongly advise.
	NotRaised []Ref
	NotListed []Ref
}

// DomainExpectation is the level a scenario expects in one domain.
type DomainExpectation struct {
	Domain   string
	Level    Level // none, possible, clear or incomplete
	Pos      Pos   // of the domain id
	LevelPos Pos
}

// Response returns the scenario's response to a question.
func (sc *Scenario) Response(id string) (Response, bool) {
	for _, r := range sc.Responses {
		if r.QuestionID == id {
			return r, true
		}
	}
	return Response{}, false
}

// Run answers the set as the scenario does, in order; a question it does not answer is not
// asked. It returns the session and the responses that were never used, because their
// questions did not apply.
func (sc *Scenario) Run(set *QuestionSet) (*Session, []Response, error) {
	s, unused, _, err := sc.run(set)
	return s, unused, err
}

// run is Run, also returning the ids of the actions that interrupted the interview, in the order
// they did.
func (sc *Scenario) run(set *QuestionSet) (*Session, []Response, []string, error) {
	s := NewSession(set)
	used := map[string]bool{}
	var interrupted []string
	for q, ok := s.Next(); ok; q, ok = s.Next() {
		a := Answer{State: StateNotAsked}
		if r, ok := sc.Response(q.ID); ok && r.HasAnswer {
			used[q.ID] = true
			var err error
			if a, err = r.Answer.Parse(q); err != nil {
				return nil, nil, nil, err
			}
		}
		// Recorded once; what it set off comes with it (NewInterrupts would record it a second
		// time, on a copy of the whole session).
		change, err := s.Record(q.ID, a)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, act := range change.Interrupts {
			interrupted = append(interrupted, act.ID)
		}
	}
	var unused []Response
	for _, r := range sc.Responses {
		if r.HasAnswer && !used[r.QuestionID] {
			unused = append(unused, r)
		}
	}
	return s, unused, interrupted, nil
}

// CheckScenario checks a scenario against the set it names.
func CheckScenario(sc *Scenario, set *QuestionSet) Findings {
	c := checker{}
	c.requireID(sc.ID, sc.IDPos, sc.Pos, "the scenario")
	if strings.TrimSpace(sc.Title) == "" {
		c.out.Errorf(sc.Pos, RuleMissingField, "the scenario has no title")
	}
	if set == nil {
		return c.out
	}
	s := NewSession(set)
	ids := make([]string, 0, len(s.questions))
	for _, q := range s.questions {
		ids = append(ids, q.ID)
	}
	seen := map[string]Pos{}
	for _, r := range sc.Responses {
		q, ok := s.Question(r.QuestionID)
		if !ok {
			c.out.Errorf(r.Pos, RuleUnknownReference, "set %s %s has no question %q%s", set.ID, set.Version, r.QuestionID, DidYouMean(r.QuestionID, ids))
			continue
		}
		c.unique(seen, "response to question", r.QuestionID, r.Pos)
		if q.Mode.ReadAloud() && r.HasAnswer && strings.TrimSpace(r.Says) == "" {
			c.out.Warnf(r.Pos, RuleMissingText, "the response to %q has no `says:`: the role-player and the self-study need the young person's words", r.QuestionID)
		}
		if r.HasAnswer {
			if _, err := r.Answer.Parse(q); err != nil {
				c.out.Errorf(r.AnswerPos, RuleInvalidAnswer, "%v (the scenario has %s)", err, r.Answer)
			}
		}
	}
	if c.out.HasErrors() {
		return c.out
	}
	_, unused, err := sc.Run(set)
	var order *ClockOrderError
	if errors.As(err, &order) {
		// Each time fits its question; two of them are out of order (not_before).
		r, _ := sc.Response(order.Question.ID)
		c.out.Errorf(r.AnswerPos, RuleInvalidAnswer, "%v (the scenario has %s)", err, r.Answer)
		return c.out
	}
	for _, r := range unused {
		c.out.Warnf(r.Pos, RuleUnusedResponse, "the answer to %q is never used: the question does not apply to the scenario's other answers", r.QuestionID)
	}
	concerns := []Level{LevelNone, LevelPossible, LevelClear, LevelIncomplete}
	if sc.Expect.Concern == "" {
		c.out.Errorf(sc.Pos, RuleMissingField, "the scenario has no `expect: {concern: ...}`")
	} else if !slices.Contains(concerns, sc.Expect.Concern) {
		c.out.Errorf(sc.Expect.ConcernPos, RuleUnknownValue, "unknown concern %q: want %s%s", sc.Expect.Concern, quoteList(concerns), DidYouMean(sc.Expect.Concern, concerns))
	}
	var domIDs []string
	for _, d := range set.Domains {
		domIDs = append(domIDs, d.ID)
	}
	seenDomain := map[string]Pos{}
	for _, d := range sc.Expect.Domains {
		if !slices.Contains(domIDs, d.Domain) {
			if len(domIDs) == 0 {
				c.out.Errorf(d.Pos, RuleUnknownReference, "expect: set %s %s declares no domains", set.ID, set.Version)
			} else {
				c.out.Errorf(d.Pos, RuleUnknownReference, "expect: set %s has no domain %q%s", set.ID, d.Domain, DidYouMean(d.Domain, domIDs))
			}
		} else {
			c.unique(seenDomain, "expected domain", d.Domain, d.Pos)
		}
		if !slices.Contains(concerns, d.Level) {
			c.out.Errorf(d.LevelPos, RuleUnknownValue, "expect: unknown level %q for domain %q: want %s%s", d.Level, d.Domain, quoteList(concerns), DidYouMean(d.Level, concerns))
		}
	}
	for _, r := range sc.Expect.Interrupts {
		i := slices.IndexFunc(set.Actions, func(a Action) bool { return a.ID == r.ID })
		switch {
		case i < 0:
			var ids []string
			for _, a := range set.Actions {
				if a.Interrupt {
					ids = append(ids, a.ID)
				}
			}
			c.out.Errorf(r.Pos, RuleUnknownReference, "expect: set %s has no action %q%s", set.ID, r.ID, DidYouMean(r.ID, ids))
		case !set.Actions[i].Interrupt:
			c.out.Errorf(r.Pos, RuleUnknownReference, "expect: action %q of set %s does not interrupt the interview (it has no `interrupt: true`)", r.ID, set.ID)
		}
	}
	var indIDs, actIDs []string
	for _, ind := range set.Indicators {
		indIDs = append(indIDs, ind.ID)
	}
	for _, a := range set.Actions {
		actIDs = append(actIDs, a.ID)
	}
	for _, r := range slices.Concat(sc.Expect.Indicators, sc.Expect.NotRaised) {
		if !slices.Contains(indIDs, r.ID) {
			c.out.Errorf(r.Pos, RuleUnknownReference, "expect: set %s has no indicator %q%s", set.ID, r.ID, DidYouMean(r.ID, indIDs))
		}
	}
	for _, r := range slices.Concat(sc.Expect.Actions, sc.Expect.NotListed) {
		if !slices.Contains(actIDs, r.ID) {
			c.out.Errorf(r.Pos, RuleUnknownReference, "expect: set %s has no action %q%s", set.ID, r.ID, DidYouMean(r.ID, actIDs))
		}
	}
	return c.out
}

// Outcome is what a scenario's answers produced, against what it expects.
type Outcome struct {
	Concern           Level
	Score             int
	Explanation       string // "score 4 = Hotel stays 2 + Older partner 2"
	Complete          bool
	Domains           []DomainLevel
	Interrupted       []string // the actions that interrupted, in order
	MissingIndicators []string
	MissingActions    []string
	MissingInterrupts []string
	WrongDomains      []DomainExpectation // expected levels the domain did not reach
	RaisedAnyway      []string            // indicators raised that it expects not to be
	ListedAnyway      []string            // actions listed that it expects not to be
}

// DomainLevel returns the level the outcome reached in a domain.
func (o Outcome) DomainLevel(id string) Level {
	for _, d := range o.Domains {
		if d.ID == id {
			return d.Level
		}
	}
	return ""
}

// Pass reports whether the scenario's expectation holds.
func (o Outcome) Pass(want Expectation) bool {
	return o.Concern == want.Concern && (want.Complete == nil || *want.Complete == o.Complete) &&
		len(o.MissingIndicators) == 0 && len(o.MissingActions) == 0 && len(o.MissingInterrupts) == 0 && len(o.WrongDomains) == 0 &&
		len(o.RaisedAnyway) == 0 && len(o.ListedAnyway) == 0
}

// Test runs a scenario against a set and compares the result with its expectation.
func (sc *Scenario) Test(set *QuestionSet) (Outcome, error) {
	o, _, _, err := sc.test(set)
	return o, err
}

// test is Test, also returning the session and the actions that interrupted it, for coverage.
func (sc *Scenario) test(set *QuestionSet) (Outcome, *Session, []string, error) {
	s, _, interrupted, err := sc.run(set)
	if err != nil {
		return Outcome{}, nil, nil, err
	}
	o := Outcome{Concern: s.Concern(), Score: s.Score(), Complete: !s.Completeness().Incomplete, Domains: s.Domains(), Interrupted: interrupted}
	raised := map[string]bool{}
	var parts []string
	for _, ind := range s.Raised() {
		raised[ind.ID] = true
		parts = append(parts, fmt.Sprintf("%s %d", ind.ID, ind.Weight))
	}
	o.Explanation = fmt.Sprintf("score %d", o.Score)
	if len(parts) > 0 {
		o.Explanation += " = " + strings.Join(parts, " + ")
	}
	switch r := s.Reached(); {
	case r.MetBy != "":
		o.Explanation += fmt.Sprintf("; %s needs %s: met by %s", r.Level, describeNeeds(levelNeedsOf(set.Levels, r.Level)), r.MetBy)
	case r.HeldBack != "":
		o.Explanation += fmt.Sprintf("; %s held back: it needs %s", r.HeldBack, describeNeeds(r.HeldBy))
	}
	if c := s.Completeness(); c.Incomplete {
		if c.ReadAloud == 0 {
			o.Explanation += "; incomplete: no question read aloud applies"
		} else {
			o.Explanation += fmt.Sprintf("; incomplete: %d of %d questions read aloud answered", c.ReadAloudAnswered, c.ReadAloud)
		}
		if c.TooFewAnswered() {
			o.Explanation += fmt.Sprintf(" (needs %d)", c.MinAnswered)
		}
		if len(c.KeyMissing) > 0 {
			o.Explanation += ", key questions not answered: " + strings.Join(c.KeyMissing, ", ")
		}
	}
	acted := map[string]bool{}
	for _, a := range s.Actions() {
		acted[a.ID] = true
	}
	for _, r := range sc.Expect.Indicators {
		if !raised[r.ID] {
			o.MissingIndicators = append(o.MissingIndicators, r.ID)
		}
	}
	for _, r := range sc.Expect.Actions {
		if !acted[r.ID] {
			o.MissingActions = append(o.MissingActions, r.ID)
		}
	}
	for _, r := range sc.Expect.Interrupts {
		if !slices.Contains(interrupted, r.ID) {
			o.MissingInterrupts = append(o.MissingInterrupts, r.ID)
		}
	}
	for _, d := range sc.Expect.Domains {
		if o.DomainLevel(d.Domain) != d.Level {
			o.WrongDomains = append(o.WrongDomains, d)
		}
	}
	for _, r := range sc.Expect.NotRaised {
		if raised[r.ID] {
			o.RaisedAnyway = append(o.RaisedAnyway, r.ID)
		}
	}
	for _, r := range sc.Expect.NotListed {
		if acted[r.ID] {
			o.ListedAnyway = append(o.ListedAnyway, r.ID)
		}
	}
	return o, s, interrupted, nil
}

func levelNeedsOf(l Levels, level Level) Needs {
	if level == LevelClear {
		return l.ClearNeeds
	}
	return l.PossibleNeeds
}

// Feedback compares a trainee's interview with the scenario's scripted answers.
type Feedback struct {
	Caught      []*Indicator // raised by both
	Missed      []*Indicator // raised by the script, not by the trainee
	OverFlagged []*Indicator // raised by the trainee, not by the script
	Concern     Level        // the trainee's
	Expected    Level        // the scenario's
	Score       int
	// Actions the scenario expects that the trainee's interview does not list.
	MissingActions []*Action
	// Questions the scenario answers that the trainee skipped (not asked).
	Skipped []*Question
	// Questions the scenario answers that the trainee never reached, having ended the screening
	// at an interrupt (a disclosure, a child too young): not skipped, and not a fault.
	NotReached []*Question
	// Questions the trainee recorded differently from the script.
	Different []*Question
}

// Compare gives feedback on a trainee's session against the scenario run on the same set.
func (sc *Scenario) Compare(set *QuestionSet, trainee *Session) (Feedback, error) {
	script, _, err := sc.Run(set)
	if err != nil {
		return Feedback{}, err
	}
	fb := Feedback{Concern: trainee.Concern(), Expected: sc.Expect.Concern, Score: trainee.Score()}
	want, got := map[string]bool{}, map[string]bool{}
	for _, ind := range script.Raised() {
		want[ind.ID] = true
	}
	for _, ind := range trainee.Raised() {
		got[ind.ID] = true
	}
	for i := range set.Indicators {
		ind := &set.Indicators[i]
		switch {
		case want[ind.ID] && got[ind.ID]:
			fb.Caught = append(fb.Caught, ind)
		case want[ind.ID]:
			fb.Missed = append(fb.Missed, ind)
		case got[ind.ID]:
			fb.OverFlagged = append(fb.OverFlagged, ind)
		}
	}
	listed := map[string]bool{}
	for _, a := range trainee.Actions() {
		listed[a.ID] = true
	}
	for _, r := range sc.Expect.Actions {
		for i := range set.Actions {
			if set.Actions[i].ID == r.ID && !listed[r.ID] {
				fb.MissingActions = append(fb.MissingActions, &set.Actions[i])
			}
		}
	}
	for _, q := range trainee.Questions() {
		mine, theirs := trainee.AnswerOf(q.ID), script.AnswerOf(q.ID)
		switch {
		case theirs.State == StateNotApplicable || theirs.State == StateNotAsked || theirs.State == "":
		case mine.State == "" && trainee.Ended():
			fb.NotReached = append(fb.NotReached, q)
		case mine.State == StateNotAsked || mine.State == "":
			fb.Skipped = append(fb.Skipped, q)
		case mine.State == StateNotApplicable:
		case !sameAnswer(mine, theirs):
			fb.Different = append(fb.Different, q)
		}
	}
	return fb, nil
}

func sameAnswer(a, b Answer) bool {
	if at, ok := StoredClock(a); ok {
		// One moment, whatever offset each was typed with.
		bt, ok := StoredClock(b)
		return ok && at.Equal(bt)
	}
	return a.State == b.State && a.Text == b.Text && a.Number == b.Number && slices.Equal(a.Choices, b.Choices)
}
