package ask

import (
	"context"
	"fmt"
	"io"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// Replay answers from an answers file: no prompts. A question the file does not answer is
// recorded as not asked; it is never filled with a default.
type Replay struct {
	file    string
	answers map[string]questions.FileAnswer
	used    map[string]bool
	af      *questions.AnswersFile
	last    screening.Pos // the answer given last, which the interview may refuse
}

// NewReplay prepares the answers of af (read from file) for the set of session s. It refuses
// answers to questions the set does not have, naming the file and line.
func NewReplay(file string, af *questions.AnswersFile, s *screening.Session) (*Replay, error) {
	r := &Replay{file: file, answers: make(map[string]questions.FileAnswer), used: make(map[string]bool), af: af}
	ids := make([]string, 0, len(s.Questions()))
	for _, q := range s.Questions() {
		ids = append(ids, q.ID)
	}
	for _, a := range af.Answers {
		if _, ok := s.Question(a.QuestionID); !ok {
			return nil, &InputError{File: file, Pos: a.KeyPos, Msg: fmt.Sprintf("set %s %s has no question %q%s", s.Set().ID, s.Set().Version, a.QuestionID, screening.DidYouMean(a.QuestionID, ids))}
		}
		r.answers[a.QuestionID] = a
	}
	for id, p := range af.NotePos {
		found := false
		for _, sec := range s.Set().Sections {
			found = found || sec.ID == id
		}
		if !found {
			return nil, &InputError{File: file, Pos: p, Msg: fmt.Sprintf("notes: set %s has no section %q", s.Set().ID, id)}
		}
	}
	return r, nil
}

// InputError is an answer that cannot be used, with where it is written.
type InputError struct {
	File string
	Pos  screening.Pos
	Msg  string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Column, e.Msg)
}

// Show does nothing, since nobody is reading; but an answer the interview refused is wrong in
// the file, and asking again would only give it again: it stops there, with the line.
func (r *Replay) Show(_ context.Context, s interview.Screen) error {
	if s.Kind == interview.ScreenRefused {
		msg := s.Title
		if s.Refused != nil {
			msg = s.Refused.Error()
		}
		return &InputError{File: r.file, Pos: r.last, Msg: msg}
	}
	return nil
}

// Status does nothing: nobody is reading.
func (r *Replay) Status(interview.Status) {}

// Ask returns the file's answer to the question, checked against it.
func (r *Replay) Ask(_ context.Context, p interview.Prompt) (interview.Reply, error) {
	q := p.Question
	fa, ok := r.answers[q.ID]
	if !ok {
		return interview.Answer(screening.Answer{State: screening.StateNotAsked}), nil
	}
	r.used[q.ID] = true
	r.last = fa.Pos
	// A date and time written without an offset is in the time zone of the machine replaying it.
	a, err := fa.ParseAt(q, clock())
	if err != nil {
		return interview.Reply{}, &InputError{File: r.file, Pos: fa.Pos, Msg: fmt.Sprintf("%v (the file has %s)", err, fa.RawAnswer)}
	}
	return interview.Answer(a), nil
}

// Interrupt keeps going: the file has the rest of the answers.
func (r *Replay) Interrupt(context.Context, interview.Interrupt) (interview.InterruptChoice, error) {
	return interview.GoOn, nil
}

// Text returns the file's note for a section; anything else stays as it is.
func (r *Replay) Text(_ context.Context, n interview.TextPrompt) (string, error) {
	if n.Section != nil {
		if text, ok := r.af.Notes[n.Section.ID]; ok {
			return text, nil
		}
	}
	return n.Current, nil
}

// Review changes nothing.
func (r *Replay) Review(context.Context, interview.Review) (int, error) { return -1, nil }

// Unused warns, on w, about answers to questions that did not apply and were ignored.
func (r *Replay) Unused(w io.Writer, s *screening.Session) {
	for _, a := range r.af.Answers {
		if r.used[a.QuestionID] {
			continue
		}
		fmt.Fprintf(w, "%s:%d:%d: warning: ignored the answer to %q (%s): the question does not apply to the other answers\n", r.file, a.Pos.Line, a.Pos.Column, a.QuestionID, a.RawAnswer)
	}
}
