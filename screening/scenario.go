package screening

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
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

// Parse turns a written answer into an answer to q, checked against it.
func (r RawAnswer) Parse(q *Question) (Answer, error) {
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
// that must appear (others may).
type Expectation struct {
	Concern    string
	ConcernPos Pos
	Indicators []Ref
	Actions    []Ref
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
	s := NewSession(set)
	used := map[string]bool{}
	for q, ok := s.Next(); ok; q, ok = s.Next() {
		a := Answer{State: StateNotAsked}
		if r, ok := sc.Response(q.ID); ok && r.HasAnswer {
			used[q.ID] = true
			var err error
			if a, err = r.Answer.Parse(q); err != nil {
				return nil, nil, err
			}
		}
		if err := s.Answer(q.ID, a); err != nil {
			return nil, nil, err
		}
	}
	var unused []Response
	for _, r := range sc.Responses {
		if r.HasAnswer && !used[r.QuestionID] {
			unused = append(unused, r)
		}
	}
	return s, unused, nil
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
	if _, unused, err := sc.Run(set); err == nil {
		for _, r := range unused {
			c.out.Warnf(r.Pos, RuleUnusedResponse, "the answer to %q is never used: the question does not apply to the scenario's other answers", r.QuestionID)
		}
	}
	if sc.Expect.Concern == "" {
		c.out.Errorf(sc.Pos, RuleMissingField, "the scenario has no `expect: {concern: ...}`")
	} else if !slices.Contains([]string{LevelNone, LevelPossible, LevelClear}, sc.Expect.Concern) {
		c.out.Errorf(sc.Expect.ConcernPos, RuleUnknownValue, "unknown concern %q: want \"none\", \"possible\" or \"clear\"%s", sc.Expect.Concern, DidYouMean(sc.Expect.Concern, []string{LevelNone, LevelPossible, LevelClear}))
	}
	var indIDs, actIDs []string
	for _, ind := range set.Indicators {
		indIDs = append(indIDs, ind.ID)
	}
	for _, a := range set.Actions {
		actIDs = append(actIDs, a.ID)
	}
	for _, r := range sc.Expect.Indicators {
		if !slices.Contains(indIDs, r.ID) {
			c.out.Errorf(r.Pos, RuleUnknownReference, "expect: set %s has no indicator %q%s", set.ID, r.ID, DidYouMean(r.ID, indIDs))
		}
	}
	for _, r := range sc.Expect.Actions {
		if !slices.Contains(actIDs, r.ID) {
			c.out.Errorf(r.Pos, RuleUnknownReference, "expect: set %s has no action %q%s", set.ID, r.ID, DidYouMean(r.ID, actIDs))
		}
	}
	return c.out
}

// Outcome is what a scenario's answers produced, against what it expects.
type Outcome struct {
	Concern           string
	Score             int
	Explanation       string // "score 4 = Hotel stays 2 + Older partner 2"
	MissingIndicators []string
	MissingActions    []string
}

// Pass reports whether the scenario's expectation holds.
func (o Outcome) Pass(want Expectation) bool {
	return o.Concern == want.Concern && len(o.MissingIndicators) == 0 && len(o.MissingActions) == 0
}

// Test runs a scenario against a set and compares the result with its expectation.
func (sc *Scenario) Test(set *QuestionSet) (Outcome, error) {
	s, _, err := sc.Run(set)
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{Concern: s.Level(), Score: s.Score()}
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
	return o, nil
}

// Feedback compares a trainee's interview with the scenario's scripted answers.
type Feedback struct {
	Caught      []*Indicator // raised by both
	Missed      []*Indicator // raised by the script, not by the trainee
	OverFlagged []*Indicator // raised by the trainee, not by the script
	Concern     string       // the trainee's
	Expected    string       // the scenario's
	Score       int
	// Actions the scenario expects that the trainee's interview does not list.
	MissingActions []*Action
	// Questions the scenario answers that the trainee skipped (not asked).
	Skipped []*Question
	// Questions the trainee recorded differently from the script.
	Different []*Question
}

// Compare gives feedback on a trainee's session against the scenario run on the same set.
func (sc *Scenario) Compare(set *QuestionSet, trainee *Session) (Feedback, error) {
	script, _, err := sc.Run(set)
	if err != nil {
		return Feedback{}, err
	}
	fb := Feedback{Concern: trainee.Level(), Expected: sc.Expect.Concern, Score: trainee.Score()}
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
	return a.State == b.State && a.Text == b.Text && a.Number == b.Number && slices.Equal(a.Choices, b.Choices)
}
