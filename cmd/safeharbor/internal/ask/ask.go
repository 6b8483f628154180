// Package ask asks one question at a time: in a terminal UI (huh), in plain lines for screen
// readers and pipes, or from an answers file. It is the only package that imports huh; the
// interview's order and rules stay in package screening.
package ask

import (
	"errors"

	"github.com/safeharbor/safeharbor/screening"
)

// Prompt is one question to ask, with where it stands in the interview.
type Prompt struct {
	Question     *screening.Question
	Section      *screening.Section
	SectionIndex int // 1-based
	SectionCount int
	N, Total     int               // the question's place among those that apply now, 1-based
	Current      *screening.Answer // the answer being changed, on the review screen
	Cue          string            // in self-study: what the young person says, or what the worker sees
	Also         string            // the question in a second language, for an interpreted interview
	Lang         string            // the language the question is shown in; "" is English
}

// yesNo are the words for yes and no in the question's language.
func yesNo(lang string) (string, string) {
	w := screening.AnswerWordsIn(lang)
	return w.Yes, w.No
}

// Screen is text the worker reads: what to say aloud and what to do.
type Screen struct {
	Title string
	Steps []screening.Step
}

// ReviewRow is one answer on the review screen.
type ReviewRow struct {
	QuestionID string
	Section    string
	Text       string
	Answer     string
}

// ErrInputEnded means the input ran out before the interview was finished. It is an
// interruption, never a silent default.
var ErrInputEnded = errors.New("input ended before the interview was finished")

// ErrAborted means the worker quit the interview (Ctrl-C in the terminal UI).
var ErrAborted = errors.New("the interview was stopped")

// stateLabels are the choices every question offers besides its own answers: the state, and
// its value in a form (a NUL first, which no option value, kebab-case, can have). How each reads
// is in Words.
var stateLabels = []struct {
	State screening.State
	Value string
}{
	{screening.StateDeclined, "\x00declined"},
	{screening.StateDontKnow, "\x00dont-know"},
	{screening.StateNotAsked, "\x00skip"},
}
