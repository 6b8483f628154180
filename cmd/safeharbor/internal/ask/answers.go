package ask

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// describeAnswer says an answer in words: the option labels, yes or no in the language the
// question was asked in, the number, the young person's words, or the state.
func describeAnswer(w *phrases.Interview, q *screening.Question, a screening.Answer, lang string) string {
	switch a.State {
	case screening.StateAnswered:
		return screening.DisplayAnswer(q, a, lang, nil) // a time as typed: an offset given on purpose is echoed
	case screening.StateDeclined:
		return w.Declined
	case screening.StateDontKnow:
		return w.DontKnow
	}
	return w.Skipped
}

// clock is the time a typed date and time is read against ("today 14:10", nothing later than
// now), in the worker's time zone. Tests set it.
var clock = time.Now

// typedLayout is how a date and time is typed, and shown to be typed again.
const typedLayout = "2006-01-02 15:04"

// describeValue is the text to start from when an answer is typed again.
func describeValue(q *screening.Question, a screening.Answer) string {
	switch q.Type {
	case screening.TypeNumber:
		return strconv.FormatFloat(a.Number, 'f', -1, 64)
	case screening.TypeDateTime:
		if t, ok := screening.StoredClock(a); ok {
			return t.In(clock().Location()).Format(typedLayout)
		}
	}
	return a.Text
}

// typedValue reads what the worker typed for a number, words, or a date and time: the answer,
// or what is wrong with it in the worker's words. A date and time is read in the order of the
// worker's language (11/12 is November in English, December in Spanish), and recorded with the
// worker's UTC offset, so the summary can say when a deadline falls wherever it is read.
func typedValue(w *phrases.Interview, q *screening.Question, text string) (screening.Answer, string) {
	a := screening.Answer{State: screening.StateAnswered, Text: text}
	if q.Type == screening.TypeDateTime {
		now := clock()
		t, err := screening.ParseDateTime(text, screening.DateOrder(w.DateOrder), now)
		switch {
		case errors.Is(err, screening.ErrFutureClock):
			return a, fmt.Sprintf(w.InTheFuture, t.Format(typedLayout))
		case errors.Is(err, screening.ErrWrongWeekday):
			return a, fmt.Sprintf(w.WrongWeekday, text, t.Format(typedLayout))
		case errors.Is(err, screening.ErrUnknownZone):
			return a, fmt.Sprintf(w.UnknownZone, text, now.Format("MST"))
		case err != nil:
			return a, fmt.Sprintf(w.NotADateTime, text, now.Format(w.DateExample), now.Format(typedLayout))
		}
		a.Text = screening.FormatStoredClock(t)
	}
	return a, checkProblem(w, q, a)
}

// dateTimeHint says how to type a date and time, with the present minute as the example: in the
// worker's order, and year first.
func dateTimeHint(w *phrases.Interview) string {
	now := clock()
	return fmt.Sprintf(w.TypeDateTime, now.Format(w.DateExample), now.Format(typedLayout))
}

// checkProblem says, in the worker's words, why a typed answer does not fit its question; ""
// when it fits. An answer that is a state (declined, dont-know, skip) holds no value to check.
func checkProblem(w *phrases.Interview, q *screening.Question, a screening.Answer) string {
	if a.State != screening.StateAnswered {
		return ""
	}
	text := strings.TrimSpace(a.Text)
	switch q.Type {
	case screening.TypeNumber:
		n, ok := screening.ParseNumber(text)
		switch {
		case !ok:
			return fmt.Sprintf(w.NotANumber, text)
		case q.Min != nil && n < *q.Min:
			return fmt.Sprintf(w.BelowMinimum, n, *q.Min)
		case q.Max != nil && n > *q.Max:
			return fmt.Sprintf(w.AboveMaximum, n, *q.Max)
		}
	case screening.TypeText:
		if text == "" {
			return w.PleaseAnswer
		}
	}
	if screening.CheckAnswer(q, a) != nil {
		return w.PleaseAnswer // the engine refuses what the checks above let through: never silently
	}
	return ""
}

// numberHint says what a number question takes: its unit and range.
func numberHint(w *phrases.Interview, q *screening.Question) string {
	var parts []string
	if q.Unit != "" {
		parts = append(parts, screening.Printable(q.Unit))
	}
	switch {
	case q.Min != nil && q.Max != nil:
		parts = append(parts, fmt.Sprintf(w.FromTo, *q.Min, *q.Max))
	case q.Min != nil:
		parts = append(parts, fmt.Sprintf(w.AtLeast, *q.Min))
	case q.Max != nil:
		parts = append(parts, fmt.Sprintf(w.AtMost, *q.Max))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
