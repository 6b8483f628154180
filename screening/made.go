package screening

import (
	"errors"
	"fmt"
	"time"

	"github.com/safeharbor/safeharbor/screening/phrases"
)

// Made is when the worker recorded an action done (a report made, a notice given), and whether
// that was within the action's deadline. A summary records it when the worker says so, after the
// summary was written (safeharbor report-made); until then an action has none, which is never
// read as "not done".
type Made struct {
	At     time.Time
	InTime string // InTimeYes, InTimeNo (late), InTimeUnknown (the deadline is not known), InTimeNoDeadline
}

// ErrMadeBeforeStart is a time made earlier than the interview started: an action the interview
// listed cannot have been done for it before it began. (A report made earlier, for the same
// return, is the agency's record of its own, not this screening's.)
var ErrMadeBeforeStart = errors.New("earlier than the interview started")

// JudgeMade says whether an action done at the time made was within its deadline: yes when it
// was done by the time it fell due, no (late) when after it, never refused. An action with no
// deadline is InTimeNoDeadline; one whose deadline counts from a time that was not recorded is
// InTimeUnknown.
func JudgeMade(due *Deadline, made time.Time) string {
	switch {
	case due == nil:
		return InTimeNoDeadline
	case due.At.IsZero():
		return InTimeUnknown
	case made.After(due.At):
		return InTimeNo
	}
	return InTimeYes
}

// CheckMade refuses a time made that cannot be: earlier than the interview started, or later
// than now. A typed time has no seconds, so a time in the minute the interview started is taken.
func CheckMade(made, started, now time.Time) error {
	if !started.IsZero() && made.Before(started.Truncate(time.Minute)) {
		return fmt.Errorf("%w (%s)", ErrMadeBeforeStart, FormatStoredClock(started.In(made.Location())))
	}
	if !now.IsZero() && made.After(now.Add(time.Minute)) {
		return ErrFutureClock
	}
	return nil
}

// Describe says when the action was done, and whether in time, in lang.
func (m Made) Describe(lang string) string {
	c, _ := phrases.For(lang)
	r := &c.Report
	at := formatClock(m.At, c.Answers)
	switch m.InTime {
	case InTimeYes:
		return fmt.Sprintf(r.MadeInTime, at)
	case InTimeNo:
		return fmt.Sprintf(r.MadeLate, at)
	case InTimeUnknown:
		return fmt.Sprintf(r.MadeDeadlineUnknown, at)
	}
	return fmt.Sprintf(r.MadeNoDeadline, at)
}

// Facts returns the answers that record the screening's own facts (the age, the return, how the
// conversation was held, the interpreter, the worker's role), in the set's order, leaving out
// those that did not apply.
func (s *Summary) Facts() []QuestionAnswer {
	var out []QuestionAnswer
	for _, a := range s.Answers {
		if a.Fact != "" && a.State != StateNotApplicable {
			out = append(out, a)
		}
	}
	return out
}

// AnswerOf is the answer a summary records as data (its state, and its values: "yes", option
// values, the number, the words, the date and time as recorded), as the session holds it: how
// a summary written before is printed again, answer by answer, from the set it was made with.
func AnswerOf(q *Question, state State, values []string) (Answer, error) {
	a := Answer{State: state}
	if state != StateAnswered {
		return a, nil
	}
	one := func() (string, error) {
		if len(values) != 1 {
			return "", fmt.Errorf("%w to %q: %d values, where it takes one", ErrInvalidAnswer, q.ID, len(values))
		}
		return values[0], nil
	}
	var err error
	switch q.Type {
	case TypeMulti:
		a.Choices = append([]string{}, values...)
	case TypeNumber:
		var v string
		if v, err = one(); err == nil {
			n, ok := ParseNumber(v)
			if !ok {
				return a, fmt.Errorf("%w to %q: %q is not a number", ErrInvalidAnswer, q.ID, v)
			}
			a.Number = n
		}
	default:
		a.Text, err = one()
	}
	if err != nil {
		return a, err
	}
	return a, CheckAnswer(q, a)
}
