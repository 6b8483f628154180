package screening

import (
	"fmt"
	"maps"
)

// Snapshot is everything an interview has recorded, to be saved and resumed: the answers the
// worker gave (not what follows from them), the notes, and whether the worker ended it early.
type Snapshot struct {
	Answers map[string]Answer
	Notes   map[string]string
	Ended   bool
}

// Snapshot returns a copy of the session's record.
func (s *Session) Snapshot() Snapshot {
	return Snapshot{Answers: maps.Clone(s.answers), Notes: maps.Clone(s.notes), Ended: s.ended}
}

// Answered counts the questions with a recorded answer of any state.
func (sn Snapshot) Answered() int { return len(sn.Answers) }

// Restore rebuilds a session from a snapshot over the same set, checking every answer again in
// question order. An answer to a question the set does not have, or that does not fit it, is an
// error: a draft is never silently mixed with another set.
func Restore(set *QuestionSet, sn Snapshot) (*Session, error) {
	s := NewSession(set)
	for id := range sn.Answers {
		if _, ok := s.index[id]; !ok {
			return nil, fmt.Errorf("restore: set %s %s has no question %q", set.ID, set.Version, id)
		}
	}
	for _, q := range s.questions {
		a, ok := sn.Answers[q.ID]
		if !ok || !s.Applies(q.ID) {
			continue
		}
		if err := s.Answer(q.ID, a); err != nil {
			return nil, fmt.Errorf("restore: %w", err)
		}
	}
	for sec, note := range sn.Notes {
		s.SetNote(sec, note)
	}
	s.ended = sn.Ended
	return s, nil
}
