package ask

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// describeAnswer says an answer in words: the option labels, yes or no in the language the
// question was asked in, the number, the young person's words, or the state.
func describeAnswer(w *phrases.Interview, q *screening.Question, a screening.Answer, lang string) string {
	switch a.State {
	case screening.StateAnswered:
		return screening.DisplayAnswer(q, a, lang)
	case screening.StateDeclined:
		return w.Declined
	case screening.StateDontKnow:
		return w.DontKnow
	}
	return w.Skipped
}

// describeValue is the text to start from when an answer is typed again.
func describeValue(q *screening.Question, a screening.Answer) string {
	if q.Type == screening.TypeNumber {
		return strconv.FormatFloat(a.Number, 'f', -1, 64)
	}
	return a.Text
}

// checkProblem says, in the worker's words, why a typed answer does not fit its question; ""
// when it fits.
func checkProblem(w *phrases.Interview, q *screening.Question, a screening.Answer) string {
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
